"""Reads the engine's import graph from source (every import, including those inside functions)."""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

STAGES = {
    "core": 0,
    "records": 1,
    "model": 2,
    "quality": 3,
    "importers": 4,
    "outputs": 4,
    "pipeline": 5,
    "revisions": 5,
    "cli": 6,
    "": 7,  # the package's own __init__: the public API
}
"""Each stage may import only from stages with a smaller number (and from itself)."""


@dataclass(frozen=True)
class Import:
    source: str
    target: str
    line: int
    type_checking: bool


def module_name(root: Path, file: Path, package: str) -> str:
    parts = list(file.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join([package, *parts])


def read_imports(root: Path, package: str) -> tuple[set[str], list[Import]]:
    """Every module of the package under ``root`` and every import between them."""
    files = sorted(root.rglob("*.py"))
    modules = {module_name(root, f, package) for f in files}
    found: list[Import] = []
    for file in files:
        source = module_name(root, file, package)
        is_package = file.name == "__init__.py"
        tree = ast.parse(file.read_text(encoding="utf-8"))
        guarded = _type_checking_lines(tree)
        for node in ast.walk(tree):
            for target in _targets(node, source, is_package, package, modules):
                found.append(Import(source, target, node.lineno, node.lineno in guarded))
    return modules, found


def _type_checking_lines(tree: ast.Module) -> set[int]:
    lines: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            for child in node.body:
                lines.update(range(child.lineno, (child.end_lineno or child.lineno) + 1))
    return lines


def _targets(
    node: ast.AST, source: str, is_package: bool, package: str, modules: set[str]
) -> list[str]:
    if isinstance(node, ast.Import):
        names = [alias.name for alias in node.names]
        return [_known(name, modules) for name in names if name.split(".")[0] == package]
    if not isinstance(node, ast.ImportFrom):
        return []
    if node.level:
        base = source.split(".") if is_package else source.split(".")[:-1]
        base = base[: len(base) - (node.level - 1)]
        stem = ".".join([*base, *([node.module] if node.module else [])])
    elif node.module and node.module.split(".")[0] == package:
        stem = node.module
    else:
        return []
    targets = []
    for alias in node.names:
        submodule = f"{stem}.{alias.name}"
        targets.append(submodule if submodule in modules else _known(stem, modules))
    return targets


def _known(name: str, modules: set[str]) -> str:
    while name not in modules and "." in name:
        name = name.rsplit(".", 1)[0]
    return name


def stage_of(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def layering_violations(imports: list[Import]) -> list[str]:
    """Imports that point from an earlier stage to a later one, or across sibling stages."""
    wrong = []
    for found in imports:
        source, target = stage_of(found.source), stage_of(found.target)
        if source == target:
            continue
        if STAGES[target] >= STAGES[source]:
            wrong.append(f"{found.source}:{found.line} imports {found.target}")
    return wrong


def cycles(modules: set[str], imports: list[Import]) -> list[list[str]]:
    """Import cycles between modules (imports under TYPE_CHECKING do not run, so do not count).

    A package's ``__init__`` importing its own submodules is not a cycle: Python runs it first.
    """
    graph: dict[str, set[str]] = {m: set() for m in modules}
    for found in imports:
        if found.type_checking or found.source == found.target:
            continue
        if found.target.startswith(found.source + "."):
            continue
        graph[found.source].add(found.target)
    found_cycles: list[list[str]] = []
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(module: str) -> None:
        state[module] = 1
        stack.append(module)
        for nxt in sorted(graph[module]):
            if state.get(nxt) == 1:
                found_cycles.append([*stack[stack.index(nxt) :], nxt])
            elif nxt not in state:
                visit(nxt)
        stack.pop()
        state[module] = 2

    for module in sorted(graph):
        if module not in state:
            visit(module)
    return found_cycles
