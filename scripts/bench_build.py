"""Time `check` and a full `mkdocs build` of N synthetic articles; print seconds, peak memory and output size.

.venv/bin/python scripts/bench_build.py 1000 5000 [--profile]
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
        "print(time.perf_counter()-t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss/1024, file=sys.stderr);"
        "sys.exit(r.returncode)",
        *cmd,
    ]
    result = subprocess.run(wrapper, cwd=cwd, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(result.stderr[-3000:])
    seconds, peak = result.stderr.strip().splitlines()[-1].split()
    return float(seconds), float(peak)


def size_mb(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 1e6


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("counts", nargs="*", type=int, default=[1000])
    parser.add_argument("--profile", action="store_true", help="print the top functions of the build")
    args = parser.parse_args()
    for n in args.counts:
        with tempfile.TemporaryDirectory() as tmp:
            project = Path(tmp)
            write_content(project / "content", n)
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
            site = project / "site"
            pages = sum(1 for _ in site.rglob("*.html"))
            print(
                f"N={n}: check {check_s:.1f} s (peak {check_mb:.0f} MB); build {build_s:.1f} s (peak {build_mb:.0f} MB); "
                f"{pages} HTML pages, site {size_mb(site):.0f} MB"
            )
            if args.profile:
                import pstats

                pstats.Stats(str(project / "build.prof")).sort_stats("cumulative").print_stats(25)


if __name__ == "__main__":
    main()
