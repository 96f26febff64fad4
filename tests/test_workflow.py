"""The publishing workflow (.github/workflows/publish.yml): hourly, the whole suite only when code changed, and the
build cache carried between runs. Its shell step that tells content from code runs here against a scratch repository."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import yaml
from conftest import REPO, git

WORKFLOW = REPO / ".github/workflows/publish.yml"


def steps() -> list[dict]:
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))["jobs"]["build"]["steps"]


def commit(repo: Path, files: dict[str, str]) -> str:
    for rel, text in files.items():
        (repo / rel).parent.mkdir(parents=True, exist_ok=True)
        (repo / rel).write_text(text, encoding="utf-8")
    git(repo, "add", "-A")
    git(repo, "-c", "user.name=T", "-c", "user.email=t@example.vn", "commit", "-qm", "x")
    return git(repo, "rev-parse", "HEAD").strip()


def code_changed(repo: Path, event: str, before: str = "", pr_base: str = "") -> str:
    """Run the workflow's "changes" step as Actions would (bash -e), and read what it told the next steps."""
    script = next(s["run"] for s in steps() if s.get("id") == "changes")
    output = repo / "github-output"
    output.write_text("", encoding="utf-8")
    env = dict(os.environ, EVENT=event, BEFORE=before, PR_BASE=pr_base, GITHUB_OUTPUT=str(output))
    subprocess.run(["bash", "-e", "-c", script], cwd=repo, env=env, check=True)
    return output.read_text(encoding="utf-8").strip()


def test_the_suite_runs_only_when_code_changed(tmp_path):
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    first = commit(repo, {"content/articles/2024/a.md": "a", "cchc/x.py": "x = 1\n"})
    article_only = commit(repo, {"content/articles/2024/a.md": "b"})
    assert code_changed(repo, "push", before=first) == "code=false"
    assert code_changed(repo, "pull_request", pr_base=first) == "code=false"
    commit(repo, {"cchc/x.py": "x = 2\n", "content/articles/2024/a.md": "c"})
    assert code_changed(repo, "push", before=article_only) == "code=true"
    assert code_changed(repo, "schedule") == "code=false"  # the hourly rebuild: check and build only
    assert code_changed(repo, "push", before="0" * 40) == "code=true"  # a first push: nothing to compare with
    assert code_changed(repo, "workflow_dispatch") == "code=true"
    suite = next(s for s in steps() if s.get("run") == "bash .ci/run")
    assert suite["if"] == "steps.changes.outputs.code == 'true'"


def test_it_runs_every_hour_and_keeps_the_build_cache():
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    triggers = workflow[True]  # YAML 1.1 reads the key "on" as true
    assert [entry["cron"] for entry in triggers["schedule"]] == ["7 * * * *"]
    cache = next(s for s in steps() if s.get("uses", "").startswith("actions/cache@"))
    assert cache["with"]["path"] == ".cache" and cache["with"]["restore-keys"] == "cchc-cache-"
    names = [s.get("uses") or s.get("name") for s in steps()]
    assert names.index(cache["uses"]) < names.index("Dựng trang")  # restored before the build uses it
