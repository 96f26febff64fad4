"""Parts of Material's layout rendered once per build and reused by every page that would get the same bytes.

Material's `base.html` renders the site navigation, the tabs and the footer for every page: a third of the
time of a cold build at 5,000 articles, for markup that is the same on every article. What those partials
depend on, for a page outside the nav (articles, listings): the nav's titles and links (relative to the
page), which nav entries are active (the section's tab lights up) and nothing else of the page. `layout_key`
is exactly that; pages in the nav (whose own entry and table of contents show in the nav) get no key and
are rendered as Material renders them.

`tests/test_page_cache.py` builds the demo with and without every shortcut (`CCHC_FAST=0`) and compares
the sites byte for byte.
"""

from __future__ import annotations

import os

from jinja2 import pass_context
from markupsafe import Markup, escape
from mkdocs.utils import normalize_url

from cchc.site import urls


def shortcuts_enabled() -> bool:
    """False with CCHC_FAST=0: every page rendered in full, for the byte-identity test and to debug."""
    return os.environ.get("CCHC_FAST", "1") != "0"


_URLS: dict[tuple[str, str | None, str], Markup] = {}


@pass_context
def safe_url_filter(context, value) -> Markup:
    """MkDocs' `url` filter (relative to the page), then %-encoded and HTML-escaped: safe in any attribute.

    Memoised on (value, page URL, base URL), the only inputs of MkDocs' `normalize_url`.
    """
    page = context["page"]
    key = (str(value), page.url if page is not None else None, context["base_url"])
    result = _URLS.get(key)
    if result is None:
        result = Markup(escape(urls.encode_url(normalize_url(key[0], page=page, base=key[2]))))
        if len(_URLS) > 100_000:
            _URLS.clear()
        _URLS[key] = result
    return result


def _walk(items):
    for item in items:
        yield item
        yield from _walk(getattr(item, "children", None) or [])


class LayoutMemo:
    """One per build (a new config or nav means a new memo): partial name and key -> rendered HTML."""

    def __init__(self) -> None:
        self.enabled = shortcuts_enabled()
        self.html: dict[tuple, str] = {}
        self._nav_id: int | None = None
        self._nav_items: list = []
        self._nav_srcs: set[str] = set()
        self._urls: tuple[str | None, tuple] = (None, ())  # the last page's URL, and the URLs of the key it gives
        self.hits = 0

    def key(self, page, nav) -> tuple | None:
        """What Material's nav, tabs and footer show of `page`; None for a page they may show more of."""
        if not self.enabled or page is None or nav is None or getattr(page, "file", None) is None:
            return None
        if id(nav) != self._nav_id:
            self._nav_id = id(nav)
            self._nav_items = list(_walk(nav.items))
            self._nav_srcs = {p.file.src_uri for p in nav.pages}
            self._urls = (None, ())
        if page.file.src_uri in self._nav_srcs or page.previous_page or page.next_page or page.meta.get("hide"):
            return None
        if self._urls[0] != page.url:  # a page asks for its key several times (styles, nav, tabs, footer...)
            links = tuple(normalize_url(p.url, page=page) for p in nav.pages)
            self._urls = (page.url, (page.url.count("/"), links, normalize_url("assets/", page=page)))
        return (*self._urls[1], tuple(bool(item.active) for item in self._nav_items))

    def get(self, name: str, key: tuple | None) -> str | None:
        """The HTML kept for `name` under `key`; None when none is, or when `key` is None (a page of its own)."""
        html = self.html.get((name, key)) if key is not None else None
        if html is not None:
            self.hits += 1
        return html

    def put(self, name: str, key: tuple | None, html: str) -> str:
        """Keep `html` for `name` under `key` (not when `key` is None); returns it."""
        if key is not None:
            self.html[(name, key)] = html
        return html
