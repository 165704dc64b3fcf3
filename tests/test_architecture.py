"""The layers' boundaries, checked rather than hoped for (issue #18, docs/architecture.md).

Three contracts are import-linter's (pyproject.toml, [tool.importlinter]); the
three it has no contract type for are checked here on grimp's graph of the
package, which counts the imports inside functions too.
"""
from __future__ import annotations

import ast
from pathlib import Path

import grimp
import importlinter.api  # noqa: F401 (sets import-linter up; its command line would also reconfigure logging)
import pytest
from importlinter.application.use_cases import lint_imports

ROOT = Path(__file__).resolve().parent.parent

@pytest.fixture(scope="module")
def graph() -> grimp.ImportGraph:
    return grimp.build_graph("facilitator", cache_dir=None)


@pytest.mark.parametrize("contract", ["domain-without-web", "core-knows-no-kind", "kinds-below-the-whole-event"])
def test_the_import_linter_contract_is_kept(contract, capsys):
    kept = lint_imports(str(ROOT / "pyproject.toml"), limit_to_contracts=(contract,), cache_dir=None, no_logo=True)
    assert kept, capsys.readouterr().out


def _kind(module: str) -> str | None:
    parts = module.split(".")
    return parts[2] if len(parts) > 2 and parts[1] == "activities" and parts[2] != "registry" else None


def test_a_kind_uses_another_only_through_what_its_package_declares(graph):
    # Each kind's __init__.py re-exports what it makes public; registry.py alone names every kind's modules.
    wrong = [
        f"{importer} imports {imported} (import facilitator.activities.{_kind(imported)} instead)"
        for importer in sorted(graph.find_descendants("facilitator.activities"))
        if _kind(importer)
        for imported in sorted(graph.find_modules_directly_imported_by(importer))
        if _kind(imported) not in (None, _kind(importer)) and imported != f"facilitator.activities.{_kind(imported)}"
    ]
    assert not wrong, "\n".join(wrong)


def test_no_module_comes_back_to_itself_through_its_imports(graph):
    cycles: dict[frozenset, str] = {}
    for importer in sorted(graph.modules):
        for imported in sorted(graph.find_modules_directly_imported_by(importer)):
            back = graph.find_shortest_chain(importer=imported, imported=importer)
            if back:
                cycles.setdefault(frozenset(back), " -> ".join((importer, *back)))
    assert not cycles, "Import cycles:\n" + "\n".join(sorted(cycles.values()))


def _explained(lines: list[str], lineno: int) -> bool:
    """A comment on the import's line, or above the run of imports (and blank lines) it is part of."""
    above = lineno - 1
    while above > 0 and (not lines[above - 1].strip() or lines[above - 1].lstrip().startswith(("import ", "from "))):
        above -= 1
    return "#" in lines[lineno - 1] or (above > 0 and lines[above - 1].lstrip().startswith("#"))


def test_an_import_inside_a_function_says_why():
    unexplained = set()
    for path in sorted((ROOT / "facilitator").rglob("*.py")):
        lines = path.read_text(encoding="utf-8").splitlines()
        for function in ast.walk(ast.parse("\n".join(lines))):
            if isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)):
                unexplained |= {
                    f"{path.relative_to(ROOT)}:{node.lineno}: {lines[node.lineno - 1].strip()}"
                    for node in ast.walk(function)
                    if isinstance(node, (ast.Import, ast.ImportFrom)) and not _explained(lines, node.lineno)
                }
    assert not unexplained, "Imports inside functions without a comment saying why:\n" + "\n".join(sorted(unexplained))
