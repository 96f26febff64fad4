"""Compiled templates kept between builds (`.cache/templates/`).

Jinja compiles Material's templates to Python at every build: about a second, more than rendering a small site,
paid again by each `serve` rebuild and each test build. Jinja's file cache stores the compiled code with the
checksum of its template's source and Python's bytecode version, and compiles again when either differs; it writes
each entry to a temporary file then renames it, so two builds at once cannot read a half-written entry.
"""

from __future__ import annotations

from pathlib import Path

from jinja2 import FileSystemBytecodeCache


def template_bytecode_cache(folder: Path) -> FileSystemBytecodeCache:
    folder.mkdir(parents=True, exist_ok=True)
    return FileSystemBytecodeCache(str(folder))
