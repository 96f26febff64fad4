import unicodedata

from cchc.text import fold, heading_slug, nfc, slugify


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
