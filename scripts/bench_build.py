"""Time `check` and a full `mkdocs build` of N synthetic articles; print seconds, peak memory and output size.

.venv/bin/python scripts/bench_build.py 1000 5000 [--profile]
.venv/bin/python scripts/bench_build.py 500 --photos 500 [--photo-size 4000x3000]

With --photos, the first P articles carry a camera photo (noisy JPEG, EXIF orientation and GPS):
the first build encodes every photo's versions, then a rebuild with nothing changed is timed
(the image cache is kept, so it should re-encode nothing).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synthetic import write_content  # noqa: E402

REPO = Path(__file__).resolve().parent.parent


def timed(cmd: list[str], cwd: Path) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of a child process."""
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
        raise SystemExit(result.stderr[-3000:])
    seconds, peak, cpu = result.stderr.strip().splitlines()[-1].split()
    timed.cpu = float(cpu)  # CPU seconds of the last command (children included): steadier on a busy machine
    return float(seconds), float(peak)


def size_mb(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 1e6


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("counts", nargs="*", type=int, default=[1000])
    parser.add_argument("--profile", action="store_true", help="print the top functions of the build")
    parser.add_argument("--photos", type=int, default=0, help="articles with a camera photo")
    parser.add_argument("--photo-size", default="4000x3000", help="the photos' size, WIDTHxHEIGHT")
    args = parser.parse_args()
    photo_size = tuple(int(x) for x in args.photo_size.lower().split("x"))
    for n in args.counts:
        with tempfile.TemporaryDirectory() as tmp:
            project = Path(tmp)
            write_content(project / "content", n, photos=min(args.photos, n), photo_size=photo_size)
            config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
            config = config.replace("docs_dir: docs", f"docs_dir: {REPO / 'docs'}")
            config = config.replace("custom_dir: docs/overrides", f"custom_dir: {REPO / 'docs' / 'overrides'}")
            (project / "mkdocs.yml").write_text(config, encoding="utf-8")
            check_s, check_mb = timed([sys.executable, "-m", "cchc", "check"], project)
            build_cmd = [sys.executable, "-m", "mkdocs", "build", "-q"]
            if args.profile:
                build_cmd = [
                    sys.executable,
                    "-m",
                    "cProfile",
                    "-o",
                    str(project / "build.prof"),
                    "-m",
                    "mkdocs",
                    "build",
                    "-q",
                ]
            build_s, build_mb = timed(build_cmd, project)
            build_cpu = timed.cpu
            site = project / "site"
            pages = sum(1 for _ in site.rglob("*.html"))
            print(
                f"N={n}: check {check_s:.1f} s (peak {check_mb:.0f} MB); build {build_s:.1f} s (peak {build_mb:.0f} MB); "
                f"{pages} HTML pages, site {size_mb(site):.0f} MB"
            )
            if args.photos:
                photos = min(args.photos, n)
                rebuild_s, rebuild_mb = timed([sys.executable, "-m", "mkdocs", "build", "-q"], project)
                cache = sum(1 for p in (project / ".cache/images").rglob("*") if p.is_file())
                print(
                    f"  {photos} photos {photo_size[0]}x{photo_size[1]}: first build {build_s:.1f} s, CPU {build_cpu:.1f} s "
                    f"(encodes all); rebuild, nothing changed {rebuild_s:.1f} s, CPU {timed.cpu:.1f} s "
                    f"(peak {rebuild_mb:.0f} MB); {cache} files in the image cache"
                )
            if args.profile:
                import pstats

                pstats.Stats(str(project / "build.prof")).sort_stats("cumulative").print_stats(25)


if __name__ == "__main__":
    main()
