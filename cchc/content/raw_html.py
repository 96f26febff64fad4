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

_ALLOWED_SCHEMES = ("http:", "https:", "mailto:", "tel:")
_SCHEME = re.compile(r"[a-zA-Z][a-zA-Z0-9+.-]*:")
# [text](target) and [ref]: target
_LINK_TARGET = re.compile(r"\]\(\s*<?([^)\s]*)|^[ \t]*\[[^\]\n]+\]:[ \t]*<?(\S*)", re.MULTILINE)


# An attribute list ({: onclick="..." } or {#__config}) sets attributes on the element before it.
_ATTR_LIST = re.compile(r"\{:?[^}\n]*(?:=|[#.](?:__|md-|cchc-|tthc-))")


def may_drop(body: str) -> bool:
    """Whether rendering `body` can produce anything the sanitiser removes: raw HTML, a character
    reference, an attribute list, or a link whose target has a scheme other than http, https, mailto and tel."""
    if "<" in body or "&" in body:
        return True
    if "{" in body and _ATTR_LIST.search(body):
        return True
    if "](" not in body and "]:" not in body:
        return False
    for match in _LINK_TARGET.finditer(body):
        scheme = _SCHEME.match(match.group(1) or match.group(2) or "")
        if scheme and scheme.group(0).lower() not in _ALLOWED_SCHEMES:
            return True
    return False


_MARKDOWN = markdown.Markdown(extensions=MARKDOWN_EXTENSIONS)  # one instance: setting one up costs more than a body


def render(body: str) -> str:
    return _MARKDOWN.reset().convert(body)


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
        raw = article.source.read_bytes()
        if b"<" not in raw and b"&" not in raw and b"](" not in raw and b"]:" not in raw and b"{" not in raw:
            continue  # most articles: nothing to render
        text = decode(raw)
        body = split_front_matter(text)[1]
        if not may_drop(body):
            continue
        first_line = text.count("\n", 0, len(text) - len(body)) + 1
        for line, message in dropped_in_body(body):
            problems.warning(article.source, first_line + line - 1, message)
