"""Build into a fresh folder beside site/, then bring it in: a failed build leaves the old site.

One build at a time per site folder: `site.lock` beside it is held from the start of the build until the site is in
place, so a second build waits (or gives up with a message) instead of deleting the first one's staging folder.

Two ways to bring a finished build in:
- swap: the staging folder holds the whole site; the old site is renamed aside and deleted. Every file is new.
- merge: the build kept files of the live site that it would have written with the same bytes (`keep_pages`,
  `keep_if_same`), so the staging folder holds only what changed. Those files are moved in one by one, files the
  build no longer makes are deleted, and a file that did not change keeps its date (a deploy by rsync sends only
  what changed). `site.pages.json` beside the folder records which cache key made each page; it is deleted while a
  merge runs and written after it, so a merge cut short (power failure) is followed by a swap.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import stat
from pathlib import Path

from filelock import FileLock, Timeout

from cchc.content.atomic import holds, replace_file

LOCK_WAIT_SECONDS = 600.0
RECORD_VERSION = 1


class SiteBusy(Exception):
    """Another build held the site folder's lock for longer than we were willing to wait."""


class SiteSwap:
    def __init__(self, site_dir: Path):
        self.site_dir = site_dir.resolve()
        self.staging = self.site_dir.with_name(self.site_dir.name + ".building")
        self.retired = self.site_dir.with_name(self.site_dir.name + ".old")
        self.record = self.site_dir.with_name(self.site_dir.name + ".pages.json")
        self.lock = FileLock(str(self.site_dir.with_name(self.site_dir.name + ".lock")))
        self.recorded: dict[str, list] | None = None  # the live site's pages -> [size, mtime_ns, key]; None: unknown
        self.kept: set[str] = set()  # files of the live site (relative paths) this build keeps as they are

    def busy(self) -> bool:
        """True when another build holds the lock right now."""
        try:
            self.lock.acquire(timeout=0)
        except Timeout:
            return True
        self.lock.release()
        return False

    def begin(self, wait: float = LOCK_WAIT_SECONDS) -> Path:
        """Take the lock (waiting up to `wait` seconds), then start an empty staging folder."""
        self.site_dir.parent.mkdir(parents=True, exist_ok=True)
        try:
            self.lock.acquire(timeout=wait)
        except Timeout as error:
            raise SiteBusy(str(self.lock.lock_file)) from error
        try:
            for leftover in (self.staging, self.retired):
                shutil.rmtree(leftover, ignore_errors=True)
            self.staging.mkdir(parents=True)
        except BaseException:
            self.lock.release()
            raise
        self.recorded = _read_record(self.record) if self.site_dir.is_dir() else None
        return self.staging

    def keep_pages(self, keys: dict[str, str]) -> set[str]:
        """Of `keys` (a page's path in the site -> the cache key it is made from), the pages the live site holds as
        that key made them, untouched since: the build keeps them instead of writing them again."""
        found = set()
        for rel, key in keys.items():
            entry = (self.recorded or {}).get(rel)
            if entry is not None and entry[2] == key and _size_and_time(self.site_dir / rel) == tuple(entry[:2]):
                found.add(rel)
        self.kept |= found
        return found

    def keep_if_same(self, rel: str, payload: bytes) -> bool:
        """True, and the live file kept, when the live site holds exactly `payload` at `rel`."""
        if self.recorded is None or not holds(self.site_dir / rel, payload):
            return False
        self.kept.add(rel)
        return True

    def keep_if_same_file(self, rel: str, source: str | os.PathLike) -> bool:
        """`keep_if_same` for a file to copy (a photo, an attachment): compared by size, then bytes."""
        if self.recorded is None:
            return False
        if not _same_bytes(Path(source), self.site_dir / rel):
            return False
        self.kept.add(rel)
        return True

    def built_file(self, rel: str) -> Path | None:
        """Where this build's file `rel` is: the staging folder, or the live site when the build keeps that copy."""
        staged = self.staging / rel
        if staged.is_file():
            return staged
        return self.site_dir / rel if rel in self.kept else None

    def commit(self, page_keys: dict[str, str] | None = None) -> Path:
        """Bring the staging folder in; record which key made each page of `page_keys` (path -> key)."""
        try:
            if self.kept and self.recorded is not None:
                self._merge()
            else:
                self._swap()
            self._write_record(page_keys or {})
        finally:
            self._release()
        return self.site_dir

    def abort(self) -> None:
        try:
            shutil.rmtree(self.staging, ignore_errors=True)
        finally:
            self._release()

    def _swap(self) -> None:
        self.record.unlink(missing_ok=True)
        if self.site_dir.exists():
            os.replace(self.site_dir, self.retired)
        os.replace(self.staging, self.site_dir)
        shutil.rmtree(self.retired, ignore_errors=True)

    def _merge(self) -> None:
        self.record.unlink(missing_ok=True)  # until the merge is through, no build made the live site as it is
        wanted = set(self.kept)
        for rel in _files_under(self.staging):
            wanted.add(rel)
            source, target = self.staging / rel, self.site_dir / rel
            if not _same_bytes(source, target):
                _make_room(target, self.site_dir)
                os.replace(source, target)
        for folder, _, names in os.walk(self.site_dir, topdown=False):
            for name in names:
                path = os.path.join(folder, name)
                if Path(path).relative_to(self.site_dir).as_posix() not in wanted:
                    os.unlink(path)
            if folder != str(self.site_dir):
                with contextlib.suppress(OSError):
                    os.rmdir(folder)  # only when the build left it empty
        shutil.rmtree(self.staging, ignore_errors=True)

    def _write_record(self, page_keys: dict[str, str]) -> None:
        pages = {}
        for rel, key in page_keys.items():
            entry = (self.recorded or {}).get(rel) if rel in self.kept else None
            if entry is None:
                found = _size_and_time(self.site_dir / rel)
                entry = [*found, None] if found else None
            if entry is not None:
                pages[rel] = [entry[0], entry[1], key]
        try:
            replace_file(self.record, json.dumps({"version": RECORD_VERSION, "pages": pages}).encode("utf-8"))
        except OSError:
            self.record.unlink(missing_ok=True)  # no record: the next build swaps, as without one

    def _release(self) -> None:
        if self.lock.is_locked:
            self.lock.release()


def _read_record(path: Path) -> dict[str, list] | None:
    try:
        data = json.loads(path.read_bytes())
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("version") != RECORD_VERSION or not isinstance(data.get("pages"), dict):
        return None
    pages = data["pages"]
    if not all(isinstance(v, list) and len(v) == 3 for v in pages.values()):
        return None
    return pages


def _size_and_time(path: Path) -> tuple[int, int] | None:
    try:
        found = path.stat()
    except OSError:
        return None
    return (found.st_size, found.st_mtime_ns) if stat.S_ISREG(found.st_mode) else None


def _same_bytes(source: Path, target: Path) -> bool:
    try:
        if not target.is_file() or target.stat().st_size != source.stat().st_size:
            return False
        return source.read_bytes() == target.read_bytes()
    except OSError:
        return False


def _files_under(root: Path) -> list[str]:
    """Every file below `root`, as paths relative to it ('a/b.html')."""
    return [Path(folder, name).relative_to(root).as_posix() for folder, _, names in os.walk(root) for name in names]


def _make_room(target: Path, root: Path) -> None:
    """Folders for `target` up to `root` (a file in the way removed), and no folder where `target` goes."""
    for parent in reversed(target.relative_to(root).parents[:-1]):
        path = root / parent
        if path.exists() and not path.is_dir():
            path.unlink()
    target.parent.mkdir(parents=True, exist_ok=True)
    if target.is_dir() and not target.is_symlink():
        shutil.rmtree(target)
