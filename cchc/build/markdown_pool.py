"""One Python-Markdown instance per build for the articles, where MkDocs makes a new one for every page.

Making the instance (loading and configuring every extension) costs about as much as converting a short article:
at 20,000 articles, seconds of the build. Python-Markdown's `reset()` is its documented way to convert another
document with the same instance. What MkDocs' `Page.render` registers for each page (its link, anchor and title
processors) is registered again under the same names, which replaces the previous page's.

`render_with` mirrors `mkdocs.structure.pages.Page.render` (MkDocs 1.6): `tests/test_markdown_pool.py` compares the
two page after page, and `tests/test_page_cache.py` builds the demo with and without it (`CCHC_FAST=0`).
"""

from __future__ import annotations

import logging
from collections.abc import Callable

import markdown
from mkdocs.structure import pages as mkdocs_pages
from mkdocs.structure.toc import get_toc

_PAGES_LOG = logging.getLogger("mkdocs.structure.pages")


class MarkdownPool:
    """The instance for one build's configuration (a serve rebuild brings a new configuration, hence a new one)."""

    def __init__(self, config) -> None:
        self.instance = markdown.Markdown(
            extensions=config["markdown_extensions"], extension_configs=config["mdx_configs"] or {}
        )

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
