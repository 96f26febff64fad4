"""Search at scale: N synthetic articles (default 10,000), queries typed in headless chromium.

Prints the index size on disk, the bytes served for each query (fresh browser each time,
counted from the responses after the search page has loaded) and the time from the typed
query to the first result on screen. With --material, also builds the same articles as
stock Material pages with its lunr search (lang: vi) and reports its index size and what
it returns for "thu tuc". With --pagefind, also indexes the same built pages with stock
Pagefind (installed on demand, pinned) and runs the same queries through its JS API.

    .venv/bin/python scripts/bench_search.py [N] [--pagefind] [--material]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from bench_build import REPO, timed  # noqa: E402
from browser import DESKTOP, browser, serve  # noqa: E402
from synthetic import write_content  # noqa: E402

QUERIES = [
    "thu tuc",
    "cai cach hanh chinh",
    "duong day nong",
    "dang ky khai sinh",
    "mot cua lien thong",
    "chuyen doi so",
    "đường dây nóng",
    "hoa giai",
    "tử",
]


def folder_size(folder: Path) -> tuple[int, int]:
    files = [p for p in folder.rglob("*") if p.is_file()]
    return sum(p.stat().st_size for p in files), len(files)


def in_fresh_browser(page_url: str, query_action):
    """Load `page_url` in a fresh browser, then time `query_action(page)` and count the bytes it
    made the server send: (bytes, milliseconds, what query_action returned)."""
    with browser(DESKTOP) as context:
        page = context.new_page()
        page.goto(page_url)
        page.wait_for_load_state("networkidle")
        served = []
        context.on(
            "requestfinished", lambda r: served.append(r.sizes()["responseBodySize"] + r.sizes()["responseHeadersSize"])
        )
        started = time.perf_counter()
        result = query_action(page)
        return sum(served), (time.perf_counter() - started) * 1000, result


def measure_query(url: str, query: str) -> tuple[int, float, str, int]:
    def type_query(page):
        page.fill("#cchc-page-q", query)
        page.wait_for_function(
            f"document.querySelector('form.cchc-search--page').getAttribute('data-searched') === {query!r}"
        )
        status = page.inner_text("#cchc-page-status")
        return page.locator("#cchc-page-results .cchc-hit__title").first.inner_text(), int(
            "".join(c for c in status if c.isdigit()) or 0
        )

    served, elapsed, (first, total) = in_fresh_browser(url + "tim-kiem/", type_query)
    return served, elapsed, first, total


PAGEFIND = "pagefind[bin]==1.5.2"
PAGEFIND_PAGE = """<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>Pagefind</title></head><body>
<script type="module">
window.runPagefind = async (query) => {
  const pagefind = await import("./pagefind/pagefind.js");
  const search = await pagefind.search(query);
  const shown = await Promise.all(search.results.slice(0, 10).map((r) => r.data()));
  return { count: search.results.length, first: shown.length ? shown[0].meta.title : "" };
};
</script></body></html>"""


def pagefind_comparison(site: Path) -> None:
    """Stock Pagefind on the same built pages (their article element), through its JS API."""
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", PAGEFIND], check=True)
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "pagefind", "--site", str(site), "--root-selector", "article.md-content__inner"],
        check=True,
        capture_output=True,
    )
    size, count = folder_size(site / "pagefind")
    print(
        f"Pagefind 1.5.2 (stock, same pages): indexing {time.perf_counter() - started:.0f} s, "
        f"index {size / 1e6:.1f} MB in {count} files"
    )
    (site / "bench-pagefind.html").write_text(PAGEFIND_PAGE, encoding="utf-8")
    with serve(site) as url:
        for query in QUERIES:
            served, ms, result = in_fresh_browser(
                url + "bench-pagefind.html", lambda page, q=query: page.evaluate("(q) => window.runPagefind(q)", q)
            )
            print(
                f"  Pagefind {query!r}: {served / 1024:.0f} KB served, {ms:.0f} ms, {result['count']} results, "
                f"first: {result['first'][:60]!r}"
            )


def material_comparison(content: Path, n: int) -> None:
    """The same articles as stock Material pages with the built-in search plugin."""
    import frontmatter

    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp)
        docs = project / "docs"
        for path in sorted((content / "articles").rglob("*.md")):
            post = frontmatter.load(path)
            target = docs / path.relative_to(content / "articles")
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(f"# {post['title']}\n\n{post.content}", encoding="utf-8")
        (docs / "index.md").write_text("# Trang chủ\n", encoding="utf-8")
        (project / "mkdocs.yml").write_text(
            "site_name: So sánh\ntheme:\n  name: material\n  language: vi\n  font: false\n  features: [navigation.prune]\n"
            "plugins:\n  - search:\n      lang: vi\n",
            encoding="utf-8",
        )
        seconds, _ = timed([sys.executable, "-m", "mkdocs", "build", "-q"], project)
        index = project / "site/search/search_index.json"
        print(
            f"Material (lunr, lang: vi), {n} articles: build {seconds:.0f} s, index {index.stat().st_size / 1e6:.1f} MB in one file"
        )
        with serve(project / "site") as url, browser(DESKTOP) as context:
            page = context.new_page()
            page.goto(url)
            for query in ("thu tuc", "duong day nong", "thủ tục"):
                page.fill("input.md-search__input", query)  # visible as is on a desktop viewport
                started = time.perf_counter()
                try:
                    page.wait_for_function(
                        "document.querySelector('.md-search-result__meta') && "
                        "!/Initiali|Khởi|Đang|Loading|Type|Nhập/i.test(document.querySelector('.md-search-result__meta').textContent)",
                        timeout=180_000,
                    )
                    meta = page.inner_text(".md-search-result__meta")
                except Exception as exc:  # noqa: BLE001 - report, do not hide
                    meta = f"no answer ({type(exc).__name__})"
                print(f"  Material '{query}': {meta!r} after {time.perf_counter() - started:.1f} s")
                page.keyboard.press("Escape")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("n", nargs="?", type=int, default=10_000)
    parser.add_argument("--material", action="store_true")
    parser.add_argument("--material-only", action="store_true", help="only the Material comparison")
    parser.add_argument("--pagefind", action="store_true", help="also stock Pagefind on the same built pages")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp)
        write_content(project / "content", args.n)
        if args.material_only:
            material_comparison(project / "content", args.n)
            return
        config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
        config = config.replace("docs_dir: docs", f"docs_dir: {REPO / 'docs'}").replace(
            "custom_dir: docs/overrides", f"custom_dir: {REPO / 'docs' / 'overrides'}"
        )
        (project / "mkdocs.yml").write_text(config, encoding="utf-8")
        seconds, peak = timed([sys.executable, "-m", "mkdocs", "build", "-q"], project)
        size, count = folder_size(project / "site/search")
        print(
            f"{args.n} articles: build {seconds:.1f} s (peak {peak:.0f} MB); search index {size / 1e6:.1f} MB on disk in {count} files"
        )
        with serve(project / "site") as url:
            for query in QUERIES:
                served, ms, first, total = measure_query(url, query)
                print(
                    f"  {query!r}: {served / 1024:.0f} KB served, first results after {ms:.0f} ms, {total} results, first: {first[:60]!r}"
                )
        if args.pagefind:
            pagefind_comparison(project / "site")
        if args.material:
            material_comparison(project / "content", args.n)


if __name__ == "__main__":
    main()
