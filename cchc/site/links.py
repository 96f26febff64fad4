"""Make an article's relative links work from its generated page.

Editors link images and documents relative to the article file
(`![](anh/le-phat-dong.jpg)`, `[Kế hoạch](van-ban/kh-27.pdf)`, `[bài khác](../2023/bai.md)`).
The article is published at `bai-viet/<slug>/`, so each such link is rewritten to the
docs-relative place of its target; MkDocs then validates it like any other link.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable
from pathlib import Path

from cchc.content.body_links import HTML_ATTR, MD_LINK, is_relative, md_target, target_path


def rewrite_links(
    body: str,
    article_source: Path,
    page_src_uri: str,
    resolve: Callable[[Path], str | None],
) -> str:
    """Rewrite relative link targets in `body`.

    `resolve(absolute_path)` returns the docs src_uri of the target (a media file or
    another article's page), or None to leave the link as the editor wrote it.
    """
    page_dir = posixpath.dirname(page_src_uri)

    def convert(target: str) -> str:
        if not is_relative(target):
            return target
        path_part, sep, fragment = target.partition("#")
        src_uri = resolve(target_path(article_source.parent, path_part))
        if src_uri is None:
            return target
        return posixpath.relpath(src_uri, page_dir) + (sep + fragment if sep else "")

    def markdown_link(m) -> str:
        target = md_target(m)
        new = convert(target)
        if new == target:
            return m.group(0)
        # A published name can still hold spaces (an attachment's): the <...> form keeps it one link.
        new = f"<{new}>" if any(ch.isspace() for ch in new) else new
        return m.group(1) + new + (m.group(4) or "") + m.group(5)

    body = MD_LINK.sub(markdown_link, body)
    if "=" not in body:  # no src= or href= to look for (HTML_ATTR has no literal start: its scan is slow)
        return body
    return HTML_ATTR.sub(lambda m: m.group(1) + convert(m.group(2)) + m.group(3), body)
