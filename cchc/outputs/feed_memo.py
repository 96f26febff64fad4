"""The feeds the last build wrote, kept with a hash of what each was made from: an unchanged feed is not made again.

feedgen and lxml took 0.15 s for the 27 feeds of a 1,000-article site at every build (a tenth of a no-change
rebuild) though a feed only changes with its newest items. The last build's feeds are kept in one file
(`.cache/feeds.marshal`: {feed: (key, RSS, Atom)}); a feed is taken from it when its key, the hash of everything
`render_feed` reads (the feed's fields, its newest items with their HTML and their image's name and size, the
site's address, the cchc code and the feed libraries' versions), is the one kept. A damaged file is ignored.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import marshal
from datetime import datetime
from pathlib import Path

from cchc.build.page_cache import canonical, code_stamp
from cchc.content.atomic import replace_file
from cchc.outputs.feeds import render_feed
from cchc.site.feed_plan import FeedSpec

FORMAT = 1
CODE_DIR = Path(__file__).parent.parent


def _code_stamp() -> str:
    """The cchc code and the feed libraries; "" when the code cannot be read (then no feed is kept)."""
    return code_stamp(f"cchc-feeds {FORMAT}", CODE_DIR, ("feedgen", "lxml"))


def feed_key(
    stamp: str, spec: FeedSpec, site_url: str, html_by_key: dict[str, str], limit: int, fallback: datetime
) -> str:
    """The hash of what render_feed reads for `spec`, under the code's `stamp` (_code_stamp)."""
    items = []
    for item in spec.items[:limit]:
        image = item.image  # the published file, in this build's staging folder: its name and size are what count
        size = image.stat().st_size if image is not None and image.is_file() else None
        items.append(
            [
                dataclasses.replace(item, image=None),
                image.name if image else None,
                size,
                html_by_key.get(item.content_key or ""),
            ]
        )
    fields = [stamp, spec.key, spec.title, spec.description, spec.page_url, site_url, limit, fallback, items]
    return hashlib.sha256(canonical(fields)).hexdigest()


class FeedMemo:
    """render_feed, through the feeds kept by the last build (`path` None: every feed made)."""

    def __init__(self, path: Path | None) -> None:
        self.stamp = _code_stamp() if path is not None else ""  # once a build: it reads the libraries' metadata
        self.path = path if self.stamp else None
        self.kept: dict[str, tuple[str, bytes, bytes]] = self._read(self.path) if self.path is not None else {}
        self.made: dict[str, tuple[str, bytes, bytes]] = {}

    @staticmethod
    def _read(path: Path) -> dict:
        try:
            kept = marshal.loads(path.read_bytes())
        except (OSError, EOFError, ValueError, TypeError):
            return {}
        if not isinstance(kept, dict):
            return {}
        return {name: entry for name, entry in kept.items() if isinstance(entry, tuple) and len(entry) == 3}

    def render(
        self, spec: FeedSpec, site_url: str, html_by_key: dict[str, str], limit: int, fallback: datetime
    ) -> tuple[bytes, bytes]:
        key = feed_key(self.stamp, spec, site_url, html_by_key, limit, fallback) if self.path is not None else ""
        kept = self.kept.get(spec.key)
        if kept is not None and kept[0] == key:
            rss, atom = kept[1], kept[2]
        else:
            rss, atom = render_feed(spec, site_url, html_by_key, limit, fallback)
        self.made[spec.key] = (key, rss, atom)
        return rss, atom

    def save(self) -> None:
        """Keep this build's feeds (only when one changed, or one was added or removed)."""
        if self.path is None or self.made == self.kept:
            return
        with contextlib.suppress(OSError):  # a read-only or full disk: the next build makes every feed again
            replace_file(self.path, marshal.dumps(self.made))
