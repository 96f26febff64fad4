import re
import unicodedata

from hypothesis import assume, example, given, settings
from hypothesis import strategies as st

from cchc.text import _SKIP_BLOCK, first_paragraph, fold, heading_slug, markdown_text, nfc, slugify


def test_slug_drops_marks_and_turns_dd_into_d():
    assert slugify("Đẩy mạnh cải cách hành chính") == "day-manh-cai-cach-hanh-chinh"
    assert slugify("Thủ tục đăng ký khai sinh") == "thu-tuc-dang-ky-khai-sinh"


def test_heading_anchor_keeps_the_d_of_dd():
    assert heading_slug("Đẩy mạnh tuyên truyền", "-") == "day-manh-tuyen-truyen"


def test_nfd_text_is_normalised_to_nfc():
    decomposed = unicodedata.normalize("NFD", "Hoà giải")
    assert decomposed != "Hoà giải"
    assert nfc(decomposed) == "Hoà giải"


def test_fold_matches_what_citizens_type():
    assert fold("Đường dây nóng") == "duong day nong"
    assert fold("hoà") == fold("hòa") == "hoa"
    assert fold("thuỷ") == fold("thủy") == "thuy"


# Letters, spaces of every kind, and each character Markdown gives a meaning to somewhere in a line.
SUMMARY_TEXT = st.lists(
    st.sampled_from(
        [*"aăđêôơưÁẠz09", " ", "  ", "    ", "\t", "\n", "\r", "\xa0", "\u2028", "\x0b", "\x02"]
        + list(".,:;()?\"'-+=#>/%*_`[]!<>&\\|~")
        + ["1. ", "- ", "* ", "# ", "&amp;", "<b>", "\n\n", "  \n"]
    ),
    max_size=40,
).map("".join)


@settings(max_examples=400, deadline=None)
@given(SUMMARY_TEXT)
@example("Tin\n# mới")  # a heading, a list, a quote, a rule or a setext line after the first line
@example("Tin\n- mới")
@example("Tin\n+ mới")
@example("Tin\n> mới")
@example("Tin\n2024. mới")
@example("Tin\n===")
@example("Tin\n---")
@example("    mã")
@example("Tin  \nmới\r\nnữa\t.")
def test_a_summary_is_the_text_markdown_renders_of_the_first_paragraph(body):
    # first_paragraph skips Markdown for plain blocks: whatever it skips must give what Markdown gives.
    blocks = [b for b in re.split(r"\n\s*\n", body.strip()) if b.strip() and not _SKIP_BLOCK.match(b)]
    assume(blocks)
    assert first_paragraph(body) == markdown_text(blocks[0])


def test_a_summary_skips_headings_and_pictures_and_drops_markup():
    body = "# Tiêu đề\n\n![Ảnh](anh.jpg)\n\nNgày 06/03/2024, **UBND xã** tổ chức   hội nghị\ntriển khai."
    assert first_paragraph(body) == "Ngày 06/03/2024, UBND xã tổ chức hội nghị triển khai."
    assert first_paragraph("Sáng 06/3,  Phòng Nội vụ\n  tập huấn.  ") == "Sáng 06/3, Phòng Nội vụ tập huấn."
