"""One Python-Markdown instance per build for the articles, where MkDocs makes a new one for every page.

Making the instance (loading and configuring every extension) costs about as much as converting a short article:
at 20,000 articles, seconds of the build. Python-Markdown's `reset()` is its documented way to convert another
document with the same instance. What MkDocs' `Page.render` registers for each page (its link, anchor and title
processors) is registered again under the same names, which replaces the previous page's.

`render_with` mirrors `mkdocs.structure.pages.Page.render` (MkDocs 1.6): `tests/test_markdown_pool.py` compares the
two page after page, and `tests/test_page_cache.py` builds the demo with and without it (`CCHC_FAST=0`).

The pooled instance also passes over plain text (`skip_plain_text`): Python-Markdown tries each of its 14 inline
patterns on every paragraph, list item and heading, which is half of the time of converting an article whose text
has no link, emphasis or code in most paragraphs.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable

import markdown
from markdown import inlinepatterns as built_in
from markdown.treeprocessors import InlineProcessor
from mkdocs.structure import pages as mkdocs_pages
from mkdocs.structure.toc import get_toc

_PAGES_LOG = logging.getLogger("mkdocs.structure.pages")

# What a text must hold for each of Python-Markdown's own inline patterns to match in it: a code span (a backtick, or
# backslashes before one), an escape (a backslash), a link, image or reference ([), an autolink, e-mail or HTML tag
# (<), an entity (&), a line break (two spaces at a line's end: below). Emphasis needs one of its delimiters (*, _),
# read from the registered emphasis pattern.
_PATTERN_NEEDS = {
    "backtick": "`\\",
    "escape": "\\",
    "reference": "[",
    "link": "[",
    "image_link": "[",
    "image_reference": "[",
    "short_reference": "[",
    "short_image_ref": "[",
    "autolink": "<",
    "automail": "<",
    "html": "<",
    "entity": "&",
    "linebreak": "",
    "em_strong": "*",
    "em_strong2": "_",  # Python-Markdown before 3.10
}
# The expressions those patterns are made with (emphasis aside): another pattern under one of their names is unknown.
_BUILT_IN_EXPRESSIONS = {
    "backtick": built_in.BACKTICK_RE,
    "escape": built_in.ESCAPE_RE,
    "reference": built_in.REFERENCE_RE,
    "link": built_in.LINK_RE,
    "image_link": built_in.IMAGE_LINK_RE,
    "image_reference": built_in.IMAGE_REFERENCE_RE,
    "short_reference": built_in.REFERENCE_RE,
    "short_image_ref": built_in.IMAGE_REFERENCE_RE,
    "autolink": built_in.AUTOLINK_RE,
    "automail": built_in.AUTOMAIL_RE,
    "html": built_in.HTML_RE,
    "entity": built_in.ENTITY_RE,
    "linebreak": built_in.LINE_BREAK_RE,
}


class MarkdownPool:
    """The instance for one build's configuration (a serve rebuild brings a new configuration, hence a new one)."""

    def __init__(self, config) -> None:
        self.instance = markdown.Markdown(
            extensions=config["markdown_extensions"], extension_configs=config["mdx_configs"] or {}
        )
        skip_plain_text(self.instance)

    def render_with(self, page) -> Callable:
        """A stand-in for `page.render`: MkDocs' own steps on the pooled instance."""

        def render(config, files) -> None:
            md = self.instance.reset()
            raw_html = mkdocs_pages._RawHTMLPreprocessor()
            raw_html._register(md)
            anchors = mkdocs_pages._ExtractAnchorsTreeprocessor(page.file, files, config)
            anchors._register(md)
            relative_paths = mkdocs_pages._RelativePathTreeprocessor(page.file, files, config)
            relative_paths._register(md)
            title = mkdocs_pages._ExtractTitleTreeprocessor()
            title._register(md)
            page.content = md.convert(page.markdown)
            page.toc = get_toc(getattr(md, "toc_tokens", []))
            page._title_from_render = title.title
            page.present_anchor_ids = anchors.present_anchor_ids | raw_html.present_anchor_ids
            if _PAGES_LOG.getEffectiveLevel() > logging.DEBUG:
                page.links_to_anchors = relative_paths.links_to_anchors

        return render


def skip_plain_text(md: markdown.Markdown) -> bool:
    """Make `md` return a text none of its inline patterns can match as it is, without trying them one by one.
    Only when every registered pattern is one of Python-Markdown's own under its own name (`_PATTERN_NEEDS`), whose
    needs are known; returns whether it did. A text without those characters is left unchanged by the patterns
    either way: none matches, so none is called (`tests/test_markdown_pool.py` compares the outputs on random text).
    Checked once, when the instance is made: extensions register their patterns then."""
    inline = next((p for p in md.treeprocessors if isinstance(p, InlineProcessor)), None)
    if inline is None or not hasattr(InlineProcessor, "_InlineProcessor__handleInline"):
        return False
    patterns = inline.inlinePatterns
    names = [name for name in _PATTERN_NEEDS if name in patterns]
    if len(names) != len(patterns) or any(type(p).__module__ != built_in.__name__ for p in patterns):
        return False
    if any(
        getattr(patterns[name], "pattern", None) != _BUILT_IN_EXPRESSIONS[name]
        for name in names
        if name in _BUILT_IN_EXPRESSIONS
    ):
        return False
    needed = {char for name in names for char in _PATTERN_NEEDS[name]}
    needed.update(token[:1] for pattern in patterns for token in getattr(pattern, "tokens", ()))  # emphasis
    may_match = re.compile("[" + re.escape("".join(sorted(needed))) + "]|  \n").search
    handle_inline = inline._InlineProcessor__handleInline

    def handle_text(data: str, patternIndex: int = 0) -> str:  # noqa: N803  Python-Markdown's own name
        return handle_inline(data, patternIndex) if may_match(data) else data

    inline._InlineProcessor__handleInline = handle_text
    return True
