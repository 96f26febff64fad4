"""Writing into a site folder that a server is reading: only the files whose bytes changed.

The preview's incremental rebuild never cleans the served folder: a page or output is left alone when its bytes
are the same, an output (search index, feeds: fetched at any time) is replaced by a rename, and a page or output
that is gone is removed with the folders it leaves empty.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

_UMASK = os.umask(0)
os.umask(_UMASK)
_MODE = 0o666 & ~_UMASK  # what open(path, "wb") gives a new file (mkstemp would give 0600)


def write_if_changed(payload: bytes, path: str | os.PathLike, atomic: bool = True) -> bool:
    """Write `payload` to `path` unless it holds exactly that already; True when written.

    `atomic`: by a rename (a reader never sees half a file; about 1 ms a file here). Pages need not: the browser
    reloads them once the rebuild is through, as MkDocs writes them."""
    target = Path(path)
    try:
        if target.stat().st_size == len(payload) and target.read_bytes() == payload:
            return False
    except OSError:
        pass
    target.parent.mkdir(parents=True, exist_ok=True)
    if not atomic:
        target.write_bytes(payload)
        return True
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(payload)
        os.chmod(tmp, _MODE)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    return True


def remove_output(path: str | os.PathLike, site_dir: str | os.PathLike) -> None:
    """Remove `path` (if there) and the folders it leaves empty, up to `site_dir`."""
    target, root = Path(path), Path(site_dir)
    with contextlib.suppress(FileNotFoundError):
        target.unlink()
    folder = target.parent
    while folder != root and folder.is_relative_to(root):
        try:
            folder.rmdir()
        except OSError:  # not empty (or gone)
            break
        folder = folder.parent
