"""Live preview at N synthetic articles: `mkdocs serve` start-up, an edited title, a new article, until served.

.venv/bin/python scripts/bench_preview.py 1000 [5000 ...] [--edits 2]

Per N, one temporary project (the same synthetic articles as bench_build.py) served by `mkdocs serve` on a free
port of 127.0.0.1. Timed, by polling the HTTP pages as a browser would reload them:
- start-up: from launching `mkdocs serve` until the home page answers 200;
- edit: from saving a new title into one article until that article's served page shows it (repeated --edits
  times, on different articles);
- new article: from writing a new article file until its page is served with its title.
Also printed: the 1-minute load average before each N, the serve process's peak memory (VmHWM), the CPU
seconds each step cost it (user + system, its waited-for children included: steadier than wall time on a busy
machine; a rebuild's search index and feeds are written in a thread 2 s after its pages, so their CPU counts in
the step during which they run, and a save within those 2 s stops them before they start) and "full": how many of the saves took MkDocs' full build instead of the preview's
incremental rebuild (cchc/build/incremental.py; it says which in the serve log). The project has its own copy of
docs/ (the theme overrides included): editing the repository's during a run changes nothing.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_build import REPO, write_project  # noqa: E402

POLL = 0.1  # seconds between two polls
TIMEOUT = 900.0  # give up on one step after this many seconds


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> tuple[int, str]:
    """HTTP status and body; (0, "") when the server does not answer yet."""
    try:
        with urllib.request.urlopen(url, timeout=TIMEOUT) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, ""
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return 0, ""


def wait_for(url: str, text: str | None, process: subprocess.Popen, log: Path) -> float:
    """Seconds until `url` answers 200 (with `text` in its body, when given)."""
    start = time.perf_counter()
    while True:
        status, body = fetch(url)
        if status == 200 and (text is None or text in body):
            return time.perf_counter() - start
        if process.poll() is not None:
            raise SystemExit(f"mkdocs serve stopped:\n{log.read_text(encoding='utf-8')[-3000:]}")
        if time.perf_counter() - start > TIMEOUT:
            raise SystemExit(f"{url}: no {text!r} after {TIMEOUT:.0f} s")
        time.sleep(POLL)


def cpu_seconds(pid: int) -> float:
    """utime + stime + cutime + cstime of `pid`, in seconds."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return sum(int(f) for f in fields[11:15]) / os.sysconf("SC_CLK_TCK")


def peak_mb(pid: int) -> float:
    status = Path(f"/proc/{pid}/status").read_text()
    return int(re.search(r"VmHWM:\s+(\d+)", status).group(1)) / 1024


def own_docs(project: Path) -> None:
    """The project's own copy of docs/ (without the design notes), so that `serve` watches that copy."""
    shutil.copytree(REPO / "docs", project / "docs", ignore=shutil.ignore_patterns("design"))
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace(f"docs_dir: {REPO / 'docs'}", "docs_dir: docs")
    config = config.replace(f"custom_dir: {REPO / 'docs' / 'overrides'}", "custom_dir: docs/overrides")
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")


def bench(n: int, edits: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp)
        write_project(project, n)
        own_docs(project)
        port = free_port()
        base = f"http://127.0.0.1:{port}/"
        log = project / "serve.log"
        load = os.getloadavg()[0]
        env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
        with log.open("w") as out:
            start = time.perf_counter()
            process = subprocess.Popen(
                [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
                cwd=project,
                env=env,
                stdout=out,
                stderr=subprocess.STDOUT,
            )
            try:
                wait_for(base, None, process, log)
                startup = time.perf_counter() - start
                cpu = [cpu_seconds(process.pid)]
                articles = sorted((project / "content" / "articles").rglob("*.md"))
                edit_times = []
                for k in range(edits):
                    article = articles[(k * 7919) % len(articles)]
                    title = f"Tiêu đề đã sửa lần {k + 1} lúc {time.time():.0f}"
                    text = article.read_text(encoding="utf-8")
                    text = re.sub(r"^title: .*$", f'title: "{title}"', text, count=1, flags=re.M)
                    article.write_text(text, encoding="utf-8")
                    edit_times.append(wait_for(f"{base}bai-viet/{article.stem}/", title, process, log))
                    cpu.append(cpu_seconds(process.pid))
                new_title = f"Bài viết mới lúc {time.time():.0f}"
                new = project / "content" / "articles" / "2024" / "bai-moi-benchmark.md"
                new.write_text(
                    f'---\ntitle: "{new_title}"\ndate: 2024-05-02\nunit: don-vi-00\ncategory: tin-cchc\n---\n\n'
                    "Bài viết mới để đo thời gian xem trước.\n",
                    encoding="utf-8",
                )
                added = wait_for(f"{base}bai-viet/{new.stem}/", new_title, process, log)
                cpu.append(cpu_seconds(process.pid))
                memory = peak_mb(process.pid)
                full = log.read_text(encoding="utf-8").count("Xem trước: dựng lại toàn bộ")
            finally:
                # Ctrl+C, not SIGTERM: `mkdocs serve` then removes its temporary site folder.
                process.send_signal(signal.SIGINT)
                try:
                    process.wait(timeout=60)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()
        edited = ", ".join(f"{s:.1f}" for s in edit_times)
        steps = [b - a for a, b in zip(cpu, cpu[1:], strict=False)]
        edited_cpu = ", ".join(f"{s:.1f}" for s in steps[:-1])
        print(
            f"{n:>6} {load:>5.1f} {startup:>10.1f} {cpu[0]:>9.1f} {edited:>14} {edited_cpu:>12} {added:>12.1f} "
            f"{steps[-1]:>9.1f} {memory:>8.0f} {full:>5}",
            flush=True,
        )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("counts", nargs="*", type=int, default=[1000])
    parser.add_argument("--edits", type=int, default=2, help="edits of a title, timed one after the other")
    args = parser.parse_args()
    print(
        f"{'N':>6} {'load':>5} {'start-up s':>10} {'start CPU':>9} {'edit s':>14} {'edit CPU':>12} {'new page s':>12} "
        f"{'new CPU':>9} {'peak MB':>8} {'full':>5}"
    )
    for n in args.counts:
        bench(n, args.edits)


if __name__ == "__main__":
    main()
