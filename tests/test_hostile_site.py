"""The portal built from an attacker's content (tests/hostile.py), read as a parser and crawled in chromium.

Every page and feed item: no script but the site's own files and JSON data, no event-handler
attribute, no javascript: or data: URL; in chromium no dialog and no Content-Security-Policy
violation anywhere (tests/browser.py fails on either). `check` names every dropped part with file:line.
"""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest
from browser import DESKTOP, outside_hosts, serve, tab
from bs4 import BeautifulSoup
from conftest import build_once, project_config, run_build, shared_root, write_tree
from hostile import BODY_PAYLOADS, MD_ATTACHMENT_MARKER, hostile_files
from lxml import etree

from cchc.commands import check
from cchc.site.security import CSP

ALLOWED_SCRIPT_TYPES = {"application/ld+json", "application/json"}
_CONTROL = re.compile(r"[\x00-\x20]")


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    """(project dir, site dir): the hostile content built once for the run, whichever worker asks first."""

    def make(project):
        write_tree(project / "content", hostile_files())
        project_config(project)
        result = run_build(project)  # not --strict: MkDocs rightly warns about the broken links of the payloads
        assert result.returncode == 0, result.stderr
        assert "Traceback" not in result.stderr
        return project

    project = build_once(shared_root(tmp_path_factory), "hostile", make)
    return project, project / "site"


def unsafe_parts(html: str, where: str) -> list[str]:
    """Scripts other than the site's files or JSON data, on* attributes, javascript:/data:/vbscript: URLs."""
    found = []
    for element in BeautifulSoup(html, "html.parser").find_all(True):
        if element.name == "script":
            src = element.get("src")
            if not src and element.get("type") not in ALLOWED_SCRIPT_TYPES:
                found.append(f"{where}: inline script {str(element)[:80]}")
            if src and re.match(r"^(?:[a-z]+:)?//", src):
                found.append(f"{where}: script from another host {src}")
        for name, value in element.attrs.items():
            if name.lower().startswith("on"):
                found.append(f"{where}: attribute {name} on <{element.name}>")
            text = value if isinstance(value, str) else " ".join(value)
            if _CONTROL.sub("", text).lower().startswith(("javascript:", "vbscript:", "data:text")):
                found.append(f"{where}: {name}={text[:60]} on <{element.name}>")
    return found


def test_no_page_carries_script_handler_or_javascript_url(hostile):
    _, site = hostile
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 40
    found = [part for page in pages for part in unsafe_parts(page.read_text(encoding="utf-8"), str(page))]
    assert found == []


def feed_item_html(feed: Path) -> list[tuple[str, str]]:
    """(where, HTML) of every text an RSS or Atom reader may render as HTML in `feed`."""
    tree = etree.parse(io.BytesIO(feed.read_bytes()))
    atom = "{http://www.w3.org/2005/Atom}"
    parts = []
    for node in tree.iter("description", f"{atom}content", f"{atom}summary", f"{atom}subtitle", "{*}encoded"):
        if node.tag.startswith(atom) and node.get("type", "text") == "text":
            continue  # Atom's default type: plain text, never parsed as HTML
        parts.append((f"{feed}:{node.sourceline}", node.text or ""))
    return parts


def test_no_feed_item_carries_script_handler_or_javascript_url(hostile):
    _, site = hostile
    feeds = sorted(site.glob("feeds/**/*.xml"))
    assert len(feeds) >= 8
    parts = [part for feed in feeds for part in feed_item_html(feed)]
    assert any("Đoạn cuối." in html for _, html in parts)  # the articles' full HTML is there
    found = [problem for where, html in parts for problem in unsafe_parts(html, where)]
    assert found == []
    assert not [where for where, html in parts if "<img src=x onerror" in html]  # summaries stay text


def test_payloads_in_names_show_as_text(hostile):
    _, site = hostile

    def text(rel: str, selector: str) -> str:
        soup = BeautifulSoup((site / rel).read_text(encoding="utf-8"), "html.parser")
        return " ".join(e.get_text(" ", strip=True) for e in soup.select(selector))

    assert text("bai-viet/tieu-de/index.html", "article h1") == '<script>alert("title")</script>'
    assert "<img src=x onerror=alert('unit')>" in text("don-vi/don-vi-doc/index.html", "article h1")
    assert "<img src=x onerror=alert('tag')>" in text("bai-viet/chu-de/index.html", ".cchc-tags")
    attachments = text("bai-viet/ten-tep/index.html", ".cchc-attachments li")
    assert "<img src=x onerror=alert('file')>.pdf (PDF, 1 KB)" in attachments
    assert "(<SVG ONLOAD=ALERT('TYPE')>, 1 KB)" in attachments
    assert "<img src=x onerror=alert('procedure-step')>" in text("thu-tuc-hanh-chinh/1-000001/index.html", "article")
    assert "<img src=x onerror=alert('hotline-address')>" in text("duong-day-nong/index.html", "article")


def test_file_names_are_url_encoded_and_files_published(hostile):
    _, site = hostile
    # A photo is published under a clean name made from the editor's file name: the quotes never reach a URL.
    soup = BeautifulSoup((site / "index.html").read_text(encoding="utf-8"), "html.parser")
    src = soup.select_one("img.cchc-card__image")["src"]
    assert re.fullmatch(r"media/2024/anh/anh-onerror-alert-image-[0-9a-f]{10}-\d+\.jpg", src), src
    assert (site / src).is_file()
    assert not (site / "media/2024/anh" / "anh\" onerror=\"alert('image').jpg").exists()  # never the original
    article = BeautifulSoup((site / "bai-viet/ten-tep/index.html").read_text(encoding="utf-8"), "html.parser")
    shared = article.select_one('meta[property="og:image"]')["content"]
    assert re.fullmatch(
        r"https://cchc\.longphu\.example\.vn/media/2024/anh/anh-onerror-alert-image-[0-9a-f]{10}-chia-se\.jpg", shared
    )
    data = json.loads((site / "articles.json").read_text(encoding="utf-8"))
    assert shared in [a["image"] for a in data["articles"]]
    # Attachments keep their names, %-encoded in every link.
    links = [a["href"] for a in article.select("a[href*='van-ban/']")]
    assert links and all('"' not in link and "<" not in link and " " not in link for link in links), links


def test_every_page_carries_the_csp(hostile):
    _, site = hostile
    for page in [site / "index.html", site / "bai-viet/than-bai-script/index.html", site / "404.html"]:
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        assert soup.select_one('meta[http-equiv="Content-Security-Policy"]')["content"] == CSP, page


def test_attached_markdown_file_is_published_as_a_file_never_as_a_page(hostile):
    project, site = hostile
    published = site / "media/2024/du-thao.md"
    assert published.read_bytes() == (project / "content/articles/2024/du-thao.md").read_bytes()
    assert not (site / "media/2024/du-thao").exists()
    assert "du-thao" not in (site / "sitemap.xml").read_text(encoding="utf-8")
    search_files = [p for p in (site / "search").rglob("*") if p.is_file()]
    assert search_files
    assert not [
        p for p in search_files if b"du-thao" in p.read_bytes() or MD_ATTACHMENT_MARKER.encode() in p.read_bytes()
    ]


def test_check_names_every_dropped_body_payload(hostile):
    project, _ = hostile
    out = io.StringIO()
    assert check.run(project / "content", out) == 0  # warnings only: the portal publishes the rest
    lines = out.getvalue().splitlines()
    for name in BODY_PAYLOADS:
        mine = [line for line in lines if line.startswith(f"content/articles/2024/than-bai-{name}.md:")]
        assert mine, name
        assert all(re.match(r"^[^:]+:\d+: cảnh báo: đã bỏ ", line) for line in mine), mine
    assert any(
        line.startswith("content/articles/2024/than-bai-script.md:10: cảnh báo: đã bỏ thẻ <script>") for line in lines
    )


@pytest.mark.browser
def test_crawl_every_page_and_feed_in_chromium(hostile):
    """No payload runs: no dialog, no CSP violation (tab() fails on either), no request off 127.0.0.1."""
    _, site = hostile
    paths = sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.suffix in (".html", ".xml"))
    with serve(site) as url, tab(DESKTOP) as page:
        context = page.context
        for path in paths:
            page.goto(url + path.removesuffix("index.html"), wait_until="load")
        # The search and the catalog filter draw results from hostile titles and names.
        page.goto(url + "tim-kiem/?q=alert")
        page.wait_for_selector("#cchc-page-results .cchc-hit")
        page.goto(url + "bai-viet/than-bai-details-ontoggle/")
        page.locator("article summary").first.click()
        assert outside_hosts(context.requested) == []
        assert context.dialogs == []
