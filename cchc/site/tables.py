"""Tables in a page's body get Material's scrolling wrapper when the page is built.

Material's bundle wrapped each `<table>` without a class in `div.md-typeset__scrollwrap > div.md-typeset__table`
in the browser; the portal does not load the bundle (docs/overrides/main.html), and wrapping in the HTML also
means the table never moves after the first paint.
"""

from __future__ import annotations

import re

_TABLE_TAG = re.compile(r"<(/?)table\b([^>]*)>", re.IGNORECASE)
_CLASS = re.compile(r"\sclass\s*=", re.IGNORECASE)
_OPEN = '<div class="md-typeset__scrollwrap"><div class="md-typeset__table">'
_CLOSE = "</div></div>"


def wrap_tables(page_html: str) -> str:
    """`page_html` with every class-less table (nested ones too, as Material did) inside the scrolling wrapper."""
    if "<table" not in page_html.lower():
        return page_html
    wrapped: list[bool] = []  # one entry per open <table>: whether it was wrapped

    def replace(match: re.Match) -> str:
        if not match.group(1):
            wrap = not _CLASS.search(match.group(2))
            wrapped.append(wrap)
            return _OPEN + match.group(0) if wrap else match.group(0)
        if wrapped and wrapped.pop():
            return match.group(0) + _CLOSE
        return match.group(0)

    return _TABLE_TAG.sub(replace, page_html)
