"""The engine never imports MkDocs: the site could move to another generator."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import livesurvey


def test_engine_modules_do_not_import_mkdocs() -> None:
    modules = [f"livesurvey.{m.name}" for m in pkgutil.iter_modules(livesurvey.__path__)]
    assert "livesurvey.render" in modules
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}: importlib.import_module(name)\n"
        "print(sorted(m for m in sys.modules if m == 'mkdocs' or m.startswith('mkdocs.')))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"
