"""The rules of the house: which package may import which, and what importing does.

`make check` runs import-linter on the code as it is; these tests show that its
contracts really fail when a rule is broken, on a copy of the code.
"""

import ast
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"
PACKAGES = ("bot", "adapters", "storage")


def lint_imports(tree: Path) -> subprocess.CompletedProcess[str]:
    """import-linter with the project's contracts, on the code in `tree`."""
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache"],
        cwd=tree,
        env={"PYTHONPATH": str(tree), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )


@pytest.fixture(scope="module")
def copy_of_the_code(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tree = tmp_path_factory.mktemp("house")
    for package in (*PACKAGES, "bench"):
        shutil.copytree(
            ROOT / package, tree / package, ignore=shutil.ignore_patterns("__pycache__")
        )
    shutil.copy(ROOT / "pyproject.toml", tree / "pyproject.toml")
    return tree


def breaking(tree: Path, module: str, line: str) -> Path:
    """`tree` with `line` added to the imports of `module` (a path below the tree)."""
    path = tree / module
    original = path.read_text(encoding="utf-8")
    path.write_text(f"{line}\n{original}", encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("module", "line", "contract"),
    [
        (
            "bot/intake/answers.py",
            "import storage.queries",
            "The rules of the intake, the cases and the follow-ups touch no database",
        ),
        (
            "bot/followups/rules.py",
            "from sqlalchemy.orm import Session",
            "The rules of the intake, the cases and the follow-ups touch no database",
        ),
        (
            "bot/cases/rules.py",
            "from bot.inbox import service",
            "Each package of the core stands on those below it",
        ),
        (
            "bot/privacy/erasure.py",
            "from bot.returndays import desk",
            "Each package of the core stands on those below it",
        ),
    ],
)
def test_a_broken_rule_breaks_its_contract(
    copy_of_the_code: Path, module: str, line: str, contract: str
) -> None:
    path = breaking(copy_of_the_code, module, line)
    original = path.read_text(encoding="utf-8").removeprefix(f"{line}\n")
    try:
        checked = lint_imports(copy_of_the_code)
    finally:
        path.write_text(original, encoding="utf-8")
    assert checked.returncode == 1, checked.stdout + checked.stderr
    assert f"{contract} BROKEN" in checked.stdout


def test_the_unbroken_copy_keeps_every_contract(copy_of_the_code: Path) -> None:
    checked = lint_imports(copy_of_the_code)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "0 broken" in checked.stdout


IMPORT_EVERYTHING = """
import ast, importlib, json, logging, os, pkgutil, sys
from pathlib import Path
# The libraries first: what they do on import (SQLAlchemy sets its own logger's level)
# is theirs. Then our modules, whose own doing is compared.
ours = set(sys.argv[1:])
for path in (path for package in ours for path in Path(package).rglob("*.py")):
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and not node.level:
            names = [node.module or ""]
        else:
            continue
        for name in names:
            if name.split(".")[0] not in ours:
                try:
                    importlib.import_module(name)
                except ImportError:
                    pass
before_env = dict(os.environ)
manager = logging.Logger.manager
def levels():
    return {name: getattr(logger, "level", None) for name, logger in manager.loggerDict.items()}
before_levels = levels()
names = []
for package in sys.argv[1:]:
    module = importlib.import_module(package)
    names.append(package)
    for found in pkgutil.walk_packages(module.__path__, package + "."):
        if found.name.endswith("__main__") or ".migrations" in found.name:
            continue  # a program to run, or Alembic's scripts
        importlib.import_module(found.name)
        names.append(found.name)
after = levels()
print(json.dumps({
    "modules": names,
    "environment": sorted(set(os.environ.items()) ^ set(before_env.items())),
    "levels": sorted(
        name for name, level in after.items()
        if level not in (None, logging.NOTSET) and before_levels.get(name) != level
    ),
}))
"""


def test_importing_any_module_changes_neither_the_environment_nor_a_log_level() -> None:
    done = subprocess.run(
        [sys.executable, "-c", IMPORT_EVERYTHING, *PACKAGES],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
        timeout=120,
    )
    found = json.loads(done.stdout)
    assert "adapters.telegram.adapter" in found["modules"]
    assert "bot.schedule.scheduler" in found["modules"]
    assert found["environment"] == []
    assert found["levels"] == []


def test_no_module_keeps_state_in_a_global() -> None:
    """Module-level state that functions rebind (`global x`) is shared by every instance
    of the bot in a process, and by tests: state belongs to an object."""
    rebinding = [
        f"{path.relative_to(ROOT)}:{node.lineno}"
        for package in PACKAGES
        for path in sorted((ROOT / package).rglob("*.py"))
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Global)
    ]
    assert rebinding == []


# Libraries the bot needs only once a resident says something: loaded then, so that a
# bot waiting for residents does without their memory (make bench, c. footprint).
LOADED_ON_FIRST_USE = ("babel", "phonenumbers", "email_validator", "snowballstemmer", "rapidfuzz")


def test_the_running_bot_loads_the_text_libraries_only_when_it_needs_them() -> None:
    probe = (
        "import sys, bot.app, adapters.telegram.adapter, adapters.matrix.adapter\n"
        f"print([name for name in {LOADED_ON_FIRST_USE!r} if name in sys.modules])"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert loaded.stdout.strip() == "[]"
