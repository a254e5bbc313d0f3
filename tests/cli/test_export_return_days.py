"""`initiatiefbot export --return-days`, as an administrator runs it: the return days
with the answers and guests counted, and names only when asked for."""

import json
from pathlib import Path

from tests.adapters.console.program import INTAKE, chat, run
from tests.conftest import EXAMPLE_CONFIG

PLAN = "terugkomdag 2099-01-15 19:30 Dorpshuis Ouddorp voor alle"


def test_the_return_days_are_exported_with_who_comes(tmp_path: Path) -> None:
    chat(tmp_path, None, INTAKE)
    chat(tmp_path, None, [PLAN], "--as", "console:coordinator")
    # Invited to the example's own day too: asked which, this one is the later.
    chat(tmp_path, None, ["ik kom met z'n tweeën", "2"])

    args = ["export", "--return-days", "--config", str(EXAMPLE_CONFIG)]
    plain = run(args, tmp_path, None)
    assert plain.returncode == 0, plain.stderr
    assert "--with-personal-data adds them" in plain.stderr
    [day] = [day for day in json.loads(plain.stdout) if day["place"] == "Dorpshuis Ouddorp"]
    assert (day["coming"], day["guests"]) == (1, 1)
    assert day["attendees"] == [{"guests": 1, "how_was_it": None}]
    assert "Anna de Vries" not in plain.stdout

    full = run([*args, "--with-personal-data", "--format", "csv"], tmp_path, None)
    assert full.returncode == 0, full.stderr
    assert "names those who said they come" in full.stderr
    [line] = [line for line in full.stdout.splitlines() if "Dorpshuis Ouddorp" in line]
    assert line.endswith(",Anna de Vries,1,")
    assert "+31612345678" not in full.stdout
    assert "bewoner" not in full.stdout
