"""What the search finds: published articles, procedures and the portal's own pages."""

from __future__ import annotations

import re
from datetime import datetime

from cchc.content.models import Content
from cchc.outputs.search import SearchDoc
from cchc.site import urls
from cchc.site.views import ArticleViews
from cchc.text import strip_tags as _strip_tags

_PERMALINK = re.compile(r'<a class="headerlink"[^>]*>.*?</a>')


def strip_tags(html: str) -> str:
    """Plain text of rendered HTML, without the "#" of heading permalinks."""
    return _strip_tags(_PERMALINK.sub("", html))


def search_documents(
    content: Content,
    now: datetime,
    article_text: dict[str, str],
    page_html: dict[str, tuple[str, str]],
    views: ArticleViews | None = None,
) -> list[SearchDoc]:
    """Articles newest first (so ties rank the newest first), then procedures, then pages.

    `article_text`: src_uri -> plain text of the rendered body (`strip_tags`, made with the page and cached with it);
    `page_html`: src_uri -> (title, rendered body).
    """
    docs = []
    view_of = views or ArticleViews(content)
    for view in map(view_of, content.published(now)):
        docs.append(
            SearchDoc(
                title=view.title,
                url=view.url,
                text=article_text.get(view.src_uri, "") or view.summary,
                kind="Tin tức",
                meta=f"{view.date_text} · {view.unit.name}",
                extra=" ".join([view.category.name, view.unit.name, *view.tags]),
            )
        )
    for procedure in content.procedures:
        parts = [
            procedure.applicants or "",
            procedure.result or "",
            *procedure.documents,
            *procedure.steps,
            *procedure.requirements,
            procedure.processing_time or "",
            procedure.fee or "",
        ]
        docs.append(
            SearchDoc(
                title=procedure.name,
                url=urls.page_url(urls.procedure(procedure.code)),
                text=" ".join(p for p in parts if p),
                kind="Thủ tục hành chính",
                meta=f"Mã {procedure.code} · Lĩnh vực {procedure.field}",
                extra=f"{procedure.code} {procedure.field} {procedure.agency} {' '.join(procedure.level)}",
            )
        )
    if content.hotlines:
        docs.append(hotlines_document(content))
    for src_uri, (title, html) in sorted(page_html.items()):
        if src_uri != urls.HOTLINES:
            docs.append(SearchDoc(title=title, url=urls.page_url(src_uri), text=strip_tags(html), kind="Trang"))
    return docs


HOTLINE_WORDS = "đường dây nóng hotline điện thoại phản ánh kiến nghị"


def hotlines_document(content: Content) -> SearchDoc:
    """The hotline page, found by "đường dây nóng", "hotline" or a number's digits, its numbers in the snippet."""
    lines, numbers = [], []
    for hotline in content.hotlines:
        reach = " · ".join(x for x in (hotline.phone, hotline.email) if x)
        lines.append(f"{hotline.name}: {reach}.")
        if hotline.phone:
            digits = re.sub(r"\D", "", hotline.phone)
            # As typed: "0913456789", "0913 456 789" (the query joins digit groups), "+84913456789".
            numbers += [digits, hotline.phone_e164.lstrip("+") if hotline.phone_e164 else ""]
    return SearchDoc(
        title="Đường dây nóng",
        url=urls.page_url(urls.HOTLINES),
        text=" ".join(lines),
        kind="Trang",
        extra=" ".join(n for n in numbers if n),
        keywords=HOTLINE_WORDS,
    )
