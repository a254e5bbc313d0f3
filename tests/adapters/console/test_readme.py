"""The README's examples, run as a new user runs them: in order, word for word, on a
fresh data folder after `make run`, and again. They are read from README.md itself,
so the README and this test cannot drift apart."""

import json
import os
import re
import subprocess
from pathlib import Path

from tests.adapters.console.program import INTAKE, chat
from tests.conftest import EXAMPLE_CONFIG, ROOT

README = ROOT / "README.md"
# A shell block of the README that runs the program (not `make run`).
EXAMPLE = re.compile(r"```sh\n(.*?)```", re.DOTALL)


def examples() -> list[str]:
    blocks = EXAMPLE.findall(README.read_text(encoding="utf-8"))
    return [block for block in blocks if ".venv/bin/initiatiefbot" in block]


def run_example(block: str, cwd: Path) -> str:
    """The block in a shell, from a folder laid out as the repository is."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("INITIATIEFBOT_")}
    done = subprocess.run(
        ["bash", "-euo", "pipefail", "-c", block],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    return done.stdout


def test_the_readme_examples_work_in_order_after_make_run_and_again(tmp_path: Path) -> None:
    (tmp_path / ".venv").symlink_to(ROOT / ".venv")
    (tmp_path / EXAMPLE_CONFIG.name).write_text(EXAMPLE_CONFIG.read_text(encoding="utf-8"))
    chat(tmp_path, None, INTAKE)  # `make run`: the default resident hands in an idea first
    resident, contact, lies_again = examples()
    for reference in ("2026-0002", "2026-0003"):
        handed_in = run_example(resident, tmp_path)
        assert f"Je nummer is {reference}." in handed_in
        assert "niet verwerkt" not in handed_in
        exported = handed_in[handed_in.rindex("\n[") :]
        assert reference in [row["reference"] for row in json.loads(exported)]
        taken = run_example(contact, tmp_path)
        assert f"Anna heeft {reference} opgepakt." in taken
        assert "De initiatiefnemer is Lies: 06 12345678." in taken
        news = run_example(lies_again, tmp_path)
        assert (
            f"Goed nieuws: Anna van Kernteam West gaat aan de slag met je initiatief {reference}"
            in news
        )
        assert news.count("een contactpersoon is ermee bezig") == int(reference[-1]) - 1
