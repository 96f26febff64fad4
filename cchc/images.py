"""Photos editors upload: inspected by `check`, published only as resized, metadata-free copies.

An original (often a 4000x3000, 6 MB phone photo with GPS tags) is never published. Each
photo becomes a few WebP widths (never upscaled) for `srcset`, one JPEG for browsers without
WebP, and a 1200x630 JPEG for sharing (og:image, feed enclosures). EXIF orientation is
applied, then every EXIF, XMP and ICC chunk is left behind. Published names are clean
(slug of the editor's file name + a short content hash), so a changed photo gets a new URL
and the old one can be cached for ever.

Encoded files are cached in `.cache/images/`, keyed by the photo's sha256, the output's
size and format and PIPELINE_VERSION, so a rebuild does not re-encode unchanged photos.
"""

from __future__ import annotations

import hashlib
import io
import math
import os
import posixpath
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageOps, UnidentifiedImageError

from cchc.content.atomic import replace_file
from cchc.text import slugify

PIPELINE_VERSION = 2  # 2: one downscale from the original, then each width from the previous one
WIDTHS = (480, 960, 1600)
FALLBACK_WIDTH = 960  # the JPEG for browsers without WebP
SOCIAL = (1200, 630)
WEBP_QUALITY = 70
# libwebp's effort, 0-6 (default 4). 2 encodes a 1600 px photo in half the CPU time of 4, with files 3% smaller and
# 0.1 dB less PSNR (measured on scripts/synthetic.py's camera photos): invisible, and the first build is faster.
WEBP_METHOD = 2
JPEG_QUALITY = 75
FORMATS = {"JPEG", "PNG", "WEBP", "GIF", "MPO", "BMP", "TIFF"}
EXTENSIONS = {".jpg", ".jpeg", ".png", ".webp", ".gif", ".bmp", ".tif", ".tiff"}
# Below these widths a photo looks blurred where it is used (a card on a phone is ~720 device px).
MIN_COVER_WIDTH = 640
MIN_BODY_WIDTH = 320
_ROTATED = {5, 6, 7, 8}  # EXIF orientations that swap width and height
Image.MAX_IMAGE_PIXELS = 120_000_000  # larger than any camera; refuses decompression bombs


class NotAnImage(ValueError):
    """The file is not a photo Pillow can read (whatever its extension)."""


@dataclass(frozen=True)
class ImageInfo:
    path: Path
    sha256: str
    width: int  # upright, after the EXIF orientation
    height: int


def inspect_image(path: Path) -> ImageInfo:
    """Hash and size of the photo at `path`; raises NotAnImage for anything else."""
    data = Path(path).read_bytes()
    try:
        with Image.open(io.BytesIO(data)) as image:
            image.verify()  # reads the structure (and checksums) without decoding every pixel
        with Image.open(io.BytesIO(data)) as image:
            if image.format not in FORMATS:
                raise NotAnImage(f"định dạng {image.format} không dùng được cho ảnh trên web")
            width, height = image.size
            orientation = image.getexif().get(0x0112)
    except (UnidentifiedImageError, OSError, SyntaxError, Image.DecompressionBombError) as exc:
        raise NotAnImage("tệp không phải ảnh (JPEG, PNG, WebP, GIF) hoặc ảnh bị hỏng") from exc
    if orientation in _ROTATED:
        width, height = height, width
    return ImageInfo(Path(path), hashlib.sha256(data).hexdigest(), width, height)


def is_image_name(name: str) -> bool:
    return posixpath.splitext(name)[1].lower() in EXTENSIONS


@dataclass(frozen=True)
class Variant:
    src_uri: str  # where it is published, relative to the site root
    width: int
    height: int
    fmt: str  # "webp" or "jpeg"
    crop: bool = False  # the social image: cropped to SOCIAL's ratio

    @property
    def mime(self) -> str:
        return f"image/{self.fmt}"

    def cache_name(self, sha256: str) -> str:
        kind = "crop" if self.crop else "fit"
        return f"{sha256[:2]}/{sha256}-{self.width}x{self.height}-{kind}-v{PIPELINE_VERSION}.{self.fmt}"


@dataclass(frozen=True)
class ImageSet:
    """The published versions of one photo."""

    info: ImageInfo
    webp: tuple[Variant, ...]  # narrowest first
    fallback: Variant  # JPEG
    social: Variant  # JPEG, 1200x630 when the photo is large enough

    @property
    def variants(self) -> tuple[Variant, ...]:
        return (*self.webp, self.fallback, self.social)

    @property
    def width(self) -> int:
        return self.webp[-1].width

    @property
    def height(self) -> int:
        return self.webp[-1].height


def _scaled(info: ImageInfo, width: int) -> tuple[int, int]:
    width = min(width, info.width)
    return width, max(1, round(info.height * width / info.width))


def image_set(info: ImageInfo, published_as: str) -> ImageSet:
    """The variants of a photo that `urls.media` would publish at `published_as` (any name)."""
    folder, name = posixpath.split(published_as)
    folder = "/".join(slugify(part) or "anh" for part in folder.split("/") if part)
    stem = f"{slugify(posixpath.splitext(name)[0]) or 'anh'}-{info.sha256[:10]}"
    prefix = f"{folder}/{stem}" if folder else stem
    widths = sorted({min(w, info.width) for w in WIDTHS})
    webp = tuple(Variant(f"{prefix}-{w}.webp", *_scaled(info, w), "webp") for w in widths)
    fallback = Variant(f"{prefix}-{min(FALLBACK_WIDTH, info.width)}.jpg", *_scaled(info, FALLBACK_WIDTH), "jpeg")
    scale = min(1.0, info.width / SOCIAL[0], info.height / SOCIAL[1])
    social_size = (max(1, math.floor(SOCIAL[0] * scale)), max(1, math.floor(SOCIAL[1] * scale)))
    social = Variant(f"{prefix}-chia-se.jpg", *social_size, "jpeg", crop=True)
    return ImageSet(info, webp, fallback, social)


def srcset(variants: Iterable[Variant], url_of=lambda v: v.src_uri) -> str:
    return ", ".join(f"{url_of(v)} {v.width}w" for v in variants)


# --- encoding ----------------------------------------------------------------

# EXIF orientation -> the transpose that turns the stored pixels upright (as ImageOps.exif_transpose).
_TRANSPOSE = {
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_270,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
}
_SWAPS = {Image.Transpose.TRANSPOSE, Image.Transpose.ROTATE_270, Image.Transpose.TRANSVERSE, Image.Transpose.ROTATE_90}


def _base(info: ImageInfo, size: tuple[int, int]) -> Image.Image:
    """The photo upright at `size` (never larger than the original), RGB(A), without metadata.

    The camera's pixels are reduced before they are turned: a JPEG is decoded at 1/2, 1/4 or 1/8 scale when
    that is still at least `size` (draft), then resized once; rotating the small image instead of the 12
    megapixel original is what `exif_transpose` would give, for a fraction of the work.
    """
    with Image.open(info.path) as image:
        method = _TRANSPOSE.get(image.getexif().get(0x0112, 1))
        stored = (size[1], size[0]) if method in _SWAPS else size  # `size` in the stored orientation
        if image.format == "JPEG":
            image.draft("RGB", stored)
        has_alpha = image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info)
        clean = image.convert("RGBA" if has_alpha else "RGB")
    if clean.size != stored:
        clean = clean.resize(stored, Image.Resampling.LANCZOS, reducing_gap=3.0)
    if method is not None:
        clean = clean.transpose(method)
    clean.info = {}  # nothing of the original's metadata goes with it
    return clean


def _encode(image: Image.Image, variant: Variant) -> bytes:
    """`variant` of `image` (already at the variant's size, unless it is the social crop), encoded."""
    if variant.crop:
        image = ImageOps.fit(image, (variant.width, variant.height), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    if variant.fmt == "webp":
        image.save(out, "WEBP", quality=WEBP_QUALITY, method=WEBP_METHOD)
    else:
        if image.mode == "RGBA":
            flat = Image.new("RGB", image.size, "white")
            flat.paste(image, mask=image.getchannel("A"))
            image = flat
        image.save(out, "JPEG", quality=JPEG_QUALITY, optimize=True, progressive=True)
    return out.getvalue()


def render_set(images: ImageSet, cache_dir: Path) -> int:
    """Encode the variants of one photo missing from the cache; returns how many were encoded.

    The photo is decoded and scaled down once, to the largest size needed; each smaller width is then
    resized from the last one made (1600 -> 960 -> 480), not from the original again.
    """
    missing = [v for v in images.variants if not (cache_dir / v.cache_name(images.info.sha256)).exists()]
    if not missing:
        return 0
    info = images.info
    need = max(
        math.ceil(max(v.width / info.width, v.height / info.height) * info.width) if v.crop else v.width
        for v in missing
    )
    source = _base(info, _scaled(info, need))
    # The social crop first, from the base (which covers it), then the widths from the largest down.
    for variant in sorted(missing, key=lambda v: (not v.crop, -v.width)):
        if not variant.crop and source.size != (variant.width, variant.height):
            source = source.resize((variant.width, variant.height), Image.Resampling.LANCZOS)
        replace_file(cache_dir / variant.cache_name(info.sha256), _encode(source, variant))
    return len(missing)


def render_all(sets: list[ImageSet], cache_dir: Path, workers: int | None = None) -> int:
    """Encode every missing variant (on several cores when there is much to do); returns the count encoded.

    Threads, not processes: Pillow releases the GIL while decoding, resizing and encoding, and a
    process pool forked inside MkDocs can hang for good if a worker dies.
    """
    cache_dir = Path(cache_dir)
    todo = [s for s in sets if any(not (cache_dir / v.cache_name(s.info.sha256)).exists() for v in s.variants)]
    workers = workers or min(os.cpu_count() or 1, 4)
    if len(todo) < 2 or workers < 2:
        return sum(render_set(s, cache_dir) for s in todo)
    with ThreadPoolExecutor(workers) as pool:
        return sum(pool.map(render_set, todo, [cache_dir] * len(todo)))


def cached_file(images: ImageSet, variant: Variant, cache_dir: Path) -> Path:
    return Path(cache_dir) / variant.cache_name(images.info.sha256)
