"""`mkdocs build -q` of the project in the current folder, in this process, with wall and CPU seconds per step.

cd /tmp/project && /path/to/repo/.venv/bin/python /path/to/repo/scripts/build_phases.py

Steps timed: the plugin's load and plan, its keys (on_nav), MkDocs' _populate_page and _build_page loops, the page
cache's reads, MkDocs' file writes, the outputs and the commit of the site folder (docs/design/build-speed.md).
"""

from __future__ import annotations

import atexit
import sys
import time
from collections import defaultdict

import mkdocs.commands.build as mkdocs_build
import mkdocs.utils as mkdocs_utils
from mkdocs.__main__ import cli

from cchc import plugin
from cchc.build import page_cache
from cchc.site import sitedir

totals: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0, 0])


def timed(owner, name: str, label: str) -> None:
    original = getattr(owner, name)

    def wrapper(*args, **kwargs):
        wall, cpu = time.perf_counter(), time.process_time()
        try:
            return original(*args, **kwargs)
        finally:
            entry = totals[label]
            entry[0] += time.perf_counter() - wall
            entry[1] += time.process_time() - cpu
            entry[2] += 1

    setattr(owner, name, wrapper)


timed(plugin.CchcPlugin, "load_and_plan", "load and plan")
timed(plugin.CchcPlugin, "on_nav", "keys, workers (on_nav)")
timed(mkdocs_build, "_populate_page", "MkDocs _populate_page")
timed(page_cache.PageCache, "get", "  page cache reads")
timed(mkdocs_build, "_build_page", "MkDocs _build_page")
timed(mkdocs_utils, "write_file", "  MkDocs writes")
timed(plugin.CchcPlugin, "_write_outputs", "outputs")
timed(sitedir.SiteSwap, "commit", "site folder commit")
START = time.perf_counter(), time.process_time()


@atexit.register
def report() -> None:
    print(f"{'total':26} {time.perf_counter() - START[0]:7.2f} s wall {time.process_time() - START[1]:7.2f} s CPU")
    for label, (wall, cpu, calls) in totals.items():
        print(f"{label:26} {wall:7.2f} s wall {cpu:7.2f} s CPU {int(calls):7d} calls")


if __name__ == "__main__":
    sys.argv = ["mkdocs", "build", "-q"]
    cli()
