"""The MkDocs plugin: a thin door from MkDocs' build events onto the pipeline's functions."""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable
from pathlib import Path

import material
from jinja2 import ChoiceLoader, FileSystemLoader, PrefixLoader
from mkdocs.config import config_options as opt
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.toc import get_toc

from cchc.build.article_cache import load_article_cache, save_article_cache
from cchc.build.collector import collect_less_often, end_of_build
from cchc.build.incremental import PreviewBuilder
from cchc.build.layout_memo import LayoutMemo, safe_url_filter, shortcuts_enabled
from cchc.build.markdown_pool import MarkdownPool
from cchc.build.page_cache import KeyMemo, PageCache, site_fingerprint
from cchc.build.site_writes import remove_output
from cchc.build.sources import snapshot, watched_roots
from cchc.build.theme_files import drop_unused_theme_files, skip_hidden_theme_folders
from cchc.build.workers import quiet_worker_logging, render_in_workers, worker_count, workers_from
from cchc.content.loader import ArticleReuse, load_content
from cchc.content.sanitize import clean_html
from cchc.editor.config import editor_config, save_rules
from cchc.editor.install import DECAP_DIST, decap_files, install_admin
from cchc.images import cached_file, render_all
from cchc.outputs.fold_js import fold_js
from cchc.outputs.search import VERSION as SEARCH_VERSION
from cchc.outputs.search import SearchCache
from cchc.outputs.search_docs import search_documents, strip_tags
from cchc.outputs.write import write_outputs
from cchc.site import urls
from cchc.site.conflicts import site_problems
from cchc.site.error_banner import banner_html, insert_banner
from cchc.site.metadata import news_article_ld, page_metadata
from cchc.site.pages import DEFAULT_PER_PAGE, PlanConflict, SitePlan, plan_site
from cchc.site.pictures import body_pictures
from cchc.site.security import CSP
from cchc.site.sitedir import LOCK_WAIT_SECONDS, SiteBusy, SiteSwap
from cchc.site.tables import wrap_tables
from cchc.site.template_cache import template_bytecode_cache
from cchc.timeutil import now_vn

log = get_plugin_logger("cchc")


MATERIAL_TEMPLATES = Path(material.__file__).parent / "templates"
CODE_DIR = Path(__file__).parent
CACHED_TEMPLATE = "cchc-cached.html"
OUTPUTS_DELAY = 2.0  # seconds between a preview rebuild's pages and its search index, feeds, data files


class _WarningCounter(logging.Handler):
    """Counts MkDocs' warnings, so a page whose rendering warned is never cached (a rebuild warns again)."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


def _render_without_markdown(page, anchors: list[str]):
    """Stands in for `page.render` when there is nothing to convert: a cache hit (MkDocs writes the stored bytes),
    or a page whose Markdown is blank (listings: Python-Markdown returns "" for blank text before any extension
    runs, so a new Markdown instance, 1-2 ms a page, gives nothing)."""

    def render(config, files) -> None:
        page.content = ""
        page.toc = get_toc([])
        page.present_anchor_ids = set(anchors)

    return render


class CchcConfig(Config):
    content_dir = opt.Dir(exists=False, default="content")
    """Where editors write: units.yml, categories.yml, articles/, procedures/, plans/."""
    per_page = opt.Type(int, default=DEFAULT_PER_PAGE)
    """Articles per listing page."""
    feed_items = opt.Type(int, default=20)
    """Newest items in each feed."""
    lock_wait = opt.Type((int, float), default=LOCK_WAIT_SECONDS)
    """Seconds a build waits for another build of the same site folder to finish before giving up."""
    editor = opt.Type(bool, default=True)
    """Put the web editor (Decap CMS) at /admin/."""
    editor_backend = opt.Type(dict, default={})
    """Decap's `backend:` (default: decap-server on 127.0.0.1:8081, git mode). See README, "Web editor"."""
    image_cache = opt.Type(str, default=".cache/images")
    """Where resized photos are kept between builds (relative to mkdocs.yml), so unchanged ones are not re-encoded."""
    template_cache = opt.Type(str, default=".cache/templates")
    """Where compiled templates are kept between builds (relative to mkdocs.yml); Jinja recompiles a changed one."""
    page_cache = opt.Type(str, default=".cache/pages")
    """Where rendered pages are kept between builds and serve rebuilds (relative to mkdocs.yml); "" turns it off."""
    article_cache = opt.Type(str, default=".cache/articles.pickle")
    """Where parsed articles are kept between builds (relative to mkdocs.yml); "" turns it off."""
    feed_cache = opt.Type(str, default=".cache/feeds.marshal")
    """Where the last build's feeds are kept with a hash of what each shows (relative to mkdocs.yml); "" turns it off."""


class _OutputsStopped(Exception):
    """A newer build began while the preview's outputs thread was writing: stop, it writes them all again."""


class _ContentFile(File):
    """A file of content/ an article uses (image, attachment): copied as it is, never rendered.

    An attached `.md` (a draft, say) is a document to download, not a page: no HTML, no sitemap, no search.
    """

    keep: Callable[[str, str], bool] | None = None  # a build: keeps the live site's copy when it has these bytes

    def is_documentation_page(self) -> bool:
        return False

    def copy_file(self, dirty: bool = False) -> None:
        if self.keep is not None and self.abs_src_path and self.keep(self.dest_uri, self.abs_src_path):
            return
        super().copy_file(dirty)


class _KeptPagesFilter(logging.Filter):
    """MkDocs says "Page skipped" at INFO for a page it does not write: for the pages the site keeps, that is normal."""

    def __init__(self, kept: set[str]):
        super().__init__()
        self.kept = kept

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        return not (
            message.startswith("Page skipped: '") and message[len("Page skipped: '") :].split("'")[0] in self.kept
        )


class CchcPlugin(BasePlugin[CchcConfig]):
    plan: SitePlan  # set in on_config, before any other event that reads it

    def __init__(self):
        self.is_serve = False
        self.swap: SiteSwap | None = None
        self.kept_filter: _KeptPagesFilter | None = None
        self.build_failed = False
        self.borrowed_tab = None
        self.content_errors: list[str] = []
        # MkDocs keeps this object for the whole `serve` (it has on_startup): parsed articles live across rebuilds,
        # and across builds in the article cache (read at the first build of the process).
        self.article_reuse = ArticleReuse()
        self.article_cache_read = False
        self.article_cache_file: Path | None = None
        self.outputs_thread: threading.Thread | None = None
        self.outputs_stop = threading.Event()  # a newer build began: the thread's outputs are stale, it stops
        self.outputs_wake = threading.Event()  # the thread's wait before it starts is over (stop, or joined)
        self.output_paths: set[str] = set()  # what the last build's write_outputs wrote (serve removes the stale)
        self.key_memo = KeyMemo()
        self.built = False  # the last build ran to its end: the preview may rebuild on top of it
        self.server_watches: list[Path] = []  # what serve's watcher watches (the theme too with --watch-theme)
        self.collector_thresholds: tuple[int, int, int] | None = None  # the process's own, given back at shutdown

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.is_serve = self.serve_command = command == "serve"
        self.collector_thresholds = collect_less_often()

    def on_config(self, config):
        self.finish_outputs()  # serve: the previous rebuild's feeds and search index, before MkDocs cleans the folder
        self.built = False
        self.mkdocs_config = config
        self.project_dir = Path(config.config_file_path or ".").parent
        self.content_dir = Path(self.config.content_dir)  # opt.Dir: made absolute against mkdocs.yml's folder
        skip_hidden_theme_folders(config.theme)
        if self.is_serve:  # before anything is read: a save during this build shows as a change to the next one
            self.watched = watched_roots(config, self.content_dir, CODE_DIR, self.server_watches)
            self.sources = snapshot(self.watched)
        self.load_and_plan(config)
        self.article_html: dict[str, str] = {}
        self.article_text: dict[str, str] = {}  # its plain text, for the search
        self.page_html: dict[str, tuple[str, str]] = {}
        self.markdown_pool: MarkdownPool | None = None  # made at the first article of this configuration
        self.start_pages()
        if not self.is_serve:
            # Build beside site_dir and swap at the end, so a failed build leaves the old site.
            self.swap = SiteSwap(Path(config.site_dir))
            if self.swap.busy():
                log.info(f"Đang chờ lần dựng trang khác ghi xong {self.swap.site_dir} ...")
            try:
                config.site_dir = str(self.swap.begin(self.config.lock_wait))
            except SiteBusy as busy:
                self.swap = None
                raise PluginError(
                    f"Một lần dựng trang khác vẫn đang ghi vào {config.site_dir} sau {self.config.lock_wait:g} giây "
                    f"(khóa {busy}); trang chưa được tạo. Hãy chờ lần đó xong rồi chạy lại."
                ) from None
        return config

    def load_and_plan(self, config) -> None:
        """Content (errors logged, or raised in a build) and the site plan, for a build or a preview rebuild."""
        self.content = self._load_content()
        self.now = now_vn()
        try:
            self.plan = plan_site(
                self.content,
                self.now,
                preview=self.is_serve,
                per_page=self.config.per_page,
                site_name=config.site_name,
            )
        except PlanConflict as exc:
            raise PluginError(f"Trang chưa được tạo: {exc}") from None
        if self.article_cache_file is not None:  # after the plan: with the summaries it took from the bodies
            save_article_cache(self.article_reuse, self.article_cache_file, CODE_DIR)

    def start_pages(self) -> None:
        """Per build (and preview rebuild): the page cache's counters, what was served from it, what warned."""
        previous_cache: PageCache | None = getattr(self, "page_cache", None)
        self.page_cache: PageCache | None = None
        if shortcuts_enabled() and self.config.page_cache:
            verify = os.environ.get("CCHC_CACHE_VERIFY") == "1"
            in_thread = self.is_serve and threading.active_count() > 1  # a preview rebuild: see on_post_build
            self.page_cache = PageCache(
                self.project_dir / self.config.page_cache, verify=verify, deferred=in_thread, touch=self.is_serve
            )
            if previous_cache is not None and previous_cache.pending:  # its outputs thread was stopped first
                for key, entry in previous_cache.pending:
                    self.page_cache.put(key, entry)
        self.article_of = {urls.article(a.slug): a for a in self.plan.articles}
        self.cache_keys: dict[str, str] = {}  # src_uri -> key, for the pages that may be cached
        self.cache_hits: dict[str, str] = {}  # src_uri -> key of the entry served (read again when written: memory)
        # Cache hits the site folder already holds as their key made them (the live site's unchanged pages, the
        # pages this build's workers wrote): not written again.
        self.kept_srcs: set[str] = set()
        self.cache_checks: dict[str, dict] = {}  # CCHC_CACHE_VERIFY: src_uri -> entry to compare with the render
        self.warned: set[str] = set()
        previous: _WarningCounter | None = getattr(self, "warnings", None)
        if previous is not None:  # a serve rebuild after a failed one
            logging.getLogger("mkdocs").removeHandler(previous)
        self.warnings = _WarningCounter()
        self.warnings_before = 0
        logging.getLogger("mkdocs").addHandler(self.warnings)

    def _load_content(self):
        cached = bool(self.config.article_cache) and shortcuts_enabled()
        self.article_cache_file = self.project_dir / self.config.article_cache if cached else None
        if self.article_cache_file is not None and not self.article_cache_read:
            self.article_reuse = load_article_cache(self.article_cache_file, CODE_DIR)
            self.article_cache_read = True
        reuse = self.article_reuse if self.is_serve or cached else None
        content, problems = load_content(self.content_dir, reuse=reuse)
        site_problems(content, problems)
        for problem in problems.sorted():
            if problem.severity == "warning":
                log.warning(str(problem))
            elif problem.severity == "notice":
                log.info(str(problem))
        errors = [str(p) for p in problems.sorted() if p.severity == "error"]
        self.content_errors = errors if self.is_serve else []
        if errors and self.is_serve:
            # Live preview: the editor is looking at the browser, so the errors go there (every page),
            # and the pages of what is valid are still built.
            log.info(f"Nội dung có {len(errors)} lỗi (hiện trên mọi trang xem trước):\n" + "\n".join(errors))
        elif errors:
            raise PluginError(f"Nội dung có {len(errors)} lỗi, trang chưa được tạo:\n" + "\n".join(errors))
        return content

    def on_files(self, files: Files, *, config) -> Files:
        drop_unused_theme_files(files, MATERIAL_TEMPLATES)
        self.base_files = list(files)  # docs/ and the theme's: the preview's rebuild adds the plan's to these
        for file in self.generated_files(config):
            files.append(file)
        return files

    def generated_files(self, config) -> list[File]:
        """The plan's pages, the content's media, our script and the photos' versions (encoded when missing)."""
        found = [File.generated(config, src_uri, content=page.markdown) for src_uri, page in self.plan.pages.items()]
        found += self._copies(config, self.plan.media)
        found.append(File.generated(config, "assets/fold.js", content=fold_js(SEARCH_VERSION)))
        found += self._copies(config, self._render_photos())
        return found

    def _copies(self, config, sources: dict[str, Path]) -> list[File]:
        """Files copied as they are; a build leaves the live site's copy when it has the same bytes."""
        copies: list[File] = []
        for src_uri, path in sources.items():
            copy = _ContentFile.generated(config, src_uri, abs_src_path=str(path))
            assert isinstance(copy, _ContentFile)
            copy.keep = self.swap.keep_if_same_file if self.swap is not None else None
            copies.append(copy)
        return copies

    def _render_photos(self) -> dict[str, Path]:
        """Encode the photos' versions missing from the cache; src_uri -> cached file to publish."""
        cache = self.project_dir / self.config.image_cache
        sets = list(self.plan.photos.values())
        encoded = render_all(sets, cache)
        if encoded:
            log.info(f"Ảnh: đã tạo {encoded} phiên bản mới cho {len(sets)} ảnh")
        self.photos_by_name = {images.fallback.src_uri.rsplit("/", 1)[-1]: images for images in sets}
        return {v.src_uri: cached_file(images, v, cache) for images in sets for v in images.variants}

    def on_nav(self, nav, *, config, files):
        self.nav_srcs = {p.file.src_uri for p in nav.pages}
        self.files = files
        self.nav = nav
        if self.page_cache is not None:
            docs = Path(config.docs_dir)
            folders = [docs]
            custom = config.theme.custom_dir
            if custom and not Path(custom).resolve().is_relative_to(docs.resolve()):
                folders.append(Path(custom))
            self.settings = self.fingerprint_settings(config)
            config_file = Path(config.config_file_path) if config.config_file_path else None
            self.fingerprint = site_fingerprint(config_file, self.settings, folders, CODE_DIR)
            keyed = self._keyed_pages(files)
            # The live site's pages are kept by what the cache held before the workers: a page a worker renders is
            # written to the staging folder, never taken from the live site (a worker that failed halfway may have
            # stored the entry and left a torn file).
            stored = {key for _, key in keyed if self.page_cache.has(key)}
            self._keep_unchanged_pages([(file, key) for file, key in keyed if key in stored])
            # serve too: its first build runs before the server's threads start (later ones have threads: no fork).
            self._render_in_workers(config, files, nav, [(file, key) for file, key in keyed if key not in stored])
            if self.kept_srcs:
                self.kept_filter = _KeptPagesFilter(self.kept_srcs)
                logging.getLogger("mkdocs.commands.build").addFilter(self.kept_filter)
        return nav

    def _keyed_pages(self, files) -> list[tuple[File, str]]:
        """The plan's pages that may be cached, each with its key."""
        keyed = []
        for file in files.documentation_pages():
            generated = self.plan.pages.get(file.src_uri)
            key = self.page_key(file.src_uri, generated) if generated is not None and file.page is not None else None
            if key is not None:
                keyed.append((file, key))
        return keyed

    def _keep_unchanged_pages(self, stored: list[tuple[File, str]]) -> None:
        """A build over a site it made: of the pages whose entry is `stored`, those whose key and file did not
        change are left as they are."""
        cache = self.page_cache
        if self.swap is None or self.swap.recorded is None or cache is None or cache.verify:
            return
        src_of = {file.dest_uri: file.src_uri for file, _ in stored}
        kept = self.swap.keep_pages({file.dest_uri: key for file, key in stored})
        self.kept_srcs |= {src_of[dest] for dest in kept}

    def fingerprint_settings(self, config) -> dict:
        """What of the configuration and the content every page shows (see site_fingerprint)."""
        return {
            "site_url": config.site_url,
            "use_directory_urls": config.use_directory_urls,
            "serve": self.is_serve,
            "portal": self._portal_globals(),
            "extra": dict(config.extra),
            "nav_titles": {src: self.plan.pages[src].title for src in sorted(self.nav_srcs) if src in self.plan.pages},
        }

    def _render_in_workers(self, config, files, nav, missing: list[tuple[File, str]]) -> None:
        """Cold build: the pages `missing` from the cache are rendered by worker processes first
        (cchc/build/workers.py)."""
        cache = self.page_cache
        workers = worker_count() if cache is not None and not cache.verify else 0
        if cache is None or workers < 2:
            return
        if len(missing) < workers_from():
            return
        pages = [file.page for file, _ in missing]
        failed = render_in_workers(pages, lambda part: self._render_pages(part, config, files, nav), workers)
        log.debug(f"Bộ nhớ đệm trang: {workers} tiến trình đã dựng {len(missing)} trang ({failed} tiến trình lỗi)")
        if not failed:
            # A page's file is written after its entry is stored, and a worker that stopped halfway counts as failed:
            # with none failed, a page with an entry now is in the site folder as its key made it.
            self.kept_srcs |= {file.src_uri for file, key in missing if cache.has(key)}

    def _render_pages(self, pages, config, files, nav) -> None:
        """In a worker: MkDocs' own two steps for `pages` (and the nav's pages, whose titles the nav shows);
        the plugin's events store each page in the cache and MkDocs writes it into the site folder (this build's
        staging folder). A page that warned is not stored: the parent renders it again and reports the warning."""
        from mkdocs.commands import build as mkdocs_build

        quiet_worker_logging(self.warnings)
        for page in [*nav.pages, *pages]:
            mkdocs_build._populate_page(page, config, files)
        env = config.plugins.on_env(config.theme.get_env(), config=config, files=files)
        doc_files = files.documentation_pages()
        for page in pages:
            mkdocs_build._build_page(page, config, doc_files, nav, env)
        if shortcuts_enabled():  # the search terms of the articles rendered here, analysed here too
            rendered = {urls.page_url(src_uri) for src_uri in self.article_html}
            search = SearchCache(self._search_cache_dir(), take_parts=False)
            for doc in search_documents(self.content, self.now, self.article_text, {}, self.plan.views):
                if doc.url in rendered:
                    search.terms(doc)
            search.save_part()

    def _search_cache_dir(self) -> Path:
        return self.project_dir / ".cache" / "search"

    def _portal_globals(self) -> dict:
        return {
            "hotlines": self.content.hotlines,
            "feed": urls.news_feed(),
            "urls": urls.template_urls(),
            # No CSP in `serve`: MkDocs' live reload is an inline script (the preview runs on 127.0.0.1 only).
            "csp": None if self.is_serve else CSP,
        }

    def update_date(self, generated) -> str | None:
        """The page's `update_date` (the sitemap's lastmod), as on_page_markdown sets it."""
        if generated.updated:
            return generated.updated.isoformat()
        return self.plan.last_change.isoformat() if self.plan.last_change else None

    def page_key(self, src_uri: str, generated) -> str | None:
        """The page's cache key, or None when it is not cached (in the nav, or an input with no stable form)."""
        update_date = self.update_date(generated)
        if self.page_cache is None or src_uri in self.nav_srcs or update_date is None:
            return None
        article = self.article_of.get(src_uri)
        photos = [self.plan.photos.get(p) for p in sorted(article.images)] if article else []
        exists = self.files.src_uris.__contains__
        return self.key_memo.key(self.fingerprint, src_uri, generated, update_date, photos, exists)

    def on_pre_page(self, page, *, config, files):
        self.warnings_before = self.warnings.count
        return page

    def on_env(self, env, *, config, files):
        env.globals["portal"] = self._portal_globals()
        # Every `| url` in our templates and Material's: %-encoded and HTML-escaped (MkDocs' own escapes nothing).
        env.filters["url"] = safe_url_filter
        # Compiling Material's templates costs more than rendering a small site; Jinja checks each cached
        # compilation against its template's source, so an edited template is compiled again.
        env.bytecode_cache = template_bytecode_cache(self.project_dir / self.config.template_cache)
        # A plain dict, as Jinja's own cache_size=-1 gives: its LRU cache takes a lock and moves the template in a
        # list at each of a page's ~30 template lookups (includes, imports), and a build's templates are few.
        env.cache = {}
        # Our partials/nav.html (tabs, footer) wraps Material's own, reachable as material/partials/nav.html.
        env.loader = ChoiceLoader([env.loader, PrefixLoader({"material": FileSystemLoader(str(MATERIAL_TEMPLATES))})])
        env.globals["cchc_layout"] = LayoutMemo()
        self.env = env
        return env

    def on_page_markdown(self, markdown: str, *, page, config, files) -> str:
        vars(page).pop("render", None)  # a stand-in of an earlier build (the preview keeps the nav's Page objects)
        generated = self.plan.pages.get(page.file.src_uri)
        if self.plan.last_change:
            page.update_date = self.plan.last_change.isoformat()
        if generated is None:
            return markdown
        page.meta.update(template=generated.template, title=generated.title)
        if generated.description:
            page.meta.setdefault("description", generated.description)
        page.update_date = self.update_date(generated) or page.update_date
        key = self.page_key(page.file.src_uri, generated)
        if key is not None and self.page_cache is not None:
            self.cache_keys[page.file.src_uri] = key
            # The page's own HTML only to compare it (verify); otherwise on_page_context reads it, if it is written.
            entry = self.page_cache.get(key, html=self.page_cache.verify)
            if entry is not None and self.page_cache.verify:
                self.cache_checks[page.file.src_uri] = entry
            elif entry is not None:
                # Neither Markdown nor the theme runs for this page: MkDocs writes the stored bytes.
                self.cache_hits[page.file.src_uri] = key
                if entry.get("article_html") is not None:
                    self.article_html[page.file.src_uri] = entry["article_html"]
                    text = entry.get("article_text")
                    self.article_text[page.file.src_uri] = (
                        text if isinstance(text, str) else strip_tags(entry["article_html"])
                    )
                page.meta["template"] = CACHED_TEMPLATE
                page.render = _render_without_markdown(page, entry.get("anchors") or [])
                return ""
        if not shortcuts_enabled():
            return generated.markdown
        if not generated.markdown.strip():
            page.render = _render_without_markdown(page, [])
        else:
            if self.markdown_pool is None:
                self.markdown_pool = MarkdownPool(config)
            page.render = self.markdown_pool.render_with(page)
        return generated.markdown

    def on_page_context(self, context, *, page, config, nav):
        self.warnings_before = self.warnings.count
        cached = self.cache_hits.get(page.file.src_uri)
        if page.file.src_uri in self.kept_srcs and cached is not None:
            context["cchc_cached_html"] = ""  # not written: see on_post_page
            return context
        if cached is not None and self.page_cache is not None:
            entry = self.page_cache.get(cached, count=False)
            if entry is None:  # removed since on_page_markdown read it (served entries are kept fresh: unlikely)
                raise PluginError(f"Bộ nhớ đệm trang: mục của {page.file.src_uri} vừa bị xóa; hãy dựng lại trang.")
            context["cchc_cached_html"] = entry["html"]
            return context
        generated = self.plan.pages.get(page.file.src_uri)
        if generated is not None:
            context.update(generated.context)
        meta = page_metadata(
            generated.context if generated else {},
            page.title or config.site_name,
            page.meta.get("description") or config.site_description,
            page.canonical_url,
            config.site_url,
            config.site_name,
            config.site_author,
        )
        context["social"] = meta
        if meta["type"] == "article":
            context["news_article_ld"] = news_article_ld(meta)
        self._activate_section(page, nav)
        return context

    def _activate_section(self, page, nav) -> None:
        """Pages outside the nav (articles, listings) light up the tab of their section while rendered."""
        section = urls.section_of(page.file.src_uri)
        owner = next((p for p in nav.pages if p.file.src_uri == section), None) if section else None
        if owner is not None and owner is not page and not owner.active:
            owner.active = True
            self.borrowed_tab = owner

    def on_post_page(self, output: str, *, page, config) -> str:
        if self.borrowed_tab is not None:
            self.borrowed_tab.active = False
            self.borrowed_tab = None
        if page.file.src_uri in self.kept_srcs and page.file.src_uri in self.cache_hits:
            return ""  # the live site holds this page as its key made it: MkDocs skips an empty page
        self._keep_page(page, output)
        if self.content_errors:
            output = insert_banner(output, banner_html(self.content_errors))
        return output

    def _keep_page(self, page, output: str) -> None:
        """Store a rendered page in the cache (or, with CCHC_CACHE_VERIFY=1, compare it with the stored one)."""
        src_uri = page.file.src_uri
        key = self.cache_keys.get(src_uri)
        if self.warnings.count != self.warnings_before:
            self.warned.add(src_uri)
        if key is None or self.page_cache is None or src_uri in self.cache_hits or src_uri in self.warned:
            return
        entry = {
            "html": output,
            "article_html": self.article_html.get(src_uri),
            "article_text": self.article_text.get(src_uri),
            "anchors": sorted(page.present_anchor_ids or []),
        }
        stored = self.cache_checks.get(src_uri)
        if stored is None:
            self.page_cache.put(key, entry)
        elif stored != entry:
            raise PluginError(
                f"CCHC_CACHE_VERIFY: trang {src_uri} trong bộ nhớ đệm khác với trang vừa dựng (khóa {key})"
            )

    def on_page_content(self, html: str, *, page, config, files) -> str:
        # Kept for the feeds, which carry each article's full HTML, and for the search.
        src_uri = page.file.src_uri
        if self.warnings.count != self.warnings_before:
            self.warned.add(src_uri)
        if src_uri in self.cache_hits:  # its clean article HTML came with the cache entry
            return html
        if src_uri.startswith("bai-viet/"):
            # Editors' HTML, cleaned once here: the page, the feeds and the search all use this copy.
            html = clean_html(html)
            self.article_html[src_uri] = html  # feeds carry plain <img>s of the JPEG versions
            self.article_text[src_uri] = strip_tags(html)
            return wrap_tables(body_pictures(html, self.photos_by_name))
        elif src_uri not in self.plan.pages or src_uri == urls.HOTLINES:
            self.page_html[src_uri] = (page.title, html)
        return wrap_tables(html)

    def on_template_context(self, context, *, template_name, config):
        # Theme pages without a Markdown source (404.html, sitemap.xml) get the same head, titled for what they are.
        context["social"] = page_metadata(
            {},
            "Không tìm thấy trang" if template_name == "404.html" else config.site_name,
            config.site_description,
            None,
            config.site_url,
            config.site_name,
            config.site_author,
        )
        return context

    def on_serve(self, server, *, config, builder):
        if self.swap is not None:  # `serve --clean` announces itself as a build
            self.swap.commit()
            config.site_dir = str(self.swap.site_dir)
            self.swap, self.is_serve = None, True
        server.watch(str(self.content_dir))
        if self.serve_command and self.page_cache is not None and not config.strict:
            # An editor's save re-renders the pages it changed, not the site (cchc/build/incremental.py).
            self.server_watches = [Path(p) for p in getattr(server, "_watched_paths", ())]
            added = [p for p in self.server_watches if p not in self.watched]
            self.watched += added
            self.sources.update(snapshot(added))
            server.builder = PreviewBuilder(self, builder)
        return server

    @event_priority(-100)  # after every other plugin has written its files
    def on_post_build(self, *, config) -> None:
        logging.getLogger("mkdocs").removeHandler(self.warnings)
        self._remove_kept_filter()
        if self.page_cache is not None:
            cache = self.page_cache
            log.debug(f"Bộ nhớ đệm trang: {cache.hits} trang có sẵn, {cache.misses} trang dựng mới")
            if not self.is_serve:
                cache.prune()
        self.built = True
        if self.is_serve and threading.active_count() > 1:
            # A serve rebuild (the server runs): the browser reloads as soon as the pages are written; the search
            # index, feeds, data files and /admin/ follow a few seconds later, in this thread.
            self.outputs_thread = threading.Thread(target=self._write_outputs_later, args=(config,), daemon=True)
            self.outputs_thread.start()
        else:
            self._write_outputs(config)

    def _write_outputs_later(self, config) -> None:
        """The preview's outputs, OUTPUTS_DELAY seconds after the pages: the browser loads the page without
        sharing the interpreter with them, and the next of quick saves stops them before they have cost anything."""
        self.outputs_wake.wait(OUTPUTS_DELAY)
        if not self.outputs_stop.is_set():
            self._write_outputs(config)

    def _write_outputs(self, config) -> None:
        written: set[str] = set()
        try:
            if self.page_cache is not None:
                self.page_cache.write_pending()
            if self.config.editor:
                self._install_editor(config)
            write_outputs(
                self.plan,
                self.content,
                self.article_html,
                self.article_text,
                self.page_html,
                Path(config.site_dir),
                config.site_url,
                self.config.feed_items,
                self.now,
                self._search_cache_dir() if shortcuts_enabled() else None,
                self.project_dir / self.config.feed_cache if self.config.feed_cache and shortcuts_enabled() else None,
                written=written,
                check=self._check_outputs_stop,
                swap=self.swap,
                processes=worker_count() if len(self.plan.articles) >= workers_from() else 1,
            )
            for rel in self.output_paths - written:  # the preview's folder is not cleaned: a feed gone, a search part
                remove_output(Path(config.site_dir) / rel, config.site_dir)
            self.output_paths = written
        except _OutputsStopped:
            self.output_paths |= written  # the newer build removes those it does not write
        except Exception as error:
            if self.outputs_thread is None:
                raise
            log.error(f"Không ghi được chỉ mục tìm kiếm, nguồn tin, dữ liệu của bản xem trước: {error!r}")

    def _check_outputs_stop(self) -> None:
        if self.outputs_stop.is_set():
            raise _OutputsStopped

    def finish_outputs(self, stop: bool = True) -> None:
        """serve: the outputs thread of the previous rebuild, stopped (a newer build writes them all again:
        the next save need not wait for them) unless `stop` is False, then joined."""
        if self.outputs_thread is not None:
            if stop:
                self.outputs_stop.set()
            self.outputs_wake.set()
            self.outputs_thread.join()
            self.outputs_thread = None
        self.outputs_stop.clear()
        self.outputs_wake.clear()

    def _install_editor(self, config) -> None:
        dist = next(
            (d for d in (self.project_dir / DECAP_DIST, CODE_DIR.parent / DECAP_DIST) if decap_files(d)),
            self.project_dir / DECAP_DIST,
        )
        settings = editor_config(self.content, self.now.date(), self.config.editor_backend, config.site_url)
        problem = install_admin(Path(config.site_dir), settings, dist, save_rules(self.content))
        if problem:
            # Not a build failure (strict builds included): the portal itself is complete.
            log.info(f"Lưu ý: {problem}")

    def _page_keys_by_path(self) -> dict[str, str]:
        """Each cached page's path in the site -> its key: the record of what made the site (cchc/site/sitedir.py)."""
        by_src = getattr(self, "files", None)
        if by_src is None:
            return {}
        return {by_src.src_uris[src].dest_uri: key for src, key in self.cache_keys.items() if src in by_src.src_uris}

    def on_build_error(self, *, error: Exception) -> None:
        # Also called for `--strict` warnings, which MkDocs counts only after on_post_build.
        self.build_failed = True
        self.built = False
        self._remove_kept_filter()

    def _remove_kept_filter(self) -> None:
        if self.kept_filter is not None:
            logging.getLogger("mkdocs.commands.build").removeFilter(self.kept_filter)
            self.kept_filter = None

    def on_shutdown(self) -> None:
        self.finish_outputs()
        if self.swap is not None:
            self.swap.abort() if self.build_failed else self.swap.commit(self._page_keys_by_path())
            # `mkdocs gh-deploy` publishes config.site_dir after on_shutdown: point it at the swapped-in site.
            self.mkdocs_config.site_dir = str(self.swap.site_dir)
            self.swap = None
        if self.collector_thresholds is not None:
            end_of_build(self.collector_thresholds, freeze=not self.serve_command)
            self.collector_thresholds = None
