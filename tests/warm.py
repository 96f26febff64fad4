"""Run `python -m MODULE ARGS` (mkdocs, cchc) without paying Python's start-up and imports each time.

A suite makes about fifty real builds; each fresh interpreter spends over a second importing MkDocs, Material,
Markdown and the plugin before building a small site. A warm process imports them once, then forks a child per
command: the child is a fresh copy (no state from earlier commands leaks into the next), runs the module as
`python -m` would, with its own working folder, environment and output files, and exits. The warm process never
starts a thread, so forking it is safe. Run directly, this file is that warm process (one per test process).
"""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

PRELOAD = (
    "mkdocs.__main__",
    "mkdocs.commands.build",
    "mkdocs.commands.gh_deploy",
    "material.plugins.search.plugin",
    "pymdownx.superfences",
    "cchc.plugin",
    "cchc.cli",
)


def _serve(requests, replies) -> None:
    """The warm process: one JSON request a line in, one JSON reply a line out."""
    import importlib

    for name in PRELOAD:
        with contextlib.suppress(ImportError):
            importlib.import_module(name)
    for line in requests:
        request = json.loads(line)
        with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
            pid = os.fork()
            if pid == 0:
                _child(request, out.fileno(), err.fileno())
            _, status = os.waitpid(pid, 0)
            out.seek(0)
            err.seek(0)
            reply = {
                "returncode": os.waitstatus_to_exitcode(status),
                "stdout": out.read().decode("utf-8", "replace"),
                "stderr": err.read().decode("utf-8", "replace"),
            }
        replies.write(json.dumps(reply) + "\n")
        replies.flush()


def _child(request: dict, out: int, err: int) -> None:
    """Run `python -m module args` in this forked copy, then leave without returning to the loop."""
    import runpy
    import traceback

    code = 1
    try:
        os.chdir(request["cwd"])
        os.environ.clear()
        os.environ.update(request["env"])
        null = os.open(os.devnull, os.O_RDONLY)
        os.dup2(null, 0)
        os.dup2(out, 1)
        os.dup2(err, 2)
        sys.argv = [request["module"], *request["args"]]
        sys.modules.pop(request["module"] + ".__main__", None)  # run afresh, as `python -m` does
        sys.path[0] = request["cwd"]  # as `python -m` puts the working folder first
        sys.path[1:1] = [folder for folder in request["env"].get("PYTHONPATH", "").split(os.pathsep) if folder]
        try:
            runpy.run_module(request["module"], run_name="__main__", alter_sys=True)
            code = 0
        except SystemExit as stop:
            code = stop.code if isinstance(stop.code, int) else (0 if stop.code is None else 1)
            if isinstance(stop.code, str):
                print(stop.code, file=sys.stderr)
        except BaseException:
            traceback.print_exc()
    finally:
        for stream in (sys.stdout, sys.stderr):
            with contextlib.suppress(Exception):
                stream.flush()
        os._exit(code)


class WarmPython:
    """Client side: starts the warm process on first use and sends it one command at a time."""

    def __init__(self) -> None:
        self._process: subprocess.Popen | None = None
        self._lock = threading.Lock()

    def run(self, module: str, args: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess:
        with self._lock:
            if self._process is None or self._process.poll() is not None:
                self._process = subprocess.Popen(
                    [sys.executable, __file__],
                    stdin=subprocess.PIPE,
                    stdout=subprocess.PIPE,
                    cwd=Path(__file__).parent,
                    env=dict(os.environ, NO_MKDOCS_2_WARNING="1"),
                    text=True,
                    encoding="utf-8",
                )
            request = {"module": module, "args": list(args), "cwd": str(cwd), "env": env}
            assert self._process.stdin and self._process.stdout
            self._process.stdin.write(json.dumps(request) + "\n")
            self._process.stdin.flush()
            reply = json.loads(self._process.stdout.readline())
        return subprocess.CompletedProcess(
            [sys.executable, "-m", module, *args], reply["returncode"], reply["stdout"], reply["stderr"]
        )

    def close(self) -> None:
        if self._process is not None:
            assert self._process.stdin
            self._process.stdin.close()
            self._process.wait(timeout=30)
            self._process = None


if __name__ == "__main__":
    replies = os.fdopen(os.dup(1), "w", encoding="utf-8")
    os.dup2(2, 1)  # whatever an import prints goes to stderr, never into the replies
    _serve(sys.stdin, replies)
