"""Files an article publishes that a browser would run as a page of the portal.

An attachment or image is copied to the site as it is and served from the portal's own
address: an `.html` or `.svg` file opened there runs its script with the portal's rights
(the pages' Content-Security-Policy is a meta tag inside our pages, not in these files).
So the portal publishes no HTML, SVG, XML or JavaScript file from content/.
"""

from __future__ import annotations

from pathlib import Path

from cchc.content.models import Article
from cchc.content.problems import Problems

ACTIVE_SUFFIXES = frozenset({
    ".html", ".htm", ".xhtml", ".shtml", ".xht", ".svg", ".svgz", ".xml", ".xsl", ".xslt", ".js", ".mjs", ".swf",
})  # fmt: skip


def _line_naming(article: Path, name: str) -> int | None:
    try:
        text = article.read_text(encoding="utf-8-sig", errors="replace")
    except OSError:
        return None
    at = text.find(name)
    return text.count("\n", 0, at) + 1 if at >= 0 else None


def active_file_problems(articles: list[Article], problems: Problems) -> None:
    """An error with file:line for each image, attachment or linked file a browser would run."""
    for article in articles:
        files = [article.image, *(a.path for a in article.attachments), *article.linked_files]
        for path in dict.fromkeys(p for p in files if p is not None):
            if path.suffix.lower() in ACTIVE_SUFFIXES:
                problems.error(
                    article.source,
                    _line_naming(article.source, path.name),
                    f"tệp '{path.name}' là loại tệp trình duyệt chạy như một trang ({path.suffix.lower()}), "
                    "có thể chứa mã độc nên cổng không đăng; hãy chuyển sang PDF, hoặc ảnh PNG/JPG",
                )
