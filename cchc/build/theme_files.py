"""Material's static files the portal never loads, kept out of the published site.

The portal replaces Material's JavaScript bundle (assets/ui.js) and its lunr search (assets/search.js) and uses no
colour palette, so these files would only be copied at every build and uploaded: about 3.5 MB of 15 in the demo.
"""

from __future__ import annotations

import re
from pathlib import Path

from mkdocs.structure.files import Files

UNUSED = re.compile(r"assets/javascripts/.*|assets/stylesheets/(?:palette\..*|.*\.map)")


def drop_unused_theme_files(files: Files, theme_dir: Path) -> Files:
    """Remove Material's unused files (only files from `theme_dir`: an editor's or a docs/ file stays)."""
    for file in list(files):
        if UNUSED.fullmatch(file.src_uri) and file.abs_src_path and Path(file.abs_src_path).is_relative_to(theme_dir):
            files.remove(file)
    return files
