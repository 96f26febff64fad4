"""The relative links and images an editor writes in an article body (checked, then rewritten)."""

from __future__ import annotations

import html
import re
from pathlib import Path
from urllib.parse import unquote

# ](target), ](<target>) or ](target "title") in Markdown, and src=/href= in raw HTML. A bare
# target may hold spaces (`![Toàn cảnh](anh/ảnh hội nghị.jpg)`): editors write them, and the
# link is rewritten to a clean published name before Markdown reads it.
MD_LINK = re.compile(r"(\]\()(?:<([^>\n]*)>|([^)<\"\s][^)\n\"]*?))(\s+\"[^\"]*\")?\s*(\))")
HTML_ATTR = re.compile(r"""((?:src|href)=["'])([^"']+)(["'])""")
_IMG_TAG = re.compile(r"<img\b[^>]*$", re.IGNORECASE)


def md_target(match: re.Match) -> str:
    """The target of an MD_LINK match, without its angle brackets."""
    return (match.group(2) if match.group(2) is not None else match.group(3)).strip()


def _is_image(body: str, match: re.Match, pattern: re.Pattern) -> bool:
    if pattern is HTML_ATTR:
        return bool(_IMG_TAG.search(body, 0, match.start(1) + 1)) and match.group(1).lower().startswith("src")
    opening = body.rfind("[", body.rfind("\n", 0, match.start()) + 1, match.start())
    return opening > 0 and body[opening - 1] == "!"


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


def target_path(folder: Path, target: str) -> Path:
    """The file a relative target names, from the article's folder; a target the editor wrote
    URL-encoded (`anh/%E1%BA%A3nh%201.jpg`, `ảnh%20hội%20nghị.jpg`) names the decoded file."""
    path = (folder / target).resolve()
    if "%" in target and not path.exists():
        decoded = (folder / unquote(target)).resolve()
        if decoded.exists():
            return decoded
    return path


def relative_targets(body: str) -> list[tuple[int, str]]:
    """(line, target) of every relative link or image in `body`, fragment removed."""
    return [(line, target) for line, target, _ in relative_links(body)]


def relative_links(body: str) -> list[tuple[int, str, bool]]:
    """(line, target, shown as an image) of every relative link or image in `body`, fragment removed."""
    found = []
    for pattern in (MD_LINK, HTML_ATTR):
        for match in pattern.finditer(body):
            target = md_target(match) if pattern is MD_LINK else match.group(2)
            if is_relative(target) and target.partition("#")[0]:
                line = body.count("\n", 0, match.start()) + 1
                found.append((line, target.partition("#")[0], _is_image(body, match, pattern)))
    return sorted(found)
