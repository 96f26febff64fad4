"""The page cache and the layout memo never change a byte: cached builds equal full builds across editors' edits.

Each step edits the demo portal's copy, builds it with the caches (`.cache/pages/` kept from the step before),
and compares the site with a full build of the same tree with every shortcut off (`CCHC_FAST=0`).
"""

from __future__ import annotations

import os
import re
import time
from pathlib import Path

import pytest
from conftest import DemoEdits, article, differences, edit_file, photo, run_python
from hypothesis import example, given, settings
from hypothesis import strategies as st

from cchc.build import page_cache
from cchc.build.article_cache import load_article_cache, save_article_cache
from cchc.build.page_cache import PageCache, link_targets
from cchc.content.loader import ArticleReuse, load_content
from cchc.plugin import CODE_DIR


def mkdocs_build(project: Path, site: Path, **env: str) -> tuple[int, int]:
    """Build `project` into `site`; (pages served from the cache, pages rendered in this process).

    Worker processes render the pages missing from the cache whatever their number (CCHC_WORKERS_FROM=1)."""
    result = run_python(
        "mkdocs",
        "build",
        "--strict",
        "-v",
        "-d",
        str(site),
        cwd=project,
        env={**os.environ, "CCHC_WORKERS_FROM": "1", **env},
    )
    assert result.returncode == 0, result.stderr[-3000:]
    mkdocs_build.workers = re.search(r"(\d+) tiến trình đã dựng (\d+) trang \(0 tiến trình lỗi\)", result.stderr)
    found = re.search(r"Bộ nhớ đệm trang: (\d+) trang có sẵn, (\d+) trang dựng mới", result.stderr)
    return (int(found.group(1)), int(found.group(2))) if found else (0, 0)


def test_cached_builds_equal_full_builds_across_edits(demo_project, tmp_path):
    project = demo_project
    edits = DemoEdits(project)
    steps = [
        ("nothing", lambda: None),
        ("title", edits.retitle),
        ("new article", edits.add),
        ("deleted article", edits.delete),
        ("unit renamed", edits.rename_unit),
        ("template", edits.change_template),
        ("nothing again", lambda: None),
    ]
    assert mkdocs_build(project, tmp_path / "site") == (135, 0)  # worker processes filled the cache
    assert mkdocs_build.workers and int(mkdocs_build.workers.group(2)) == 135
    for name, edit in steps:
        edit()
        cached = mkdocs_build(project, tmp_path / "site")
        workers = mkdocs_build.workers
        if name != "nothing again":  # else the tree is the one the previous step's full build was made of
            mkdocs_build(project, tmp_path / "full", CCHC_FAST="0")
        assert differences(tmp_path / "full", tmp_path / "site") == [], name
        hits, rendered = cached
        if name.startswith("nothing"):
            assert hits > 100 and rendered == 0, (name, cached)
        elif name in ("title", "deleted article"):
            assert hits > 50 and rendered < hits / 2, (name, cached)  # the article, its neighbours, its listings
        elif name == "template":
            # A template is an input of every page: all rendered again, by the worker processes.
            assert workers and int(workers.group(2)) > 100, (name, cached)
    # The verify mode renders every cached page again and compares: no difference.
    mkdocs_build(project, tmp_path / "verified", CCHC_CACHE_VERIFY="1")
    assert differences(tmp_path / "full", tmp_path / "verified") == []


def test_verify_mode_finds_a_stale_entry(demo_project, tmp_path):
    mkdocs_build(project := demo_project, tmp_path / "site")
    cache = PageCache(project / ".cache/pages")
    keys = sorted(path.stem for path in (project / ".cache/pages").rglob("*.page"))
    assert keys and not (project / "site").exists()
    for key in keys:  # pretend the cache missed an input: every entry is stale
        entry = cache.get(key)
        cache.put(key, {**entry, "html": entry["html"].replace("</html>", "<!-- cũ --></html>")})
    result = run_python(
        "mkdocs", "build", "-d", str(tmp_path / "v"), cwd=project, env={**os.environ, "CCHC_CACHE_VERIFY": "1"}
    )
    assert result.returncode != 0 and "CCHC_CACHE_VERIFY" in result.stderr


def test_link_targets_name_whether_each_relative_target_exists():
    existing = {"media/2024/van-ban/kh.pdf", "bai-viet/khac.md", "chu-de/a/index.md"}
    markdown = (
        "[a](../media/2024/van-ban/kh.pdf) [b](khac.md#muc) [c](<../thieu tep.pdf>) [d](https://x.vn/a)"
        ' <img src="../chu-de/a/">\n[e]: ../mat.md\n[f](#chi-muc)'
    )
    found = link_targets(markdown, "bai-viet/bai.md", existing.__contains__)
    assert found == [
        ("../media/2024/van-ban/kh.pdf", True, False),
        ("khac.md#muc", True, False),
        ("../thieu tep.pdf", False, False),
        ("../chu-de/a/", False, True),
        ("../mat.md", False, False),
    ]


# Pieces of links and of Vietnamese prose, so that most drawn texts hold a target or nearly one.
LINK_PIECES = st.lists(
    st.sampled_from(
        [
            "[a]",
            "(",
            ")",
            "]: ",
            "<",
            ">",
            "x.md",
            " ",
            "\n",
            "=",
            "'",
            '"',
            "HREF",
            "href",
            "Src",
            "sRc",
            "Thủ tục",
            "đ",
            "ß",
            "\u0130",
        ]
    ),
    max_size=25,
).map("".join)


@settings(max_examples=500, deadline=None)
@given(LINK_PIECES)
@example("<img SRC = 'a.png'>")
@example("[e]:x.md")
@example("Thủ tục src=x")
def test_the_quick_test_for_link_targets_never_hides_one(markdown):
    """The substring tests that skip the full scan say 'maybe' for every text the full scan finds a target in."""
    assert page_cache._TARGETS.search(markdown) is None or page_cache._may_have_targets(markdown)


def test_entries_are_whole_or_absent_and_pruned_when_unused(tmp_path):
    cache = PageCache(tmp_path / "pages")
    entry = {"html": "<p>Thủ tục</p>", "article_html": "<p>Thủ tục</p>", "article_text": "Thủ tục", "anchors": ["a"]}
    cache.put("ab" * 32, entry)
    assert cache.get("ab" * 32) == entry
    assert cache.get("ab" * 32, html=False) == {name: value for name, value in entry.items() if name != "html"}
    assert cache.get("cd" * 32) is None
    whole = (tmp_path / "pages/ab" / ("ab" * 32 + ".page")).read_bytes()
    for torn in (b"", whole[:3], whole[:20], whole[:-1], b"{"):  # torn or foreign files: misses, never errors
        (tmp_path / "pages/ef").mkdir(exist_ok=True)
        (tmp_path / "pages/ef" / ("ef" * 32 + ".page")).write_bytes(torn)
        assert cache.get("ef" * 32) is None, torn
    fresh = PageCache(tmp_path / "pages")
    assert fresh.prune(max_age=-1) == 2  # neither used by this build
    assert not list((tmp_path / "pages").rglob("*.page"))


@pytest.mark.parametrize("kept", ["in memory", "on disk"])
def test_reused_articles_equal_a_fresh_load(make_content, tmp_path, kept):
    """The live preview keeps parsed articles in memory between rebuilds; a build keeps them in the article cache
    (.cache/articles.pickle) for the next build. Either way, what is reused equals a fresh load."""
    root = make_content(
        {
            "articles/2024/b.md": article(
                "Bài B", "2024-04-01", body="Xem [kế hoạch](ke-hoach.md) và ![ảnh](anh/a.jpg)."
            ),
            "articles/2024/anh/a.jpg": photo(400, 300),  # small: a notice, kept with the reused article
            "articles/2024/c.md": article("Bài C", "2024-04-02", unit="ubnd-huyen"),
            "articles/2024/d.md": article("Bài D", "2024-04-03"),
        }
    )
    settle(root)
    cache_file = tmp_path / "cache/articles.pickle"
    reuse = ArticleReuse()

    def same() -> int:
        """Load with what was kept and without; the number of articles reused."""
        nonlocal reuse
        if kept == "on disk":  # each load is a new build: a new process reads what the last one wrote
            reuse = load_article_cache(cache_file, CODE_DIR)
        before = reuse.reused
        fresh, fresh_problems = load_content(root)
        reused, reused_problems = load_content(root, reuse=reuse)
        assert reused.articles == fresh.articles
        assert [(a.body, a.summary) for a in reused.articles] == [(a.body, a.summary) for a in fresh.articles]
        assert [str(p) for p in reused_problems.sorted()] == [str(p) for p in fresh_problems.sorted()]
        save_article_cache(reuse, cache_file, CODE_DIR)
        return reuse.reused - before

    assert same() == 0
    articles = len(reuse.entries)
    assert articles >= 3 and same() == articles
    edit_file(root / "articles/2024/c.md", "title: Bài C", "title: Bài C đã sửa")
    assert same() == articles - 1
    (root / "articles/2024/anh/a.jpg").write_bytes(photo(1300, 700))  # the photo replaced: its size is new
    settle(root)
    same()
    (root / "articles/2024/ke-hoach.md").unlink()  # b's link is broken now: an error, as in a fresh load
    same()
    (root / "articles/2024/d.md").unlink()
    same()
    assert [path.name for path in reuse.entries] == ["c.md"]  # d is gone; b has an error: parsed each time
    edit_file(root / "units.yml", "name: UBND huyện Long Phú", "name: UBND huyện Long Phú mới")
    same()


def settle(root: Path) -> None:
    """Date every file an hour back: a file modified in the last seconds is not trusted (SETTLE_SECONDS)."""
    hour_ago = time.time() - 3600
    for path in root.rglob("*"):
        os.utime(path, (hour_ago, hour_ago), follow_symlinks=False)


def test_an_article_whose_photo_was_just_written_is_parsed_again(make_content):
    """A photo written while the article was being parsed (here: just before) is not trusted: not kept."""
    root = make_content(
        {
            "articles/2024/b.md": article("Bài B", "2024-04-01", image="anh/a.jpg"),
            "articles/2024/anh/a.jpg": photo(1300, 700),
        }
    )
    settle(root)
    (root / "articles/2024/anh/a.jpg").write_bytes(photo(1600, 900))
    reuse = ArticleReuse()
    load_content(root, reuse=reuse)
    assert root / "articles/2024/b.md" not in reuse.entries
    settle(root)
    content, _ = load_content(root, reuse=reuse)
    assert root / "articles/2024/b.md" in reuse.entries
    assert [info.width for a in content.articles for info in a.images.values()] == [1600]


def test_a_symlink_pointed_at_another_photo_is_noticed(make_content, tmp_path):
    """A photo reached through a symlink that now points elsewhere: the kept article is parsed again."""
    root = make_content(
        {
            "articles/2024/b.md": article("Bài B", "2024-04-01", image="anh/a.jpg"),
            "media/a.jpg": photo(1300, 700),
            "media/b.jpg": photo(1600, 900),
        }
    )
    (root / "articles/2024/anh").mkdir()
    (root / "articles/2024/anh/a.jpg").symlink_to(root / "media/a.jpg")
    settle(root)
    cache_file = tmp_path / "articles.pickle"
    reuse = load_article_cache(cache_file, CODE_DIR)
    load_content(root, reuse=reuse)
    save_article_cache(reuse, cache_file, CODE_DIR)
    (root / "articles/2024/anh/a.jpg").unlink()
    (root / "articles/2024/anh/a.jpg").symlink_to(root / "media/b.jpg")  # both photos untouched, and settled
    content, _ = load_content(root, reuse=load_article_cache(cache_file, CODE_DIR))
    fresh, _ = load_content(root)
    assert content.articles == fresh.articles
    assert [info.width for a in content.articles for info in a.images.values()] == [1600]


def test_a_damaged_or_foreign_article_cache_is_read_as_empty(make_content, tmp_path):
    root = make_content({"articles/2024/a.md": article("Bài A", "2024-04-01")})
    cache_file = tmp_path / "articles.pickle"
    reuse = load_article_cache(cache_file, CODE_DIR)  # none yet
    load_content(root, reuse=reuse)
    save_article_cache(reuse, cache_file, CODE_DIR)
    whole = cache_file.read_bytes()
    assert len(load_article_cache(cache_file, CODE_DIR).entries) == len(reuse.entries) > 0
    stamp_end = whole.index(b"\n") + 1
    for damaged in (b"", whole[:10], whole[: stamp_end + 5], b"0" * 64 + whole[64:], whole[:-3]):
        cache_file.write_bytes(damaged)
        reuse = load_article_cache(cache_file, CODE_DIR)
        assert reuse.entries == {}, damaged[:80]
        content, _ = load_content(root, reuse=reuse)
        assert "Bài A" in [a.title for a in content.articles]
