"""Photos in an article's rendered body become <picture>s of their published versions."""

from __future__ import annotations

import html
import posixpath
import re

from cchc.images import ImageSet

BODY_SIZES = "(min-width: 60em) 46rem, 100vw"
_IMG = re.compile(r"<img\b([^>]*?)\s*/?>", re.IGNORECASE)
_SRC = re.compile(r"""\ssrc=(["'])([^"']*)\1""", re.IGNORECASE)


def body_pictures(page_html: str, by_name: dict[str, ImageSet]) -> str:
    """Wrap each <img> whose src is a photo's JPEG version (`by_name`: file name -> versions)."""

    def replace(match: re.Match) -> str:
        attributes = match.group(1)
        src = _SRC.search(attributes)
        images = by_name.get(posixpath.basename(src.group(2))) if src else None
        if images is None or src is None:
            return match.group(0)
        folder = posixpath.dirname(src.group(2))
        folder = folder + "/" if folder else ""
        srcset = ", ".join(f"{html.escape(folder + posixpath.basename(v.src_uri))} {v.width}w" for v in images.webp)
        extra = ""
        if not re.search(r"\swidth=", attributes, re.IGNORECASE):
            extra += f' width="{images.width}" height="{images.height}"'
        if not re.search(r"\sloading=", attributes, re.IGNORECASE):
            extra += ' loading="lazy" decoding="async"'
        return (
            f'<picture><source type="image/webp" sizes="{BODY_SIZES}" srcset="{srcset}">'
            f"<img{attributes}{extra}></picture>"
        )

    return _IMG.sub(replace, page_html)
