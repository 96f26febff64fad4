import pytest
from conftest import run_python

from cchc.commands.new import NewArticleError, create
from cchc.content.loader import load_content


def test_new_article_is_valid_and_slugged_from_the_title(make_content):
    root = make_content()
    path = create(root, "Đẩy mạnh cải cách thủ tục hành chính", "phong-noi-vu", "tin-cchc", today="2024-05-02")
    assert path == root / "articles/2024/day-manh-cai-cach-thu-tuc-hanh-chinh.md"
    # Until the editor writes the article, check points at the sample text `new` left in it.
    content, problems = load_content(root)
    assert [(p.line, p.message.split(";")[0]) for p in problems.errors] == [
        (9, "bài còn câu mẫu 'Đoạn mở đầu: tóm tắt sự kiện trong một, hai câu' của lệnh new")
    ]
    front = path.read_text(encoding="utf-8").split("---\n\n")[0]
    path.write_text(front + "---\n\nXã Long Phú tổ chức hội nghị.\n", encoding="utf-8")
    content, problems = load_content(root)
    assert not problems.errors
    created = next(a for a in content.articles if a.slug == "day-manh-cai-cach-thu-tuc-hanh-chinh")
    assert created.title == "Đẩy mạnh cải cách thủ tục hành chính"
    assert created.local_date.isoformat() == "2024-05-02"


def test_new_article_never_overwrites(make_content):
    root = make_content()
    first = create(root, "Tin mới", "phong-noi-vu", "tin-cchc", today="2024-05-02")
    second = create(root, "Tin mới", "phong-noi-vu", "tin-cchc", today="2024-05-02")
    assert first != second and second.name == "tin-moi-2.md"


def test_title_with_colon_stays_valid_yaml(make_content):
    root = make_content()
    create(root, "Hỏi đáp: thủ tục khai sinh", "phong-noi-vu", "tin-cchc", today="2024-05-02")
    assert all("câu mẫu" in p.message for p in load_content(root)[1].errors)


def test_unknown_unit_is_refused(make_content, tmp_path):
    make_content()
    result = run_python("cchc", "new", "Tin", "--unit", "khong-co", "--category", "tin-cchc", cwd=tmp_path)
    assert result.returncode == 1
    assert "không có đơn vị 'khong-co'" in result.stderr


def test_unit_that_has_ended_is_refused(make_content):
    root = make_content()
    with pytest.raises(NewArticleError) as refused:
        create(root, "Tin mới", "ubnd-huyen", "tin-cchc", today="2025-07-02")
    assert str(refused.value) == (
        "đơn vị 'ubnd-huyen' (UBND huyện Long Phú) không hoạt động vào ngày 02/07/2025 "
        "(đơn vị chỉ hoạt động đến 30/06/2025); hãy chọn một đơn vị đang hoạt động: phong-noi-vu, ubnd-xa-moi"
    )
    assert not (root / "articles/2025").exists()
