"""Typed models of what editors write in `content/`. Built only by `loader`, already valid."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from cchc.content.files import read_body
from cchc.images import ImageInfo
from cchc.text import first_paragraph
from cchc.timeutil import format_date, to_vn


@dataclass(frozen=True)
class Unit:
    id: str
    name: str
    group: str | None = None
    start: dt.date | None = None  # `from` in units.yml
    end: dt.date | None = None  # `until` in units.yml

    def existed_on(self, day: dt.date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)

    def existed_during(self, first: dt.date, last: dt.date) -> bool:
        return (self.start is None or self.start <= last) and (self.end is None or first <= self.end)

    def lifetime(self) -> str | None:
        """ "từ 01/07/2025", "đến 30/06/2025", both, or None for a unit without dates."""
        parts = [
            f"từ {format_date(self.start)}" if self.start else "",
            f"đến {format_date(self.end)}" if self.end else "",
        ]
        return " ".join(p for p in parts if p) or None


@dataclass(frozen=True)
class Category:
    id: str
    name: str
    description: str | None = None


@dataclass(frozen=True)
class Attachment:
    path: Path
    title: str

    @property
    def extension(self) -> str:
        return self.path.suffix.lstrip(".").upper()


@dataclass
class Article:
    source: Path  # the .md file
    rel_path: str  # path below content/articles, posix
    title: str
    date: dt.datetime  # aware
    unit: str
    category: str
    slug: str
    explicit_summary: str | None = None  # `summary:` in the front matter
    tags: list[str] = dataclasses.field(default_factory=list)
    author: str | None = None
    image: Path | None = None
    image_alt: str | None = None
    attachments: list[Attachment] = dataclasses.field(default_factory=list)
    linked_files: list[Path] = dataclasses.field(default_factory=list)  # files the body links to (not articles)
    # Every file the front matter and the body name, from the article's folder as written (not resolved: a stat of
    # it follows a symlink repointed since): what a kept article is checked by (ArticleReuse).
    named_files: tuple[Path, ...] = ()
    images: dict[Path, ImageInfo] = dataclasses.field(default_factory=dict)  # the cover and body photos, inspected
    draft: bool = False
    updated: dt.datetime | None = None

    @cached_property
    def resolved_source(self) -> Path:
        """`source`, symlinks resolved (what links to it are matched with): once per parsed article, not per plan."""
        return self.source.resolve()

    @cached_property
    def body(self) -> str:
        """The Markdown body, read when first needed: reports never need it, and loading in
        worker processes stays cheap when bodies are not carried back."""
        return read_body(self.source)

    @cached_property
    def summary(self) -> str:
        """`summary:`, or the body's first paragraph as plain text (only the site needs it)."""
        return self.explicit_summary or first_paragraph(self.body)

    def __getstate__(self) -> dict:
        """Pickled (from a worker process, into the build's article cache) without what is read from the disk
        again when needed: the body, and where symlinks lead now."""
        state = dict(vars(self))
        state.pop("body", None)
        state.pop("resolved_source", None)
        return state

    @property
    def local_date(self) -> dt.date:
        """The day of publication in Vietnam, whatever offset the editor wrote."""
        return to_vn(self.date).date()

    def is_scheduled(self, now: dt.datetime) -> bool:
        return self.date > now

    def is_published(self, now: dt.datetime) -> bool:
        return not self.draft and not self.is_scheduled(now)


@dataclass(frozen=True)
class Channel:
    method: str
    processing_time: str | None = None
    fee: str | None = None
    description: str | None = None


@dataclass
class Procedure:
    source: Path
    code: str
    name: str
    field: str
    level: list[str]
    agency: str
    online: str | None = None
    online_url: str | None = None
    processing_time: str | None = None
    fee: str | None = None
    channels: list[Channel] = dataclasses.field(default_factory=list)
    applicants: str | None = None
    steps: list[str] = dataclasses.field(default_factory=list)
    documents: list[str] = dataclasses.field(default_factory=list)
    requirements: list[str] = dataclasses.field(default_factory=list)
    result: str | None = None
    legal_basis: list[str] = dataclasses.field(default_factory=list)
    updated: dt.date | None = None


@dataclass(frozen=True)
class Hotline:
    name: str
    unit: str | None = None
    phone: str | None = None
    phone_e164: str | None = None  # for tel: links
    email: str | None = None
    address: str | None = None
    hours: str | None = None


@dataclass(frozen=True)
class Target:
    per_quarter: int | None = None
    per_year: int | None = None


@dataclass
class Plan:
    year: int
    title: str | None
    targets: dict[str, Target]


@dataclass
class Content:
    """Everything in `content/`, validated. Articles are sorted newest first, then by slug."""

    root: Path
    units: dict[str, Unit]
    categories: dict[str, Category]
    articles: list[Article]
    procedures: list[Procedure]
    hotlines: list[Hotline]
    plans: dict[int, Plan]

    def published(self, now: dt.datetime) -> list[Article]:
        return [a for a in self.articles if a.is_published(now)]
