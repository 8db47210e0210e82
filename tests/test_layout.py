"""The package's shape: imports run down the data flow and never in a circle.

Every import counts, including the late ones inside functions and those under
`TYPE_CHECKING`: a cycle hidden behind a late import is still a design cycle.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "extractor"

# Steps of the data flow, upstream first. A module may import only from its own
# step or one above it: reader → Doc → components → rows → tables → graph → report.
LAYERS = (
    ("extractor.about", "extractor.errors", "extractor.types", "extractor.ids", "extractor.children"),
    ("extractor.io",),
    ("extractor.components.extensions",),
    ("extractor.components.rules",),
    ("extractor.components",),
    ("extractor.registrations", "extractor.actors", "extractor.pipeline"),
    ("extractor.outputs",),
    ("extractor.processing",),
    ("extractor.graph",),
    ("extractor.report",),
    ("extractor.evaluation", "extractor.training"),
    ("extractor.run",),
    ("extractor.console", "extractor.cli", "extractor.docs", "extractor"),
)


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path: Path, modules: set[str]) -> set[str]:
    """The package's modules that `path` imports, anywhere in the file."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("extractor"):
            for alias in node.names:
                candidate = f"{node.module}.{alias.name}"
                found.add(candidate if candidate in modules else node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names if alias.name.startswith("extractor"))
    return found - {module_name(path)}


def import_graph() -> dict[str, set[str]]:
    paths = sorted(PACKAGE.rglob("*.py"))
    modules = {module_name(path) for path in paths}
    return {module_name(path): imports_of(path, modules) & modules for path in paths}


def layer_of(module: str) -> int:
    best, depth = -1, -1
    for index, prefixes in enumerate(LAYERS):
        for prefix in prefixes:
            matches = module == prefix or module.startswith(prefix + ".")
            if matches and len(prefix) > depth:
                best, depth = index, len(prefix)
    return best


def find_cycle(graph: dict[str, set[str]]) -> list[str]:
    """One import cycle as a list of modules, or [] when there is none."""
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str]:
        state[node] = 1
        stack.append(node)
        for target in sorted(graph.get(node, ())):
            if state.get(target) == 1:
                return stack[stack.index(target) :] + [target]
            if target not in state and (cycle := visit(target)):
                return cycle
        state[node] = 2
        stack.pop()
        return []

    for node in sorted(graph):
        if node not in state and (cycle := visit(node)):
            return cycle
    return []


def test_layout_has_no_import_cycle():
    assert find_cycle(import_graph()) == []


@pytest.mark.parametrize(
    "graph,expected",
    [
        ({"a": {"b"}, "b": {"a"}}, ["a", "b", "a"]),
        ({"a": {"b"}, "b": {"c"}, "c": set()}, []),
        ({"a": {"b"}, "b": {"c"}, "c": {"b"}}, ["b", "c", "b"]),
    ],
)
def test_layout_find_cycle(graph, expected):
    assert find_cycle(graph) == expected


def test_layout_every_module_has_a_step():
    assert [module for module in import_graph() if layer_of(module) < 0] == []


def test_layout_imports_run_down_the_data_flow():
    upstream = [
        f"{module} → {target}"
        for module, targets in import_graph().items()
        for target in sorted(targets)
        if layer_of(target) > layer_of(module)
    ]
    assert upstream == []
