"""The photo pipeline without a build: what is published of an editor's photo, and the cache."""

from __future__ import annotations

import io

import pytest
from conftest import photo
from PIL import Image

from cchc.images import NotAnImage, cached_file, image_set, inspect_image, render_all, render_set


def camera(tmp_path, name="Ảnh Hội Nghị 01.JPG", size=(2000, 1500), orientation=6):
    exif = Image.Exif()
    exif[0x0112] = orientation
    exif.get_ifd(0x8825).update({1: "N", 2: (9.0, 36.0, 12.5)})
    image = Image.new("RGB", size, "navy")
    image.paste((200, 30, 30), (0, 0, size[0] // 2, size[1] // 5))  # a red band along the top of the sensor
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif)
    path = tmp_path / name
    path.write_bytes(out.getvalue())
    return path


def test_versions_have_clean_names_and_are_never_upscaled(tmp_path):
    info = inspect_image(camera(tmp_path, size=(1200, 900)))
    assert (info.width, info.height) == (900, 1200)  # orientation 6: shown portrait
    images = image_set(info, "media/2024/Ảnh Đẹp/Ảnh Hội Nghị 01.JPG")
    assert [v.width for v in images.webp] == [480, 900]
    assert all(v.src_uri.startswith(f"media/2024/anh-dep/anh-hoi-nghi-01-{info.sha256[:10]}-") for v in images.variants)
    assert images.fallback.src_uri.endswith("-900.jpg") and images.social.src_uri.endswith("-chia-se.jpg")
    assert (images.social.width, images.social.height) == (900, 472)  # the social ratio, not upscaled


def test_published_versions_are_upright_and_carry_no_metadata(tmp_path):
    info = inspect_image(camera(tmp_path))
    images = image_set(info, "media/2024/anh.jpg")
    cache = tmp_path / "cache"
    assert render_set(images, cache) == len(images.variants)
    for variant in images.variants:
        with Image.open(cached_file(images, variant, cache)) as out:
            assert out.size == (variant.width, variant.height)
            assert not out.getexif() and "exif" not in out.info
            if not variant.crop:
                # The red band was along the sensor's top; turned upright (90° clockwise) it is on the right.
                rgb = out.convert("RGB")
                assert rgb.getpixel((out.width - 2, 2))[0] > 150 and rgb.getpixel((2, 2))[0] < 60
    assert render_set(images, cache) == 0  # cached: nothing encoded again
    assert render_all([images], cache) == 0


def test_changed_photo_gets_new_names(tmp_path):
    first = image_set(inspect_image(camera(tmp_path, "a.jpg")), "media/a.jpg")
    second = image_set(inspect_image(camera(tmp_path, "a.jpg", size=(2100, 1500))), "media/a.jpg")
    assert first.fallback.src_uri != second.fallback.src_uri


@pytest.mark.parametrize("payload", [b"<html>not a photo</html>", b"%PDF-1.4\n%%EOF\n", photo()[:200]])
def test_what_is_not_a_photo_is_refused_whatever_its_name(tmp_path, payload):
    path = tmp_path / "anh.jpg"
    path.write_bytes(payload)
    with pytest.raises(NotAnImage):
        inspect_image(path)


def test_png_with_transparency_keeps_it_in_webp(tmp_path):
    path = tmp_path / "logo.png"
    Image.new("RGBA", (800, 400), (0, 0, 0, 0)).save(path)
    images = image_set(inspect_image(path), "media/logo.png")
    render_set(images, tmp_path / "cache")
    with Image.open(cached_file(images, images.webp[0], tmp_path / "cache")) as out:
        assert out.mode == "RGBA"
    with Image.open(cached_file(images, images.fallback, tmp_path / "cache")) as out:
        assert out.mode == "RGB" and out.getpixel((5, 5)) == (255, 255, 255)
