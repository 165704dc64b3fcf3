"""What the system tests share: the benchmark script, loaded as a module."""
from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def bench_script(name: str, path: str):
    """A script under `bench/`, loaded as a module of its own (the scripts are not a package)."""
    spec = importlib.util.spec_from_file_location(name, ROOT / "bench" / path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def bench():
    """`bench/run.py` as a module, one for each test module (a test may patch it)."""
    return bench_script("bench_run", "run.py")
