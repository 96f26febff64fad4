"""Live preview with broken content: the same messages as `check`, shown on every page in the browser."""

from __future__ import annotations

import html
import re

_BODY_RE = re.compile(r"<body[^>]*>", re.IGNORECASE)


def banner_html(messages: list[str]) -> str:
    items = "".join(f"<li><code>{html.escape(message)}</code></li>" for message in messages)
    return (
        '<div class="cchc-content-errors" role="alert" data-content-errors="'
        f'{len(messages)}"><p><strong>Nội dung có {len(messages)} lỗi</strong>: trang xem trước chưa có '
        "các bài lỗi. Sửa các dòng dưới đây rồi lưu tệp, trang sẽ tự tải lại.</p>"
        f"<ul>{items}</ul></div>"
    )


def insert_banner(page_html: str, banner: str) -> str:
    """`page_html` with `banner` as the first thing inside <body> (at the top if there is no <body>)."""
    match = _BODY_RE.search(page_html)
    if match is None:
        return banner + page_html
    return page_html[: match.end()] + banner + page_html[match.end() :]
