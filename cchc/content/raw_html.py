"""`check`'s view of the sanitiser: which parts of an article body the portal will drop, and where.

The build renders every body and cleans it (cchc/content/sanitize.py). Here the same
Markdown extensions as mkdocs.yml render only the bodies that can hold something to
drop (raw HTML, a character reference, or a link target with a scheme other than http,
https, mailto and tel), so `check` stays fast on ordinary articles.
"""

from __future__ import annotations

import html
import re

import markdown

from cchc.content.files import decode, split_front_matter
from cchc.content.models import Article
from cchc.content.problems import Problems
from cchc.content.sanitize import removed_parts

# The names of mkdocs.yml's markdown_extensions (tests/test_sanitize.py keeps the two lists equal).
MARKDOWN_EXTENSIONS = ["attr_list", "md_in_html", "tables", "admonition", "toc"]

_ALLOWED_SCHEME = r"(?:https?|mailto|tel):"
_MAY_DROP = re.compile(
    r"[<&]"  # raw HTML or a character reference
    rf"|\]\(\s*<?(?!{_ALLOWED_SCHEME})[^)\s]*:"  # [text](scheme:...)
    rf"|^\s*\[[^\]]+\]:\s*<?(?!{_ALLOWED_SCHEME})\S*:",  # [ref]: scheme:...
    re.MULTILINE | re.IGNORECASE,
)


def may_drop(body: str) -> bool:
    """Whether rendering `body` can produce anything the sanitiser removes."""
    return bool(_MAY_DROP.search(body))


def render(body: str) -> str:
    return markdown.markdown(body, extensions=MARKDOWN_EXTENSIONS)


def dropped_in_body(body: str) -> list[tuple[int, str]]:
    """(line in the body, message) for each part of `body`'s HTML the sanitiser drops."""
    if not may_drop(body):
        return []
    found = []
    # Searched in each line with its character references decoded, as the HTML parser read them.
    lines = [html.unescape(line).lower() for line in body.split("\n")]
    for message, hint in removed_parts(render(body)):
        line = next((n for n, text in enumerate(lines, 1) if hint and hint.lower() in text), None)
        if line is None and ":" in hint:  # a URL spelled differently: look for its scheme
            scheme = hint.partition(":")[0].lower() + ":"
            line = next((n for n, text in enumerate(lines, 1) if scheme in text), None)
        found.append((line or 1, message + ": cổng không hiển thị phần này (chống chèn mã độc)"))
    return found


def report_dropped_html(articles: list[Article], problems: Problems) -> None:
    """A warning with file:line for each part of an article body the portal will not show."""
    for article in articles:
        text = decode(article.source.read_bytes())
        body = split_front_matter(text)[1]
        if not may_drop(body):
            continue
        first_line = text.count("\n", 0, len(text) - len(body)) + 1
        for line, message in dropped_in_body(body):
            problems.warning(article.source, first_line + line - 1, message)
