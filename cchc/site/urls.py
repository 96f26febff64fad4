"""The portal's URL scheme, in one place. Every function returns a docs-relative src_uri.

An article's URL depends only on its slug (file name or `slug:`), never on its date,
title or folder, so editing an article never moves it.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

from cchc.images import ImageInfo, ImageSet, image_set
from cchc.text import slugify


def article(slug: str) -> str:
    return f"bai-viet/{slug}.md"


def _paged(base: str, page: int) -> str:
    return f"{base}/index.md" if page == 1 else f"{base}/trang-{page}.md"


def news(page: int = 1) -> str:
    return _paged("tin-tuc", page)


def category(category_id: str, page: int = 1) -> str:
    return _paged(f"chuyen-muc/{category_id}", page)


def unit(unit_id: str, page: int = 1) -> str:
    return _paged(f"don-vi/{unit_id}", page)


def tag(name: str, page: int = 1) -> str:
    return _paged(f"chu-de/{tag_slug(name)}", page)


def tag_slug(name: str) -> str:
    return slugify(name) or "khac"


def archive(year: int, month: int | None = None, page: int = 1) -> str:
    base = f"luu-tru/{year}" if month is None else f"luu-tru/{year}/{month:02d}"
    return _paged(base, page)


# Names a procedure's page cannot take: the catalog's own page and its field pages' folder.
_RESERVED_PROCEDURE_SLUGS = {"index", "linh-vuc"}


def procedure_slug(code: str) -> str:
    """The last part of a procedure's URL: "1.000890" -> "1-000890"; "" when the code has no letter or digit.

    A code that would take the catalog's own address ("index") gets a "ma-" prefix.
    """
    slug = slugify(code.replace(".", "-"))
    return f"ma-{slug}" if slug in _RESERVED_PROCEDURE_SLUGS else slug


def procedure(code: str) -> str:
    return f"thu-tuc-hanh-chinh/{procedure_slug(code)}.md"


def procedure_field(field_slug: str) -> str:
    return f"thu-tuc-hanh-chinh/linh-vuc/{field_slug}.md"


def news_feed() -> str:
    """A feed's folder: it holds rss.xml and atom.xml."""
    return "feeds/tin-tuc"


def category_feed(category_id: str) -> str:
    return f"feeds/chuyen-muc/{category_id}"


def unit_feed(unit_id: str) -> str:
    return f"feeds/don-vi/{unit_id}"


PROCEDURES_FEED = "feeds/thu-tuc-hanh-chinh"


def media(file: Path, content_root: Path) -> str:
    """Where a file of content/ an article uses (image, attachment, linked file) is published.

    Files below content/articles/ keep their path under media/; any other file of content/
    (allowed by `check`: inside the content tree) goes under tep-chung/, so the two never collide.
    """
    file, content_root = file.resolve(), content_root.resolve()
    articles = content_root / "articles"
    if file.is_relative_to(articles):
        return f"media/{file.relative_to(articles).as_posix()}"
    return f"tep-chung/{file.relative_to(content_root).as_posix()}"


def photos(info: ImageInfo, content_root: Path) -> ImageSet:
    """The published versions of a photo of content/ (clean names beside where `media` would put it)."""
    return image_set(info, media(info.path, content_root))


HOME = "index.md"
UNITS_INDEX = "don-vi/index.md"
TAGS_INDEX = "chu-de/index.md"
ARCHIVE_INDEX = "luu-tru/index.md"
PROCEDURES = "thu-tuc-hanh-chinh/index.md"
HOTLINES = "duong-day-nong.md"
FEEDS = "theo-doi.md"
STATS = "thong-ke.md"


def stats_year(year: int) -> str:
    return f"thong-ke/{year}.md"


SEARCH = "tim-kiem.md"


CATALOG_INDEX = "thu-tuc-hanh-chinh/danh-muc.json"


def template_urls() -> dict[str, str]:
    """The fixed pages' site-relative URLs, for templates (`portal.urls.search | url`): none is written twice."""
    return {
        "home": page_url(HOME),
        "news": page_url(news()),
        "procedures": page_url(PROCEDURES),
        "catalog_index": CATALOG_INDEX,
        "hotlines": page_url(HOTLINES),
        "feeds": page_url(FEEDS),
        "stats": page_url(STATS),
        "search": page_url(SEARCH),
        "units": page_url(UNITS_INDEX),
        "tags": page_url(TAGS_INDEX),
        "archive": page_url(ARCHIVE_INDEX),
    }


# Characters left as they are in a URL; everything else (quotes, <, >, spaces, non-ASCII) is %-encoded.
_URL_SAFE = "/:#?&=%~@!$()*+,;-._"


def encode_url(url: str) -> str:
    """`url` with every character that is not plain URL syntax %-encoded (a file named `a" onerror=x.jpg`)."""
    return quote(url, safe=_URL_SAFE)


def page_url(src_uri: str) -> str:
    """The directory URL MkDocs gives `src_uri` (use_directory_urls), relative to the site root."""
    if src_uri == "index.md":
        return ""
    if src_uri.endswith("/index.md"):
        return src_uri[: -len("index.md")]
    if src_uri.endswith(".md"):
        return src_uri[: -len(".md")] + "/"
    return src_uri


_SECTIONS = (
    (("bai-viet/", "tin-tuc/", "chuyen-muc/", "don-vi/", "chu-de/", "luu-tru/"), news()),
    (("thu-tuc-hanh-chinh/",), PROCEDURES),
    (("thong-ke/",), STATS),
)


def section_of(src_uri: str) -> str | None:
    """The nav page whose tab a generated page belongs to (articles and listings: "Tin tức")."""
    for prefixes, section in _SECTIONS:
        if src_uri.startswith(prefixes):
            return section
    return None
