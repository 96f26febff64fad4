"""Writing files so that a crash or a full disk never leaves half a file behind.

Each file is written in full to a hidden temporary file in the same folder, then renamed
over its target (a rename within one folder is atomic). A batch is all or nothing as far
as the disk allows: every temporary file is written, and flushed to disk once for the
whole batch (one sync instead of one fsync per file: an import writes thousands), before
the first rename.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import secrets
import stat
import threading
from pathlib import Path

# A new file: O_EXCL also refuses to open a link (or anything) found at that name.
_NEW_FILE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)


def _temporary_name(folder: str, name: str, fresh: bool) -> str:
    """A hidden name beside `name` that no other writer uses at once: this process's and thread's own (a long name
    is hashed, so that the suffix never makes it too long), or with `fresh` a random one."""
    if len(name.encode("utf-8", "surrogateescape")) > 200:
        name = hashlib.sha256(name.encode("utf-8", "surrogateescape")).hexdigest()[:32]
    unique = secrets.token_hex(8) if fresh else f"{os.getpid()}-{threading.get_ident()}"
    return os.path.join(folder, f".{name}.{unique}.tmp")


def _temporary(path: str | Path, payload: bytes, make_folder: bool = False) -> str:
    """`payload` in a new hidden file next to `path` (with `make_folder`, its folder made if missing), with `path`'s
    permissions if it exists, else a new file's (what the umask leaves of rw-rw-rw-).

    Named after the process and the thread, not by mkstemp: its random names, and working out the umask, cost a
    build of 20,000 articles seconds (it writes 34,000 cache entries). Should a file be found at that name (left by
    a process that stopped halfway, put there, or this thread's own for another name of the same file in one
    `write_all`), a random name is taken; nothing found is removed."""
    folder, name = os.path.split(path)
    temporary = _temporary_name(folder, name, fresh=False)
    try:
        handle = os.open(temporary, _NEW_FILE, 0o666)
    except FileNotFoundError:
        if not make_folder:
            raise
        os.makedirs(folder, exist_ok=True)
        handle = os.open(temporary, _NEW_FILE, 0o666)
    except FileExistsError:
        temporary = _temporary_name(folder, name, fresh=True)
        handle = os.open(temporary, _NEW_FILE, 0o666)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(payload)
            with contextlib.suppress(OSError):  # no target (or none we can read): a new file's permissions
                os.fchmod(out.fileno(), stat.S_IMODE(os.stat(path).st_mode))
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    return temporary


def write_all(files: dict[Path, str]) -> None:
    """Write every file, or (if writing any of them fails) none. Raises OSError."""
    staged: list[tuple[str, Path]] = []
    try:
        for path, text in files.items():
            staged.append((_temporary(path, text.encode("utf-8")), path))
    except BaseException:
        for temporary, _ in staged:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
        raise
    if staged:
        os.sync()  # the new contents reach the disk before any rename makes them visible
    for temporary, path in staged:
        os.replace(temporary, path)


def write_text(path: Path, text: str) -> None:
    write_all({path: text})


def holds(path: Path, payload: bytes) -> bool:
    """True when the file at `path` holds exactly `payload` (sizes compared first): nothing to write."""
    try:
        return path.stat().st_size == len(payload) and path.read_bytes() == payload
    except OSError:
        return False


def replace_file(path: str | Path, payload: bytes) -> None:
    """One file whole or not at all, its folder made if missing, without `write_all`'s sync: for what a build can
    make again (site outputs, caches), where a reader must only never see half a file. Raises OSError."""
    temporary = _temporary(path, payload, make_folder=True)
    try:
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
