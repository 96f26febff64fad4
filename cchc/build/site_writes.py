"""Writing into a site folder that a server is reading: only the files whose bytes changed.

The preview's incremental rebuild never cleans the served folder: a page or output is left alone when its bytes
are the same, an output (search index, feeds: fetched at any time) is replaced by a rename, and a page or output
that is gone is removed with the folders it leaves empty.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from cchc.content.atomic import holds, replace_file


def write_if_changed(payload: bytes, path: str | os.PathLike, atomic: bool = True) -> bool:
    """Write `payload` to `path` unless it holds exactly that already; True when written.

    `atomic`: by a rename (a reader never sees half a file; about 1 ms a file here). Pages need not: the browser
    reloads them once the rebuild is through, as MkDocs writes them."""
    target = Path(path)
    if holds(target, payload):
        return False
    if atomic:
        replace_file(target, payload)
    else:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(payload)
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
