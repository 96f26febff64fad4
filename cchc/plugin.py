"""The MkDocs plugin: a thin door from MkDocs' build events onto the pipeline's functions."""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files

from cchc.content.loader import load_content
from cchc.images import cached_file, render_all
from cchc.outputs.fold_js import fold_js
from cchc.outputs.search import VERSION as SEARCH_VERSION
from cchc.outputs.write import write_outputs
from cchc.site import urls
from cchc.site.metadata import news_article_ld, page_metadata
from cchc.site.pages import DEFAULT_PER_PAGE, SitePlan, plan_site
from cchc.site.pictures import body_pictures
from cchc.site.sitedir import SiteSwap
from cchc.timeutil import now_vn

log = logging.getLogger("mkdocs.plugins.cchc")


class CchcConfig(Config):
    content_dir = opt.Type(str, default="content")
    """Where editors write: units.yml, categories.yml, articles/, procedures/, plans/."""
    per_page = opt.Type(int, default=DEFAULT_PER_PAGE)
    """Articles per listing page."""
    feed_items = opt.Type(int, default=20)
    """Newest items in each feed."""
    image_cache = opt.Type(str, default=".cache/images")
    """Where resized photos are kept between builds (relative to mkdocs.yml), so unchanged ones are not re-encoded."""


class CchcPlugin(BasePlugin[CchcConfig]):
    def __init__(self):
        self.is_serve = False
        self.plan: SitePlan | None = None
        self.swap: SiteSwap | None = None
        self.build_failed = False
        self.borrowed_tab = None

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.is_serve = command == "serve"

    def on_config(self, config):
        self.project_dir = Path(config.config_file_path or ".").parent
        self.content_dir = self.project_dir / self.config.content_dir
        self.content = self._load_content()
        self.now = now_vn()
        self.plan = plan_site(
            self.content,
            self.now,
            preview=self.is_serve,
            per_page=self.config.per_page,
            site_name=config.site_name,
        )
        self.article_html: dict[str, str] = {}
        self.page_html: dict[str, tuple[str, str]] = {}
        if not self.is_serve:
            # Build beside site_dir and swap at the end, so a failed build leaves the old site.
            self.swap = SiteSwap(Path(config.site_dir))
            config.site_dir = str(self.swap.begin())
        return config

    def _load_content(self):
        content, problems = load_content(self.content_dir)
        for problem in problems.sorted():
            if problem.severity == "advice":  # e.g. a photo smaller than it should be: publish anyway
                log.info(str(problem))
            elif problem.severity != "error":
                log.warning(str(problem))
        if problems.errors:
            lines = "\n".join(str(p) for p in problems.sorted() if p.severity == "error")
            raise PluginError(f"Nội dung có {len(problems.errors)} lỗi, trang chưa được tạo:\n{lines}")
        return content

    def on_files(self, files: Files, *, config) -> Files:
        for src_uri, page in self.plan.pages.items():
            files.append(File.generated(config, src_uri, content=page.markdown))
        for src_uri, path in self.plan.media.items():
            files.append(File.generated(config, src_uri, abs_src_path=str(path)))
        files.append(File.generated(config, "assets/fold.js", content=fold_js(SEARCH_VERSION)))
        for src_uri, path in self._render_photos().items():
            files.append(File.generated(config, src_uri, abs_src_path=str(path)))
        return files

    def _render_photos(self) -> dict[str, Path]:
        """Encode the photos' versions missing from the cache; src_uri -> cached file to publish."""
        cache = self.project_dir / self.config.image_cache
        sets = list(self.plan.photos.values())
        encoded = render_all(sets, cache)
        if encoded:
            log.info(f"Ảnh: đã tạo {encoded} phiên bản mới cho {len(sets)} ảnh")
        self.photos_by_name = {images.fallback.src_uri.rsplit("/", 1)[-1]: images for images in sets}
        return {v.src_uri: cached_file(images, v, cache) for images in sets for v in images.variants}

    def on_env(self, env, *, config, files):
        env.globals["portal"] = {"hotlines": self.content.hotlines, "feed": urls.news_feed()}
        return env

    def on_page_markdown(self, markdown: str, *, page, config, files) -> str:
        generated = self.plan.pages.get(page.file.src_uri)
        if self.plan.last_change:
            page.update_date = self.plan.last_change.isoformat()
        if generated is None:
            return markdown
        page.meta.update(template=generated.template, title=generated.title)
        if generated.description:
            page.meta.setdefault("description", generated.description)
        if generated.updated:
            page.update_date = generated.updated.isoformat()
        return generated.markdown

    def on_page_context(self, context, *, page, config, nav):
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
        return output

    def on_page_content(self, html: str, *, page, config, files) -> str:
        # Kept for the feeds, which carry each article's full HTML, and for the search.
        src_uri = page.file.src_uri
        if src_uri.startswith("bai-viet/"):
            self.article_html[src_uri] = html  # feeds carry plain <img>s of the JPEG versions
            return body_pictures(html, self.photos_by_name)
        elif src_uri not in self.plan.pages or src_uri == urls.HOTLINES:
            self.page_html[src_uri] = (page.title, html)
        return html

    def on_template_context(self, context, *, template_name, config):
        # Theme pages without a Markdown source (404.html) get the same head.
        context["social"] = page_metadata(
            {},
            "Không tìm thấy trang",
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
            self.swap, self.is_serve = None, True
        server.watch(str(self.content_dir))
        return server

    @event_priority(-100)  # after every other plugin has written its files
    def on_post_build(self, *, config) -> None:
        write_outputs(
            self.plan,
            self.content,
            self.article_html,
            self.page_html,
            Path(config.site_dir),
            config.site_url,
            self.config.feed_items,
            self.now,
        )

    def on_build_error(self, *, error: Exception) -> None:
        # Also called for `--strict` warnings, which MkDocs counts only after on_post_build.
        self.build_failed = True

    def on_shutdown(self) -> None:
        if self.swap is not None:
            self.swap.abort() if self.build_failed else self.swap.commit()
            self.swap = None
