"""Build into a fresh folder beside site/, then swap it in: a failed build leaves the old site.

One build at a time per site folder: `site.lock` beside it is held from the start of the build until the swap, so a
second build waits (or gives up with a message) instead of deleting the first one's staging folder.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from filelock import FileLock, Timeout

LOCK_WAIT_SECONDS = 600.0


class SiteBusy(Exception):
    """Another build held the site folder's lock for longer than we were willing to wait."""


class SiteSwap:
    def __init__(self, site_dir: Path):
        self.site_dir = site_dir.resolve()
        self.staging = self.site_dir.with_name(self.site_dir.name + ".building")
        self.retired = self.site_dir.with_name(self.site_dir.name + ".old")
        self.lock = FileLock(str(self.site_dir.with_name(self.site_dir.name + ".lock")))

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
        return self.staging

    def commit(self) -> Path:
        try:
            if self.site_dir.exists():
                os.replace(self.site_dir, self.retired)
            os.replace(self.staging, self.site_dir)
            shutil.rmtree(self.retired, ignore_errors=True)
        finally:
            self._release()
        return self.site_dir

    def abort(self) -> None:
        try:
            shutil.rmtree(self.staging, ignore_errors=True)
        finally:
            self._release()

    def _release(self) -> None:
        if self.lock.is_locked:
            self.lock.release()
