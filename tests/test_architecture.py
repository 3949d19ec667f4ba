"""The engine's shape: stages import one way, no cycles, no MkDocs, registries complete."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import livesurvey
from livesurvey.model.comparisons import COLUMNS
from livesurvey.outputs.comparison_cells import CELLS

from .architecture import cycles, layering_violations, read_imports
from .conftest import write_tree

ENGINE = Path(livesurvey.__file__).parent


def test_stages_import_only_from_earlier_stages() -> None:
    modules, imports = read_imports(ENGINE, "livesurvey")
    assert "livesurvey.outputs.rendering" in modules and len(imports) > 50
    assert layering_violations(imports) == []


def test_no_import_cycles_even_inside_functions() -> None:
    modules, imports = read_imports(ENGINE, "livesurvey")
    assert cycles(modules, imports) == []


def test_the_checks_catch_a_wrong_way_import_and_a_cycle(tmp_path: Path) -> None:
    package = tmp_path / "engine"
    files = {
        "__init__.py": "",
        "core/__init__.py": "",
        "core/text.py": "def f():\n    from ..outputs import pages\n",
        "outputs/__init__.py": "",
        "outputs/pages.py": "from ..core import text\nfrom . import cells, links\n",
        "outputs/links.py": "from .pages import x\n",
        "outputs/cells.py": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from .pages import x\n",
    }
    for name, text in files.items():
        (package / name).parent.mkdir(parents=True, exist_ok=True)
        (package / name).write_text(textwrap.dedent(text))
    modules, imports = read_imports(package, "engine")
    assert layering_violations(imports) == ["engine.core.text:2 imports engine.outputs.pages"]
    found = cycles(modules, imports)
    assert ["engine.core.text", "engine.outputs.pages", "engine.core.text"] in found
    assert ["engine.outputs.pages", "engine.outputs.links", "engine.outputs.pages"] in found
    assert not [cycle for cycle in found if "engine.outputs.cells" in cycle]  # TYPE_CHECKING only


def test_engine_modules_do_not_import_mkdocs() -> None:
    modules, _ = read_imports(ENGINE, "livesurvey")
    code = (
        "import importlib, sys\n"
        f"for name in {sorted(modules)!r}: importlib.import_module(name)\n"
        "print(sorted(m for m in sys.modules if m == 'mkdocs' or m.startswith('mkdocs.')))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


def test_the_package_exports_what_it_lists_and_check_runs_without_the_renderer(
    tmp_path: Path,
) -> None:
    for name in livesurvey.__all__:
        assert getattr(livesurvey, name) is not None, name
    assert set(livesurvey.__all__) <= set(dir(livesurvey))
    data = write_tree(tmp_path / "survey_data")
    code = (
        "import sys\n"
        "from livesurvey.cli import main\n"
        f"status = main(['--data', {str(data)!r}, 'check'])\n"
        "heavy = ['livesurvey.outputs.rendering', 'jinja2', 'markdown', 'matplotlib',"
        " 'livesurvey.importers.bibtex']\n"
        "print(status, sorted(m for m in heavy if m in sys.modules))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip().splitlines()[-1] == "0 []"  # loaded by the commands using them


def test_every_comparison_column_has_a_cell() -> None:
    for rows, columns in COLUMNS.items():
        assert sorted(CELLS[rows]) == sorted(columns), rows
