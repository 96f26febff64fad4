"""The allow-list an article's rendered HTML goes through before any page or feed shows it.

Editors (or a stolen editor account, or a paragraph pasted from another site) can put raw
HTML in a Markdown body. `clean_html` keeps what articles need (paragraphs, headings with
their anchors, lists, tables, images, figures, quotes, code, links to http(s), mailto:,
tel: and relative targets) and drops the rest with nh3 (the Python binding of Rust's
ammonia, an HTML5-parser-based sanitiser): no script, no event handler, no frame, no
`javascript:` or `data:` URL, no style beyond table cell alignment.

`removed_parts` walks the same HTML with the same allow-list and names what the
sanitiser drops, so `check` can tell the editor why something vanished.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

import nh3

TAGS = frozenset({
    "p", "br", "hr", "div", "span",
    "h1", "h2", "h3", "h4", "h5", "h6",
    "ul", "ol", "li", "dl", "dt", "dd",
    "table", "caption", "colgroup", "col", "thead", "tbody", "tfoot", "tr", "th", "td",
    "img", "figure", "figcaption", "picture", "source",
    "blockquote", "q", "cite", "pre", "code", "kbd", "samp",
    "em", "strong", "b", "i", "u", "s", "del", "ins", "sub", "sup", "mark", "small", "abbr", "time",
    "a", "details", "summary",
})  # fmt: skip

# Attributes allowed on every kept tag, then per tag. `id` keeps the headings' anchors (toc permalinks).
GENERIC_ATTRIBUTES = frozenset({"id", "class", "title", "lang", "dir"})
TAG_ATTRIBUTES = {
    "a": {"href", "hreflang", "download"},
    "img": {"src", "alt", "width", "height", "loading"},
    "source": {"srcset", "type", "media"},
    "td": {"colspan", "rowspan", "align", "style"},
    "th": {"colspan", "rowspan", "align", "style", "scope"},
    "col": {"span"},
    "ol": {"start", "type", "reversed"},
    "li": {"value"},
    "time": {"datetime"},
    "abbr": {"title"},
    "details": {"open"},
}
URL_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
URL_ATTRIBUTES = frozenset({"href", "src", "srcset", "cite"})
STYLE_PROPERTIES = frozenset({"text-align"})  # Markdown tables write `style="text-align: left;"`
# Tags dropped with everything inside them (not just the tags): their text is code or a document.
DROPPED_WITH_CONTENT = frozenset(
    {"script", "style", "iframe", "object", "embed", "template", "noscript", "svg", "math"}
)


# ids and classes of the portal's own page (Material's `__config`, `__drawer`, our `cchc-...` and `md-...`):
# an article taking one would confuse the page's scripts (DOM clobbering) or dress up as the portal's banners.
RESERVED_PREFIXES = ("__", "md-", "cchc-", "tthc-", "data-md")


def _reserved(name: str, value: str) -> bool:
    if name == "id":
        return value.strip().lower().startswith(RESERVED_PREFIXES)
    if name == "class":
        return any(token.lower().startswith(RESERVED_PREFIXES) for token in value.split())
    return False


def _attribute_filter(tag: str, name: str, value: str) -> str | None:
    if name == "class":
        kept = " ".join(token for token in value.split() if not token.lower().startswith(RESERVED_PREFIXES))
        return kept or None
    return None if _reserved(name, value) else value


_CLEANER = nh3.Cleaner(
    tags=set(TAGS),
    clean_content_tags=set(DROPPED_WITH_CONTENT),
    attributes={"*": set(GENERIC_ATTRIBUTES), **{tag: set(names) for tag, names in TAG_ATTRIBUTES.items()}},
    url_schemes=set(URL_SCHEMES),
    link_rel=None,
    strip_comments=True,
    filter_style_properties=set(STYLE_PROPERTIES),
    attribute_filter=_attribute_filter,
)


def clean_html(html: str) -> str:
    """`html` with only the allowed tags, attributes and URL schemes left."""
    return _CLEANER.clean(html)


def _allowed_attribute(tag: str, name: str) -> bool:
    return name in GENERIC_ATTRIBUTES or name in TAG_ATTRIBUTES.get(tag, ())


def _allowed_url(value: str) -> bool:
    """Relative targets and the allowed schemes; browsers ignore tabs and newlines inside a scheme."""
    cleaned = "".join(ch for ch in value if ch not in "\t\n\r").strip()
    try:
        scheme = urlsplit(cleaned).scheme
    except ValueError:
        return False
    return not scheme or scheme.lower() in URL_SCHEMES


_TAG = re.compile(r"""<[/!]?[a-zA-Z](?:[^>"']|"[^"]*"|'[^']*')*>""")


class _Walker(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.removed: list[tuple[str, str]] = []  # (what, search hint for the source line)
        self.inside_dropped: list[str] = []  # open tags dropped with their content

    def handle_starttag(self, tag, attrs):
        if self.inside_dropped:
            if tag == self.inside_dropped[-1]:
                self.inside_dropped.append(tag)
            return
        if tag in DROPPED_WITH_CONTENT:
            self.inside_dropped.append(tag)
        if tag not in TAGS:
            self.removed.append((f"đã bỏ thẻ <{tag}>", f"<{tag}"))
            return
        for name, value in attrs:
            if not _allowed_attribute(tag, name):
                self.removed.append((f"đã bỏ thuộc tính '{name}' của thẻ <{tag}>", name))
            elif _reserved(name, value or ""):
                self.removed.append(
                    (f"đã bỏ {name} '{value}' của thẻ <{tag}> (trùng tên dành cho trang của cổng)", value)
                )
            elif name in URL_ATTRIBUTES and value and not _allowed_url(value):
                shown = value if len(value) <= 60 else value[:57] + "..."
                self.removed.append(
                    (
                        f"đã bỏ địa chỉ '{shown}' của thẻ <{tag}> (chỉ cho phép http, https, mailto, tel và đường dẫn tương đối)",
                        value[:20],
                    )
                )

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if self.inside_dropped and self.inside_dropped[-1] == tag:
            self.inside_dropped.pop()

    def handle_endtag(self, tag):
        if self.inside_dropped and self.inside_dropped[-1] == tag:
            self.inside_dropped.pop()

    def handle_comment(self, data):
        pass


def removed_parts(html: str) -> list[tuple[str, str]]:
    """What `clean_html` drops from `html`: (Vietnamese description, text to look for in the source).

    Each kind of removal is named once per tag and attribute, in the order met.
    """
    walker = _Walker()
    walker.feed("".join(_TAG.findall(html)))  # the tags alone: text is never dropped, and parsing it is slow
    walker.close()
    return list(dict.fromkeys(walker.removed))
