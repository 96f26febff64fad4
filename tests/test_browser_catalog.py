"""The procedures catalog filter in a real browser, on a phone."""

from __future__ import annotations

import pytest
from browser import PHONE, browser, outside_hosts, serve
from test_procedures import PROCEDURES

pytestmark = pytest.mark.browser


def visible_names(page) -> list[str]:
    return page.locator(".cchc-results a").all_inner_texts()


def test_filter_on_a_phone(build):
    site = build(PROCEDURES)
    with serve(site) as url, browser(PHONE) as context:
        page = context.new_page()
        page.goto(url + "thu-tuc-hanh-chinh/")
        search = page.get_by_label("Tìm theo tên, mã hoặc lĩnh vực")
        search.fill("khai sinh")
        page.wait_for_selector(".cchc-results a")
        assert visible_names(page) == ["Thủ tục đăng ký khai sinh"]
        assert page.locator(".cchc-filter__status").inner_text() == "Tìm thấy 1 thủ tục"
        search.fill("ho kinh doanh")
        page.wait_for_function(
            "document.querySelector('.cchc-results a') && document.querySelector('.cchc-results a').textContent.includes('hộ kinh doanh')"
        )
        assert visible_names(page) == ["Thủ tục đăng ký thành lập hộ kinh doanh"]
        search.fill("hoa giai")
        page.wait_for_function(
            "document.querySelector('.cchc-results a') && document.querySelector('.cchc-results a').textContent.includes('hoà giải')"
        )
        search.fill("1.001193")
        page.wait_for_function(
            "document.querySelector('.cchc-results a') && document.querySelector('.cchc-results a').textContent.includes('khai sinh')"
        )
        search.fill("")
        page.get_by_label("Dịch vụ công trực tuyến").select_option(label="Toàn trình (1)")
        page.wait_for_function("document.querySelectorAll('.cchc-results a').length === 1")
        assert visible_names(page) == ["Thủ tục đăng ký khai sinh"]
        page.locator(".cchc-results a").first.click()
        page.wait_for_url("**/thu-tuc-hanh-chinh/1-001193/")
        assert page.locator("h1").inner_text() == "Thủ tục đăng ký khai sinh"
        assert outside_hosts(context.requested) == []


def test_many_results_render_fifty_at_a_time(build):
    many = {
        f"procedures/9.{n:06d}.yml": f'code: "9.{n:06d}"\nname: Thủ tục mẫu số {n}\nfield: Lĩnh vực {n % 7}\nlevel: [xã]\nagency: UBND cấp xã\n'
        for n in range(120)
    }
    site = build(many)
    with serve(site) as url, browser(PHONE) as context:
        page = context.new_page()
        page.goto(url + "thu-tuc-hanh-chinh/")
        page.get_by_label("Tìm theo tên, mã hoặc lĩnh vực").fill("thu tuc mau")
        page.wait_for_selector(".cchc-results a")
        assert page.locator(".cchc-results li").count() == 50
        page.get_by_role("button", name="Hiện thêm 50 thủ tục").click()
        assert page.locator(".cchc-results li").count() == 100
        page.get_by_role("button", name="Hiện thêm 20 thủ tục").click()
        assert page.locator(".cchc-results li").count() == 120
