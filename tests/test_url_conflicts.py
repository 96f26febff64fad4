"""Two sources for one URL are refused by `check` and the build; field spellings are one field; odd codes."""

from __future__ import annotations

import pytest
from conftest import article
from test_check import run_check
from test_procedures import procedure

from cchc.content.loader import load_content
from cchc.site import urls
from cchc.site.pages import plan_site
from cchc.timeutil import now_vn


@pytest.mark.parametrize(("first", "second"), [("1.000890", "1-000890"), ("ABC.1", "abc.1")])
def test_two_procedures_with_one_url_are_refused_naming_both_files(make_content, first, second):
    content_dir = make_content(
        {
            "procedures/a.yml": procedure(code=first, name="Thủ tục A"),
            "procedures/b.yml": procedure(code=second, name="Thủ tục B"),
        }
    )
    code, lines = run_check(content_dir)
    assert code == 1
    slug = urls.procedure_slug(first)
    assert lines == [
        f"content/procedures/b.yml:2: trường 'code': mã thủ tục '{second}' cho cùng địa chỉ trang "
        f"/thu-tuc-hanh-chinh/{slug}/ với content/procedures/a.yml; hai tệp không thể dùng chung một trang, "
        "hãy sửa mã của một tệp"
    ]


def test_code_index_gets_its_own_page_and_the_catalog_keeps_its_own(make_content):
    content, problems = load_content(make_content({"procedures/index.yml": procedure(code="index", name="Thủ tục X")}))
    assert problems.items == []
    plan = plan_site(content, now_vn())
    assert plan.pages["thu-tuc-hanh-chinh/index.md"].template == "catalog.html"
    assert plan.pages["thu-tuc-hanh-chinh/ma-index.md"].title == "Thủ tục X"


def test_code_without_letters_or_digits_is_a_clear_error(make_content):
    code, lines = run_check(make_content({"procedures/p.yml": procedure(code="!!!")}))
    assert (code, lines) == (
        1,
        [
            "content/procedures/p.yml:2: trường 'code': mã thủ tục '!!!' không có chữ hay số nào để làm địa chỉ "
            'trang; hãy ghi đúng mã trên Cổng dịch vụ công, ví dụ "1.001193"'
        ],
    )


def test_field_spellings_are_one_field_with_a_warning(make_content):
    content_dir = make_content(
        {
            "procedures/a.yml": procedure(code="1.000001", field="Hộ tịch"),
            "procedures/b.yml": procedure(code="1.000002", field="Hộ tịch"),
            "procedures/c.yml": procedure(code="1.000003", field="hộ tịch"),
        }
    )
    code, lines = run_check(content_dir)
    assert (code, lines) == (
        0,
        [
            "content/procedures/c.yml:3: cảnh báo: trường 'field': lĩnh vực 'hộ tịch' được coi là 'Hộ tịch' "
            "(cùng một lĩnh vực, khác cách viết); hãy viết thống nhất 'Hộ tịch'"
        ],
    )
    content, _ = load_content(content_dir)
    plan = plan_site(content, now_vn())
    field_pages = [p for uri, p in plan.pages.items() if uri.startswith("thu-tuc-hanh-chinh/linh-vuc/")]
    assert [(p.title, len(p.context["field"]["procedures"])) for p in field_pages] == [
        ("Thủ tục hành chính lĩnh vực Hộ tịch", 3)
    ]
    catalog = plan.pages["thu-tuc-hanh-chinh/index.md"].context["catalog"]
    assert [(f["name"], f["count"]) for f in catalog["fields"]] == [("Hộ tịch", 3)]


@pytest.mark.build
def test_build_refuses_two_procedures_with_one_url(build):
    build(
        {
            "procedures/a.yml": procedure(code="1.000890"),
            "procedures/b.yml": procedure(code="1-000890"),
        },
        check=False,
    )
    result = build.result
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "content/procedures/b.yml:2: trường 'code': mã thủ tục '1-000890' cho cùng địa chỉ trang" in result.stderr
    assert "với content/procedures/a.yml" in result.stderr


def test_files_a_browser_would_run_are_not_published(make_content):

    body = "Xem [trang](van-ban/trang.html)."
    attachments = "\n  - file: van-ban/bieu-mau.pdf\n  - file: anh/logo.svg"
    text = article("Bài", "2024-03-07", body=body, attachments=attachments)
    code, lines = run_check(
        make_content(
            {
                "articles/2024/bai.md": text,
                "articles/2024/anh/logo.svg": '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',
                "articles/2024/van-ban/trang.html": "<script>alert(1)</script>",
                "articles/2024/van-ban/bieu-mau.pdf": "%PDF-1.4",
            }
        )
    )
    assert code == 1
    assert lines == [
        "content/articles/2024/bai.md:8: tệp 'logo.svg' là loại tệp trình duyệt chạy như một trang (.svg), có thể "
        "chứa mã độc nên cổng không đăng; hãy chuyển sang PDF, hoặc ảnh PNG/JPG",
        "content/articles/2024/bai.md:11: tệp 'trang.html' là loại tệp trình duyệt chạy như một trang (.html), có "
        "thể chứa mã độc nên cổng không đăng; hãy chuyển sang PDF, hoặc ảnh PNG/JPG",
    ]
