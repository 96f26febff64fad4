"""Full `mkdocs build` of N synthetic articles: time, peak memory, a no-change rebuild, and Hugo on the same articles.

.venv/bin/python scripts/bench_build.py 1000 5000 [--no-hugo] [--no-rebuild]
.venv/bin/python scripts/bench_build.py 5000 --profile [--profile-out build.prof]
.venv/bin/python scripts/bench_build.py 500 --photos 500 [--photo-size 4000x3000]

Per N, one temporary project: `python -m cchc check`, a full `mkdocs build`, then a second `mkdocs build`
on the same tree with nothing changed ("rebuild"). When `hugo` is on PATH (Debian's package), a minimal Hugo
site is written from the same Markdown files (one base layout, a list and a single template, pagination by
10, taxonomies for tags, category and unit, Hugo's default RSS feeds) and built in the same run; "ratio" is
MkDocs' full build time over Hugo's.

Peak memory is the largest resident set of the command's process tree (getrusage RUSAGE_CHILDREN; MkDocs and
Hugo each run as one process). Wall times depend on the machine's load: the 1-minute load average before each
N is printed, and CPU seconds (user + system, children included) are steadier on a busy machine.

With --photos, the first P articles carry a camera photo (noisy JPEG, EXIF orientation and GPS): the first
build encodes every photo's versions; the rebuild keeps the image cache, so it should re-encode nothing.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synthetic import write_content  # noqa: E402

REPO = Path(__file__).resolve().parent.parent


class Run:
    """One timed command: wall seconds, CPU seconds and peak RSS (MB)."""

    def __init__(self, seconds: float, cpu: float, peak_mb: float):
        self.seconds, self.cpu, self.peak_mb = seconds, cpu, peak_mb


def timed(cmd: list[str], cwd: Path) -> Run:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    wrapper = [
        sys.executable,
        "-c",
        "import resource,subprocess,sys,time;t=time.perf_counter();r=subprocess.run(sys.argv[1:]);"
        "u=resource.getrusage(resource.RUSAGE_CHILDREN);"
        "print(time.perf_counter()-t, u.ru_maxrss/1024, u.ru_utime+u.ru_stime, file=sys.stderr);"
        "sys.exit(r.returncode)",
        *cmd,
    ]
    result = subprocess.run(wrapper, cwd=cwd, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed:\n{result.stderr[-3000:]}")
    seconds, peak, cpu = result.stderr.strip().splitlines()[-1].split()
    return Run(float(seconds), float(cpu), float(peak))


def size_mb(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 1e6


def load() -> str:
    return f"{os.getloadavg()[0]:.1f}"


def write_project(project: Path, n: int, photos: int = 0, photo_size: tuple[int, int] = (4000, 3000)) -> None:
    """A project folder with N synthetic articles and the repository's mkdocs.yml, docs/ and theme overrides."""
    write_content(project / "content", n, photos=photos, photo_size=photo_size)
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("docs_dir: docs", f"docs_dir: {REPO / 'docs'}")
    config = config.replace("custom_dir: docs/overrides", f"custom_dir: {REPO / 'docs' / 'overrides'}")
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")


HUGO_CONFIG = """\
baseURL = "https://cchc.longphu.example.vn/"
languageCode = "vi"
defaultContentLanguage = "vi"
title = "Cổng thông tin cải cách hành chính huyện Long Phú"
paginate = 10
[taxonomies]
  tag = "tags"
  category = "category"
  unit = "unit"
[markup.tableOfContents]
  startLevel = 2
  endLevel = 3
"""

HUGO_LAYOUTS = {
    "_default/baseof.html": """\
<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ .Title }} - {{ .Site.Title }}</title><link rel="stylesheet" href="{{ "style.css" | relURL }}">
{{ with .OutputFormats.Get "rss" }}<link rel="alternate" type="application/rss+xml" href="{{ .RelPermalink }}">{{ end }}
</head><body>
<header><a href="{{ "/" | relURL }}">{{ .Site.Title }}</a>
<nav>{{ range .Site.Sections }}<a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ end }}
{{ range $name, $taxonomy := .Site.Taxonomies }}<a href="{{ (printf "/%s/" $name) | relURL }}">{{ $name }}</a> {{ end }}</nav>
</header>
<main>{{ block "main" . }}{{ end }}</main>
<footer>UBND huyện Long Phú</footer>
</body></html>
""",
    "_default/single.html": """\
{{ define "main" }}<article><h1>{{ .Title }}</h1>
<p><time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "02/01/2006" }}</time>
{{ range .GetTerms "unit" }}<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a>{{ end }}
{{ range .GetTerms "category" }}<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a>{{ end }}</p>
<nav class="toc">{{ .TableOfContents }}</nav>
{{ .Content }}
<ul class="tags">{{ range .GetTerms "tags" }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end }}</ul>
<nav>{{ with .PrevInSection }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}
{{ with .NextInSection }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}</nav>
</article>{{ end }}
""",
    "_default/list.html": """\
{{ define "main" }}<h1>{{ .Title }}</h1>
{{ $pages := .Pages }}{{ if .IsHome }}{{ $pages = .Site.RegularPages }}{{ end }}
{{ range (.Paginate $pages).Pages }}<article><h2><a href="{{ .RelPermalink }}">{{ .Title }}</a></h2>
<time>{{ .Date.Format "02/01/2006" }}</time><p>{{ .Summary | plainify }}</p></article>{{ end }}
{{ template "_internal/pagination.html" . }}{{ end }}
""",
}


def write_hugo_site(project: Path) -> Path:
    """A minimal Hugo site over the same articles (copied to content/bai-viet/, front matter unchanged; photos not)."""
    site = project / "hugo"
    for name, text in HUGO_LAYOUTS.items():
        (site / "layouts" / name).parent.mkdir(parents=True, exist_ok=True)
        (site / "layouts" / name).write_text(text, encoding="utf-8")
    (site / "config.toml").write_text(HUGO_CONFIG, encoding="utf-8")
    (site / "static").mkdir(parents=True, exist_ok=True)
    shutil.copy(REPO / "docs" / "assets" / "cchc.css", site / "static" / "style.css")
    target = site / "content" / "bai-viet"
    target.mkdir(parents=True)
    for article in (project / "content" / "articles").rglob("*.md"):  # flat, like our URLs: bai-viet/<slug>/
        shutil.copy(article, target / article.name)
    return site


def print_photo_cost(
    n: int, photos: int, size: tuple[int, int], project: Path, build: Run, rebuild: Run | None
) -> None:
    """The photos' share of the build: the same N articles without photos are built (and rebuilt) as a baseline."""
    cache = sum(1 for p in (project / ".cache/images").rglob("*") if p.is_file())
    with tempfile.TemporaryDirectory() as tmp:
        plain = Path(tmp)
        write_project(plain, n)
        base = timed([sys.executable, "-m", "mkdocs", "build", "-q"], plain)
        base_again = timed([sys.executable, "-m", "mkdocs", "build", "-q"], plain) if rebuild else None
    print(
        f"  {photos} photos {size[0]}x{size[1]} (load {load()}): first build {build.seconds:.1f} s "
        f"(CPU {build.cpu:.1f} s), the same articles without photos {base.seconds:.1f} s (CPU {base.cpu:.1f} s): "
        f"photos {build.seconds - base.seconds:.1f} s, CPU {build.cpu - base.cpu:.1f} s; {cache} files in the image cache"
    )
    if rebuild and base_again:
        print(
            f"  no-change rebuild {rebuild.seconds:.1f} s (CPU {rebuild.cpu:.1f} s), without photos "
            f"{base_again.seconds:.1f} s (CPU {base_again.cpu:.1f} s): photos {rebuild.seconds - base_again.seconds:.1f} s, "
            f"CPU {rebuild.cpu - base_again.cpu:.1f} s (hashing them; nothing re-encoded)"
        )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("counts", nargs="*", type=int, default=[1000])
    parser.add_argument("--profile", action="store_true", help="run the first build under cProfile, print its top")
    parser.add_argument("--profile-out", type=Path, help="with --profile: keep the cProfile data in this file")
    parser.add_argument("--photos", type=int, default=0, help="articles with a camera photo")
    parser.add_argument("--photo-size", default="4000x3000", help="the photos' size, WIDTHxHEIGHT")
    parser.add_argument("--no-rebuild", action="store_true", help="skip the no-change rebuild")
    parser.add_argument("--no-hugo", action="store_true", help="skip Hugo even when it is installed")
    args = parser.parse_args()
    photo_size = tuple(int(x) for x in args.photo_size.lower().split("x"))
    hugo = None if args.no_hugo else shutil.which("hugo")
    header = (
        f"{'N':>6} {'load':>5} {'check s':>8} {'build s':>8} {'CPU s':>7} {'peak MB':>8} {'rebuild s':>10} "
        f"{'rebuild/full':>12} {'reb. CPU':>8} {'pages':>6} {'site MB':>8}"
    )
    if hugo:
        version = subprocess.run([hugo, "version"], capture_output=True, text=True).stdout.split()[1]
        header += f" {'hugo s':>7} {'hugo CPU':>8} {'hugo MB':>8} {'hugo pages':>10} {'ratio':>6}"
        print(f"hugo {version} ({hugo}), {os.cpu_count()} cores")
    print(header)
    for n in args.counts:
        with tempfile.TemporaryDirectory() as tmp:
            project = Path(tmp)
            write_project(project, n, photos=min(args.photos, n), photo_size=photo_size)
            load_before = load()
            check = timed([sys.executable, "-m", "cchc", "check"], project)
            build_cmd = [sys.executable, "-m", "mkdocs", "build", "-q"]
            profile_file = args.profile_out.resolve() if args.profile_out else project / "build.prof"
            if args.profile:
                build_cmd = [sys.executable, "-m", "cProfile", "-o", str(profile_file), *build_cmd[1:]]
            build = timed(build_cmd, project)
            site = project / "site"
            pages = sum(1 for _ in site.rglob("*.html"))
            site_size = size_mb(site)
            rebuild = None if args.no_rebuild else timed([sys.executable, "-m", "mkdocs", "build", "-q"], project)
            row = (
                f"{n:>6} {load_before:>5} {check.seconds:>8.1f} {build.seconds:>8.1f} {build.cpu:>7.1f} "
                f"{build.peak_mb:>8.0f} "
                + (
                    f"{rebuild.seconds:>10.1f} {rebuild.seconds / build.seconds:>12.2f} {rebuild.cpu:>8.1f}"
                    if rebuild
                    else f"{'-':>10} {'-':>12} {'-':>8}"
                )
                + f" {pages:>6} {site_size:>8.0f}"
            )
            if hugo:
                hugo_site = write_hugo_site(project)
                run = timed([hugo, "--quiet", "--source", str(hugo_site), "--destination", "public"], project)
                hugo_pages = sum(1 for _ in (hugo_site / "public").rglob("*.html"))
                row += (
                    f" {run.seconds:>7.1f} {run.cpu:>8.1f} {run.peak_mb:>8.0f} {hugo_pages:>10} "
                    f"{build.seconds / run.seconds:>6.1f}"
                )
            print(row, flush=True)
            if args.photos:
                print_photo_cost(n, min(args.photos, n), photo_size, project, build, rebuild)
            if args.profile:
                import pstats

                stats = pstats.Stats(str(profile_file))
                stats.sort_stats("cumulative").print_stats(30)
                stats.sort_stats("tottime").print_stats(25)


if __name__ == "__main__":
    main()
