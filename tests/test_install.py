"""`pip install .` alone (no requirements file) gives working `python -m cchc` commands and `mkdocs build`."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest
from conftest import REPO

pytestmark = pytest.mark.slow


def test_pip_install_dot_in_a_fresh_virtualenv(tmp_path):
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = str(venv / "bin/python")
    # A copy, so setuptools' build/ folder never lands in the working tree.
    source = tmp_path / "source"
    shutil.copytree(REPO, source, ignore=shutil.ignore_patterns(".*", "site*", "node_modules", "build", "*.egg-info"))
    install = subprocess.run(
        [python, "-m", "pip", "install", "--quiet", str(source)], capture_output=True, text=True, cwd=tmp_path
    )
    assert install.returncode == 0, install.stderr[-3000:]
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    check = subprocess.run([python, "-m", "cchc", "check"], cwd=REPO, capture_output=True, text=True, env=env)
    assert check.returncode == 0, check.stderr
    # The demo holds a scheduled article: check notes it ("lưu ý: bài hẹn giờ ..."), and nothing else.
    assert all(": lưu ý: " in line for line in check.stdout.splitlines()), check.stdout
    site = tmp_path / "site"
    build = subprocess.run(
        [python, "-m", "mkdocs", "build", "--strict", "-d", str(site)],
        cwd=REPO,
        capture_output=True,
        text=True,
        env=env,
    )
    assert build.returncode == 0, build.stderr
    assert (site / "index.html").exists() and (site / "feeds/tin-tuc/atom.xml").exists()
    tally = subprocess.run([python, "-m", "cchc", "tally", "2024"], cwd=REPO, capture_output=True, text=True, env=env)
    assert tally.returncode == 0 and "Tổng cộng" in tally.stdout, tally.stderr
