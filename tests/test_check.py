"""`python -m cchc check`: one fixture per mistake an editor can make, and the message they see."""

from __future__ import annotations

import io

import pytest
from conftest import REPO, article, run_python

from cchc.commands import check


def run_check(content_dir) -> tuple[int, list[str]]:
    out = io.StringIO()
    code = check.run(content_dir, out=out)
    return code, out.getvalue().splitlines()


def test_valid_content_prints_nothing(make_content):
    assert run_check(make_content()) == (0, [])


def test_demo_content_is_valid():
    result = run_python("cchc", "check", cwd=REPO)
    assert (result.returncode, result.stderr) == (0, "")
    # The demo has one scheduled article: a notice, not an error.
    assert result.stdout.splitlines() == [
        "content/articles/2026/so-ket-quy-i-2027.md:3: lưu ý: bài hẹn giờ: sẽ đăng ngày 20/03/2027"
    ]


BAD_ARTICLES = {
    "missing title": (
        "---\ndate: 2024-03-06\nunit: phong-noi-vu\ncategory: tin-cchc\n---\nX\n",
        "content/articles/bai.md:1: trường bắt buộc 'title' bị thiếu (cần tiêu đề bài viết)",
    ),
    "empty title": (
        "---\ntitle: ''\ndate: 2024-03-06\nunit: phong-noi-vu\ncategory: tin-cchc\n---\nX\n",
        "content/articles/bai.md:2: trường bắt buộc 'title' bị bỏ trống (cần tiêu đề bài viết)",
    ),
    "unknown unit": (
        article("Tin", "2024-03-06", unit="phong-noi-vuu"),
        "content/articles/bai.md:4: trường 'unit': không có đơn vị 'phong-noi-vuu' trong content/units.yml (có phải ý bạn là 'phong-noi-vu'?)",
    ),
    "unknown category": (
        article("Tin", "2024-03-06", category="tin-moi"),
        "content/articles/bai.md:5: trường 'category': không có chuyên mục 'tin-moi' trong content/categories.yml",
    ),
    "impossible date": (
        article("Tin", "2024-02-30"),
        "content/articles/bai.md:3: trường 'date': ngày '2024-02-30' không có thật: tháng 2/2024 không có ngày 30",
    ),
    "broken yaml": (
        "---\ntitle: Hỏi đáp: thủ tục\ndate: 2024-03-06\n---\nX\n",
        "content/articles/bai.md:2: YAML sai cú pháp: giá trị có dấu hai chấm ':' cần đặt trong ngoặc kép",
    ),
    "no front matter": (
        "# Tin\n\nKhông có phần đầu.\n",
        "content/articles/bai.md:1: thiếu phần thông tin đầu bài (front matter) mở bằng dòng '---'",
    ),
    "unclosed front matter": (
        "---\ntitle: Tin\ndate: 2024-03-06\n",
        "content/articles/bai.md:1: phần thông tin đầu bài chưa được đóng bằng dòng '---'",
    ),
    "missing image": (
        article("Tin", "2024-03-06", image="anh/khong-co.jpg"),
        "content/articles/bai.md:6: trường 'image': không tìm thấy tệp 'anh/khong-co.jpg' (tính từ thư mục của bài viết)",
    ),
    "attachment outside content": (
        article("Tin", "2024-03-06").replace("---\n\n", "attachments:\n  - file: ../../../etc/passwd\n---\n\n", 1),
        "content/articles/bai.md:6: trường 'attachments': '../../../etc/passwd' trỏ ra ngoài thư mục content/",
    ),
    "unit after it ended": (
        article("Tin", "2025-07-01", unit="ubnd-huyen"),
        "content/articles/bai.md:4: trường 'unit': đơn vị 'ubnd-huyen' (UBND huyện Long Phú) không tồn tại vào ngày 01/07/2025 (đơn vị chỉ hoạt động đến 30/06/2025)",
    ),
    "unit before it began": (
        article("Tin", "2025-06-30", unit="ubnd-xa-moi"),
        "content/articles/bai.md:4: trường 'unit': đơn vị 'ubnd-xa-moi' (UBND xã Long Phú) không tồn tại vào ngày 30/06/2025 (đơn vị chỉ hoạt động từ 01/07/2025)",
    ),
    "typo in a field name": (
        article("Tin", "2024-03-06", catgory="tin-cchc"),
        "content/articles/bai.md:6: trường 'catgory' không có trong mẫu nội dung (có phải ý bạn là 'category'?)",
    ),
    "broken link in the body": (
        article("Tin", "2024-03-06", body="Đoạn đầu.\n\nXem [bài cũ](../2023/bai-cu.md) và ![ảnh](anh/khong-co.png)."),
        "content/articles/bai.md:10: liên kết '../2023/bai-cu.md' không tới được tệp nào",
    ),
    "draft not a boolean": (
        article("Tin", "2024-03-06", draft="có"),
        "content/articles/bai.md:6: trường 'draft': cần true hoặc false, không phải 'có'",
    ),
}


@pytest.mark.parametrize("kind", BAD_ARTICLES)
def test_bad_article_is_reported_with_file_line_and_field(make_content, kind):
    text, expected = BAD_ARTICLES[kind]
    code, lines = run_check(make_content({"articles/bai.md": text}))
    assert code == 1
    assert any(line.startswith(expected) for line in lines), lines


def test_file_not_utf8_is_reported(make_content):
    root = make_content({"articles/bai.md": b"---\ntitle: Tin t\xe9c\ndate: 2024-03-06\n---\n"})
    code, lines = run_check(root)
    assert code == 1
    assert lines == ["content/articles/bai.md:2: tệp không phải mã UTF-8; hãy lưu lại với mã hóa UTF-8 (Unicode)"]


def test_two_articles_on_the_same_url(make_content):
    root = make_content(
        {
            "articles/2024/ke-hoach-2.md": article("Khác", "2024-04-01", slug="ke-hoach"),
        }
    )
    code, lines = run_check(root)
    assert code == 1
    assert lines == [
        "content/articles/2024/ke-hoach.md: trùng địa chỉ với content/articles/2024/ke-hoach-2.md: "
        "cả hai có slug 'ke-hoach'; hãy đổi tên tệp hoặc đặt 'slug:' khác"
    ]


def test_duplicate_unit_id(make_content):
    root = make_content({"units.yml": "units:\n  - id: a\n    name: A\n  - id: a\n    name: A2\n"}, base=False)
    code, lines = run_check(root)
    assert code == 1
    assert "content/units.yml:4: mã 'a' bị trùng (mỗi mã chỉ được khai báo một lần)" in lines


def test_unit_id_with_capitals_or_marks(make_content):
    root = make_content({"units.yml": "units:\n  - id: Phòng-Nội-vụ\n    name: Phòng Nội vụ\n"})
    code, lines = run_check(root)
    assert code == 1
    assert any(
        "content/units.yml:2: trường 'id': mã 'Phòng-Nội-vụ' chỉ được gồm chữ thường không dấu" in line
        for line in lines
    )


def test_every_problem_is_reported_in_one_run(make_content):
    root = make_content(
        {
            "articles/a.md": article("A", "2024-13-01"),
            "articles/b.md": article("B", "2024-03-06", unit="khong-co"),
            "categories.yml": "categories:\n  - id: tin-cchc\n    name: Tin\n  - id: thieu-ten\n",
        }
    )
    code, lines = run_check(root)
    assert code == 1
    assert [line.split(":")[0] for line in lines] == [
        "content/articles/a.md",
        "content/articles/b.md",
        "content/categories.yml",
    ]


def test_missing_units_file(make_content):
    code, lines = run_check(make_content({"units.yml": None}))
    assert code == 1
    assert "content/units.yml: thiếu tệp bắt buộc" in lines


def test_yaml_alias_bomb_is_refused(make_content):
    # How fast `check` is belongs to scripts/bench_build.py; here only the outcome.
    bomb = "units:\n  - &a {id: a, name: [x, x, x, x, x, x, x, x, x]}\n"
    for level in range(1, 30):
        bomb += f"  - &a{level} [*a{level - 1 if level > 1 else ''}, *a{level - 1 if level > 1 else ''}]\n".replace(
            "*a0", "*a"
        )
    code, lines = run_check(make_content({"units.yml": bomb}))
    assert code == 1
    assert any("YAML có bí danh (&/*)" in line for line in lines)


def test_nfd_article_is_loaded_as_nfc(make_content):
    import unicodedata

    from cchc.content.loader import load_content

    text = unicodedata.normalize("NFD", article("Hoà giải ở cơ sở", "2024-03-06"))
    content, problems = load_content(make_content({"articles/hoa-giai.md": text}))
    assert not problems.errors
    titles = {a.title for a in content.articles}
    assert "Hoà giải ở cơ sở" in titles


def test_cli_prints_path_line_message_and_exits_1(make_content, tmp_path):
    make_content({"articles/bai.md": article("Tin", "2024-03-06", unit="khong-co")})
    result = run_python("cchc", "check", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout.startswith("content/articles/bai.md:4: trường 'unit': không có đơn vị 'khong-co'")
