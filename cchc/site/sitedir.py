"""Build into a fresh folder beside site/, then swap it in: a failed build leaves the old site."""

from __future__ import annotations

import os
import shutil
from pathlib import Path


class SiteSwap:
    def __init__(self, site_dir: Path):
        self.site_dir = site_dir.resolve()
        self.staging = self.site_dir.with_name(self.site_dir.name + ".building")
        self.retired = self.site_dir.with_name(self.site_dir.name + ".old")

    def begin(self) -> Path:
        for leftover in (self.staging, self.retired):
            shutil.rmtree(leftover, ignore_errors=True)
        self.staging.mkdir(parents=True)
        return self.staging

    def commit(self) -> Path:
        if self.site_dir.exists():
            os.replace(self.site_dir, self.retired)
        os.replace(self.staging, self.site_dir)
        shutil.rmtree(self.retired, ignore_errors=True)
        return self.site_dir

    def abort(self) -> None:
        shutil.rmtree(self.staging, ignore_errors=True)
