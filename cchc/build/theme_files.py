"""Material's static files: the ones the portal never loads kept out of the published site, and the theme's
listing made without walking its 14,000 icons.

The portal replaces Material's JavaScript bundle (assets/ui.js) and its lunr search (assets/search.js) and uses no
colour palette, so these files would only be copied at every build and uploaded: about 3.5 MB of 15 in the demo.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from jinja2 import Environment, FileSystemLoader
from mkdocs.structure.files import Files
from mkdocs.theme import Theme

UNUSED = re.compile(r"assets/javascripts/.*|assets/stylesheets/(?:palette\..*|.*\.map)")


def drop_unused_theme_files(files: Files, theme_dir: Path) -> Files:
    """Remove Material's unused files (only files from `theme_dir`: an editor's or a docs/ file stays)."""
    for file in list(files):
        if UNUSED.fullmatch(file.src_uri) and file.abs_src_path and Path(file.abs_src_path).is_relative_to(theme_dir):
            files.remove(file)
    return files


def list_without_hidden_folders(loader: FileSystemLoader) -> list[str]:
    """What `loader.list_templates()` lists, less what lies in a folder whose name starts with a dot.

    MkDocs lists every theme file at each build to copy the static ones, and drops whatever has a part starting
    with a dot ('.*', '*/.*'): Material's `.icons/` (14,500 SVG files, used through the loader by name) was walked
    and matched against its patterns one by one: 0.08 s of every build and preview rebuild (0.003 s now).
    """
    found = set()
    for root in loader.searchpath:
        for folder, subfolders, names in os.walk(root, followlinks=loader.followlinks):
            subfolders[:] = [name for name in subfolders if not name.startswith(".")]
            inside = os.path.relpath(folder, root)
            for name in names:
                found.add(name if inside == "." else f"{inside}/{name}".replace(os.sep, "/"))
    return sorted(found)


def skip_hidden_theme_folders(theme: Theme) -> None:
    """Make the environments `theme` gives (MkDocs asks for one per build) list their files that way."""
    get_env = theme.get_env
    if getattr(get_env, "skips_hidden_folders", False):
        return

    def env_skipping_hidden_folders() -> Environment:
        env = get_env()
        loader = env.loader
        if type(loader) is FileSystemLoader:  # what MkDocs makes; anything else is left as it is
            loader.list_templates = lambda: list_without_hidden_folders(loader)  # type: ignore[method-assign]
        return env

    env_skipping_hidden_folders.skips_hidden_folders = True  # type: ignore[attr-defined]
    theme.get_env = env_skipping_hidden_folders  # type: ignore[method-assign]
