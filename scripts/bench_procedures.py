"""Build a portal with N procedures (default 2,000) and print the build time and the catalog's sizes.

.venv/bin/python scripts/bench_procedures.py [N]
"""

from __future__ import annotations

import gzip
import random
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_build import REPO, timed  # noqa: E402
from synthetic import write_content  # noqa: E402

FIELDS = [
    "Hộ tịch",
    "Chứng thực",
    "Đất đai",
    "Xây dựng",
    "Thủy sản",
    "Đăng ký kinh doanh",
    "Người có công",
    "Bảo trợ xã hội",
    "Giáo dục và Đào tạo",
    "Y tế",
    "Tư pháp",
    "Nội vụ",
    "Văn hóa",
    "Giao thông vận tải",
    "Tài nguyên và Môi trường",
    "Nông nghiệp",
    "Lao động",
    "Thi đua khen thưởng",
    "Tôn giáo",
    "Thuế",
]
ACTIONS = [
    "Cấp",
    "Cấp lại",
    "Điều chỉnh",
    "Gia hạn",
    "Thu hồi",
    "Đăng ký",
    "Xác nhận",
    "Công nhận",
    "Thẩm định",
    "Phê duyệt",
]
OBJECTS = ["giấy phép", "giấy chứng nhận", "hồ sơ", "trích lục", "quyết định", "văn bản xác nhận", "chứng chỉ"]


def write_procedures(folder: Path, n: int) -> None:
    rng = random.Random(7)
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        code = f"{1 + i % 3}.{i:06d}"
        field = FIELDS[i % len(FIELDS)]
        (folder / f"{code}.yml").write_text(
            f'code: "{code}"\nname: Thủ tục {rng.choice(ACTIONS).lower()} {rng.choice(OBJECTS)} lĩnh vực {field.lower()} số {i}\n'
            f"field: {field}\nlevel: [{rng.choice(['xã', 'huyện', 'tỉnh'])}]\nagency: UBND cấp {rng.choice(['xã', 'huyện', 'tỉnh'])}\n"
            f"online: {rng.choice(['toàn trình', 'một phần', 'không'])}\nprocessing_time: {rng.randint(1, 30)} ngày làm việc\n"
            "fee: Không\ndocuments:\n  - Đơn đề nghị theo mẫu\n  - Bản sao giấy tờ tùy thân\nsteps:\n  - Nộp hồ sơ\n  - Nhận kết quả\n"
            "updated: 2024-05-10\n",
            encoding="utf-8",
        )


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp)
        write_content(project / "content", 50)
        write_procedures(project / "content/procedures", n)
        config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
        config = config.replace("docs_dir: docs", f"docs_dir: {REPO / 'docs'}").replace(
            "custom_dir: docs/overrides", f"custom_dir: {REPO / 'docs' / 'overrides'}"
        )
        (project / "mkdocs.yml").write_text(config, encoding="utf-8")
        seconds, peak = timed([sys.executable, "-m", "mkdocs", "build", "-q"], project)
        site = project / "site"
        catalog = (site / "thu-tuc-hanh-chinh/index.html").read_bytes()
        index = (site / "thu-tuc-hanh-chinh/danh-muc.json").read_bytes()
        full = (site / "procedures.json").read_bytes()
        print(f"{n} procedures + 50 articles: build {seconds:.1f} s (peak {peak:.0f} MB)")
        print(
            f"catalog page: {len(catalog):,} bytes ({len(gzip.compress(catalog)):,} gzipped), "
            f"{catalog.count(b'<li')} list items"
        )
        print(f"filter index danh-muc.json: {len(index):,} bytes ({len(gzip.compress(index)):,} gzipped)")
        print(f"procedures.json: {len(full):,} bytes ({len(gzip.compress(full)):,} gzipped)")


if __name__ == "__main__":
    main()
