"""The installed `initiatiefbot` program, run as a person or an admin would."""

import os
import subprocess
import sys
from datetime import datetime
from pathlib import Path

from tests.conftest import EXAMPLE_CONFIG

PROGRAM = str(Path(sys.executable).parent / "initiatiefbot")
INTAKE = [
    "ja",
    "Bankje bij de haven",
    "Een bankje bij de haven, zodat ouderen even kunnen uitrusten.",
    "1",
    "1",
    "1, 3",
    "Anna de Vries",
    "nee",
    "nee",
    "06-12345678",
    "ja",
]


def run(
    args: list[str],
    cwd: Path,
    database_url: str | None,
    lines: list[str] | None = None,
    clock: datetime | None = None,
) -> subprocess.CompletedProcess[str]:
    """Run the program; with `clock` its clock starts at that moment (the test clock)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("INITIATIEFBOT_")}
    if database_url:
        env["INITIATIEFBOT_DATABASE_URL"] = database_url
    if clock:
        env["INITIATIEFBOT_TEST_CLOCK"] = clock.isoformat()
    return subprocess.run(
        [PROGRAM, *args],
        input="".join(f"{line}\n" for line in lines or []),
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        timeout=60,
        check=False,
    )


def chat(
    cwd: Path, database_url: str | None, lines: list[str], *seat: str, clock: datetime | None = None
) -> str:
    """A chat session; `seat` adds e.g. "--as", "console:anna", "--chat", "team-west"."""
    args = ["chat", "--config", str(EXAMPLE_CONFIG), *seat]
    done = run(args, cwd, database_url, lines, clock)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    return done.stdout


def export(cwd: Path, database_url: str | None, form: str = "json") -> str:
    done = run(["export", "--format", form, "--config", str(EXAMPLE_CONFIG)], cwd, database_url)
    assert done.returncode == 0, done.stderr
    return done.stdout
