"""The articles the last build parsed, kept in `.cache/articles.pickle` for the next build of the project.

A no-change rebuild of 5,000 articles spent 1.2 s (2 CPU-seconds in worker processes) parsing front matter that
was what it had been the time before. With the parsed articles kept, a build checks each file's bytes (sha256)
and the files it uses, and parses only what changed, under the rules of the live preview's ArticleReuse (the
same object, read from the disk at a process's first build): 0.45 s. A file written by other code (another
cchc, Python or library version) or a damaged one is ignored; writing it never fails a build.

The entries are Python objects (pickle): the file is trusted as the compiled templates beside it are
(`.cache/templates` holds code that Jinja runs). Like the rest of `.cache/`, it is never published.
"""

from __future__ import annotations

import pickle
import sys
from pathlib import Path

from cchc.build.page_cache import VERSIONED, code_stamp
from cchc.content.atomic import replace_file
from cchc.content.loader import ArticleReuse

FORMAT = 2  # 2: an entry no longer holds the used files beside the article (named_files)
# What parsing an article uses besides the cchc code: slugs, YAML, dates, the images' sizes, the summaries' Markdown.
_LIBRARIES = (*VERSIONED, "text-unidecode", "pyyaml", "python-frontmatter")


def _stamp(code_dir: Path) -> bytes:
    """The code that parses, Python and the parsing libraries; b"" when the code cannot be read."""
    stamp = code_stamp(f"cchc-articles {FORMAT} {sys.version}", code_dir, _LIBRARIES)
    return stamp.encode("ascii") + b"\n" if stamp else b""


def load_article_cache(path: Path, code_dir: Path) -> ArticleReuse:
    """The articles kept in `path` by the last build of the same code; an empty ArticleReuse otherwise."""
    reuse = ArticleReuse()
    try:
        payload = path.read_bytes()
    except OSError:
        return reuse
    stamp = _stamp(code_dir)
    if not stamp or not payload.startswith(stamp):
        return reuse
    try:
        entries = pickle.loads(memoryview(payload)[len(stamp) :])
    except Exception:  # a damaged file is a miss, like a torn page-cache entry
        return reuse
    if isinstance(entries, dict):
        reuse.entries = entries
    return reuse


def save_article_cache(reuse: ArticleReuse, path: Path, code_dir: Path) -> None:
    """Write the entries when the build stored or dropped any (a no-change rebuild writes nothing)."""
    stamp = _stamp(code_dir)
    if not reuse.changed or not stamp:
        return
    try:
        payload = stamp + pickle.dumps(reuse.entries, protocol=pickle.HIGHEST_PROTOCOL)
        replace_file(path, payload)
    except (OSError, pickle.PicklingError, TypeError, AttributeError):  # the next build parses everything again
        return
    reuse.changed = False
