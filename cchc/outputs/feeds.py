"""RSS 2.0 and Atom feeds for the site, each category, each unit and the procedures catalog.

Pure functions: `cchc.site.feed_plan.feed_catalog` says which feeds exist and what each holds;
`render_feed` turns one into RSS and Atom bytes. Dates come from the content, never from the clock,
so an unchanged site gives byte-identical feeds.
"""

from __future__ import annotations

import mimetypes
import re
from datetime import datetime
from html import escape as html_escape
from urllib.parse import urljoin

from feedgen.feed import FeedGenerator

from cchc.site import urls
from cchc.site.feed_plan import FeedItem, FeedSpec

_URL_ATTR = re.compile(r"""(\s(?:src|href|poster)=)(["'])(.*?)\2""")


def absolutize(html: str, base_url: str) -> str:
    """Make every src/href in `html` absolute against `base_url` (the page the HTML comes from)."""
    return _URL_ATTR.sub(lambda m: f"{m.group(1)}{m.group(2)}{urljoin(base_url, m.group(3))}{m.group(2)}", html)


def _newest(items: list[FeedItem]) -> datetime | None:
    return max((i.updated or i.published for i in items), default=None)


def render_feed(
    spec: FeedSpec, site_url: str, html_by_key: dict[str, str], limit: int, fallback_date: datetime
) -> tuple[bytes, bytes]:
    """RSS and Atom bytes of `spec`, with its `limit` newest items, newest first."""
    rss = _generator(spec, site_url, html_by_key, limit, fallback_date, atom=False).rss_str(pretty=True)
    atom_feed = _generator(spec, site_url, html_by_key, limit, fallback_date, atom=True)
    atom = _atom_bytes(atom_feed, spec.items[:limit], site_url)
    return rss, atom


def _atom_bytes(feed: FeedGenerator, items: list[FeedItem], site_url: str) -> bytes:
    """Atom bytes with each entry's links typed: feedgen 1.0 drops rel/type/length from entry links, so readers took
    the image enclosure for the article's link. Here: one rel="alternate" link to the article, the image as
    rel="enclosure" with its type and length."""
    from lxml import etree

    root, doc = feed._create_atom()  # feedgen writes Atom's namespace as a plain xmlns attribute: tags have none
    for entry, item in zip(root.iter("entry"), items, strict=True):
        for old in entry.findall("link"):
            entry.remove(old)
        etree.SubElement(entry, "link", href=entry.findtext("id"), rel="alternate", type="text/html")
        enclosure = _enclosure(item)
        if enclosure is not None:
            href, length, mime = enclosure
            etree.SubElement(entry, "link", href=urljoin(site_url, href), rel="enclosure", type=mime, length=length)
    return etree.tostring(doc, pretty_print=True, encoding="UTF-8", xml_declaration=True)


def _enclosure(item: FeedItem) -> tuple[str, str, str] | None:
    """(site-relative URL, length in bytes, MIME type) of the item's image, or None."""
    if item.image is None or not item.image_url:
        return None
    mime = mimetypes.guess_type(item.image.name)[0] or "application/octet-stream"
    return urls.encode_url(item.image_url), str(item.image.stat().st_size), mime


def _generator(spec, site_url, html_by_key, limit, fallback_date, atom: bool) -> FeedGenerator:
    items = spec.items[:limit]
    self_url = urljoin(site_url, spec.atom_path if atom else spec.rss_path)
    feed = FeedGenerator()
    feed.load_extension("dc", atom=False, rss=True)
    feed.id(self_url)
    feed.title(spec.title)
    feed.subtitle(spec.description if atom else html_escape(spec.description, quote=False))  # RSS: HTML, as below
    feed.language("vi")
    # feedgen takes the last link added as RSS's channel <link>: the page, not the feed.
    feed.link(href=self_url, rel="self")
    feed.link(href=urljoin(site_url, spec.page_url), rel="alternate")
    # The newest item's date, not the clock: an unchanged site gives the same bytes.
    feed.updated(_newest(items) or fallback_date)
    for item in items:
        link = urljoin(site_url, item.url)
        entry = feed.add_entry(order="append")
        entry.id(link)
        entry.guid(link, permalink=True)
        entry.title(item.title)
        entry.link(href=link, rel="alternate")
        entry.published(item.published)
        entry.updated(item.updated or item.published)
        if item.author:
            entry.author({"name": item.author})
            if not atom:
                entry.dc.dc_creator(item.author)
        for name in item.categories:
            entry.category(term=name)
        html = html_by_key.get(item.content_key or "")
        if atom:
            entry.summary(item.summary)
        else:
            # Readers take RSS's <description> as HTML: the plain-text summary is escaped so it stays text.
            entry.description(html_escape(item.summary, quote=False))
        if html:
            entry.content(absolutize(html, link), type="CDATA" if not atom else "html")
        enclosure = _enclosure(item)
        if enclosure is not None:
            href, length, mime = enclosure
            entry.enclosure(urljoin(site_url, href), length, mime)
    return feed
