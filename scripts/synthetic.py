"""Synthetic Vietnamese CCHC content for benchmarks: N articles, spread over units, categories, years."""

from __future__ import annotations

import random
import shutil
from pathlib import Path

SENTENCES = [
    "Ủy ban nhân dân huyện tiếp tục đẩy mạnh cải cách hành chính, nâng cao chất lượng phục vụ người dân và doanh nghiệp.",
    "Bộ phận tiếp nhận và trả kết quả thực hiện cơ chế một cửa, một cửa liên thông trong giải quyết thủ tục hành chính.",
    "Tỷ lệ hồ sơ được giải quyết trước và đúng hạn đạt trên chín mươi tám phần trăm.",
    "Người dân có thể nộp hồ sơ trực tuyến trên Cổng Dịch vụ công quốc gia và nhận kết quả qua dịch vụ bưu chính công ích.",
    "Cán bộ, công chức thực hiện nghiêm văn hóa công vụ, không gây phiền hà, sách nhiễu người dân.",
    "Đường dây nóng tiếp nhận phản ánh, kiến nghị về quy định hành chính được công khai tại trụ sở.",
    "Chỉ số cải cách hành chính và chỉ số hài lòng của người dân được công bố công khai hằng năm.",
    "Chuyển đổi số được đẩy mạnh, xây dựng chính quyền số, kinh tế số và xã hội số.",
    "Thủ tục đăng ký khai sinh, đăng ký kết hôn được thực hiện trực tuyến toàn trình.",
    "Hòa giải ở cơ sở góp phần giữ gìn đoàn kết trong cộng đồng dân cư.",
    "Tổ công nghệ số cộng đồng hướng dẫn người dân cài đặt và sử dụng ứng dụng định danh điện tử.",
    "Kế hoạch tuyên truyền được triển khai đến các ấp, khóm qua hệ thống loa truyền thanh.",
]
WORDS = [
    "thủ",
    "tục",
    "hành",
    "chính",
    "cải",
    "cách",
    "một",
    "cửa",
    "dịch",
    "vụ",
    "công",
    "trực",
    "tuyến",
    "người",
    "dân",
    "doanh",
    "nghiệp",
    "hồ",
    "sơ",
    "giải",
    "quyết",
    "đúng",
    "hạn",
    "công",
    "khai",
    "minh",
    "bạch",
    "phản",
    "ánh",
    "kiến",
    "nghị",
    "đường",
    "dây",
    "nóng",
    "chuyển",
    "đổi",
    "số",
]
CATEGORIES = ["tin-cchc", "cai-cach-thu-tuc", "chuyen-doi-so", "van-hoa-cong-vu", "hoi-dap"]


def camera_photos(count: int, size: tuple[int, int] = (4000, 3000), seed: int = 1):
    """`count` different camera-like JPEGs (noisy, EXIF orientation 6 and GPS tags), as bytes."""
    import io

    from PIL import Image, ImageChops, ImageDraw

    width, height = size
    gradient = Image.linear_gradient("L").resize((width, height))
    noise = Image.effect_noise((width, height), 48)
    base = Image.merge("RGB", [gradient, ImageChops.add(gradient.rotate(90).resize((width, height)), noise, 2), noise])
    rng = random.Random(seed)
    for i in range(count):
        image = base.copy()
        draw = ImageDraw.Draw(image)
        x, y = rng.randrange(width // 2), rng.randrange(height // 2)
        draw.rectangle((x, y, x + width // 4, y + height // 4), fill=(rng.randrange(256), rng.randrange(256), i % 256))
        exif = Image.Exif()
        exif[0x0112] = 6
        exif.get_ifd(0x8825).update({1: "N", 2: (9.0, 36.0, float(i % 60)), 3: "E", 4: (106.0, 7.0, 30.0)})
        out = io.BytesIO()
        image.save(out, "JPEG", quality=88, exif=exif)
        yield out.getvalue()


def write_content(
    root: Path, n: int, seed: int = 1, units: int = 20, photos: int = 0, photo_size: tuple[int, int] = (4000, 3000)
) -> Path:
    """Write a content/ tree of `n` articles of 400-1,200 words into `root`; the first `photos`
    of them have a camera photo (`image:`, a file name with spaces and Vietnamese letters)."""
    pictures = camera_photos(photos, photo_size, seed)
    rng = random.Random(seed)
    if root.exists():
        shutil.rmtree(root)
    (root / "articles").mkdir(parents=True)
    unit_ids = [f"don-vi-{i:02d}" for i in range(units)]
    (root / "units.yml").write_text(
        "units:\n"
        + "".join(f"  - id: {u}\n    name: Đơn vị số {i}\n    group: Nhóm {i % 3}\n" for i, u in enumerate(unit_ids)),
        encoding="utf-8",
    )
    (root / "categories.yml").write_text(
        "categories:\n" + "".join(f"  - id: {c}\n    name: Chuyên mục {c}\n" for c in CATEGORIES), encoding="utf-8"
    )
    for i in range(n):
        year = 2020 + i % 5
        words = rng.randint(400, 1200)
        paragraphs, count = [], 0
        while count < words:
            sentence = " ".join(rng.choice(SENTENCES) for _ in range(3)) + " " + " ".join(rng.choices(WORDS, k=8)) + "."
            paragraphs.append(sentence)
            count += len(sentence.split())
        body = paragraphs[0] + "\n\n## Nội dung chính\n\n" + "\n\n".join(paragraphs[1:]) + "\n"
        title = f"{rng.choice(SENTENCES)[:60].rstrip(' ,.')} số {i}"
        folder = root / "articles" / str(year)
        folder.mkdir(exist_ok=True)
        image = ""
        if i < photos:
            (folder / "anh").mkdir(exist_ok=True)
            (folder / "anh" / f"Ảnh hội nghị {i}.jpg").write_bytes(next(pictures))
            image = f"image: anh/Ảnh hội nghị {i}.jpg\n"
        (folder / f"bai-{i:05d}.md").write_text(
            f'---\ntitle: "{title}"\ndate: {year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}\n'
            f"unit: {rng.choice(unit_ids)}\ncategory: {rng.choice(CATEGORIES)}\ntags: [{rng.choice(WORDS)}, {rng.choice(WORDS)}]\n"
            f"{image}---\n\n{body}",
            encoding="utf-8",
        )
    return root
