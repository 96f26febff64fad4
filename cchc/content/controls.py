"""Invisible control characters in editor files.

Text pasted from Word carries a vertical tab (U+000B, Word's manual line break) or a form
feed (U+000C, a page break); other tools leave NUL and other control characters. XML
(the feeds) cannot hold any of them, so a single one used to stop the build inside lxml.
The two Word breaks are turned into spaces (the loader warns); the others are errors.
"""

from __future__ import annotations

import re

SOFT_BREAKS = {"\x0b": " ", "\x0c": " "}  # Word's manual line break and page break
_SOFT_TABLE = str.maketrans(SOFT_BREAKS)
# Not allowed in XML 1.0 (and never meant in a text): C0 controls except tab, line feed, carriage return.
BAD_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def soften(text: str) -> str:
    """`text` with Word's line and page breaks as spaces."""
    return text.translate(_SOFT_TABLE) if "\x0b" in text or "\x0c" in text else text


def name(char: str) -> str:
    """U+000B (ngắt dòng của Word) and the like, for messages."""
    known = {"\x00": "NUL", "\x0b": "ngắt dòng thủ công của Word", "\x0c": "ngắt trang của Word"}
    code = f"U+{ord(char):04X}"
    return f"{code} ({known[char]})" if char in known else code


def soft_break_lines(raw: bytes) -> list[int]:
    """Lines (1-based) of the raw UTF-8 file that hold a Word line or page break."""
    lines = []
    for number, line in enumerate(raw.split(b"\n"), start=1):
        if b"\x0b" in line or b"\x0c" in line:
            lines.append(number)
    return lines


def bad_chars(text: str) -> list[tuple[int, str]]:
    """(line, character) of each line holding a control character, first one per line."""
    found: list[tuple[int, str]] = []
    for match in BAD_CHARS.finditer(text):
        line = text.count("\n", 0, match.start()) + 1
        if not found or found[-1][0] != line:
            found.append((line, match.group()))
    return found


# Characters that would break a one-line message (or hide part of it) in a terminal or log.
_UNPRINTABLE = {
    code: f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
    for code in [*range(0x00, 0x20), *range(0x7F, 0xA0), 0x2028, 0x2029, 0xFEFF, 0xFFFE, 0xFFFF]
}


def printable(text: str) -> str:
    """`text` on one line: line breaks and control characters shown as escapes (\\n, \\x0b)."""
    return text.translate(_UNPRINTABLE)
