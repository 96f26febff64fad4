"""Writing files so that a crash or a full disk never leaves half a file behind.

Each file is written in full to a hidden temporary file in the same folder, then renamed
over its target (a rename within one folder is atomic). A batch is all or nothing as far
as the disk allows: every temporary file is written, and flushed to disk once for the
whole batch (one sync instead of one fsync per file: an import writes thousands), before
the first rename.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path


def _mode(path: Path) -> int:
    """The target's permissions if it exists, else what a new file gets (mkstemp would give 0600)."""
    try:
        return path.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _temporary(path: Path, payload: bytes) -> Path:
    handle, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(payload)
        os.chmod(name, _mode(path))
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(name)
        raise
    return Path(name)


def write_all(files: dict[Path, str]) -> None:
    """Write every file, or (if writing any of them fails) none. Raises OSError."""
    staged: list[tuple[Path, Path]] = []
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


def replace_file(path: Path, payload: bytes) -> None:
    """One file whole or not at all, its folder made if missing, without `write_all`'s sync: for what a build can
    make again (site outputs, caches), where a reader must only never see half a file. Raises OSError."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = _temporary(path, payload)
    try:
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
