"""The procedures catalog filter in a real browser, on a phone."""

from __future__ import annotations

import pytest
from browser import PHONE, outside_hosts, serve, tab

pytestmark = pytest.mark.browser


def visible_names(page) -> list[str]:
    return page.locator(".cchc-results a").all_inner_texts()


def filtered(page, action) -> list[str]:
    """Run `action`, wait until catalog.js has finished the filter it starts, return the names shown."""
    before = int(page.locator("form.cchc-filter").get_attribute("data-filtered") or 0)
    action()
    page.wait_for_function(
        f"Number(document.querySelector('form.cchc-filter').getAttribute('data-filtered') || 0) > {before}"
    )
    return visible_names(page)


def test_filter_on_a_phone(procedures_site):
    with serve(procedures_site) as url, tab(PHONE) as page:
        context = page.context
        page.goto(url + "thu-tuc-hanh-chinh/")
        page.wait_for_selector("form.cchc-filter:not([hidden])")
        search = page.get_by_label("Tìm theo tên, mã hoặc lĩnh vực")
        assert filtered(page, lambda: search.fill("khai sinh")) == ["Thủ tục đăng ký khai sinh"]
        assert page.locator(".cchc-filter__status").inner_text() == "Tìm thấy 1 thủ tục"
        assert filtered(page, lambda: search.fill("ho kinh doanh")) == ["Thủ tục đăng ký thành lập hộ kinh doanh"]
        assert "Thủ tục hoà giải" in " ".join(filtered(page, lambda: search.fill("hoa giai")))
        assert filtered(page, lambda: search.fill("1.001193")) == ["Thủ tục đăng ký khai sinh"]
        filtered(page, lambda: search.fill(""))
        online = page.get_by_label("Dịch vụ công trực tuyến")
        assert filtered(page, lambda: online.select_option(label="Toàn trình (1)")) == ["Thủ tục đăng ký khai sinh"]
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
    with serve(site) as url, tab(PHONE) as page:
        page.goto(url + "thu-tuc-hanh-chinh/")
        page.wait_for_selector("form.cchc-filter:not([hidden])")
        filtered(page, lambda: page.get_by_label("Tìm theo tên, mã hoặc lĩnh vực").fill("thu tuc mau"))
        assert page.locator(".cchc-results li").count() == 50
        page.get_by_role("button", name="Hiện thêm 50 thủ tục").click()
        assert page.locator(".cchc-results li").count() == 100
        page.get_by_role("button", name="Hiện thêm 20 thủ tục").click()
        assert page.locator(".cchc-results li").count() == 120
