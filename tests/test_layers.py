"""One-way layers: content -> site plan -> outputs; the planner knows nothing of MkDocs."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from conftest import REPO

FORBIDDEN = {
    "content": ("cchc.site", "cchc.outputs", "cchc.reports", "cchc.plugin", "cchc.commands", "mkdocs"),
    "site": ("cchc.outputs", "cchc.plugin", "cchc.commands", "mkdocs"),
    "outputs": ("cchc.plugin", "cchc.commands"),
    "build": ("cchc.plugin", "cchc.commands"),
    "reports": ("cchc.site", "cchc.outputs", "cchc.plugin", "mkdocs"),
}


def imports(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return found


@pytest.mark.parametrize("layer", FORBIDDEN)
def test_layer_imports_only_layers_below(layer):
    wrong = [
        f"{path.relative_to(REPO)} imports {name}"
        for path in sorted((REPO / "cchc" / layer).glob("*.py"))
        for name in sorted(imports(path))
        if name.startswith(FORBIDDEN[layer])
    ]
    assert wrong == []
