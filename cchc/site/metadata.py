"""Metadata for search engines and sharing (Open Graph for Zalo and Facebook, Dublin Core)."""

from __future__ import annotations

from urllib.parse import urljoin

from cchc.site.urls import encode_url

SHARE_IMAGE = "assets/chia-se.png"  # the default picture when a page has none of its own


def page_metadata(
    context: dict,
    title: str,
    description: str | None,
    canonical_url: str | None,
    site_url: str | None,
    site_name: str,
    site_author: str | None,
) -> dict:
    """What the page's head says about it. `context` is the generated page's context, if any."""
    article = context.get("article")
    absolute = (lambda rel: encode_url(urljoin(site_url, rel))) if site_url else encode_url
    data: dict = {
        "title": title,
        "description": description or "",
        "url": canonical_url,
        "site_name": site_name,
        "type": "website",
        "image": absolute(SHARE_IMAGE),
        "image_alt": site_name,
        "creator": site_author or site_name,
        "date": None,
        "published": None,
        "language": "vi",
    }
    if article:
        data.update(
            type="article",
            published=article["date_iso"],
            date=article["date_iso"][:10],
            creator=article["unit"]["name"],
            section=article["category"]["name"],
            tags=[t["name"] for t in article.get("tags", [])],
        )
        if article.get("image"):
            data.update(image=absolute(article["image"]["social"]), image_alt=article["image_alt"])
    return data


def news_article_ld(meta: dict) -> dict:
    """schema.org NewsArticle, for an article page."""
    return {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": meta["title"],
        "description": meta["description"],
        "datePublished": meta["published"],
        "inLanguage": "vi",
        "image": [meta["image"]],
        "mainEntityOfPage": meta["url"],
        "author": {"@type": "GovernmentOrganization", "name": meta["creator"]},
        "publisher": {"@type": "GovernmentOrganization", "name": meta["site_name"]},
    }
