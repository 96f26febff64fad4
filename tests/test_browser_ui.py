"""The page furniture without Material's JavaScript bundle (assets/ui.js): the drawer, back to top, the header
title, the focus ring, menu sections by keyboard, the table of contents, wide tables on a phone, and how little
script a phone downloads."""

from __future__ import annotations

import pytest
from browser import DESKTOP, PHONE, serve, tab
from conftest import article

pytestmark = pytest.mark.browser

ARTICLE = "bai-viet/ban-hanh-ke-hoach-tuyen-truyen-cchc-2024/"
DRAWER_OPEN = "() => document.querySelector('.md-sidebar--primary').getBoundingClientRect().left >= 0"
DRAWER_SHUT = "() => document.querySelector('.md-sidebar--primary').getBoundingClientRect().right <= 0"
# getAnimations() brings the styles up to date first, so the drawer's transitions are there to wait for.
DRAWER_SETTLED = "Promise.all(document.querySelector('.md-sidebar--primary').getAnimations().map((a) => a.finished))"
DRAWER_VISIBILITY = "getComputedStyle(document.querySelector('.md-sidebar--primary')).visibility"


def test_phone_menu_opens_and_closes(demo_site):
    with serve(demo_site) as url, tab(PHONE) as page:
        page.goto(url)
        # From the keyboard: the menu button is the first stop, named, and Enter opens it.
        page.keyboard.press("Tab")
        focused = "(document.activeElement.getAttribute('for') || '') + '|' + document.activeElement.textContent.trim()"
        assert page.evaluate(focused) == "__drawer|Trình đơn"
        page.keyboard.press("Enter")
        page.wait_for_function(DRAWER_OPEN)
        page.keyboard.press("Tab")  # the search button, then the open menu
        page.keyboard.press("Tab")
        assert page.evaluate("!!document.activeElement.closest('.md-sidebar--primary')")
        page.keyboard.press("Escape")
        page.evaluate(DRAWER_SETTLED)
        assert page.evaluate(DRAWER_VISIBILITY) == "hidden"
        # Closed, the menu's links are out of the tab order: from the top, the stops skip it.
        page.evaluate("document.activeElement.blur()")
        in_menu = []
        for _ in range(4):
            page.keyboard.press("Tab")
            in_menu.append(page.evaluate("!!document.activeElement.closest('.md-sidebar--primary')"))
        assert in_menu == [False] * 4
        page.locator("label.md-header__button[for=__drawer]").click()
        page.wait_for_function(DRAWER_OPEN)
        page.keyboard.press("Escape")
        page.wait_for_function(DRAWER_SHUT)
        # Open it, go to a page, come back: the menu is closed, not left open over the page.
        page.locator("label.md-header__button[for=__drawer]").click()
        page.wait_for_function(DRAWER_OPEN)
        page.locator(".md-sidebar--primary").get_by_role("link", name="Đường dây nóng").click()
        page.wait_for_url("**/duong-day-nong/")
        page.go_back()
        page.wait_for_url(url)
        page.wait_for_function(DRAWER_SHUT)
        assert not page.locator("#__drawer").is_checked()


def test_back_to_top_and_the_title_in_the_header(demo_site):
    with serve(demo_site) as url, tab(PHONE) as page:
        page.goto(url + ARTICLE)
        page.wait_for_load_state("load")
        top = page.locator(".md-top")
        assert top.get_attribute("hidden") is not None and top.get_attribute("tabindex") == "-1"
        page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
        # The article's title replaces the portal's name in the header once the heading is scrolled away.
        page.wait_for_selector(".md-header__title--active")
        page.wait_for_selector(".md-header--shadow")
        page.evaluate("window.scrollBy(0, -300)")  # scrolling up shows the button
        page.wait_for_selector(".md-top:not([hidden])")
        top.click()
        page.wait_for_function("() => window.scrollY === 0")
        page.wait_for_selector(".md-top[hidden]")
        page.wait_for_selector(".md-header__title:not(.md-header__title--active)")


def test_focus_ring_contents_and_menu_sections_by_keyboard(demo_site):
    with serve(demo_site) as url, tab(DESKTOP) as page:
        page.goto(url + "duong-day-nong/")
        for _ in range(6):  # the first stops: skip link, the portal's logo...
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.matches('.md-header__button.md-logo')"):
                break
        logo = page.locator(".md-header__button.md-logo")
        assert "focus-visible" in logo.get_attribute("class")
        assert logo.evaluate("e => getComputedStyle(e).outlineStyle") != "none", "no focus ring on the logo"
        # The table of contents marks the section being read.
        page.goto(url + ARTICLE)
        page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
        page.wait_for_selector("[data-md-component=toc] a.md-nav__link--active[href='#noi-dung-chinh']")
    with serve(demo_site) as url, tab(PHONE) as page:
        page.goto(url + "duong-day-nong/")
        page.locator("label.md-header__button[for=__drawer]").click()
        page.wait_for_function(DRAWER_OPEN)
        # The arrow beside "Tin tức" in the menu opens its section from the keyboard, like a button.
        arrow = page.locator("label.md-nav__link[for=__nav_2]")
        assert arrow.get_attribute("tabindex") == "0"
        arrow.focus()
        page.keyboard.press("Enter")
        page.locator(".md-sidebar--primary").get_by_role("link", name="Lưu trữ").wait_for(state="visible")
        assert page.locator("#__nav_2").is_checked()


WIDE = (
    "| "
    + " | ".join(f"Cột {i}" for i in range(12))
    + " |\n|"
    + "---|" * 12
    + "\n| "
    + " | ".join("thủ tục hành chính" for _ in range(12))
    + " |\n"
)


def test_a_wide_table_scrolls_inside_the_article_on_a_phone(built):
    site = built({"articles/2024/bang.md": article("Bảng số liệu thủ tục", "2024-05-02", body=f"Bảng:\n\n{WIDE}")})
    with serve(site) as url, tab(PHONE) as page:
        page.goto(url + "bai-viet/bang/")
        wrap = page.locator(".md-typeset__scrollwrap")
        assert wrap.count() == 1 and wrap.locator("table").count() == 1
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], "the page scrolls sideways"
        assert wrap.evaluate("e => e.scrollWidth > e.clientWidth"), "the table is not wider than the phone?"


def test_a_phone_downloads_little_script(demo_site):
    with serve(demo_site) as url, tab(PHONE) as page:
        scripts = []
        page.on("requestfinished", lambda r: scripts.append(r) if r.resource_type == "script" else None)
        page.goto(url + ARTICLE, wait_until="load")
        size = sum(r.sizes()["responseBodySize"] for r in scripts)
        names = sorted(r.url.rsplit("/", 1)[-1] for r in scripts)
        assert not any(n.startswith("bundle.") for n in names), names
        assert size < 30_000, f"{size} bytes of script: {names}"
