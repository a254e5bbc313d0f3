"""`initiatiefbot erase REF` through the real program: the initiative's personal data
goes, the deletion log counts it, and a second try is refused."""

from datetime import datetime
from pathlib import Path

from bot.cases.timerules import time_rules
from bot.config.settings import Config
from tests.adapters.console.program import INTAKE, chat, export, run
from tests.clocks import a_quiet_week
from tests.conftest import EXAMPLE_CONFIG


def erase(cwd: Path, store: str | None, reference: str, clock: datetime) -> tuple[int, str]:
    done = run(["erase", reference, "--config", str(EXAMPLE_CONFIG)], cwd, store, clock=clock)
    return done.returncode, done.stdout + done.stderr


def test_erase_takes_one_initiative_and_says_so(
    tmp_path: Path, store: str | None, config: Config
) -> None:
    monday = a_quiet_week(time_rules(config))
    reference = f"{monday.astimezone(config.bot.zone).year}-0001"
    chat(tmp_path, store, INTAKE, clock=monday)

    code, said = erase(tmp_path, store, reference, monday)

    assert code == 0, said
    assert said.startswith(f"{reference}: withdrawn (its team was told) and erased: ")
    assert "Anna de Vries" not in export(tmp_path, store)
    deletions = run(["deletions", "--config", str(EXAMPLE_CONFIG)], tmp_path, store, clock=monday)
    assert "the resident asked" in deletions.stdout
    code, said = erase(tmp_path, store, reference, monday)
    assert code != 0
    assert "erased already" in said
