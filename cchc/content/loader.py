"""Read and validate the whole of `content/` into a `Content`, collecting every problem.

`load_content` never stops at the first error: editors fix all of them in one round.
It raises nothing for bad content; callers decide (check prints, the build fails).
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import re
import threading
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from urllib.parse import unquote

import phonenumbers

from cchc.content import controls, hints, schema
from cchc.content.body_links import relative_links, target_path
from cchc.content.fields import unify_fields
from cchc.content.files import decode, has_front_matter, split_front_matter
from cchc.content.models import (
    Article,
    Attachment,
    Category,
    Channel,
    Content,
    Hotline,
    Plan,
    Procedure,
    Target,
    Unit,
)
from cchc.content.problems import Problems
from cchc.content.yamlsafe import Parsed, YamlError, item_lines, parse_yaml
from cchc.images import MIN_BODY_WIDTH, MIN_COVER_WIDTH, ImageInfo, NotAnImage, inspect_image, is_image_name
from cchc.text import slugify
from cchc.timeutil import format_date, now_vn, to_vn

_EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def load_content(
    root: Path, problems: Problems | None = None, reuse: ArticleReuse | None = None
) -> tuple[Content, Problems]:
    """Load `root` (the `content/` folder). Returns the content built from what is valid.

    `reuse` (the live preview): articles parsed by an earlier load, kept while nothing they were made from changed.
    """
    root = Path(root)
    problems = problems or Problems(root)
    units = _load_list(root / "units.yml", "units", schema.UNIT_FIELDS, _build_unit, problems)
    categories = _load_list(root / "categories.yml", "categories", schema.CATEGORY_FIELDS, _build_category, problems)
    articles = _load_articles(root, units, categories, problems, reuse)
    procedures = _load_procedures(root, problems)
    hotlines = _load_hotlines(root, units, problems)
    plans = _load_plans(root, units, problems)
    content = Content(root, units, categories, articles, procedures, hotlines, plans)
    return content, problems


# --- files -----------------------------------------------------------------


def _read_text(path: Path, problems: Problems) -> str | None:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        problems.error(path, None, f"không đọc được tệp: {exc.strerror}")
        return None
    try:
        text = decode(raw)
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        problems.error(path, line, "tệp không phải mã UTF-8; hãy lưu lại với mã hóa UTF-8 (Unicode)")
        return None
    return text if _control_chars_ok(raw, text, path, problems) else None


MAX_CONTROL_MESSAGES = 5


def _control_chars_ok(raw: bytes, text: str, path: Path, problems: Problems) -> bool:
    """Warn about Word's breaks (already made spaces), refuse other control characters."""
    if b"\x0b" in raw or b"\x0c" in raw:
        for line in controls.soft_break_lines(raw)[:MAX_CONTROL_MESSAGES]:
            problems.warning(
                path, line, "có ký tự ngắt dòng/ngắt trang của Word (U+000B/U+000C), đã được thay bằng dấu cách"
            )
    found = controls.bad_chars(text)
    for line, char in found[:MAX_CONTROL_MESSAGES]:
        problems.error(
            path,
            line,
            f"có ký tự điều khiển không in được {controls.name(char)} (thường do dán từ phần mềm khác); hãy xóa ký tự này",
        )
    if len(found) > MAX_CONTROL_MESSAGES:
        problems.error(path, None, f"và {len(found) - MAX_CONTROL_MESSAGES} dòng khác có ký tự điều khiển")
    return not found


def _read_yaml(path: Path, problems: Problems, required: bool = True) -> Parsed | None:
    if not path.exists():
        if required:
            problems.error(path, None, "thiếu tệp bắt buộc")
        return None
    text = _read_text(path, problems)
    if text is None:
        return None
    try:
        return parse_yaml(text)
    except YamlError as exc:
        problems.error(path, exc.line, str(exc))
        return None


def _report_unknown_top_level(parsed: Parsed, key: str, path: Path, problems: Problems) -> None:
    """A list file holds its one list: any other top-level key is a mistake (or a misplaced file)."""
    for name, line in parsed.key_lines.items():  # as written: 'on', which YAML reads as true
        if name != key:
            problems.error(
                path, line, f"khóa '{name[:80]}' không có trong mẫu của tệp này (tệp chỉ gồm danh sách '{key}:')"
            )


def _reporter(problems: Problems, path: Path, default_line: int | None):
    def report(message: str, line: int | None) -> None:
        problems.error(path, line or default_line, message)

    return report


def _load_list(path: Path, key: str, fields: dict, build: Callable, problems: Problems) -> dict:
    """units.yml and categories.yml: a list of entries with a unique `id`."""
    parsed = _read_yaml(path, problems)
    if parsed is None:
        return {}
    if not isinstance(parsed.data, dict) or not isinstance(parsed.data.get(key), list):
        problems.error(path, 1, f"cần danh sách '{key}:' ở đầu tệp")
        return {}
    _report_unknown_top_level(parsed, key, path, problems)
    lines = item_lines(parsed, key)
    result: dict = {}
    for index, entry in enumerate(parsed.data[key]):
        line = lines[index] if index < len(lines) else None
        if not isinstance(entry, dict):
            problems.error(path, line, "mỗi mục cần các trường dạng 'id: ...', 'name: ...'")
            continue
        report = _reporter(problems, path, line)
        values = schema.validate(entry, fields, report)
        if "id" not in values or "name" not in values:
            continue
        if values["id"] in result:
            problems.error(path, line, f"mã '{values['id']}' bị trùng (mỗi mã chỉ được khai báo một lần)")
            continue
        item = build(values, path, line, problems)
        if item is not None:
            result[item.id] = item
    return result


def _build_unit(values: dict, path: Path, line: int | None, problems: Problems) -> Unit:
    unit = Unit(values["id"], values["name"], values.get("group"), values.get("from"), values.get("until"))
    if unit.start and unit.end and unit.start > unit.end:
        problems.error(
            path,
            line,
            f"đơn vị '{unit.id}': ngày 'from' ({format_date(unit.start)}) sau ngày 'until' ({format_date(unit.end)})",
        )
    return unit


def _build_category(values: dict, path: Path, line: int | None, problems: Problems) -> Category:
    return Category(values["id"], values["name"], values.get("description"))


# --- articles --------------------------------------------------------------


# Above this many articles, parsing is split over processes (it is YAML-bound, file by file).
PARALLEL_FROM = 2000
# A file the article uses that was modified this recently when its parse began may have been written during the
# parse: the article is not kept (ArticleReuse.facts), as git does not trust a file as new as its index.
SETTLE_SECONDS = 2.0


def _load_article_files(
    paths: list[Path], root: Path, units: dict, categories: dict, with_facts: bool = False
) -> tuple[list, list, list]:
    """Load some article files: (article or None per path, the problems of each path, and with `with_facts` what
    ArticleReuse checks a kept article against, else None). Runs in a worker process too."""
    loaded, items, facts = [], [], []
    for path in paths:
        problems = Problems(root)
        # The digest before the parse: a save in between makes the kept entry stale, never a wrong article current.
        digest = ArticleReuse._digest(path) if with_facts else None
        parsed_from_ns = time.time_ns()
        article = _load_article(path, root, root / "articles", units, categories, problems)
        loaded.append(article)
        items.append(problems.items)
        if with_facts and article is not None and digest is not None:
            facts.append(ArticleReuse.facts(article, digest, parsed_from_ns))
        else:
            facts.append(None)
    return loaded, items, facts


def _load_each_article_file(
    paths: list[Path], root: Path, units: dict, categories: dict, with_facts: bool = False
) -> tuple[list, list, list]:
    """_load_article_files for each path; in worker processes above PARALLEL_FROM files."""
    workers = min(os.cpu_count() or 1, 4)
    if len(paths) < PARALLEL_FROM or workers < 2:
        return _load_article_files(paths, root, units, categories, with_facts)
    size = -(-len(paths) // workers)
    chunks = [paths[i : i + size] for i in range(0, len(paths), size)]
    loaded, items, facts = [], [], []
    # Forking a process that runs threads (`serve`'s server and watcher) can copy a held lock into the child and
    # hang it: with threads about, workers start from a fresh server process instead.
    context = multiprocessing.get_context("forkserver" if threading.active_count() > 1 else "fork")
    with ProcessPoolExecutor(workers, mp_context=context) as pool:
        for chunk_loaded, chunk_items, chunk_facts in pool.map(
            _load_article_files, chunks, *zip(*[(root, units, categories, with_facts)] * len(chunks), strict=True)
        ):
            loaded.extend(chunk_loaded)
            items.extend(chunk_items)
            facts.extend(chunk_facts)
    return loaded, items, facts


def _load_all_article_files(paths: list[Path], root: Path, units: dict, categories: dict, problems: Problems) -> list:
    loaded, items, _ = _load_each_article_file(paths, root, units, categories)
    for file_items in items:
        problems.items.extend(file_items)
    return loaded


class ArticleReuse:
    """The live preview's parsed articles, between rebuilds of one `mkdocs serve` (an edit re-parses one file).

    An article is reused only while its file's bytes (sha256), the units and categories, and every file it uses or
    links to (stat: size, times, inode; missing stays missing) are those it was parsed with. Articles with an error
    and scheduled ones (their notice depends on the clock) are parsed every time.
    """

    def __init__(self) -> None:
        self.entries: dict[Path, tuple] = {}
        self.reused = 0
        self.changed = False  # an entry was stored or dropped (the build's article cache is written again)

    @staticmethod
    def _digest(path: Path) -> bytes | None:
        try:
            return hashlib.sha256(path.read_bytes()).digest()
        except OSError:
            return None

    @staticmethod
    def _stamps(used: tuple[Path, ...]) -> tuple:
        stamps: list[tuple] = []
        for path in used:
            try:
                st = os.stat(path)
                stamps.append((str(path), st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino))
            except OSError:
                stamps.append((str(path), None))
        return tuple(stamps)

    def lookup(self, path: Path, context: str) -> tuple[Article, list] | None:
        entry = self.entries.get(path)
        if entry is None or entry[1] != context or entry[0] != self._digest(path):
            return None
        article, items, stamps = entry[2], entry[3], entry[4]
        if article.date > now_vn() or self._stamps(article.named_files) != stamps:
            return None
        self.reused += 1
        return article, items

    @classmethod
    def facts(cls, article: Article, digest: bytes | None, parsed_from_ns: int) -> tuple | None:
        """(the file's digest, the stamps of the files the article uses: `named_files`): taken where the article is
        parsed, in the worker processes of a large load, so the main process reads no file again to keep an article.

        None (not to be kept) when a used file was modified less than SETTLE_SECONDS before the parse began: a
        write during the parse (a photo saved while it was measured) would be stamped as if it had been read."""
        stamps = cls._stamps(article.named_files)
        settled = parsed_from_ns - int(SETTLE_SECONDS * 1e9)
        if any(len(stamp) > 2 and stamp[2] >= settled for stamp in stamps):
            return None
        return digest, stamps

    def store(self, path: Path, context: str, article: Article | None, items: list, facts: tuple | None) -> None:
        """Keep the article parsed from `path` (with its `facts`), or forget the entry when it cannot be kept."""
        self.changed |= self.entries.pop(path, None) is not None
        if article is None or facts is None or any(p.severity == "error" for p in items) or article.date > now_vn():
            return
        digest, stamps = facts
        self.entries[path] = (digest, context, article, items, stamps)
        self.changed = True

    def forget_others(self, paths: list[Path]) -> None:
        """Drop the entries of files that are gone (deleted, renamed)."""
        gone = self.entries.keys() - set(paths)
        for path in gone:
            del self.entries[path]
        self.changed |= bool(gone)


def _load_reusing(
    paths: list[Path], root: Path, units: dict, categories: dict, problems: Problems, reuse: ArticleReuse
) -> list:
    context = repr((str(root.resolve()), units, categories))
    reuse.forget_others(paths)
    found: dict[Path, Article | None] = {}
    todo = []
    for path in paths:
        got = reuse.lookup(path, context)
        if got is None:
            todo.append(path)
        else:
            found[path] = got[0]
            problems.items.extend(got[1])
    loaded, items, facts = _load_each_article_file(todo, root, units, categories, with_facts=True)
    for path, article, file_items, file_facts in zip(todo, loaded, items, facts, strict=True):
        reuse.store(path, context, article, file_items, file_facts)
        found[path] = article
        problems.items.extend(file_items)
    return [found[path] for path in paths]


def _load_articles(
    root: Path, units: dict, categories: dict, problems: Problems, reuse: ArticleReuse | None = None
) -> list[Article]:
    paths = sorted((root / "articles").rglob("*.md"))
    _report_misnamed(root / "articles", problems)
    articles: list[Article] = []
    by_slug: dict[str, Article] = {}
    loaded = (
        _load_all_article_files(paths, root, units, categories, problems)
        if reuse is None
        else _load_reusing(paths, root, units, categories, problems, reuse)
    )
    for path, article in zip(paths, loaded, strict=True):
        if article is None:
            continue
        other = by_slug.get(article.slug)
        if other is not None:
            problems.error(
                path,
                None,
                f"trùng địa chỉ với {problems.relative(other.source)}: cả hai có slug '{article.slug}'; "
                "hãy đổi tên tệp hoặc đặt 'slug:' khác",
            )
            continue
        by_slug[article.slug] = article
        articles.append(article)
    articles.sort(key=lambda a: a.slug)
    articles.sort(key=lambda a: a.date, reverse=True)
    return articles


def _report_misnamed(folder: Path, problems: Problems) -> None:
    """`bai.md.txt` (Notepad) or `bai.MD` would be skipped without a word: name them."""
    for path in sorted(folder.rglob("*")):
        advice = hints.misnamed_article(path) if path.is_file() else None
        if advice:
            problems.error(path, None, advice)


def _front_matter_slips(path: Path, parsed: Parsed, front: str, problems: Problems) -> None:
    """Slips YAML accepts but the editor did not mean: a '#' cutting a title, a non-breaking space after 'key:'."""
    for line, column, name in hints.odd_space_after_key(front):
        problems.error(path, line, f"có {name} ở dòng {line}, cột {column}; hãy xóa và gõ lại một dấu cách thường")
    for key, (line, kept, cut) in hints.cut_by_comment(parsed.node, front, _FREE_TEXT).items():
        message = (
            f"trường '{key}': dấu '#' bắt đầu phần ghi chú, nên '{cut}' bị bỏ và giá trị chỉ còn '{kept}'; "
            f"nếu '{cut}' thuộc giá trị, hãy đặt cả giá trị trong ngoặc kép: {key}: \"{kept} {cut}\""
        )
        (problems.error if key == "title" else problems.warning)(path, line, message)


_FREE_TEXT = ("title", "summary", "author", "image_alt")


def _load_article(
    path: Path, root: Path, articles_dir: Path, units: dict, categories: dict, problems: Problems
) -> Article | None:
    """One article file: read its front matter, validate the fields, check unit and category, resolve its files and
    the links in its body; None (with the problems reported) when anything is wrong."""
    read = _read_front_matter(path, problems)
    if read is None:
        return None
    text, front, body, parsed = read
    errors_before = len(problems.errors)
    _front_matter_slips(path, parsed, front, problems)
    report = _article_reporter(problems, path, parsed, units, categories)
    values = schema.validate(parsed.data, schema.ARTICLE_FIELDS, report, parsed.line_of)
    _apply_article_limits(values, parsed, path, problems)
    _check_unit_and_category(values, parsed, units, categories, report)
    image, attachments, images = _article_files(values, parsed, path, root, problems)
    _body_notices(values, parsed, text, body, path, problems)
    linked_files, body_names = _body_links(text, body, path, root, images, problems)
    if len(problems.errors) > errors_before:
        return None
    slug = values.get("slug") or slugify(path.stem)
    if not slug:
        report(f"không tạo được địa chỉ từ tên tệp '{path.name}'; hãy thêm trường 'slug:'", 1)
        return None
    return Article(
        source=path,
        rel_path=path.relative_to(articles_dir).as_posix(),
        title=values["title"],
        date=values["date"],
        unit=values["unit"],
        category=values["category"],
        slug=slug,
        explicit_summary=values.get("summary"),
        tags=_unique(values.get("tags", [])),
        author=values.get("author"),
        image=image,
        image_alt=values.get("image_alt"),
        attachments=attachments,
        linked_files=linked_files,
        named_files=(*_front_matter_names(values, path), *body_names),
        images=images,
        draft=values.get("draft", False),
        updated=values.get("updated"),
    )


def _read_front_matter(path: Path, problems: Problems):
    """(text, body, parsed front matter) of an article file, or None with the problem reported."""
    text = _read_text(path, problems)
    if text is None:
        return None
    if not has_front_matter(text):
        problems.error(path, 1, "thiếu phần thông tin đầu bài (front matter) mở bằng dòng '---'")
        return None
    try:
        front, body = split_front_matter(text)
    except ValueError:
        problems.error(path, 1, "phần thông tin đầu bài chưa được đóng bằng dòng '---'")
        return None
    try:
        parsed = parse_yaml(front, first_line=1)  # `front` starts with the newline after "---"
    except YamlError as exc:
        problems.error(path, exc.line, str(exc))
        return None
    if not isinstance(parsed.data, dict):
        problems.error(path, 1, "phần thông tin đầu bài cần các trường dạng 'title: ...'")
        return None
    return text, front, body, parsed


def _article_reporter(problems: Problems, path: Path, parsed: Parsed, units: dict, categories: dict):
    """Errors of the article's fields; a unit or category written by its name ("Phòng Nội vụ") gets its id suggested."""
    plain_report = _reporter(problems, path, 1)
    front_matter: dict = parsed.data if isinstance(parsed.data, dict) else {}

    def report(message: str, line: int | None) -> None:
        for key, known, where in (("unit", units, "đơn vị"), ("category", categories, "chuyên mục")):
            if message.startswith(f"trường '{key}':") and (ident := hints.by_name(front_matter.get(key), known)):
                message = f"trường '{key}': cần mã {where}, không phải tên; hãy ghi {key}: {ident}"
        plain_report(message, line)

    return report


def _body_notices(values: dict, parsed: Parsed, text: str, body: str, path: Path, problems: Problems) -> None:
    """The placeholder text of `new` still in the body; a scheduled article's publication date."""
    body_first_line = text.count("\n", 0, len(text) - len(body)) + 1  # the body is the tail of the text
    placeholder = hints.placeholder_line(body)
    if placeholder is not None:
        (problems.warning if values.get("draft") else problems.error)(
            path,
            body_first_line + placeholder[0] - 1,
            f"bài còn câu mẫu '{placeholder[1]}' của lệnh new; hãy thay bằng nội dung thật",
        )
    if "date" in values and values["date"] > now_vn() and not values.get("draft"):
        problems.notice(path, parsed.line_of("date"), f"bài hẹn giờ: sẽ đăng ngày {format_date(values['date'])}")


def _check_unit_and_category(values: dict, parsed, units: dict, categories: dict, report) -> None:
    """The unit and category exist, and the unit existed on the article's date."""
    unit_id, category_id = values.get("unit"), values.get("category")
    if unit_id and unit_id not in units:
        report(
            f"trường 'unit': không có đơn vị '{unit_id}' trong content/units.yml{_suggest(unit_id, units)}",
            parsed.line_of("unit"),
        )
    elif unit_id and "date" in values:
        unit = units[unit_id]
        day = to_vn(values["date"]).date()
        if not unit.existed_on(day):
            report(
                f"trường 'unit': đơn vị '{unit_id}' ({unit.name}) không tồn tại vào ngày {format_date(day)}"
                f"{_lifetime(unit)}",
                parsed.line_of("unit"),
            )
    if category_id and category_id not in categories:
        report(
            f"trường 'category': không có chuyên mục '{category_id}' trong content/categories.yml{_suggest(category_id, categories)}",
            parsed.line_of("category"),
        )


def _article_files(values: dict, parsed, path: Path, root: Path, problems: Problems):
    """(image, attachments, {photo: what it is}) named in the front matter, resolved inside content/."""
    image = _resolve_file(values.get("image"), path, root, "image", parsed.line_of("image"), problems)
    images: dict[Path, ImageInfo] = {}
    if image is not None:
        _add_image(images, image, path, parsed.line_of("image"), "trường 'image': ", MIN_COVER_WIDTH, problems)
    attachments = []
    for item in values.get("attachments", []):
        file = _resolve_file(item["file"], path, root, "attachments", parsed.line_of("attachments"), problems)
        if file is not None:
            attachments.append(Attachment(file, item.get("title") or file.name))
    return image, attachments, images


def _front_matter_names(values: dict, path: Path) -> list[Path]:
    """The cover and the attachments as the front matter names them, from the article's folder (not resolved)."""
    names = [values.get("image"), *(item.get("file") for item in values.get("attachments", []))]
    return [path.parent / name for name in names if isinstance(name, str) and name]


def _body_links(
    text: str, body: str, path: Path, root: Path, images: dict, problems: Problems
) -> tuple[list[Path], tuple[Path, ...]]:
    """(files of content/ the body links to, published with the article; every path its relative links name, as
    written); broken or outside links reported; the photos it shows inspected into `images`."""
    body_first_line = text.count("\n", 0, len(text) - len(body)) + 1  # the body is the tail of the text
    linked_files = []
    targets = []
    for line, target, shown in relative_links(body):
        resolved = _target(path.parent, target)
        targets.append(path.parent / target)
        if "%" in target:  # target_path may take the decoded name
            targets.append(path.parent / unquote(target))
        if not resolved.is_relative_to(root.resolve()):
            problems.error(path, body_first_line + line - 1, f"liên kết '{target}' trỏ ra ngoài thư mục content/")
        elif not _exists(resolved):
            problems.error(
                path,
                body_first_line + line - 1,
                f"liên kết '{target}' không tới được tệp nào (đường dẫn tính từ thư mục của bài viết)"
                + _case_hint(path.parent, target),
            )
        elif _is_file(resolved) and resolved.suffix.lower() != ".md":
            linked_files.append(resolved)
            if shown or is_image_name(resolved.name):
                where = f"ảnh '{target}': "
                minimum = MIN_BODY_WIDTH if shown else 0
                _add_image(images, resolved, path, body_first_line + line - 1, where, minimum, problems)
    return linked_files, tuple(targets)


# Sensible limits (README, "Giới hạn"): warnings, so files that were valid stay valid.
MAX_TITLE_CHARS = 300
MAX_TAGS = 20  # only the first MAX_TAGS tags are kept (and make topic pages)
MAX_TAG_CHARS = 100  # a longer tag is dropped (its page's folder name would be too long)


def _apply_article_limits(values: dict, parsed: Parsed, path: Path, problems: Problems) -> None:
    title = values.get("title")
    if title and len(title) > MAX_TITLE_CHARS:
        problems.warning(
            path,
            parsed.line_of("title"),
            f"trường 'title': tiêu đề dài {len(title)} ký tự, nên ngắn hơn {MAX_TITLE_CHARS} ký tự",
        )
    tags = values.get("tags")
    if not tags:
        return
    kept = []
    for tag in tags:
        if len(tag) > MAX_TAG_CHARS:
            problems.warning(
                path,
                parsed.line_of("tags"),
                f"trường 'tags': bỏ qua thẻ '{tag[:40]}...' dài {len(tag)} ký tự (tối đa {MAX_TAG_CHARS})",
            )
        else:
            kept.append(tag)
    kept = _unique(kept)
    if len(kept) > MAX_TAGS:
        problems.warning(
            path,
            parsed.line_of("tags"),
            f"trường 'tags': có {len(kept)} thẻ, chỉ {MAX_TAGS} thẻ đầu được dùng (tối đa {MAX_TAGS} thẻ)",
        )
        kept = kept[:MAX_TAGS]
    values["tags"] = kept


def _resolve(path: Path) -> Path:
    """The absolute path; a symlink loop resolves to the unresolved path (then reported as missing)."""
    try:
        return path.resolve()
    except (OSError, RuntimeError):
        return path.absolute()


def _target(folder: Path, target: str) -> Path:
    """The file a body link names (see body_links.target_path); a symlink loop or a name the file system refuses
    gives the unresolved path (then reported as missing)."""
    try:
        return target_path(folder, target)
    except (OSError, RuntimeError, ValueError):
        return (folder / target).absolute()


def _exists(path: Path) -> bool:
    """Path.exists, but a name too long for the file system (or with NUL) is simply not there."""
    try:
        return path.exists()
    except (OSError, ValueError):
        return False


def _is_file(path: Path) -> bool:
    try:
        return path.is_file()
    except (OSError, ValueError):
        return False


def _add_image(
    images: dict, file: Path, article: Path, line: int | None, where: str, min_width: int, problems: Problems
) -> None:
    """Inspect a photo the article shows: refuse what is not an image, warn when it is too small."""
    if file in images:
        info = images[file]
    else:
        try:
            info = inspect_image(file)
        except NotAnImage as exc:
            problems.error(article, line, f"{where}tệp '{file.name}': {exc}")
            return
        images[file] = info
    if info.width < min_width:
        problems.notice(
            article,
            line,
            f"{where}ảnh chỉ rộng {info.width} px, sẽ bị mờ trên điện thoại và khi chia sẻ; "
            f"nên dùng ảnh rộng ít nhất {min_width} px (tốt nhất từ 1200 px)",
        )


def _lifetime(unit: Unit) -> str:
    return f" (đơn vị chỉ hoạt động {unit.lifetime()})" if unit.lifetime() else ""


def _suggest(value: str, known: dict) -> str:
    import difflib

    close = difflib.get_close_matches(value, known, n=1)
    return f" (có phải ý bạn là '{close[0]}'?)" if close else ""


def _unique(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))


def _resolve_file(
    rel: str | None, article: Path, root: Path, field_name: str, line: int | None, problems: Problems
) -> Path | None:
    """A file named relative to the article; it must exist inside `content/`."""
    if not rel:
        return None
    if "://" in rel or rel.startswith("/"):
        problems.error(
            article, line, f"trường '{field_name}': '{rel}' phải là đường dẫn tương đối tới tệp cạnh bài viết"
        )
        return None
    target = _resolve(article.parent / rel)
    if not target.is_relative_to(root.resolve()):
        problems.error(article, line, f"trường '{field_name}': '{rel}' trỏ ra ngoài thư mục content/")
        return None
    if not _is_file(target):
        problems.error(
            article,
            line,
            f"trường '{field_name}': không tìm thấy tệp '{rel}' (tính từ thư mục của bài viết)"
            + _case_hint(article.parent, rel),
        )
        return None
    return target


def _case_hint(base: Path, rel: str) -> str:
    try:
        actual = hints.case_mismatch(base, rel)
    except (OSError, ValueError):  # a name too long for the file system, or with NUL: nothing to suggest
        return ""
    return f"; có tệp {actual} (khác chữ hoa/thường), hãy ghi đúng như tên tệp" if actual else ""


# --- procedures, hotlines, plans -------------------------------------------


def _validated_file(path: Path, fields: dict, problems: Problems, expected: str):
    """Read one YAML mapping file and validate it: (values, report, parsed), or None if unreadable."""
    parsed = _read_yaml(path, problems)
    if parsed is None:
        return None
    if not isinstance(parsed.data, dict):
        problems.error(path, 1, expected)
        return None
    report = _reporter(problems, path, 1)
    return schema.validate(parsed.data, fields, report, parsed.line_of), report, parsed


def _load_procedures(root: Path, problems: Problems) -> list[Procedure]:
    procedures: dict[str, Procedure] = {}
    for path in sorted((root / "procedures").glob("*.yml")):
        loaded = _validated_file(
            path, schema.PROCEDURE_FIELDS, problems, "tệp thủ tục cần các trường dạng 'code: ...', 'name: ...'"
        )
        if loaded is None:
            continue
        values, report, parsed = loaded
        if not all(key in values for key, spec in schema.PROCEDURE_FIELDS.items() if spec.required):
            continue
        code = values["code"]
        if code in procedures:
            report(
                f"trường 'code': mã thủ tục '{code}' bị trùng với {problems.relative(procedures[code].source)}",
                parsed.line_of("code"),
            )
            continue
        channels = [Channel(**channel) for channel in values.pop("channels", [])]
        procedures[code] = Procedure(source=path, channels=channels, **values)
    unify_fields(list(procedures.values()), problems)
    return sorted(procedures.values(), key=lambda p: (p.field, p.name, p.code))


def _load_hotlines(root: Path, units: dict, problems: Problems) -> list[Hotline]:
    path = root / "hotlines.yml"
    parsed = _read_yaml(path, problems, required=False)
    if parsed is None:
        return []
    if not isinstance(parsed.data, dict) or not isinstance(parsed.data.get("hotlines"), list):
        problems.error(path, 1, "cần danh sách 'hotlines:' ở đầu tệp")
        return []
    _report_unknown_top_level(parsed, "hotlines", path, problems)
    lines = item_lines(parsed, "hotlines")
    hotlines = []
    for index, entry in enumerate(parsed.data["hotlines"]):
        line = lines[index] if index < len(lines) else None
        if not isinstance(entry, dict):
            problems.error(path, line, "mỗi đường dây nóng cần các trường 'name', 'phone' hoặc 'email'")
            continue
        report = _reporter(problems, path, line)
        values = schema.validate(entry, schema.HOTLINE_FIELDS, report)
        label = f"đường dây nóng '{values.get('name', index + 1)}'"
        ok = "name" in values
        if "phone" not in values and "email" not in values:
            report(f"{label}: cần ít nhất một trong hai trường 'phone' hoặc 'email'", line)
            ok = False
        if "phone" in values:
            e164 = vietnamese_phone(values["phone"])
            if e164 is None:
                report(f"{label}: trường 'phone': '{values['phone']}' không phải số điện thoại Việt Nam hợp lệ", line)
                ok = False
            values["phone_e164"] = e164
        if "email" in values and not _EMAIL_RE.match(values["email"]):
            report(f"{label}: trường 'email': '{values['email']}' không phải địa chỉ thư điện tử hợp lệ", line)
            ok = False
        if values.get("unit") and values["unit"] not in units:
            report(f"{label}: trường 'unit': không có đơn vị '{values['unit']}' trong content/units.yml", line)
            ok = False
        if ok:
            hotlines.append(Hotline(**values))
    return hotlines


def vietnamese_phone(number: str) -> str | None:
    """The E.164 form of a valid Vietnamese number ("0299 3861 234" -> "+842993861234")."""
    try:
        parsed = phonenumbers.parse(number, "VN")
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(parsed):
        return None
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)


def _load_plans(root: Path, units: dict, problems: Problems) -> dict[int, Plan]:
    plans: dict[int, Plan] = {}
    for path in sorted((root / "plans").glob("*.yml")):
        loaded = _validated_file(path, schema.PLAN_FIELDS, problems, "tệp kế hoạch cần các trường 'year' và 'targets'")
        if loaded is None:
            continue
        values, report, parsed = loaded
        if "year" not in values or "targets" not in values:
            continue
        if path.stem != str(values["year"]):
            report(
                f"trường 'year': năm {values['year']} không khớp tên tệp {path.name} (cần {values['year']}.yml)",
                parsed.line_of("year"),
            )
            continue
        targets: dict[str, Target] = {}
        for unit_id, spec in values["targets"].items():
            line = parsed.line_of("targets")
            if unit_id not in units:
                report(
                    f"trường 'targets': không có đơn vị '{unit_id}' trong content/units.yml{_suggest(str(unit_id), units)}",
                    line,
                )
                continue
            errors: list[str] = []

            def collect(message: str, _line: int | None, errors: list[str] = errors) -> None:
                errors.append(message)

            target = schema.validate(spec if isinstance(spec, dict) else {}, schema.TARGET_FIELDS, collect)
            if not isinstance(spec, dict) or not target:
                errors.append("cần 'per_quarter: N' hoặc 'per_year: N'")
            if errors:
                report(f"trường 'targets', đơn vị '{unit_id}': {'; '.join(errors)}", line)
                continue
            targets[unit_id] = Target(**target)
        plans[values["year"]] = Plan(values["year"], values.get("title"), targets)
    return plans
