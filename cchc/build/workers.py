"""A cold `mkdocs build` renders its pages in worker processes, which fill the page cache; MkDocs' own loop then
only reads the cache. Python-Markdown and Jinja are pure Python (threads gain nothing), so processes it is.

Workers are forked (each starts with the loaded config, content, plan and nav: nothing parsed twice), and only
when the process has no other thread: forking a process with threads can copy a held lock and hang (commit
40607f4). `mkdocs build` has one thread once the photos are encoded; `mkdocs serve` (watchdog, HTTP server)
never forks and renders in its own process. A worker stores each page in the cache, then writes it into the site
folder (the build's staging folder), and leaves with os._exit (no atexit handler, the parent's site lock
untouched). A worker that fails costs only time: the parent writes every page again, renders whatever is not in
the cache, and reports any error itself.
"""

from __future__ import annotations

import logging
import os
import sys
import threading
from collections.abc import Callable


def workers_from() -> int:
    """Below this many pages to render, forking costs more than it saves (CCHC_WORKERS_FROM: tests set 1)."""
    return int(os.environ.get("CCHC_WORKERS_FROM", "200"))


def worker_count() -> int:
    """Processes to render in: one per core (CCHC_WORKERS: another number, 0 for none), none when the process has
    threads or cannot fork."""
    if not hasattr(os, "fork") or threading.active_count() > 1:
        return 0
    chosen = os.environ.get("CCHC_WORKERS")
    return int(chosen) if chosen else os.cpu_count() or 1


def render_in_workers(items: list, render: Callable[[list], None], workers: int) -> int:
    """Fork `workers` processes, the i-th calls `render(items[i::workers])`; wait for all. Returns how many failed."""
    sys.stdout.flush()
    sys.stderr.flush()
    pids = []
    for index in range(workers):
        pid = os.fork()
        if pid == 0:  # the worker
            code = 1
            try:
                render(items[index::workers])
                code = 0
            except BaseException:  # noqa: BLE001  the parent renders what is missing and reports the error
                logging.getLogger("mkdocs").debug("cchc: một tiến trình dựng trang bị lỗi", exc_info=True)
            finally:
                os._exit(code)
        pids.append(pid)
    failed = 0
    for pid in pids:
        _, status = os.waitpid(pid, 0)
        failed += os.waitstatus_to_exitcode(status) != 0
    return failed


def quiet_worker_logging(keep: logging.Handler) -> None:
    """In a worker: MkDocs' messages are the parent's to print (it renders again any page that warned)."""
    logger = logging.getLogger("mkdocs")
    for handler in list(logger.handlers):
        if handler is not keep:
            logger.removeHandler(handler)
    logging.getLogger().handlers = []


def map_in_forks(work: Callable[[int], bytes], parts: int) -> list[bytes]:
    """[work(0), ..., work(parts - 1)]: parts 1 and up in forked processes, which send their bytes back through a
    pipe, part 0 in this process meanwhile. A part whose process failed is worked again here."""
    sys.stdout.flush()
    sys.stderr.flush()
    children: list[tuple[int, int, int]] = []  # (part, pid, the pipe's reading end)
    try:
        for part in range(1, parts):
            read_end, write_end = os.pipe()
            pid = os.fork()
            if pid == 0:  # the child
                code = 1
                try:
                    os.close(read_end)
                    with os.fdopen(write_end, "wb") as pipe:
                        pipe.write(work(part))
                    code = 0
                except BaseException:  # noqa: BLE001  the parent works this part again
                    pass
                finally:
                    os._exit(code)
            os.close(write_end)
            children.append((part, pid, read_end))
        results = [work(0)]
        for part, pid, read_end in children:
            with os.fdopen(read_end, "rb") as pipe:
                data = pipe.read()
            _, status = os.waitpid(pid, 0)
            results.append(data if os.waitstatus_to_exitcode(status) == 0 else work(part))
            children = [child for child in children if child[1] != pid]
        return results
    finally:  # stopped halfway (an error here): no child left running or unreaped
        for _, pid, read_end in children:
            os.close(read_end)
            os.kill(pid, 9)
            os.waitpid(pid, 0)
