"""`check` for editors who write in Word and Notepad: each slip named with file:line and what to type instead."""

from __future__ import annotations

import io

import pytest
from conftest import article

from cchc.commands import check

FRONT = "date: 2024-03-06\nunit: phong-noi-vu\ncategory: tin-cchc\n"


def run_check(content_dir) -> tuple[int, list[str]]:
    out = io.StringIO()
    code = check.run(content_dir, out=out)
    return code, out.getvalue().splitlines()


SLIPS = {
    "curly quotes from Word": (
        "---\ntitle: “Hỏi đáp: thủ tục khai sinh”\n" + FRONT + "---\nX\n",
        "content/articles/bai.md:2: YAML sai cú pháp: giá trị mở bằng ngoặc kép cong “ ” (Word tự đổi); "
        'hãy dùng ngoặc kép thẳng " " ở đầu và cuối giá trị, ví dụ title: "Hỏi đáp: ..."',
    ),
    "tab before a list item": (
        "---\ntitle: Tin\n" + FRONT + "tags:\n\t- tuyên truyền\n---\nX\n",
        "content/articles/bai.md:7: YAML sai cú pháp: có ký tự Tab ở đầu dòng; YAML chỉ nhận dấu cách: "
        "hãy xóa Tab và thụt lề bằng dấu cách",
    ),
    "non-breaking space after a colon": (
        "---\ntitle: Tin\ndate:\u00a02024-03-06\nunit: phong-noi-vu\ncategory: tin-cchc\n---\nX\n",
        "content/articles/bai.md:3: YAML sai cú pháp: có dấu cách không ngắt (non-breaking space) ở dòng 3, cột 6; "
        "hãy xóa ký tự đó và gõ lại một dấu cách thường",
    ),
    "non-breaking space after the first key": (
        "---\ntitle:\u00a0Tin\n" + FRONT + "---\nX\n",
        "content/articles/bai.md:2: YAML sai cú pháp: có dấu cách không ngắt (non-breaking space) ở dòng 2, cột 7",
    ),
    "# cuts the title": (
        "---\ntitle: Hội nghị # lần 2\n" + FRONT + "---\nX\n",
        "content/articles/bai.md:2: trường 'title': dấu '#' bắt đầu phần ghi chú, nên '# lần 2' bị bỏ và giá trị "
        "chỉ còn 'Hội nghị'; nếu '# lần 2' thuộc giá trị, hãy đặt cả giá trị trong ngoặc kép: "
        'title: "Hội nghị # lần 2"',
    ),
    "31 February, Vietnamese order": (
        article("Tin", "31/02/2025"),
        "content/articles/bai.md:3: trường 'date': ngày '31/02/2025' không có thật: tháng 2/2025 không có ngày 31 "
        "(tháng 2/2025 có 28 ngày)",
    ),
    "month 13": (
        article("Tin", "06/13/2024"),
        "content/articles/bai.md:3: trường 'date': ngày '06/13/2024' không có thật: không có tháng 13",
    ),
    "image path with the wrong case": (
        article("Tin", "2024-03-06", image="anh/Hoi-Nghi.jpg"),
        "content/articles/bai.md:6: trường 'image': không tìm thấy tệp 'anh/Hoi-Nghi.jpg' (tính từ thư mục của bài "
        "viết); có tệp anh/hoi-nghi.jpg (khác chữ hoa/thường), hãy ghi đúng như tên tệp",
    ),
    "body image with the wrong case": (
        article("Tin", "2024-03-06", body="Đoạn đầu.\n\n![Hội nghị](ANH/hoi-nghi.jpg)"),
        "content/articles/bai.md:10: liên kết 'ANH/hoi-nghi.jpg' không tới được tệp nào (đường dẫn tính từ thư mục "
        "của bài viết); có tệp anh/hoi-nghi.jpg (khác chữ hoa/thường)",
    ),
    "unit given by its name": (
        article("Tin", "2024-03-06", unit="Phòng Nội vụ"),
        "content/articles/bai.md:4: trường 'unit': cần mã đơn vị, không phải tên; hãy ghi unit: phong-noi-vu",
    ),
    "category given by its name without marks": (
        article("Tin", "2024-03-06", category="chuyen doi so"),
        "content/articles/bai.md:5: trường 'category': cần mã chuyên mục, không phải tên; "
        "hãy ghi category: chuyen-doi-so",
    ),
}


@pytest.mark.parametrize("kind", SLIPS)
def test_slip_is_named_with_what_to_type(make_content, kind):
    text, expected = SLIPS[kind]
    root = make_content({"articles/bai.md": text, "articles/anh/hoi-nghi.jpg": b"\xff\xd8\xff"})
    code, lines = run_check(root)
    assert code == 1
    assert any(line.startswith(expected) for line in lines), lines


@pytest.mark.parametrize("name", ["bai-moi.md.txt", "bai-moi.MD", "bai-moi.Md"])
def test_article_file_not_named_md_is_named(make_content, name):
    root = make_content({f"articles/2024/{name}": article("Tin", "2024-03-06")})
    code, lines = run_check(root)
    assert code == 1
    assert lines == [
        f"content/articles/2024/{name}: tệp '{name}' không được đọc vì tên không kết thúc bằng '.md' "
        "(chữ thường); hãy đổi tên thành 'bai-moi.md'"
    ]


def test_far_future_date_is_a_notice_not_an_error(make_content):
    root = make_content({"articles/bai.md": article("Tin", "20/11/2062")})
    code, lines = run_check(root)
    assert code == 0
    assert lines == ["content/articles/bai.md:3: lưu ý: bài hẹn giờ: sẽ đăng ngày 20/11/2062"]


def test_comment_after_a_date_is_fine(make_content):
    text = "---\ntitle: Tin\ndate: 2024-03-06   # ngày đăng\nunit: phong-noi-vu\ncategory: tin-cchc\n---\nX\n"
    assert run_check(make_content({"articles/bai.md": text})) == (0, [])


def test_curly_quotes_inside_a_title_are_fine(make_content):
    text = article("Hội thi “Tìm hiểu cải cách hành chính”", "2024-03-06")
    assert run_check(make_content({"articles/bai.md": text})) == (0, [])


def test_placeholder_of_a_draft_is_only_a_warning(make_content):
    body = "Đoạn mở đầu: tóm tắt sự kiện trong một, hai câu.\n\nViết nội dung bài viết ở đây."
    code, lines = run_check(make_content({"articles/bai.md": article("Tin", "2024-03-06", body=body, draft="true")}))
    assert code == 0
    assert lines[0].startswith("content/articles/bai.md:9: cảnh báo: bài còn câu mẫu")
