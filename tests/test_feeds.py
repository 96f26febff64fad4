"""RSS and Atom feeds, read back the way a feed reader reads them."""

from __future__ import annotations

import re
import shutil
from datetime import datetime
from urllib.parse import urlparse

import feedparser
import pytest
from bs4 import BeautifulSoup
from conftest import article, photo, run_build

SITE = "https://cchc.longphu.example.vn/"
JPEG = photo()
TRICKY = "Cảnh giác <script>alert(1)</script> & lừa đảo qua điện thoại"

FILES = {
    "articles/2024/ke-hoach.md": article(
        "Kế hoạch tuyên truyền cải cách hành chính năm 2024",
        "2024-03-06 08:30",
        body="Đoạn đầu.\n\n![Ảnh](anh/le.jpg)\n\n[Bài khác](chuyen-doi-so.md)\n",
        image="anh/le.jpg",
        tags="[tuyên truyền]",
    ),
    "articles/2024/anh/le.jpg": JPEG,
    "articles/2024/chuyen-doi-so.md": article(
        "Ra quân chuyển đổi số", "2024-04-01T01:00:00Z", category="chuyen-doi-so"
    ),
    "articles/2024/canh-giac.md": article(TRICKY, "2024-05-02", unit="ubnd-huyen"),
    "articles/2024/nhap.md": article("Bản nháp", "2024-06-01", draft="true"),
    "articles/2099/tuong-lai.md": article("Bài tương lai", "2099-06-01"),
    "procedures/1.001193.yml": 'code: "1.001193"\nname: Thủ tục đăng ký khai sinh\nfield: Hộ tịch\nlevel: [xã]\nagency: UBND cấp xã\nupdated: 2024-05-10\n',
}


@pytest.fixture
def site(built):
    return built(FILES)


def feeds_in(site):
    return sorted(p for p in (site / "feeds").rglob("*.xml"))


def test_site_feed_items_in_order_with_diacritics_and_offsets(site):
    rss = feedparser.parse((site / "feeds/tin-tuc/rss.xml").read_bytes())
    atom = feedparser.parse((site / "feeds/tin-tuc/atom.xml").read_bytes())
    expected = [TRICKY, "Ra quân chuyển đổi số", "Kế hoạch tuyên truyền cải cách hành chính năm 2024"]
    for feed in (rss, atom):
        assert not feed.bozo, feed.bozo_exception
        assert feed.feed.language == "vi"
        assert [e.title for e in feed.entries] == expected
    assert rss.entries[2].published == "Wed, 06 Mar 2024 08:30:00 +0700"
    assert atom.entries[2].published == "2024-03-06T08:30:00+07:00"
    # 01:00 UTC is 08:00 in Vietnam: shown with the +07:00 offset.
    assert rss.entries[1].published == "Mon, 01 Apr 2024 08:00:00 +0700"


def test_item_fields(site):
    rss = feedparser.parse((site / "feeds/tin-tuc/rss.xml").read_bytes())
    item = rss.entries[2]
    assert item.link == SITE + "bai-viet/ke-hoach/"
    assert item.id == item.link
    assert item.summary == "Đoạn đầu."
    assert item.author == "Phòng Nội vụ"
    assert [t.term for t in item.tags] == ["Tin cải cách hành chính", "tuyên truyền"]
    assert re.fullmatch(re.escape(SITE) + r"media/2024/anh/le-[0-9a-f]{10}-chia-se\.jpg", item.enclosures[0].href)
    assert item.enclosures[0].type == "image/jpeg" and int(item.enclosures[0].length) > 0
    html = BeautifulSoup(item.content[0].value, "html.parser")
    assert re.fullmatch(re.escape(SITE) + r"media/2024/anh/le-[0-9a-f]{10}-800\.jpg", html.img["src"])
    assert html.find("a", string="Bài khác")["href"] == SITE + "bai-viet/chuyen-doi-so/"


def test_drafts_and_future_articles_never_appear(site):
    for path in feeds_in(site):
        text = path.read_text(encoding="utf-8")
        assert "Bản nháp" not in text and "Bài tương lai" not in text


def test_tricky_title_is_escaped_and_intact(site):
    raw = (site / "feeds/tin-tuc/rss.xml").read_text(encoding="utf-8")
    assert "<script>" not in raw.split("<content:encoded>")[0]
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; lừa đảo" in raw
    page = (site / "bai-viet/canh-giac/index.html").read_text(encoding="utf-8")
    assert "<script>alert" not in page


def test_category_unit_and_procedure_feeds(site):
    def titles(rel):
        feed = feedparser.parse((site / rel).read_bytes())
        assert not feed.bozo
        return [e.title for e in feed.entries]

    assert titles("feeds/chuyen-muc/chuyen-doi-so/rss.xml") == ["Ra quân chuyển đổi số"]
    assert titles("feeds/don-vi/ubnd-huyen/atom.xml") == [TRICKY]
    assert titles("feeds/thu-tuc-hanh-chinh/rss.xml") == ["Thủ tục đăng ký khai sinh (1.001193)"]
    category = feedparser.parse((site / "feeds/chuyen-muc/chuyen-doi-so/rss.xml").read_bytes())
    assert "Chuyển đổi số" in category.feed.title and category.feed.link == SITE + "chuyen-muc/chuyen-doi-so/"


RFC822 = re.compile(
    r"^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} [+-]\d{4}$"
)
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?([+-]\d{2}:\d{2}|Z)$")


def test_what_feedparser_does_not_check(site):
    for path in feeds_in(site):
        raw = path.read_text(encoding="utf-8")
        feed = feedparser.parse(raw)
        url = SITE + path.relative_to(site).as_posix()
        links = re.findall(r'(?:href|url)="([^"]+)"', raw) + re.findall(r"<link>([^<]+)</link>", raw)
        assert links and all(urlparse(link).scheme == "https" for link in links), path
        ids = [e.id for e in feed.entries]
        assert len(ids) == len(set(ids)), path
        self_links = [link.href for link in feed.feed.links if link.rel == "self"]
        assert self_links == [url], path
        if path.name == "rss.xml":
            dates = re.findall(r"<(?:pubDate|lastBuildDate)>([^<]+)<", raw)
            assert dates and all(RFC822.match(d) for d in dates), path
        else:
            dates = re.findall(r"<(?:updated|published)>([^<]+)<", raw)
            assert dates and all(RFC3339.match(d) for d in dates), path


def test_feeds_are_byte_identical_and_guids_stable_between_builds(build, tmp_path):
    site = build(FILES)
    first = {p.relative_to(site): p.read_bytes() for p in feeds_in(site)}
    # Editing an article's text keeps its guid.
    path = tmp_path / "content/articles/2024/ke-hoach.md"
    assert run_build(tmp_path, "--strict").returncode == 0
    assert {p.relative_to(site): p.read_bytes() for p in feeds_in(site)} == first
    path.write_text(path.read_text(encoding="utf-8").replace("Đoạn đầu.", "Đoạn đầu đã sửa."), encoding="utf-8")
    assert run_build(tmp_path, "--strict").returncode == 0
    for feed in ("rss.xml", "atom.xml"):  # the feed kept by the last build is not served: it holds the new text
        entry = next(
            e for e in feedparser.parse((site / "feeds/tin-tuc" / feed).read_bytes()).entries if "ke-hoach" in e.id
        )
        assert "Đoạn đầu đã sửa." in entry.content[0].value, feed
    ids = [e.id for e in feedparser.parse((site / "feeds/tin-tuc/rss.xml").read_bytes()).entries]
    assert SITE + "bai-viet/ke-hoach/" in ids
    assert "<lastBuildDate>Thu, 02 May 2024 00:00:00 +0700</lastBuildDate>" in (
        site / "feeds/tin-tuc/rss.xml"
    ).read_text(encoding="utf-8")


def test_feed_length_is_configurable(build):
    files = {f"articles/tin-{n:02d}.md": article(f"Tin {n}", f"2024-01-{n:02d}") for n in range(1, 26)}
    site = build(files)
    assert len(feedparser.parse((site / "feeds/tin-tuc/rss.xml").read_bytes()).entries) == 20
    config = site.parent / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("feed_items: 20", "feed_items: 5"), encoding="utf-8")
    assert run_build(site.parent, "--strict").returncode == 0
    entries = feedparser.parse((site / "feeds/tin-tuc/rss.xml").read_bytes()).entries
    assert [e.title for e in entries] == [
        "Kế hoạch tuyên truyền cải cách hành chính năm 2024",
        "Tin 25",
        "Tin 24",
        "Tin 23",
        "Tin 22",
    ]


def test_autodiscovery_and_visible_links(site):
    def alternates(rel):
        page = BeautifulSoup((site / rel).read_text(encoding="utf-8"), "html.parser")
        return page, [link["href"] for link in page.select("head link[rel~=alternate]")]

    page, links = alternates("bai-viet/ke-hoach/index.html")
    assert links == ["../../feeds/tin-tuc/rss.xml", "../../feeds/tin-tuc/atom.xml"]
    page, links = alternates("chuyen-muc/chuyen-doi-so/index.html")
    assert "../../feeds/chuyen-muc/chuyen-doi-so/rss.xml" in links
    assert page.find("a", string="Theo dõi RSS")["href"] == "../../feeds/chuyen-muc/chuyen-doi-so/rss.xml"
    feeds_page = BeautifulSoup((site / "theo-doi/index.html").read_text(encoding="utf-8"), "html.parser")
    assert len(feeds_page.select("a.cchc-rss")) == len(feeds_in(site)) // 2


def test_no_site_url_means_no_feeds_and_a_clear_reason(build, tmp_path):
    site = build(FILES, check=False, extra_config="")
    config = tmp_path / "mkdocs.yml"
    config.write_text(re.sub(r"^site_url:.*$", "", config.read_text(encoding="utf-8"), flags=re.M), encoding="utf-8")
    shutil.rmtree(site, ignore_errors=True)
    result = run_build(tmp_path)
    assert result.returncode == 0
    assert not (site / "feeds").exists()
    assert "Không tạo RSS/Atom: mkdocs.yml chưa có 'site_url'" in result.stderr


def test_atom_entry_links_to_its_article_and_encloses_its_image(site):
    atom = feedparser.parse((site / "feeds/tin-tuc/atom.xml").read_bytes())
    assert not atom.bozo, atom.bozo_exception
    for entry in atom.entries:
        alternates = [link for link in entry.links if link.rel == "alternate"]
        assert [link.href for link in alternates] == [entry.id]
        assert entry.link == entry.id  # what a feed reader opens: the article, never the photo
        assert urlparse(entry.link).path.startswith("/bai-viet/")
        assert {link.rel for link in entry.links} <= {"alternate", "enclosure"}
    with_image = next(e for e in atom.entries if e.title.startswith("Kế hoạch tuyên truyền"))
    enclosures = [link for link in with_image.links if link.rel == "enclosure"]
    assert len(enclosures) == 1
    # The shared version (1200x630 JPEG, no metadata), never the editor's original.
    assert enclosures[0].href.startswith(SITE) and enclosures[0].href.endswith("-chia-se.jpg")
    published = site / urlparse(enclosures[0].href).path.lstrip("/")
    assert enclosures[0].type == "image/jpeg" and enclosures[0].length == str(published.stat().st_size)
    assert published.read_bytes() != JPEG
    # The RSS side is unchanged: one <link> to the article, the image as <enclosure>.
    rss = feedparser.parse((site / "feeds/tin-tuc/rss.xml").read_bytes())
    item = next(e for e in rss.entries if e.title.startswith("Kế hoạch tuyên truyền"))
    assert item.link == with_image.link
    assert [e.type for e in item.enclosures] == ["image/jpeg"]


def test_atom_times_come_from_the_content_and_are_never_invented(site):
    atom = feedparser.parse((site / "feeds/tin-tuc/atom.xml").read_bytes())
    updated = {e.title: e.updated for e in atom.entries}
    # A date-time in front matter is kept; a date alone stays that day at 00:00 (+07:00), no made-up time.
    assert updated["Kế hoạch tuyên truyền cải cách hành chính năm 2024"] == "2024-03-06T08:30:00+07:00"
    assert updated[TRICKY] == "2024-05-02T00:00:00+07:00"


def test_a_feed_is_made_again_only_when_what_it_shows_changed(tmp_path, monkeypatch):
    from cchc.outputs import feed_memo
    from cchc.site.feed_plan import FeedItem, FeedSpec
    from cchc.timeutil import VN_TZ

    made = []
    render = feed_memo.render_feed
    monkeypatch.setattr(feed_memo, "render_feed", lambda *args: made.append(args[0].key) or render(*args))
    published = datetime(2024, 5, 2, 8, 30, tzinfo=VN_TZ)
    item = FeedItem(
        "Tin một", "bai-viet/tin-mot/", published, None, "Tóm tắt", "UBND", ["Tin CCHC"], "bai-viet/tin-mot.md"
    )
    spec = FeedSpec("feeds/tin-tuc", "Tin tức", "Tin mới", "tin-tuc/", [item])
    kept = tmp_path / "feeds.marshal"

    def build(html: str) -> tuple[bytes, bytes]:
        memo = feed_memo.FeedMemo(kept)  # each call is a new build: it reads what the last one kept
        feeds = memo.render(spec, SITE, {"bai-viet/tin-mot.md": html}, 20, published)
        memo.save()
        return feeds

    first = build("<p>Nội dung</p>")
    assert build("<p>Nội dung</p>") == first and made == ["feeds/tin-tuc"]  # the second build took the kept feed
    edited = build("<p>Nội dung đã sửa</p>")
    assert made == ["feeds/tin-tuc"] * 2 and "Nội dung đã sửa" in edited[0].decode("utf-8")
    assert render(spec, SITE, {"bai-viet/tin-mot.md": "<p>Nội dung đã sửa</p>"}, 20, published) == edited
    kept.write_bytes(b"\x00 damaged")
    assert build("<p>Nội dung đã sửa</p>") == edited and len(made) == 3
