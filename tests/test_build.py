"""Real `mkdocs build --strict` of small content trees; assertions on the HTML a reader gets."""

from __future__ import annotations

import filecmp
import re
import shutil

import pytest
from bs4 import BeautifulSoup
from conftest import article, photo, run_build

JPEG = photo()

FILES = {
    "articles/2024/ke-hoach.md": article(
        "Kế hoạch tuyên truyền cải cách hành chính năm 2024",
        "2024-03-06",
        body="Đoạn mở đầu của kế hoạch.\n\n## Đẩy mạnh tuyên truyền\n\n![Lễ phát động](anh/le.jpg)\n",
        tags="[tuyên truyền, PAR INDEX]",
        image="anh/le.jpg",
        image_alt="Lễ phát động",
    ).replace("---\n\n", "attachments:\n  - file: van-ban/kh-27.pdf\n    title: Kế hoạch số 27/KH-UBND\n---\n\n", 1),
    "articles/2024/anh/le.jpg": JPEG,
    "articles/2024/van-ban/kh-27.pdf": b"%PDF-1.4\n%%EOF\n",
    "articles/2024/chuyen-doi-so.md": article("Ra quân chuyển đổi số", "2024-04-01 08:00", category="chuyen-doi-so"),
    "articles/2024/ban-nhap.md": article("Bản nháp chưa duyệt", "2024-05-01", draft="true"),
    "articles/2099/hen-gio.md": article("Bài hẹn giờ năm 2099", "2099-01-01"),
}


def soup(path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def test_article_page_shows_what_a_reader_expects(built):
    site = built(FILES)
    page = soup(site / "bai-viet/ke-hoach/index.html")
    assert page.h1.get_text() == "Kế hoạch tuyên truyền cải cách hành chính năm 2024"
    meta = page.select_one(".cchc-article__header .cchc-meta").get_text(" ", strip=True)
    assert "06/03/2024" in meta and "Phòng Nội vụ" in meta
    assert page.select_one(".cchc-kicker").get_text(strip=True) == "Tin cải cách hành chính"
    assert [a.get_text() for a in page.select(".cchc-tag")] == ["tuyên truyền", "PAR INDEX"]
    figure = page.select_one(".cchc-article__image img")
    assert figure["alt"] == "Lễ phát động" and re.fullmatch(
        r"\.\./\.\./media/2024/anh/le-[0-9a-f]{10}-800\.jpg", figure["src"]
    )
    assert (site / "bai-viet/ke-hoach" / figure["src"]).is_file()
    assert not (site / "media/2024/anh/le.jpg").exists(), "the original is never published"
    download = page.select_one(".cchc-attachments a")
    assert download.get_text() == "Kế hoạch số 27/KH-UBND" and download.has_attr("download")
    assert (site / "bai-viet/ke-hoach" / download["href"]).resolve() == (
        site / "media/2024/van-ban/kh-27.pdf"
    ).resolve()
    # The editor's relative image link in the body points at the published JPEG of the photo.
    body_img = page.select("article img")[-1]
    assert body_img["src"] == figure["src"] and body_img.parent.name == "picture"
    # A heading with đ gets an anchor that keeps its d.
    assert page.find(id="day-manh-tuyen-truyen") is not None
    newer = page.select_one(".cchc-prevnext__newer")
    assert "Ra quân chuyển đổi số" in newer.get_text()


def test_drafts_and_future_articles_are_not_published(built):
    site = built(FILES)
    assert not (site / "bai-viet/ban-nhap").exists()
    assert not (site / "bai-viet/hen-gio").exists()
    news = soup(site / "tin-tuc/index.html").get_text()
    assert "Bản nháp chưa duyệt" not in news and "Bài hẹn giờ năm 2099" not in news
    assert "Kế hoạch tuyên truyền cải cách hành chính năm 2024" in news


def test_listings_per_category_unit_tag_and_month(built):
    site = built(FILES)

    def titles(rel):
        return [a.get_text() for a in soup(site / rel / "index.html").select(".cchc-card__title a")]

    assert titles("chuyen-muc/chuyen-doi-so") == ["Ra quân chuyển đổi số"]
    assert titles("don-vi/phong-noi-vu") == [
        "Ra quân chuyển đổi số",
        "Kế hoạch tuyên truyền cải cách hành chính năm 2024",
    ]
    assert titles("chu-de/tuyen-truyen") == ["Kế hoạch tuyên truyền cải cách hành chính năm 2024"]
    assert titles("luu-tru/2024/03") == ["Kế hoạch tuyên truyền cải cách hành chính năm 2024"]
    assert soup(site / "luu-tru/2024/04/index.html").h1.get_text() == "Lưu trữ tháng 4/2024"


def test_pagination(build):
    files = {f"articles/tin-{n}.md": article(f"Tin số {n}", f"2024-01-{n:02d}") for n in range(1, 6)}
    site = build(files, extra_config="")
    # 6 articles in all (5 + the base one), 10 per page: one page; rebuild with 2 per page.
    assert not (site / "tin-tuc/trang-2").exists()
    config = site.parent / "mkdocs.yml"
    config.write_text(re.sub(r"per_page: \d+", "per_page: 2", config.read_text(encoding="utf-8")), encoding="utf-8")
    assert run_build(site.parent, "--strict").returncode == 0
    page2 = soup(site / "tin-tuc/trang-2/index.html")
    assert [a.get_text() for a in page2.select(".cchc-card__title a")] == ["Tin số 4", "Tin số 3"]
    nav = page2.select_one("nav.cchc-pagination")
    assert nav.select_one("[aria-current=page]").get_text() == "2"
    assert (site / "tin-tuc/trang-3/index.html").exists() and not (site / "tin-tuc/trang-4").exists()


def test_two_builds_are_identical(build, tmp_path):
    site = build(FILES)
    first = tmp_path / "first"
    shutil.copytree(site, first)
    assert run_build(tmp_path, "--strict").returncode == 0
    comparison = filecmp.dircmp(first, site)

    def differences(cmp):
        found = cmp.diff_files + cmp.left_only + cmp.right_only
        for sub in cmp.subdirs.values():
            found += differences(sub)
        return found

    assert differences(comparison) == []


def test_failed_build_keeps_the_previous_site(build, tmp_path):
    site = build(FILES)
    before = (site / "index.html").read_text(encoding="utf-8")
    (tmp_path / "content/articles/hong.md").write_text(article("Hỏng", "2024-03-06", unit="khong-co"), encoding="utf-8")
    result = run_build(tmp_path, "--strict")
    assert result.returncode == 1
    assert "content/articles/hong.md:4: trường 'unit': không có đơn vị 'khong-co'" in result.stderr
    assert (site / "index.html").read_text(encoding="utf-8") == before
    assert not (tmp_path / "site.building").exists()


def test_home_page_lists_latest_articles_sections_and_hotline(built):
    site = built({**FILES, "hotlines.yml": "hotlines:\n  - name: Tiếp nhận phản ánh\n    phone: '0299 3861 234'\n"})
    home = soup(site / "index.html")
    assert [a.get_text() for a in home.select(".cchc-home__news .cchc-card__title a")][:2] == [
        "Ra quân chuyển đổi số",
        "Kế hoạch tuyên truyền cải cách hành chính năm 2024",
    ]
    assert home.select_one(".cchc-footer a[href^='tel:']")["href"] == "tel:+842993861234"
    tabs = [a.get_text(strip=True) for a in home.select(".md-tabs__link")]
    assert tabs == ["Trang chủ", "Tin tức", "Thủ tục hành chính", "Đường dây nóng", "Thống kê", "Giới thiệu"]


def test_stats_page_shows_this_years_counts_per_unit(built):
    site = built({**FILES, "plans/2024.yml": "year: 2024\ntargets:\n  phong-noi-vu: {per_quarter: 1}\n"})
    page = soup(site / "thong-ke/index.html")
    assert page.h1.get_text() == "Thống kê tin, bài năm 2024"
    rows = {
        r.th.get_text(strip=True): [td.get_text(strip=True) for td in r.select("td")] for r in page.select("tbody tr")
    }
    # Quý I, II, III, IV, cả năm, chỉ tiêu, tỷ lệ (official periods: 06/03 is Q1, 01/04 is Q2).
    assert rows["Phòng Nội vụ"] == ["1", "1", "0", "0", "2", "4", "50,0%"]
    assert "cchc-short" in page.find("a", string="Phòng Nội vụ").find_parent("tr")["class"]


def test_strict_warning_keeps_the_previous_site(build, tmp_path):
    site = build(FILES)
    before = (site / "index.html").read_text(encoding="utf-8")
    (tmp_path / "content/articles/lien-ket-hong.md").write_text(
        article("Liên kết hỏng", "2024-03-07", body="Xem [bài cũ](khong-co-bai-nay.md)."), encoding="utf-8"
    )
    result = run_build(tmp_path, "--strict")
    assert result.returncode == 1 and "khong-co-bai-nay.md" in result.stderr
    assert (site / "index.html").read_text(encoding="utf-8") == before
    assert not (tmp_path / "site.building").exists()


def test_generated_pages_highlight_their_section_tab(built):
    site = built(FILES)

    def active_tab(rel):
        return soup(site / rel / "index.html").select_one(".md-tabs__item--active").get_text(strip=True)

    assert active_tab("bai-viet/ke-hoach") == "Tin tức"
    assert active_tab("chuyen-muc/chuyen-doi-so") == "Tin tức"
    assert active_tab("thong-ke") == "Thống kê"
    assert active_tab("gioi-thieu") == "Giới thiệu"
    # Borrowed only while rendering: the home page keeps its own tab.
    assert soup(site / "index.html").select_one(".md-tabs__item--active").get_text(strip=True) == "Trang chủ"


def test_only_files_the_published_articles_use_are_copied(built):
    site = built(
        {
            **FILES,
            "articles/2024/ban-nhap.md": article(
                "Bản nháp chưa duyệt", "2024-05-01", draft="true", image="anh/chua-duyet.jpg"
            ),
            "articles/2024/anh/chua-duyet.jpg": JPEG,
            "articles/2024/van-ban/ghi-chu-noi-bo.pdf": b"%PDF-1.4\n%%EOF\n",
        }
    )
    published = sorted(p.name for p in (site / "media/2024/anh").iterdir())
    assert published and all(name.startswith("le-") for name in published)
    assert (site / "media/2024/van-ban/kh-27.pdf").exists()
    assert not (site / "media/2024/van-ban/ghi-chu-noi-bo.pdf").exists()


def test_files_elsewhere_in_content_are_published_too(built):
    # `check` accepts any file inside content/; one outside content/articles/ must not break the build.
    site = built(
        {
            "articles/2024/logo-chung.md": article(
                "Dùng ảnh chung",
                "2024-03-08",
                image="../../chung/logo.jpg",
                body="Tải [mẫu đơn](../../chung/mau-don.pdf).",
            ),
            "chung/logo.jpg": JPEG,
            "chung/mau-don.pdf": b"%PDF-1.4\n%%EOF\n",
        }
    )
    page = soup(site / "bai-viet/logo-chung/index.html")
    image = page.select_one(".cchc-article__image img")["src"]
    assert image.startswith("../../tep-chung/chung/logo-") and (site / "bai-viet/logo-chung" / image).is_file()
    link = page.find("a", string="mẫu đơn")["href"]
    assert (site / "bai-viet/logo-chung" / link).resolve() == (site / "tep-chung/chung/mau-don.pdf").resolve()
    assert re.search(
        r"tep-chung/chung/logo-[0-9a-f]{10}-chia-se\.jpg", (site / "feeds/tin-tuc/rss.xml").read_text("utf-8")
    )


def test_an_edited_template_is_not_served_from_the_compiled_cache(tmp_path):
    from jinja2 import Environment, FileSystemLoader

    from cchc.site.template_cache import template_bytecode_cache

    (tmp_path / "page.html").write_text("Tin {{ title }}", encoding="utf-8")

    def render():  # a new environment each time, like each build
        env = Environment(loader=FileSystemLoader(tmp_path), bytecode_cache=template_bytecode_cache(tmp_path / "c"))
        return env.get_template("page.html").render(title="mới")

    assert render() == "Tin mới" and any((tmp_path / "c").iterdir())
    (tmp_path / "page.html").write_text("Bài {{ title }}", encoding="utf-8")
    assert render() == "Bài mới"


def test_building_twice_in_one_process_keeps_no_heap_frozen_and_gives_the_thresholds_back():
    """A build raises the collector's thresholds and, at its end, freezes its heap (quicker exit); a program that
    builds again in the same process gets that heap back to the collector, and its own thresholds after each."""
    import gc

    from cchc.build.collector import BUILD_THRESHOLDS, collect_less_often, end_of_build

    if gc.get_freeze_count():
        pytest.skip("this test process froze objects itself")
    own = gc.get_threshold()
    for _ in range(2):
        before = collect_less_often()
        assert gc.get_freeze_count() == 0 and gc.get_threshold() == BUILD_THRESHOLDS
        end_of_build(before, freeze=True)
        assert gc.get_threshold() == own and gc.get_freeze_count() > 0
    before = collect_less_often()
    end_of_build(before, freeze=False)  # the live preview: nothing frozen
    assert gc.get_freeze_count() == 0 and gc.get_threshold() == own
