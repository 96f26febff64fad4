"""What `mkdocs serve` watches, as (path -> size, mtime) at one moment: which files changed between two builds.

MkDocs' live-reload server tells its builder only that something changed, not what. A snapshot costs one `stat`
per file (milliseconds for 5,000 articles); comparing two tells the preview whether only `content/` changed
(an editor's save: the incremental rebuild) or anything else (mkdocs.yml, docs/, templates, code: a full build).
"""

from __future__ import annotations

import os
from pathlib import Path

Snapshot = dict[str, tuple[int, int]]


def watched_roots(config, content_dir: Path, code_dir: Path, server_watches: list[Path]) -> list[Path]:
    """mkdocs.yml, docs/, the theme overrides, content/, the plugin's own code, `watch:` entries and whatever else
    serve's watcher watches (`server_watches`: the theme's folders with --watch-theme)."""
    roots = [Path(config.docs_dir), content_dir, code_dir, *(Path(p) for p in config.watch)]
    if config.config_file_path:
        roots.append(Path(config.config_file_path))
    if config.theme.custom_dir:
        roots.append(Path(config.theme.custom_dir))
    roots = [Path(os.path.abspath(root)) for root in roots]
    return roots + [root for root in server_watches if root not in roots]


def _walk(root: str, into: Snapshot) -> None:
    try:
        entries = list(os.scandir(root))
    except OSError:
        return
    for entry in entries:
        try:
            if entry.is_dir(follow_symlinks=True):
                if entry.name != "__pycache__":
                    _walk(entry.path, into)
            else:
                st = entry.stat()
                into[entry.path] = (st.st_size, st.st_mtime_ns)
        except OSError:
            continue


def snapshot(roots: list[Path]) -> Snapshot:
    found: Snapshot = {}
    for root in roots:
        path = os.path.abspath(root)
        if os.path.isdir(path):
            _walk(path, found)
        else:
            try:
                st = os.stat(path)
                found[path] = (st.st_size, st.st_mtime_ns)
            except OSError:
                continue
    return found


def changed_paths(before: Snapshot, after: Snapshot) -> set[Path]:
    """Files added, removed or changed (size or modification time) between the two snapshots."""
    keys = before.keys() | after.keys()
    return {Path(path) for path in keys if before.get(path) != after.get(path)}


def outside(paths: set[Path], folder: Path) -> list[Path]:
    """Those of `paths` not under `folder`, sorted."""
    folder = Path(os.path.abspath(folder))
    return sorted(path for path in paths if not path.is_relative_to(folder))
