"""The modules of linter/ depend on each other one way: no import cycles, lazy imports and
type-only imports included, so the module map in ARCHITECTURE.md stays true."""

from __future__ import annotations

import ast
from pathlib import Path

from conftest import ROOT

PACKAGE = ROOT / "linter"


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(["medlint", *parts])


def imported(path: Path, modules: set[str]) -> set[str]:
    """Modules of the package that `path` imports anywhere in it."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                root = ".".join(base + ([node.module] if node.module else []))
            else:
                root = node.module or ""
            targets = [root] + [f"{root}.{alias.name}" for alias in node.names]
        else:
            continue
        for target in targets:
            target = target.replace("linter.", "medlint.", 1) if target.startswith(
                "linter.") else target
            while target and target not in modules:
                target = target.rpartition(".")[0]
            if target and target != name and not name.startswith(target + "."):
                found.add(target)
    return found


def graph() -> dict[str, set[str]]:
    paths = sorted(PACKAGE.rglob("*.py"))
    modules = {module_name(p) for p in paths}
    return {module_name(p): imported(p, modules) for p in paths}


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in edges.get(node, ()):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return groups


def test_the_cycle_finder_finds_a_cycle() -> None:
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_the_graph_sees_relative_and_lazy_imports() -> None:
    edges = graph()
    assert "medlint.engine" in edges["medlint.cli"] or "medlint.run" in edges["medlint.cli"]
    assert "medlint.document.model" in edges["medlint.document.sentences"]


def test_no_import_cycles_within_the_package() -> None:
    assert cycles(graph()) == []


def test_every_subpackage_is_packaged() -> None:
    """A folder of modules missing from pyproject's package list works in a development
    install and is absent from the wheel a user installs."""
    import re
    text = (ROOT / "pyproject.toml").read_text("utf-8")
    listed = set(re.findall(r'"(medlint(?:\.\w+)*)"', text.split("packages = [", 1)[1]
                            .split("]", 1)[0]))
    folders = {"medlint" + "".join(f".{part}" for part in init.parent.relative_to(PACKAGE).parts)
               for init in PACKAGE.rglob("__init__.py")}
    assert folders <= listed, sorted(folders - listed)
