"""Reading editor files: UTF-8 (BOM allowed), CRLF as LF, NFC; splitting an article's front matter."""

from __future__ import annotations

import re
from pathlib import Path

import frontmatter

from cchc.content.controls import soften
from cchc.text import nfc

_FRONT_MATTER = frontmatter.YAMLHandler()


def decode(raw: bytes) -> str:
    """Raises UnicodeDecodeError for a file that is not UTF-8. Word's line and page breaks become spaces."""
    return soften(nfc(raw.decode("utf-8-sig").replace("\r\n", "\n")))


def has_front_matter(text: str) -> bool:
    return bool(_FRONT_MATTER.detect(text))


def split_front_matter(text: str) -> tuple[str, str]:
    """(front matter YAML, Markdown body). Raises ValueError when the closing '---' is missing."""
    return _FRONT_MATTER.split(text)


def read_body(path: Path) -> str:
    """An article's Markdown body, read again from its (already validated) file."""
    return split_front_matter(decode(path.read_bytes()))[1]


def line_of_key(path: Path, key: str) -> int | None:
    """The line of a top-level `key:` in a YAML file, for a message about a file already loaded (read again)."""
    try:
        text = path.read_text(encoding="utf-8-sig", errors="replace")
    except OSError:
        return None
    match = re.search(rf"^{re.escape(key)}\s*:", text, re.MULTILINE)
    return text.count("\n", 0, match.start()) + 1 if match else None
