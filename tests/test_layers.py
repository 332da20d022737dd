"""The package's layers import one way: a lower layer never imports a higher one, and no
module imports itself round a cycle. Read from the source (an AST walk), so an import
inside a function or under `TYPE_CHECKING` counts as much as one at the top."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "scripts" / "sluss"
# Lowest first. A module may import its own layer and any layer before it.
LAYERS = ("core", "content", "site", "outputs", "build", "commands", "cli")


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def layer_of(module: str) -> str:
    return module.split(".")[1] if "." in module else "sluss"


def imports_of(path: Path) -> set[str]:
    """The sluss modules a file imports (`from sluss.x import y` counts sluss.x.y when
    that is a module of its own)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.split(".")[0] == "sluss"}
        elif isinstance(node, ast.ImportFrom):
            assert node.level == 0, f"{path}: relative import (write sluss.layer.module)"
            if node.module and node.module.split(".")[0] == "sluss":
                found.add(node.module)
                for alias in node.names:
                    candidate = f"{node.module}.{alias.name}"
                    if candidate in MODULES:
                        found.add(candidate)
    return found


MODULES = {module_name(p): p for p in PACKAGE.rglob("*.py")}
GRAPH = {name: imports_of(path) - {name} for name, path in MODULES.items()}


def test_every_module_is_in_a_layer() -> None:
    loose = [m for m in MODULES if layer_of(m) not in (*LAYERS, "sluss")]
    assert not loose, f"modules outside the layers {LAYERS}: {loose}"


@pytest.mark.parametrize("module", sorted(MODULES))
def test_imports_go_down_the_layers(module: str) -> None:
    here = layer_of(module)
    if here == "sluss":
        return  # the package's own __init__ imports nothing
    rank = LAYERS.index(here)
    upward = [
        m
        for m in sorted(GRAPH[module])
        if layer_of(m) in LAYERS and LAYERS.index(layer_of(m)) > rank
    ]
    assert not upward, f"{module} ({here}) imports a higher layer: {upward}"


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """A cycle of the import graph, as a list of modules, or None."""
    state: dict[str, int] = {}  # 1 on the path, 2 done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return [*path[path.index(nxt) :], nxt]
            if nxt not in state and (cycle := visit(nxt)):
                return cycle
        path.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (cycle := visit(node)):
            return cycle
    return None


def test_no_import_cycle() -> None:
    assert find_cycle(GRAPH) is None, " → ".join(find_cycle(GRAPH) or [])


def test_the_checks_catch_what_they_look_for() -> None:
    """Canary: the walk finds the imports this suite relies on, and the cycle finder
    reports a cycle when there is one."""
    assert "sluss.core.model" in GRAPH["sluss.content.check"]
    assert "sluss.site.portal" in GRAPH["sluss.outputs.pages"]
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None
