"""Count the lines of `facilitator/` (outside its migrations) and `participant_ui/` (outside vendor/)
at some commits, as physical lines and as lines of code the way cloc counts them (not blank, not a
comment, and for Python not a docstring), with the largest modules and functions of the last one.

    .venv/bin/python docs/lines_of_code.py 8f3b4cc f45d2fd HEAD
"""
from __future__ import annotations

import ast
import io
import re
import subprocess
import sys
import tokenize

SKIPPED_TOKENS = {tokenize.COMMENT, tokenize.NL, tokenize.NEWLINE, tokenize.INDENT, tokenize.DEDENT,
                  tokenize.ENDMARKER, tokenize.ENCODING}


def python_code_lines(source: str) -> int:
    docstrings: set[int] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str):
            docstrings.update(range(node.lineno, node.end_lineno + 1))
    code: set[int] = set()
    for tok in tokenize.generate_tokens(io.StringIO(source).readline):
        if tok.type not in SKIPPED_TOKENS:
            code.update(n for n in range(tok.start[0], tok.end[0] + 1) if n not in docstrings)
    return len(code)


def js_code_lines(source: str) -> int:
    source = re.sub(r"/\*.*?\*/", lambda m: "\n" * m.group(0).count("\n"), source, flags=re.S)
    return sum(1 for line in source.split("\n") if line.strip() and not line.strip().startswith("//"))


def files(commit: str, folder: str, suffixes: tuple[str, ...], skip: str) -> dict[str, str]:
    names = subprocess.run(["git", "ls-tree", "-r", "--name-only", commit, folder], capture_output=True, text=True,
                           check=True).stdout.split()
    return {name: subprocess.run(["git", "show", f"{commit}:{name}"], capture_output=True, text=True, check=True).stdout
            for name in names if name.endswith(suffixes) and skip not in name}


def main(commits: list[str]) -> None:
    print(f"{'commit':<10} {'facilitator/ lines':>19} {'of code':>8} {'participant_ui/ lines':>22} {'of code':>8}")
    for commit in commits:
        py = files(commit, "facilitator", (".py",), "/migrations/")
        ui = files(commit, "participant_ui", (".js", ".css"), "/vendor/")
        print(f"{commit:<10} {sum(s.count(chr(10)) for s in py.values()):>19,} "
              f"{sum(python_code_lines(s) for s in py.values()):>8,} "
              f"{sum(s.count(chr(10)) for s in ui.values()):>22,} {sum(js_code_lines(s) for s in ui.values()):>8,}")
    last = files(commits[-1], "facilitator", (".py",), "/migrations/")
    print("\nlargest modules:", ", ".join(f"{n.removeprefix('facilitator/')} ({s.count(chr(10))})"
                                          for n, s in sorted(last.items(), key=lambda i: -i[1].count("\n"))[:5]))
    functions = [(node.end_lineno - node.lineno + 1, f"{n.removeprefix('facilitator/')}:{node.name}")
                 for n, s in last.items() for node in ast.walk(ast.parse(s))
                 if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))]
    print("largest functions:", ", ".join(f"{name} ({size})" for size, name in sorted(functions, reverse=True)[:5]))


if __name__ == "__main__":
    main(sys.argv[1:] or ["HEAD"])
