"""The search box in a real browser: what citizens type, and what they should find first."""

from __future__ import annotations

import unicodedata

import pytest
from browser import DESKTOP, browser, outside_hosts, serve
from conftest import article

pytestmark = pytest.mark.browser

FILES = {
    "articles/duong-day-nong.md": article(
        "Công khai đường dây nóng tiếp nhận phản ánh, kiến nghị",
        "2024-03-01",
        body="Số điện thoại đường dây nóng của huyện.",
    ),
    "articles/duong-minh.md": article(
        "Dương Minh tham gia hội thi cải cách hành chính", "2024-03-02", body="Đội thi xã Dương Minh đạt giải nhất."
    ),
    "articles/hoa-giai.md": unicodedata.normalize(
        "NFD", article("Nâng cao chất lượng hoà giải ở cơ sở", "2024-03-03", body="Các tổ hòa giải được kiện toàn.")
    ),
    "articles/thuy-san.md": article("Hướng dẫn thủ tục thủy sản", "2024-03-04", body="Ngư dân nộp hồ sơ tại xã."),
    "procedures/1.001193.yml": 'code: "1.001193"\nname: Thủ tục đăng ký khai sinh\nfield: Hộ tịch\nlevel: [xã]\nagency: UBND cấp xã\n',
    "procedures/2.000575.yml": 'code: "2.000575"\nname: Thủ tục đăng ký thành lập hộ kinh doanh\nfield: Hộ kinh doanh\nlevel: [xã]\nagency: UBND cấp xã\n',
}


@pytest.fixture(scope="module")
def search_page(built):
    site = built(FILES)  # the same build as test_browser_header's
    with serve(site) as url, browser(DESKTOP) as context:
        page = context.new_page()
        page.goto(url + "tim-kiem/")
        page.context_requests = context.requested
        yield page


FORM = "document.querySelector('form.cchc-search--page')"


def results(page, query: str) -> list[str]:
    # Forget the last search first: the same query twice must still wait for its own answer.
    page.evaluate(f"{FORM}.removeAttribute('data-searched')")
    page.fill("#cchc-page-q", query)
    page.wait_for_function(
        f"document.querySelector('form.cchc-search--page').getAttribute('data-searched') === {query!r}"
    )
    return page.locator("#cchc-page-results .cchc-hit__title").all_inner_texts()


def test_without_diacritics(search_page):
    found = results(search_page, "thu tuc")
    assert set(found[:3]) == {
        "Hướng dẫn thủ tục thủy sản",
        "Thủ tục đăng ký khai sinh",
        "Thủ tục đăng ký thành lập hộ kinh doanh",
    }
    assert results(search_page, "duong day nong")[0] == "Công khai đường dây nóng tiếp nhận phản ánh, kiến nghị"
    assert results(search_page, "dang ky khai sinh")[0] == "Thủ tục đăng ký khai sinh"
    assert results(search_page, "ho kinh doanh")[0] == "Thủ tục đăng ký thành lập hộ kinh doanh"


def test_tone_placement_and_nfd_source(search_page):
    for query in ("hoa giai", "hòa giải", "hoà giải", unicodedata.normalize("NFD", "Hoà Giải")):
        assert results(search_page, query)[0] == "Nâng cao chất lượng hoà giải ở cơ sở", query
    assert results(search_page, "thuỷ sản")[0] == "Hướng dẫn thủ tục thủy sản"


def test_procedure_code(search_page):
    assert results(search_page, "1.001193") == ["Thủ tục đăng ký khai sinh"]


def test_exact_diacritics_rank_first(search_page):
    assert results(search_page, "đường")[0] == "Công khai đường dây nóng tiếp nhận phản ánh, kiến nghị"
    assert results(search_page, "dương")[0] == "Dương Minh tham gia hội thi cải cách hành chính"
    both = results(search_page, "duong")
    assert set(both[:2]) == {
        "Công khai đường dây nóng tiếp nhận phản ánh, kiến nghị",
        "Dương Minh tham gia hội thi cải cách hành chính",
    }


def test_results_show_title_meta_snippet_and_highlight(search_page):
    results(search_page, "dang ky khai sinh")
    first = search_page.locator("#cchc-page-results .cchc-hit").first
    assert first.locator(".cchc-hit__kind").inner_text().lower() == "thủ tục hành chính"
    assert first.locator(".cchc-hit__meta").inner_text() == "Mã 1.001193 · Lĩnh vực Hộ tịch"
    assert first.locator(".cchc-hit__title mark").all_inner_texts() == ["đăng", "ký", "khai", "sinh"]
    results(search_page, "duong day nong")
    meta = search_page.locator("#cchc-page-results .cchc-hit__meta").first.inner_text()
    assert meta == "01/03/2024 · Phòng Nội vụ"


def test_nothing_left_the_machine(search_page):
    assert outside_hosts(search_page.context_requests) == []


def test_the_word_being_typed_is_completed(search_page):
    for typed, expected in (
        ("dang ky khai si", "Thủ tục đăng ký khai sinh"),
        ("ho kinh d", "Thủ tục đăng ký thành lập hộ kinh doanh"),
        ("thuỷ s", "Hướng dẫn thủ tục thủy sản"),
    ):
        search_page.fill("#cchc-page-q", "")
        search_page.evaluate(f"{FORM}.removeAttribute('data-searched')")
        search_page.type("#cchc-page-q", typed, delay=10)
        search_page.wait_for_function(
            f"document.querySelector('form.cchc-search--page').getAttribute('data-searched') === {typed!r}"
        )
        assert search_page.locator("#cchc-page-results .cchc-hit__title").first.inner_text() == expected, typed
