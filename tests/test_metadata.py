"""What search engines and Zalo/Facebook read: Open Graph, Dublin Core, canonical, sitemap, robots, data."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET

from bs4 import BeautifulSoup

SITE = "https://cchc.longphu.example.vn/"
ARTICLE = "bai-viet/ban-hanh-ke-hoach-tuyen-truyen-cchc-2024/"


def head(site, rel):
    page = BeautifulSoup((site / rel / "index.html").read_text(encoding="utf-8"), "html.parser")
    meta = {m.get("property") or m.get("name"): m["content"] for m in page.select("head meta[content]")}
    return page, meta


def test_article_open_graph_twitter_and_dublin_core(demo_site):
    page, meta = head(demo_site, ARTICLE)
    title = "Huyện Long Phú ban hành Kế hoạch tuyên truyền cải cách hành chính năm 2024"
    assert meta["og:title"] == meta["twitter:title"] == meta["DC.title"] == title
    assert meta["og:type"] == "article"
    assert meta["og:url"] == meta["DC.identifier"] == SITE + ARTICLE
    assert page.select_one("link[rel=canonical]")["href"] == SITE + ARTICLE
    assert re.fullmatch(re.escape(SITE) + r"media/2024/anh/hoi-nghi-[0-9a-f]{10}-chia-se\.jpg", meta["og:image"])
    assert meta["article:published_time"] == "2024-03-06T00:00:00+07:00"
    assert meta["DC.creator"] == "UBND huyện Long Phú"
    assert meta["DC.date"] == "2024-03-06" and meta["DC.language"] == "vi"
    assert meta["description"] == meta["DC.description"] and meta["description"].startswith("Ngày 06/3/2024")
    ld = json.loads(page.select_one("script[type='application/ld+json']").string)
    assert ld["@type"] == "NewsArticle" and ld["headline"] == title and ld["author"]["name"] == "UBND huyện Long Phú"


def test_other_pages_are_websites_with_a_share_image(demo_site):
    _, meta = head(demo_site, "thu-tuc-hanh-chinh")
    assert meta["og:type"] == "website"
    assert meta["og:image"] == SITE + "assets/chia-se.png"
    assert (demo_site / "assets/chia-se.png").read_bytes().startswith(b"\x89PNG")


def test_sitemap_has_lastmod_and_robots_points_to_it(demo_site):
    tree = ET.parse(demo_site / "sitemap.xml")
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    entries = {u.find("s:loc", ns).text: u.find("s:lastmod", ns).text for u in tree.findall("s:url", ns)}
    assert entries[SITE + ARTICLE] == "2024-03-06"
    assert all(entries.values())
    assert (demo_site / "robots.txt").read_text() == f"User-agent: *\nAllow: /\nSitemap: {SITE}sitemap.xml\n"


def test_articles_json_lists_every_published_article(demo_site):
    data = json.loads((demo_site / "articles.json").read_text(encoding="utf-8"))
    titles = [a["title"] for a in data["articles"]]
    assert data["count"] == len(titles) == 34
    assert "Dự thảo Kế hoạch tuyên truyền cải cách hành chính năm 2026" not in titles  # a draft
    assert "Sơ kết cải cách hành chính Quý I/2027" not in titles  # scheduled
    first = next(a for a in data["articles"] if a["url"] == SITE + ARTICLE)
    assert first["unit"] == {"id": "ubnd-huyen-long-phu", "name": "UBND huyện Long Phú"}
    assert first["date"] == "2024-03-06T00:00:00+07:00"
    assert re.fullmatch(re.escape(SITE) + r"media/2024/anh/hoi-nghi-[0-9a-f]{10}-chia-se\.jpg", first["image"])


def test_site_loads_no_fonts_or_scripts_from_elsewhere(demo_site):
    for path in demo_site.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        assert "fonts.googleapis" not in text and "fonts.gstatic" not in text, path
        soup = BeautifulSoup(text, "html.parser")
        for tag in soup.select("script[src], link[rel=stylesheet]"):
            ref = tag.get("src") or tag.get("href")
            assert not ref.startswith(("http:", "https:", "//")), (path, ref)
            local = ref.split("?")[0]
            target = demo_site / local[1:] if local.startswith("/") else path.parent / local  # 404.html: from the root
            assert target.resolve().is_file(), (path, ref)  # published, not dropped
    # Material's bundle, lunr search and palette are replaced by the portal's own files: not published.
    assert not (demo_site / "assets/javascripts").exists()
    assert sorted(p.name for p in (demo_site / "assets/stylesheets").iterdir()) == [
        next(p.name for p in (demo_site / "assets/stylesheets").glob("main.*.min.css"))
    ]
