"""`python -m cchc new "Tiêu đề"`: write a ready-to-edit article with today's date."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import yaml

from cchc.content.hints import PLACEHOLDERS
from cchc.content.loader import load_content
from cchc.text import nfc, slugify
from cchc.timeutil import format_date, now_vn


class NewArticleError(Exception):
    pass


def article_text(title: str, unit: str, category: str, day: str) -> str:
    front = yaml.safe_dump(
        {"title": title, "date": day, "unit": unit, "category": category, "tags": []},
        allow_unicode=True,
        sort_keys=False,
        default_flow_style=None,
    )
    # `check` flags these sentences (hints.PLACEHOLDERS) until the editor replaces them.
    return (
        f"---\n{front}---\n\n"
        f"{PLACEHOLDERS[0]} (dùng làm phần tóm tắt nếu không có 'summary').\n\n"
        f"## Nội dung chính\n\n{PLACEHOLDERS[1]}\n"
    )


def create(content_dir: Path, title: str, unit: str, category: str, today: str | None = None) -> Path:
    title = nfc(title).strip()
    if not title:
        raise NewArticleError("tiêu đề không được để trống")
    content, _ = load_content(content_dir)
    if unit not in content.units:
        raise NewArticleError(f"không có đơn vị '{unit}' trong content/units.yml (có: {', '.join(content.units)})")
    if category not in content.categories:
        raise NewArticleError(
            f"không có chuyên mục '{category}' trong content/categories.yml (có: {', '.join(content.categories)})"
        )
    day = today or now_vn().date().isoformat()
    chosen = content.units[unit]
    if not chosen.existed_on(date.fromisoformat(day)):
        current = [u.id for u in content.units.values() if u.existed_on(date.fromisoformat(day))]
        raise NewArticleError(
            f"đơn vị '{unit}' ({chosen.name}) không hoạt động vào ngày {format_date(date.fromisoformat(day))} "
            f"(đơn vị chỉ hoạt động {chosen.lifetime()}); hãy chọn một đơn vị đang hoạt động: {', '.join(current)}"
        )
    slug = slugify(title)
    taken = {a.slug for a in content.articles}
    candidate, n = slug, 2
    while candidate in taken or (content_dir / "articles" / day[:4] / f"{candidate}.md").exists():
        candidate, n = f"{slug}-{n}", n + 1
    path = content_dir / "articles" / day[:4] / f"{candidate}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(article_text(title, unit, category, day), encoding="utf-8")
    return path


def run(content_dir: Path, title: str, unit: str, category: str) -> int:
    try:
        path = create(content_dir, title, unit, category)
    except NewArticleError as exc:
        print(f"Lỗi: {exc}", file=sys.stderr)
        return 1
    print(f"Đã tạo bài viết: {path}")
    return 0
