"""Rendered pages kept on disk, keyed by the hash of everything they are made from.

A generated page (article, listing, procedure...) is a pure function of its plan entry (title, template,
Markdown, the data its template shows: neighbours' titles, unit and category names, the listing's items),
and of what every page shares: the configuration, the templates, the installed versions, the code, the
hotlines in the footer. `site_fingerprint` hashes the shared part once per build; `page_key` adds the page's
own part. A page whose key is in `.cache/pages/` is not converted nor rendered again: MkDocs writes the
stored bytes. The cache lives on disk, so `mkdocs build`, CI with a cached folder and every `mkdocs serve`
rebuild (each with a new plugin object) share it; an entry is never changed, only added or pruned.

Not cached: the pages in the nav (their own entry and table of contents show in the nav) and the pages of
`docs/` (a handful), and any page whose rendering logged a warning (a rebuild must warn again, `--strict`
must fail again). `CCHC_CACHE_VERIFY=1` renders cached pages too and fails on any difference;
`CCHC_FAST=0` turns the cache off. Correctness first: anything not understood in a key makes the page
uncacheable, never stale.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import hashlib
import json
import marshal
import os
import posixpath
import re
import time
from datetime import date, datetime
from importlib import metadata
from pathlib import Path
from urllib.parse import unquote, urlsplit

from cchc.content.atomic import replace_file

FORMAT = 2  # bump when an entry's fields change meaning
PRUNE_AGE_SECONDS = 3600  # an hour: a template edit leaves a whole site of dead entries

VERSIONED = ("mkdocs", "mkdocs-material", "markdown", "jinja2", "markupsafe", "nh3", "python-slugify", "pillow")


class Uncacheable(ValueError):
    """A page input with no stable text form (an object printed with its address): render it every time."""


def _json_default(value):
    cache_fields = getattr(value, "cache_fields", None)
    if callable(cache_fields):  # what the object says its key holds (GeneratedPage: cards by their fingerprint)
        return cache_fields()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        # Shallow (json walks the fields): dataclasses.asdict deep-copies every page's context.
        return {"__type": type(value).__name__, **{f.name: getattr(value, f.name) for f in dataclasses.fields(value)}}
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, Path):
        return str(value)
    if isinstance(value, (set, frozenset)):
        return sorted(value, key=repr)
    text = repr(value)
    if " at 0x" in text:
        raise Uncacheable(text)
    return {"__repr": text}


def canonical(value) -> bytes:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, default=_json_default).encode("utf-8")


def hash_files(digest, folder: Path, suffixes: tuple[str, ...] | None = None) -> None:
    if not folder.is_dir():
        return
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        if "__pycache__" in path.parts or (suffixes and path.suffix not in suffixes):
            continue
        digest.update(path.relative_to(folder).as_posix().encode("utf-8") + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())


@functools.cache
def code_digest(code_dir: Path) -> str:
    """The .py files of the cchc code, hashed once per process: the code that runs, even when the files change under a
    long `serve` (a `git pull`). "" when they cannot be read: then nothing is kept under it."""
    digest = hashlib.sha256()
    try:
        hash_files(digest, code_dir, (".py",))
    except OSError:
        return ""
    return digest.hexdigest()


def version_of(name: str) -> str:
    """The installed version of distribution `name`, or "-"."""
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "-"


def hash_versions(digest, names) -> None:
    """Add the installed version of each distribution of `names` to `digest`."""
    for name in names:
        digest.update(f"{name}={version_of(name)}\0".encode())


def code_stamp(label: str, code_dir: Path, libraries) -> str:
    """sha256 of `label`, the cchc code (code_digest) and the versions of `libraries`: what a cache kept between
    builds is valid under; "" when the code cannot be read (then nothing is kept)."""
    code = code_digest(code_dir)
    if not code:
        return ""
    digest = hashlib.sha256(f"{label} {code}\0".encode())
    hash_versions(digest, libraries)
    return digest.hexdigest()


def site_fingerprint(config_file: Path | None, settings: dict, folders: list[Path], code_dir: Path) -> str:
    """What every page shares: mkdocs.yml, the effective settings (serve changes site_url), the theme
    overrides and docs/ (every file's bytes), the cchc code, the versions of what renders."""
    digest = hashlib.sha256(f"cchc-page-cache {FORMAT}\0".encode())
    if config_file is not None and config_file.is_file():
        digest.update(config_file.read_bytes())
    digest.update(canonical(settings))
    hash_versions(digest, VERSIONED)
    for folder in folders:
        digest.update(str(folder).encode("utf-8") + b"\0")
        hash_files(digest, folder)
    hash_files(digest, code_dir, (".py", ".html", ".json"))
    return digest.hexdigest()


# Link targets in Markdown or raw HTML. MkDocs rewrites relative links to files that exist and leaves the
# others: whether each target exists is part of the page.
_TARGETS = re.compile(
    r"\]\(\s*<([^>]*)>|\]\(\s*([^)\s]+)|^\s{0,3}\[[^\]]+\]:\s*<?([^\s>]+)|(?:href|src)\s*=\s*[\"']([^\"']*)[\"']",
    re.MULTILINE | re.IGNORECASE,
)


# What every match of _TARGETS's last form contains. Most pages have no target at all: plain substring tests rule
# them out first (a case-insensitive regex over Vietnamese text scanned 60 MB/s: 0.5 s of every build at 5,000).
_ATTRIBUTE = re.compile(r"(?:href|src)\s*=", re.IGNORECASE)


def _may_have_targets(markdown: str) -> bool:
    """False only when no form of _TARGETS can match: no '](' nor ']:', and no href= or src=."""
    return "](" in markdown or "]:" in markdown or ("=" in markdown and _ATTRIBUTE.search(markdown) is not None)


def relative_targets(markdown: str, src_uri: str) -> list[tuple[str, str]]:
    """[(target, the src_uri it names)] for every relative link target of `markdown`."""
    found: list[tuple[str, str]] = []
    if not _may_have_targets(markdown):
        return found
    base = posixpath.dirname(src_uri)
    for match in _TARGETS.finditer(markdown):
        target = next(g for g in match.groups() if g is not None)
        parts = urlsplit(target)
        if parts.scheme or parts.netloc or not parts.path or target.startswith(("/", "#")):
            continue
        found.append((target, posixpath.normpath(posixpath.join(base, unquote(parts.path)))))
    return found


def link_targets(markdown: str, src_uri: str, exists, targets: list | None = None) -> list:
    """[(target, whether the file it names exists)] for every relative link target of `markdown`."""
    return [
        (target, exists(path), exists(posixpath.join(path, "index.md")))
        for target, path in (relative_targets(markdown, src_uri) if targets is None else targets)
    ]


def page_key(fingerprint: str, src_uri: str, parts: dict) -> str:
    """The page's key: the site's fingerprint and everything of the page itself (raises Uncacheable)."""
    digest = hashlib.sha256(fingerprint.encode())
    digest.update(src_uri.encode("utf-8") + b"\0")
    digest.update(canonical(parts))
    return digest.hexdigest()


class KeyMemo:
    """Each page's key and what it was made from, kept for the next build of the same process (`serve`, and
    a build's workers' pass then MkDocs' loop): a page whose inputs equal (==) those of its stored key keeps
    that key without its inputs being serialised and hashed again (1.6 s for 8,558 pages), and a Markdown text
    seen before keeps its parsed link targets (only whether each exists is asked again)."""

    def __init__(self) -> None:
        self.fingerprint: str | None = None
        self.keys: dict[str, tuple[dict, str | None]] = {}  # src_uri -> (the parts hashed, key or None)
        self.targets: dict[str, tuple[str, list]] = {}  # src_uri -> (markdown, relative_targets of it)

    def key(self, fingerprint: str, src_uri: str, page, update_date: str, photos: list, exists) -> str | None:
        """The page's key; None when an input has no stable text form (see Uncacheable)."""
        if fingerprint != self.fingerprint:
            self.fingerprint, self.keys = fingerprint, {}
        known = self.targets.get(src_uri)
        if known is None or known[0] != page.markdown:
            known = self.targets[src_uri] = (page.markdown, relative_targets(page.markdown, src_uri))
        parts = {
            "page": page,
            "update_date": update_date,
            "links": link_targets(page.markdown, src_uri, exists, known[1]),
            "photos": photos,
        }
        stored = self.keys.get(src_uri)
        if stored is not None and stored[0] == parts:
            self.keys[src_uri] = (parts, stored[1])  # the new objects: the previous plan can be freed
            return stored[1]
        try:
            key: str | None = page_key(fingerprint, src_uri, parts)
        except Uncacheable:
            key = None
        self.keys[src_uri] = (parts, key)
        return key


SUFFIX = ".page"


def _entry_bytes(entry: dict) -> bytes:
    page = entry["html"].encode("utf-8")
    fields = marshal.dumps(
        {**{name: value for name, value in entry.items() if name != "html"}, "html_bytes": len(page)}
    )
    return len(fields).to_bytes(4, "little") + fields + page


def _read_entry(path: str, html: bool) -> dict | None:
    """The entry in `path`, or None when it is missing or not whole (a reader sees whole entries: a torn or
    foreign file is a miss)."""
    try:
        with open(path, "rb") as stored:
            size = int.from_bytes(stored.read(4), "little")
            fields = marshal.loads(stored.read(size))
            page = stored.read() if html else None
        if not isinstance(fields, dict) or not isinstance(fields.get("html_bytes"), int):
            return None
        html_size = fields.pop("html_bytes")
        if page is not None:
            if len(page) != html_size:
                return None
            fields["html"] = page.decode("utf-8")
        return fields
    except (OSError, ValueError, EOFError, TypeError, UnicodeDecodeError):
        return None


class PageCache:
    """Entries `<root>/<2 hex>/<key>.page`: {"html": the page's template output, "article_html", "article_text",
    "anchors"}. The file holds the other fields first (4 bytes of length, then marshal) and the page's HTML after
    them, so that a build that keeps the live site's copy of a page reads what the feeds and the search need
    without reading or decoding the page itself (at 5,000 articles, 266 MB of entries, most of it HTML)."""

    def __init__(self, root: Path, verify: bool = False, deferred: bool = False, touch: bool = True):
        self.root = root
        self.verify = verify
        # A hit touches its entry so that a build's `prune` spares what a running serve uses. A build need not:
        # its prune spares what it used itself (8,500 touches after a cold build's writes cost seconds of I/O).
        self.touch = touch
        self.used: set[str] = set()
        self.hits = 0
        self.misses = 0
        # The preview's rebuilds: entries are written after the pages (`write_pending`, in the outputs thread),
        # not while the editor waits (700 of them for a new article at 5,000).
        self.pending: list[tuple[str, dict]] | None = [] if deferred else None

    def _path(self, key: str) -> str:
        # A string, not a Path: a build asks for 100,000 of them at 20,000 articles (pathlib's joins cost a second).
        return f"{self.root}{os.sep}{key[:2]}{os.sep}{key}{SUFFIX}"

    def has(self, key: str) -> bool:
        return os.path.isfile(self._path(key))

    def get(self, key: str, count: bool = True, html: bool = True) -> dict | None:
        """The entry, or None; without its "html" unless `html`. A hit is counted (and its file touched: see
        `touch`)."""
        self.used.add(key)
        path = self._path(key)
        entry = _read_entry(path, html)
        if entry is None:
            self.misses += count
            return None
        if count:
            self.hits += 1
        if count and self.touch:
            with contextlib.suppress(OSError):
                os.utime(path)
        return entry

    def put(self, key: str, entry: dict) -> None:
        if self.pending is not None:
            self.pending.append((key, entry))
        else:
            self._write(key, entry)

    def write_pending(self) -> None:
        pending, self.pending = self.pending or [], []
        for key, entry in pending:
            self._write(key, entry)

    def _write(self, key: str, entry: dict) -> None:
        # Atomic: a build and `serve` may share the folder; a reader sees a whole entry or none. A cache that
        # cannot be written is only slower.
        with contextlib.suppress(OSError):
            replace_file(self._path(key), _entry_bytes(entry))

    def prune(self, max_age: float = PRUNE_AGE_SECONDS) -> int:
        """Remove the entries this build did not use that are older than `max_age` (a running serve's stay a while)."""
        removed = 0
        cutoff = time.time() - max_age
        if not self.root.is_dir():
            return 0
        for folder in self.root.iterdir():
            if not folder.is_dir():
                continue
            for entry in os.scandir(folder):
                key = entry.name.removesuffix(SUFFIX)
                try:
                    if key not in self.used and entry.stat().st_mtime < cutoff:
                        os.unlink(entry.path)
                        removed += 1
                except OSError:
                    pass
        return removed
