"""The built demo portal in Debian chromium, on a phone and a desktop: axe-core (WCAG 2.1 A/AA),
keyboard access, print, metadata and no request leaving 127.0.0.1. Screenshots go to test-output/."""

from __future__ import annotations

import pytest
from browser import DESKTOP, PHONE, outside_hosts, serve, tab
from conftest import REPO

pytestmark = pytest.mark.browser

AXE = REPO / "node_modules/axe-core/axe.min.js"
SHOTS = REPO / "test-output/screenshots"
PAGES = {
    "home": "",
    "article": "bai-viet/ban-hanh-ke-hoach-tuyen-truyen-cchc-2024/",
    "category page 2": "chuyen-muc/tin-cchc/trang-2/",
    "procedures catalog": "thu-tuc-hanh-chinh/",
    "procedure": "thu-tuc-hanh-chinh/1-001193/",
    "hotlines": "duong-day-nong/",
    "stats": "thong-ke/",
    "search": "tim-kiem/?q=khai%20sinh",
    "404": "khong-co-trang-nay/",
}


def axe_violations(page) -> list[str]:
    if not AXE.exists():
        pytest.fail("axe-core is missing: scripts/test.sh installs it with npm")
    page.evaluate(AXE.read_text(encoding="utf-8"))  # not a <script> tag: the page's CSP forbids inline script
    result = page.evaluate(
        "axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"
    )
    return [
        f"{v['id']}: {v['help']} ({len(v['nodes'])}x, e.g. {v['nodes'][0]['target']})" for v in result["violations"]
    ]


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
@pytest.mark.parametrize("name", PAGES)
def test_page_is_accessible_and_self_contained(demo_site, name, viewport):
    with serve(demo_site) as url, tab(viewport) as page:
        response = page.goto(url + PAGES[name])
        assert response.status == (404 if name == "404" else 200)  # after the load event: every resource requested
        if name == "search":
            page.wait_for_selector("#cchc-page-results .cchc-hit")
        assert axe_violations(page) == []
        assert outside_hosts(page.context.requested) == []
        assert page.locator("html").get_attribute("lang") == "vi"
        if name in ("home", "article") and viewport is PHONE:
            SHOTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(SHOTS / f"{name}-phone.png"), full_page=True)


def focus_trail(page, presses: int) -> list[str]:
    trail = []
    for _ in range(presses):
        page.keyboard.press("Tab")
        trail.append(
            page.evaluate(
                "(() => { const e = document.activeElement; return (e.id || '') + '|' + (e.getAttribute('aria-label') || '') + '|' + (e.textContent || '').trim().slice(0, 40) + '|' + (e.closest('nav') ? e.closest('nav').getAttribute('aria-label') || e.closest('nav').className : ''); })()"
            )
        )
    return trail


def test_keyboard_reaches_search_menu_and_pagination(demo_site):
    with serve(demo_site) as url, tab(DESKTOP) as page:
        page.goto(url + "chuyen-muc/tin-cchc/")
        trail = focus_trail(page, 60)
        assert any(t.startswith("cchc-header-q|") for t in trail), trail
        assert any("|Thủ tục hành chính|" in t for t in trail), trail
        assert any(t.endswith("|Phân trang") and "|2|" in t for t in trail), trail
    with serve(demo_site) as url, tab(PHONE) as page:
        page.goto(url)
        trail = focus_trail(page, 8)
        assert any("|Tìm kiếm|" in t for t in trail), trail


def test_article_prints_without_navigation_and_with_its_address(demo_site):
    with serve(demo_site) as url, tab(DESKTOP) as page:
        page.goto(url + PAGES["article"])
        assert page.get_by_role("button", name="In bài viết").is_visible()
        page.evaluate("window.print = () => document.documentElement.setAttribute('data-printed', '1')")
        page.get_by_role("button", name="In bài viết").click()
        page.wait_for_selector("html[data-printed]")  # the button works without an inline onclick
        page.emulate_media(media="print")
        for hidden in (".md-header", ".md-tabs", ".md-sidebar--primary", ".cchc-footer", ".cchc-print"):
            assert not page.locator(hidden).first.is_visible(), hidden
        printed = page.locator(".cchc-print-url")
        assert printed.is_visible()
        assert (
            "https://cchc.longphu.example.vn/bai-viet/ban-hanh-ke-hoach-tuyen-truyen-cchc-2024/" in printed.inner_text()
        )
        assert "06/03/2024" in printed.inner_text()
        pdf = page.pdf()
        assert pdf.startswith(b"%PDF")


def test_404_offers_search_and_home(demo_site):
    with serve(demo_site) as url, tab(PHONE) as page:
        response = page.goto(url + "khong-co-trang-nay/")
        assert response.status == 404
        assert page.locator("h1").inner_text() == "Không tìm thấy trang"
        page.get_by_label("Tìm tin tức, thủ tục hành chính").fill("khai sinh")
        page.keyboard.press("Enter")
        page.wait_for_selector("form.cchc-search--page[data-searched='khai sinh']")
        assert page.locator("#cchc-page-results .cchc-hit__title").first.inner_text() == "Thủ tục đăng ký khai sinh"
        page.go_back()
        page.get_by_role("link", name="Về trang chủ").click()
        page.wait_for_url(url)
