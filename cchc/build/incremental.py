"""The live preview's rebuild: only the pages whose cache key changed, into the served folder (step F of
docs/design/build-speed.md).

`mkdocs serve` calls its builder for every save, and MkDocs' `build()` then does everything again: a new
config, every page (8,558 at 5,000 articles) through its loops, the served folder cleaned and 230 MB written
again. `PreviewBuilder` takes the builder's place (the plugin's `on_serve`). When only files under `content/`
changed since the last build (an editor's save), it loads and plans the content again (parsed articles are
reused), computes every page's key and runs MkDocs' own `_populate_page`/`_build_page`, with every plugin's
events, for the pages whose key changed, the pages that have no key (the nav's, docs/'s) and those that warned,
against the `files`, `nav` and theme environment of the last build. Pages that are gone are removed; a page
or output is written only when its bytes changed (an output by a rename). The search index, feeds and data
files follow in the plugin's background thread, as after a full build.

Anything else falls back to MkDocs' builder, which builds everything: a change outside `content/`
(mkdocs.yml, docs/, templates, code), a last build that did not finish, a new list of content errors (the
banner is on every page), a change to what every page shows (the nav's titles, the hotlines), a photo
changed, any error. Correctness first: tests/test_preview.py compares the folder with a fresh build.
"""

from __future__ import annotations

import contextlib
import gc
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from mkdocs import utils as mkdocs_utils
from mkdocs.commands import build as mkdocs_build
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel, set_exclusions
from mkdocs.structure.pages import Page

from cchc.build.site_writes import remove_output, write_if_changed
from cchc.build.sources import changed_paths, outside, snapshot

log = get_plugin_logger("cchc")


class FullBuildNeeded(Exception):
    """Why this save needs MkDocs' full build (said in the terminal)."""


@contextlib.contextmanager
def _writes_only_changes() -> Iterator[None]:
    """MkDocs' page and template writes, for this rebuild: only those whose bytes changed."""
    original = mkdocs_utils.write_file

    def write_file(content: bytes, output_path: str) -> None:
        write_if_changed(content, output_path, atomic=False)

    mkdocs_utils.write_file = write_file
    try:
        yield
    finally:
        mkdocs_utils.write_file = original


@contextlib.contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """No collection of cyclic garbage while the editor waits: at 5,000 articles the heap is large and a full
    collection costs a quarter of a second; it runs after, with the outputs thread."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


class _Laps:
    """Seconds (wall, CPU of the process) of each step of a rebuild, for the debug log (`serve -v`)."""

    def __init__(self) -> None:
        self.started = self.last = (time.perf_counter(), time.process_time())
        self.laps: list[str] = []

    def lap(self, step: str) -> None:
        now = (time.perf_counter(), time.process_time())
        self.laps.append(f"{step} {now[0] - self.last[0]:.2f} s (CPU {now[1] - self.last[1]:.2f})")
        self.last = now

    def total(self) -> float:
        return time.perf_counter() - self.started[0]

    def __str__(self) -> str:
        return "; ".join(self.laps)


class PreviewBuilder:
    """`server.builder` of `mkdocs serve`: the incremental rebuild when it is safe, else MkDocs' own builder."""

    def __init__(self, plugin, full_build: Callable[[], None]):
        self.plugin = plugin
        self.full_build = full_build
        self.sitemap_inputs: list | None = None  # what the sitemap showed after the last incremental rebuild
        self.timings = _Laps()

    def __call__(self) -> None:
        plugin = self.plugin
        self.timings = _Laps()
        now = snapshot(plugin.watched)
        try:
            changed = changed_paths(plugin.sources, now)
            if not plugin.built:
                raise FullBuildNeeded("lần dựng trước chưa xong")
            others = outside(changed, plugin.content_dir)
            if others:
                raise FullBuildNeeded(f"tệp ngoài thư mục nội dung thay đổi: {others[0]}")
            with _writes_only_changes(), _no_cycle_collection():
                rendered, removed = self._rebuild(changed)
        except FullBuildNeeded as reason:
            log.info(f"Xem trước: dựng lại toàn bộ trang ({reason}).")
        except Exception as error:  # noqa: BLE001  the full build below is the answer, and reports its own errors
            log.debug("Xem trước: dựng lại từng phần bị lỗi", exc_info=True)
            log.info(f"Xem trước: dựng lại từng phần không được ({error!r}); dựng lại toàn bộ trang.")
        else:
            plugin.sources = now
            log.info(
                f"Xem trước: đã dựng lại {rendered} trang, xóa {removed} trang trong {self.timings.total():.1f} giây"
            )
            log.debug(f"Xem trước: thời gian từng bước: {self.timings}")
            return
        self.sitemap_inputs = None
        self.full_build()

    def _rebuild(self, changed: set[Path]) -> tuple[int, int]:
        """Render the pages the save changed; (pages rendered, pages removed). Raises FullBuildNeeded."""
        plugin = self.plugin
        config, old_files, old_keys, warned = plugin.mkdocs_config, plugin.files, plugin.cache_keys, plugin.warned
        self._reload(changed)
        self.timings.lap("nội dung và kế hoạch")
        chosen, render, copy = self._choose_files(old_files, old_keys, warned, changed)
        self.timings.lap("khóa của các trang")
        files = plugin.files = _site_files(plugin.base_files, chosen)
        removed = self._remove_gone(old_files, files)
        for file in copy:
            file.copy_file()
        doc_files = files.documentation_pages(inclusion=InclusionLevel.is_in_serve)
        pages = self._pages_to_render(doc_files, render)
        for page in pages:
            mkdocs_build._populate_page(page, config, files)
        for page in pages:
            excluded = page.file.inclusion.is_excluded()
            mkdocs_build._build_page(page, config, doc_files, plugin.nav, plugin.env, excluded=excluded)
        for page in pages:
            page.validate_anchor_links(files=files, log_level=config.validation.links.anchors)
        self.timings.lap(f"{len(pages)} trang")
        self._theme_templates(doc_files, files)
        config.plugins.on_post_build(config=config)
        self.timings.lap("sơ đồ trang, khởi động luồng ghi")
        return len(pages), len([file for file in removed if file.is_documentation_page()])

    def _reload(self, changed: set[Path]) -> None:
        """Content and plan again; FullBuildNeeded when what every page shows changed."""
        plugin = self.plugin
        config, old_errors, old_settings = plugin.mkdocs_config, plugin.content_errors, plugin.settings
        old_photos = set(plugin.plan.photos)
        plugin.finish_outputs()
        self.timings.lap("so sánh tệp, chờ luồng ghi của lần trước dừng")
        plugin.built = False  # until this rebuild is through: a failure means a full build next time
        plugin.load_and_plan(config)
        if plugin.content_errors != old_errors:
            raise FullBuildNeeded("danh sách lỗi nội dung thay đổi: mọi trang hiện lỗi")
        if (old_photos | set(plugin.plan.photos)) & changed:
            raise FullBuildNeeded("ảnh thay đổi")
        if plugin.fingerprint_settings(config) != old_settings:
            raise FullBuildNeeded("phần chung của mọi trang thay đổi (thanh điều hướng, đường dây nóng)")
        plugin.start_pages()

    def _choose_files(
        self, old_files: Files, old_keys: dict[str, str], warned: set[str], changed: set[Path]
    ) -> tuple[list[File], list[File], list[File]]:
        """The plugin's files of this build, the last build's object where it still serves; the pages among
        them to render (key changed or none, warned last time, in the nav) and the files to copy (new, changed)."""
        plugin = self.plugin
        generated = plugin.generated_files(plugin.mkdocs_config)
        plugin.files = _site_files(plugin.base_files, generated)  # for the keys: which link targets exist
        chosen: list[File] = []
        render: list[File] = []
        copy: list[File] = []
        for file in generated:
            old = old_files.get_file_from_path(file.src_uri)
            planned = plugin.plan.pages.get(file.src_uri)
            if planned is None:
                if _same_source(old, file, changed):
                    file = old
                else:
                    copy.append(file)
                chosen.append(file)
                continue
            key = plugin.page_key(file.src_uri, planned)
            if key is not None:
                plugin.cache_keys[file.src_uri] = key
            if old is not None and old.page is not None and file.src_uri in plugin.nav_srcs:
                old.content_string = file.content_string  # the nav's Page objects stay: rendered every time
                file = old
                render.append(file)
            elif (
                old is not None and key is not None and old_keys.get(file.src_uri) == key and file.src_uri not in warned
            ):
                file = old
            else:
                render.append(file)
            chosen.append(file)
        set_exclusions(chosen, plugin.mkdocs_config)
        return chosen, render, copy

    def _remove_gone(self, old_files: Files, files: Files) -> list[File]:
        """Remove from the served folder what the last build wrote for files that are gone; those files."""
        plugin = self.plugin
        wanted = {file.abs_dest_path for file in files}
        removed = [file for file in old_files if file.src_uri not in files.src_uris]
        for file in removed:
            if file.abs_dest_path not in wanted:
                remove_output(file.abs_dest_path, plugin.mkdocs_config.site_dir)
            plugin.article_html.pop(file.src_uri, None)
            plugin.article_text.pop(file.src_uri, None)
        return removed

    def _pages_to_render(self, doc_files: Sequence[File], render: list[File]) -> list[Page]:
        """The chosen pages and every page that is not the plugin's (docs/), each with a fresh Page as in a build
        (the nav's keep theirs: the nav holds them)."""
        plugin = self.plugin
        again = {file.src_uri for file in render}
        pages = []
        for file in doc_files:
            if file.src_uri in plugin.plan.pages and file.src_uri not in again:
                continue
            page = file.page
            if page is None or file.src_uri not in plugin.nav_srcs:
                page = Page(None, file, plugin.mkdocs_config)
            pages.append(page)
        return pages

    def _theme_templates(self, doc_files: Sequence[File], files: Files) -> None:
        """sitemap.xml and 404.html, when the sitemap's pages or dates changed (404.html shows only the nav)."""
        plugin = self.plugin
        sitemap_inputs = [(file.url, file.page.update_date) for file in doc_files if file.page is not None]
        if sitemap_inputs != self.sitemap_inputs:
            for template in plugin.mkdocs_config.theme.static_templates:
                mkdocs_build._build_theme_template(template, plugin.env, files, plugin.mkdocs_config, plugin.nav)
            self.sitemap_inputs = sitemap_inputs


def _site_files(base: list[File], generated: list[File]) -> Files:
    """The build's files in a fresh build's order (the sitemap's): docs/ and the theme's, then the plugin's,
    a generated file replacing one of docs/ as `Files.append` does in on_files."""
    replaced = {file.src_uri for file in generated}
    return Files([*(file for file in base if file.src_uri not in replaced), *generated])


def _same_source(old: File | None, new: File, changed: set[Path]) -> bool:
    """An unchanged copied file (media, photo version, script): the one in the served folder stays."""
    if old is None or old.is_documentation_page() or old.abs_src_path != new.abs_src_path:
        return False
    if new.abs_src_path is None:
        return old.content_string == new.content_string
    return Path(new.abs_src_path) not in changed
