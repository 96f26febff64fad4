"""A citizen on a cheap phone: what an editor's camera photo costs, whether it shows upright, and
whether search and the catalog keep their state in the address. One build for the module."""

from __future__ import annotations

import contextlib
import functools
import io
import sys
import threading
import unicodedata
from http.server import ThreadingHTTPServer
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import quote

import pytest
from browser import PHONE, browser, outside_hosts
from conftest import REPO, article, base_files, photo, project_config, run_build, run_python, write_tree
from PIL import Image, ImageChops

pytestmark = pytest.mark.browser

BUDGET = 300_000  # bytes a phone may download for the home page or an article, photos included
BODY_IMAGE = "anh/ảnh hội nghị Toàn Cảnh.jpg"  # spaces, Vietnamese letters, capitals


def camera_jpeg() -> bytes:
    """A 4000x3000 phone-camera JPEG (~7 MB: noisy like a real scene), stored sideways with EXIF
    orientation 6 (shown upright it is 3000x4000, portrait) and the GPS position it was taken at."""
    width, height = 4000, 3000
    gradient = Image.linear_gradient("L").resize((width, height))
    noise = Image.effect_noise((width, height), 48)
    image = Image.merge("RGB", [gradient, ImageChops.add(gradient.rotate(90).resize((width, height)), noise, 2), noise])
    exif = Image.Exif()
    exif[0x0112] = 6  # rotate 90° clockwise to show
    exif[0x010F] = "Điện thoại của biên tập viên"
    exif.get_ifd(0x8825).update({1: "N", 2: (9.0, 36.0, 12.5), 3: "E", 4: (106.0, 7.0, 30.0)})
    out = io.BytesIO()
    image.save(out, "JPEG", quality=90, exif=exif)
    return out.getvalue()


FILES = {
    "hotlines.yml": (
        "hotlines:\n"
        "  - name: Tiếp nhận phản ánh, kiến nghị về thủ tục hành chính\n"
        '    phone: "0299 3861 234"\n'
        "  - name: Bộ phận Một cửa xã\n"
        '    phone: "0913 456 789"\n'
    ),
    "articles/2024/camera.md": article(
        "Hội nghị triển khai cấp căn cước công dân",
        "2024-03-20",
        image="anh/CAMERA Ảnh gốc.jpg",
        image_alt="Toàn cảnh hội nghị",
        body="Đoạn đầu.\n\n## Hình ảnh\n\n"
        f"![Toàn cảnh hội nghị]({BODY_IMAGE})\n\n"
        "Và dạng CommonMark: ![Đại biểu](<anh/đại biểu 2.png>)\n\n" + "Nội dung dài của bài viết. " * 80,
    ),
    "articles/2024/anh/CAMERA Ảnh gốc.jpg": camera_jpeg(),
    f"articles/2024/{BODY_IMAGE}": photo(1200, 800),
    "articles/2024/anh/đại biểu 2.png": photo(700, 500, "PNG"),
    "articles/2024/duong-day-nong.md": article(
        "Công khai đường dây nóng tiếp nhận phản ánh, kiến nghị",
        "2024-03-01",
        body="Số điện thoại đường dây nóng của huyện được công khai tại trụ sở.",
    ),
    "articles/2024/cccd.md": article(
        "Hướng dẫn làm CCCD cho người cao tuổi", "2024-03-02", body="Công an xã hỗ trợ làm CCCD tại nhà."
    ),
    "procedures/1.001193.yml": 'code: "1.001193"\nname: Thủ tục đăng ký khai sinh\nfield: Hộ tịch\nlevel: [xã]\nagency: UBND cấp xã\n',
    "procedures/2.000575.yml": 'code: "2.000575"\nname: Thủ tục đăng ký thành lập hộ kinh doanh\nfield: Hộ kinh doanh\nlevel: [huyện]\nagency: UBND cấp huyện\n',
}


@contextlib.contextmanager
def static_host(directory: Path):
    """The site served like a static host (gzip for text, 404 page): scripts/serve_site.py."""
    sys.path.insert(0, str(REPO / "scripts"))
    try:
        from serve_site import StaticHostHandler
    finally:
        sys.path.pop(0)
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(StaticHostHandler, directory=str(directory)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    project = tmp_path_factory.mktemp("phone")
    write_tree(project / "content", {**base_files(), **FILES})
    project_config(project)
    result = run_build(project, "--strict")
    assert result.returncode == 0, result.stderr
    with static_host(project / "site") as url, browser(PHONE) as context:
        yield SimpleNamespace(dir=project / "site", project=project, url=url, context=context)


def fresh_page(site):
    """A new 360x800 page of the module's browser, with the HTTP cache off: an empty cache each time."""
    page = site.context.new_page()
    page.context.new_cdp_session(page).send("Network.setCacheDisabled", {"cacheDisabled": True})
    return page


def transferred(site, path: str) -> tuple[int, list]:
    """Bytes a fresh 360x800 phone downloads to show `path` (the first photo loaded), and the requests."""
    page = fresh_page(site)
    responses = []
    page.on("requestfinished", lambda request: responses.append(request))
    page.goto(site.url + path, wait_until="load")
    page.wait_for_function(
        "() => { const i = document.querySelector('.cchc-card__image, .cchc-article__image img');"
        " return i && i.complete && i.naturalWidth > 0; }"
    )
    total = 0
    for request in responses:
        sizes = request.sizes()
        total += sizes["responseBodySize"] + sizes["responseHeadersSize"]
    assert outside_hosts([r.url for r in responses]) == []
    page.close()
    return total, [r.url for r in responses]


def test_home_page_on_a_phone_stays_light(site):
    total, urls = transferred(site, "")
    print(f"home page, 360x800, empty cache: {total / 1000:.0f} KB in {len(urls)} requests")
    assert total <= BUDGET
    photos = [u for u in urls if "/media/" in u]
    assert photos and all(u.endswith("-480.webp") for u in photos), photos


def test_article_page_on_a_phone_stays_light(site):
    total, urls = transferred(site, "bai-viet/camera/")
    print(f"article page, 360x800, empty cache: {total / 1000:.0f} KB in {len(urls)} requests")
    assert total <= BUDGET
    assert not any("goc" in u.lower() and u.endswith(".jpg") and "chia-se" not in u for u in urls)


def test_no_published_image_carries_exif_or_gps(site):
    images = [p for p in (site.dir / "media").rglob("*") if p.is_file()]
    assert len(images) >= 10
    for path in images:
        with Image.open(path) as image:
            assert not image.getexif(), path
            assert "exif" not in image.info and "xmp" not in image.info and "icc_profile" not in image.info, path
        assert b"Exif" not in path.read_bytes()[: 64 * 1024], path
    # Published under clean names only: no spaces, no Vietnamese letters, no capitals.
    assert all(p.name.isascii() and " " not in p.name and p.name == p.name.lower() for p in images)
    assert not any(p.suffix == ".jpg" and p.stat().st_size > 400_000 for p in images)


LOADED = "i => i.complete && i.naturalWidth > 0 ? [i.naturalWidth, i.naturalHeight, i.currentSrc] : null"


def test_the_photo_shows_upright_and_body_photos_show(site):
    page = fresh_page(site)
    page.goto(site.url + "bai-viet/camera/", wait_until="load")
    hero = page.wait_for_function(f"({LOADED})(document.querySelector('.cchc-article__image img'))").json_value()
    width, height, src = hero
    assert height > width, f"the camera photo shows sideways: {hero}"  # 4000x3000 turned upright
    assert src.endswith("-480.webp")
    for alt in ("Toàn cảnh hội nghị", "Đại biểu"):  # lazy: they load once scrolled to
        image = page.locator(f"article p img[alt='{alt}']")
        image.scroll_into_view_if_needed()
        width, height, src = page.wait_for_function(
            f"({LOADED})(document.querySelector(\"article p img[alt='{alt}']\"))"
        ).json_value()
        assert width > 0 and " " not in src and src.isascii(), (alt, src)


def test_og_image_and_feeds_use_clean_urls(site):
    html = (site.dir / "bai-viet/camera/index.html").read_text("utf-8")
    og = html.split('property="og:image" content="')[1].split('"')[0]
    assert og.isascii() and " " not in og and og.endswith("-chia-se.jpg")
    with Image.open(site.dir / og.split("/", 3)[3]) as social:
        assert social.size == (1200, 630)
    rss = (site.dir / "feeds/tin-tuc/rss.xml").read_text("utf-8")
    enclosure = rss.split("<enclosure url=")[1].split(" ")[0]
    assert enclosure.isascii() and "%20" not in enclosure and "chia-se" in enclosure


def test_a_rebuild_reuses_the_encoded_photos(site):
    result = run_build(site.project)
    assert result.returncode == 0, result.stderr
    assert "phiên bản mới" not in result.stderr  # nothing re-encoded


def test_check_agrees_with_the_build_about_photos(tmp_path):

    from conftest import project_config as config

    content = write_tree(
        tmp_path / "content",
        {
            **base_files(),
            "articles/2024/anh.md": article(
                "Bài có ảnh",
                "2024-03-06",
                image="anh/nho.jpg",
                body=f"![Toàn cảnh]({BODY_IMAGE})\n\n![x](anh/gia.jpg)\n\n![Mã hóa]({quote(BODY_IMAGE)})",
            ),
            "articles/2024/anh/nho.jpg": photo(300, 200),
            f"articles/2024/{BODY_IMAGE}": photo(1200, 800),
            "articles/2024/anh/gia.jpg": b"<html>not a photo</html>",
        },
    )
    config(tmp_path)
    result = run_python("cchc", "check", cwd=tmp_path)
    assert result.returncode == 1
    lines = result.stdout.strip().splitlines() + result.stderr.strip().splitlines()
    assert any(
        "content/articles/2024/anh.md:" in line and "ảnh 'anh/gia.jpg'" in line and "không phải ảnh" in line
        for line in lines
    ), lines
    assert any("trường 'image'" in line and "lưu ý" in line and "300 px" in line for line in lines), lines
    assert not any("ảnh hội nghị" in line or "%" in line for line in lines), lines  # spaces, URL-encoded: fine
    assert content.exists()


# --- search and catalog -------------------------------------------------------------------------


def fold_table() -> list[str]:
    nfd = unicodedata.normalize("NFD", "Đường dây nóng hoà giải thuỷ lợi")
    return [
        "Đường",
        "đường",
        "ĐƯỜNG DÂY NÓNG",
        nfd,
        "hoà",
        "hòa",
        "HOÀ",
        "thuỷ",
        "thủy",
        "ưu tiên",
        "ƠN",
        "Ý kiến",
        "lý lịch",
        "kỹ thuật",
        "quý",
        "Quí",
        "Nguyễn Thị Ánh",
        "ỨNG DỤNG",
        "1.001193",
        "0913 456 789",
        "căn cước công dân",
        "Hồ Chí Minh",
        "ngoặc “kép”",
        "naïve café",
        "İstanbul",
    ]


def test_javascript_folds_exactly_like_python(site):
    from cchc.text import fold, marked_form

    words = fold_table()
    page = fresh_page(site)
    page.goto(site.url + "tim-kiem/", wait_until="load")
    page.wait_for_function("() => window.cchcFold !== undefined")
    js = page.evaluate(
        "(words) => words.map(w => [cchcFold.fold(w), cchcFold.marked(w.normalize('NFC').toLowerCase())])", words
    )
    python = [[fold(w), marked_form(unicodedata.normalize("NFC", w).lower())] for w in words]
    assert js == python
    assert fold("Đường") == fold("đuờng") == "duong" and fold("hoà") == fold("hòa") == "hoa"


@pytest.fixture(scope="module")
def search(site):
    page = fresh_page(site)
    page.goto(site.url + "tim-kiem/")
    yield page


def results(page, query: str) -> list[tuple[str, str]]:
    page.fill("#cchc-page-q", query)
    page.wait_for_function(
        f"document.querySelector('form.cchc-search--page').getAttribute('data-searched') === {query!r}"
    )
    titles = page.locator("#cchc-page-results .cchc-hit__title").all_inner_texts()
    snippets = page.locator("#cchc-page-results .cchc-hit").evaluate_all(
        "items => items.map(i => (i.querySelector('.cchc-hit__snippet') || {}).textContent || '')"
    )
    return list(zip(titles, snippets, strict=True))


@pytest.mark.parametrize(
    "query", ["đường dây nóng", "duong day nong", "hotline", "Hotline", "0913456789", "0913 456 789", "0299 3861 234"]
)
def test_search_finds_the_hotlines_first_with_their_numbers(search, query):
    found = results(search, query)
    assert found and found[0][0] == "Đường dây nóng", found
    assert "0913 456 789" in found[0][1] and "0299 3861 234" in found[0][1]


def test_abbreviations_work_both_ways(search):
    assert "Hướng dẫn làm CCCD cho người cao tuổi" in [t for t, _ in results(search, "can cuoc cong dan")]
    assert "Hội nghị triển khai cấp căn cước công dân" in [t for t, _ in results(search, "cccd")]
    assert "Thủ tục đăng ký khai sinh" in [t for t, _ in results(search, "tthc khai sinh")]


def test_search_query_survives_opening_a_result_and_going_back(site):
    page = fresh_page(site)
    page.goto(site.url + "tim-kiem/")
    page.type("#cchc-page-q", "khai sinh", delay=20)
    page.wait_for_function(
        "document.querySelector('form.cchc-search--page').getAttribute('data-searched') === 'khai sinh'"
    )
    assert page.url.endswith("/tim-kiem/?q=khai+sinh")
    first = page.locator("#cchc-page-results .cchc-hit__title").first
    assert first.inner_text() == "Thủ tục đăng ký khai sinh"
    first.click()
    page.wait_for_url("**/thu-tuc-hanh-chinh/1-001193/")
    page.go_back()
    page.wait_for_function(
        "document.querySelector('form.cchc-search--page').getAttribute('data-searched') === 'khai sinh'"
    )
    assert page.input_value("#cchc-page-q") == "khai sinh"
    assert page.locator("#cchc-page-results .cchc-hit__title").first.inner_text() == "Thủ tục đăng ký khai sinh"


def test_catalog_filter_lives_in_the_address(site):
    page = fresh_page(site)
    page.goto(site.url + "thu-tuc-hanh-chinh/?q=ho+kinh+doanh")
    page.wait_for_selector(".cchc-results:not([hidden]) li")
    assert page.locator(".cchc-results li a").all_inner_texts() == ["Thủ tục đăng ký thành lập hộ kinh doanh"]
    assert page.input_value("#tthc-q") == "ho kinh doanh"
    page.select_option("select[name=level]", label="Cấp huyện")
    level = page.input_value("select[name=level]")
    page.wait_for_url(f"**/thu-tuc-hanh-chinh/?q=ho+kinh+doanh&level={level}")
    # A shared link (or Back) gives the same filter and list.
    other = fresh_page(site)
    other.goto(page.url)
    other.wait_for_selector(".cchc-results:not([hidden]) li")
    assert other.input_value("select[name=level]") == level and other.input_value("#tthc-q") == "ho kinh doanh"
    assert other.locator(".cchc-results li a").all_inner_texts() == ["Thủ tục đăng ký thành lập hộ kinh doanh"]


def test_home_page_offers_hotline_and_procedure_search_before_the_news(site):
    page = fresh_page(site)
    page.goto(site.url, wait_until="load")
    hotline = page.locator(".cchc-quick a[href^='tel:']").bounding_box()
    search_box = page.locator("#cchc-quick-q").bounding_box()
    news = page.locator("#tin-moi").bounding_box()
    assert hotline["y"] + hotline["height"] <= PHONE["height"] and search_box["y"] < news["y"]
    card = page.locator(".cchc-card__image").first.bounding_box()
    text = page.locator(".cchc-card__title").first.bounding_box()
    assert card["y"] + card["height"] <= text["y"] + 1, "photo above its text"
    assert abs(card["width"] / card["height"] - 16 / 9) < 0.02 and card["width"] > 300
    page.fill("#cchc-quick-q", "khai sinh")
    page.press("#cchc-quick-q", "Enter")
    page.wait_for_selector(".cchc-results:not([hidden]) li")
    assert page.locator(".cchc-results li a").first.inner_text() == "Thủ tục đăng ký khai sinh"


def test_a_small_photo_is_advice_not_a_reason_to_hold_the_site_back(build):
    site = build(
        {
            "articles/2024/nho.md": article("Ảnh nhỏ", "2024-03-07", image="anh/nho.jpg"),
            "articles/2024/anh/nho.jpg": photo(300, 200),
        }
    )
    assert "300 px" in build.result.stderr  # logged for the maintainer
    assert list((site / "media/2024/anh").glob("nho-*-300.webp"))
