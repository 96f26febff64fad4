"""The relative links and images an editor writes in an article body (checked, then rewritten)."""

from __future__ import annotations

import html
import re

# ](target) or ](target "title") in Markdown, and src=/href= in raw HTML.
MD_LINK = re.compile(r"(\]\()(<?)([^)\s>]+)(>?)(\s+\"[^\"]*\")?(\))")
HTML_ATTR = re.compile(r"""((?:src|href)=["'])([^"']+)(["'])""")


# A URL scheme ("javascript:", "data:"...), once character references, tabs and newlines are taken out as browsers do.
_SCHEME = re.compile(r"^\s*[a-zA-Z][a-zA-Z0-9+.-]*:")


def is_relative(target: str) -> bool:
    decoded = "".join(ch for ch in html.unescape(target) if ch not in "\t\n\r")
    return not (
        "://" in target
        or target.startswith(("/", "#"))
        or _SCHEME.match(decoded)
        or decoded.strip().startswith(("/", "#"))
        or target.strip() == ""
    )


def relative_targets(body: str) -> list[tuple[int, str]]:
    """(line, target) of every relative link or image in `body`, fragment removed."""
    found = []
    for pattern, group in ((MD_LINK, 3), (HTML_ATTR, 2)):
        for match in pattern.finditer(body):
            target = match.group(group)
            if is_relative(target) and target.partition("#")[0]:
                found.append((body.count("\n", 0, match.start()) + 1, target.partition("#")[0]))
    return sorted(found)
