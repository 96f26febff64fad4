"""The search box in every page's header, and the search page without JavaScript."""

from __future__ import annotations

import pytest
from browser import DESKTOP, PHONE, serve, tab
from test_browser_search import FILES

pytestmark = pytest.mark.browser


def test_header_search_box_on_desktop_and_phone(built):
    site = built(FILES)
    with serve(site) as url:
        with tab(DESKTOP) as page:
            page.goto(url + "bai-viet/ke-hoach/")
            page.get_by_label("Tìm kiếm tin tức, thủ tục").fill("duong day nong")
            page.wait_for_selector("form[data-searched='duong day nong']")
            assert (
                page.locator("#cchc-header-results .cchc-hit__title").first.inner_text()
                == "Công khai đường dây nóng tiếp nhận phản ánh, kiến nghị"
            )
        with tab(PHONE) as page:
            page.goto(url)
            page.get_by_role("link", name="Tìm kiếm", exact=True).click()
            page.wait_for_url("**/tim-kiem/")
            page.fill("#cchc-page-q", "khai sinh")
            page.wait_for_selector("form.cchc-search--page[data-searched='khai sinh']")
            assert page.locator("#cchc-page-results .cchc-hit__title").first.inner_text() == "Thủ tục đăng ký khai sinh"


def test_search_page_without_javascript_offers_links(built):
    site = built(FILES)
    with serve(site) as url, tab(PHONE, javascript=False) as page:
        page.goto(url + "tim-kiem/")
        page.get_by_role("link", name="Thủ tục hành chính theo lĩnh vực").click()
        page.wait_for_url("**/thu-tuc-hanh-chinh/")
        assert page.locator("h1").inner_text() == "Thủ tục hành chính"
