"""The real program, as a resident and an admin use it: `initiatiefbot` in a subprocess."""

import csv
import io
import json
import os
import subprocess
import sys
from datetime import datetime
from pathlib import Path

from tests.adapters.console.program import INTAKE, PROGRAM, chat, export, run
from tests.conftest import EXAMPLE_CONFIG


def test_a_piped_conversation_shows_up_in_the_export(tmp_path: Path, store: str | None) -> None:
    transcript = chat(tmp_path, store, INTAKE)

    assert "Ga je daarmee akkoord?" in transcript
    assert "  1. Ouddorp" in transcript
    [record] = json.loads(export(tmp_path, store))
    assert record["title"] == "Bankje bij de haven"
    assert record["area"] == "Ouddorp"
    assert record["theme"] == "Groen en natuur"
    assert record["help_wanted"] == ["Advies", "Vergunning"]
    assert record["status"] == "submitted"
    assert f"Je nummer is {record['reference']}." in transcript
    created = datetime.fromisoformat(record["created_at"])
    assert created.utcoffset() is not None
    assert "Anna" not in json.dumps(record)  # no personal data in the export
    if store is None:
        assert (tmp_path / "data" / "initiatiefbot.sqlite3").exists()


def test_choices_may_be_typed_by_name(tmp_path: Path) -> None:
    by_name = [*INTAKE]
    by_name[3:6] = ["oude tonge", "Verkeer en veiligheid", "advies en geld"]
    chat(tmp_path, None, by_name)
    [record] = json.loads(export(tmp_path, None))
    assert (record["area"], record["theme"]) == ("Oude-Tonge", "Verkeer en veiligheid")
    assert record["help_wanted"] == ["Advies", "Geld"]


def test_csv_export_has_the_same_columns(tmp_path: Path) -> None:
    chat(tmp_path, None, INTAKE)
    [row] = list(csv.DictReader(io.StringIO(export(tmp_path, None, "csv"))))
    assert list(row) == [
        "reference",
        "title",
        "description",
        "area",
        "place_detail",
        "theme",
        "help_wanted",
        "group",
        "brings",
        "handed_in_by",
        "questions",
        "notes",
        "photos",
        "status",
        "team",
        "claimed_by",
        "claimed_by_account",
        "created_at",
        "routed_at",
        "claimed_at",
        "closed_at",
        "satisfaction",
        "satisfaction_comment",
    ]
    assert row["team"] == "Kernteam West"
    assert row["claimed_at"] == ""
    assert row["help_wanted"] == "Advies; Vergunning"
    assert row["area"] == "Ouddorp"


def test_export_to_a_file(tmp_path: Path) -> None:
    chat(tmp_path, None, INTAKE)
    target = tmp_path / "initiatieven.json"
    done = run(["export", "--output", str(target), "--config", str(EXAMPLE_CONFIG)], tmp_path, None)
    assert done.returncode == 0
    assert done.stdout == ""
    assert json.loads(target.read_text(encoding="utf-8"))[0]["area"] == "Ouddorp"


def test_stopping_mid_conversation_and_starting_again_continues_there(
    tmp_path: Path, store: str | None
) -> None:
    chat(tmp_path, store, INTAKE[:3])
    transcript = chat(tmp_path, store, INTAKE[3:])
    opening = transcript.split("> ")[0]
    assert "We gaan verder waar je was." in opening
    assert "In welk dorp of welke wijk is het?" in opening
    [record] = json.loads(export(tmp_path, store))
    assert record["title"] == "Bankje bij de haven"


def test_a_killed_program_loses_no_committed_answer(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("INITIATIEFBOT_")}
    process = subprocess.Popen(
        [PROGRAM, "chat", "--config", str(EXAMPLE_CONFIG)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=tmp_path,
        env=env,
    )
    assert process.stdin is not None
    assert process.stdout is not None
    process.stdin.write("ja\nBankje bij de haven\n")
    process.stdin.flush()
    seen = ""
    while "Vertel wat meer" not in seen:  # the title was committed and answered
        seen += process.stdout.readline()
    process.kill()
    process.wait(timeout=10)
    process.stdout.close()
    process.stdin.close()
    transcript = chat(tmp_path, None, [])
    assert "Vertel wat meer" in transcript


def test_an_unreachable_database_gives_a_clear_message(tmp_path: Path) -> None:
    done = run(
        ["chat", "--config", str(EXAMPLE_CONFIG)],
        tmp_path,
        "postgresql+psycopg://postgres:geheim@127.0.0.1:9/test",
        ["ja"],
    )
    assert done.returncode == 1
    assert done.stderr.startswith("initiatiefbot: cannot use the database postgresql+psycopg://")
    assert "geheim" not in done.stderr
    assert "Traceback" not in done.stderr


def test_db_upgrade_and_python_dash_m(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "bot", "db", "upgrade", "--config", str(EXAMPLE_CONFIG)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=False,
        timeout=60,
        env={k: v for k, v in os.environ.items() if not k.startswith("INITIATIEFBOT_")},
    )
    assert done.returncode == 0, done.stderr
    assert "is up to date" in done.stdout


def test_a_bad_config_does_not_start_the_chat(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text(
        EXAMPLE_CONFIG.read_text(encoding="utf-8").replace("[bot]", "[bott]"), encoding="utf-8"
    )
    done = run(["chat", "--config", str(config)], tmp_path, None, ["ja"])
    assert done.returncode == 2
    assert done.stderr.startswith("bott: unknown key; did you mean 'bot'? (line ")
    assert done.stdout == ""
    assert not (tmp_path / "data").exists()


def test_personal_data_is_exported_only_when_asked_and_the_output_says_so(
    tmp_path: Path,
) -> None:
    chat(tmp_path, None, INTAKE)
    plain = run(["export", "--config", str(EXAMPLE_CONFIG)], tmp_path, None)
    assert plain.returncode == 0, plain.stderr
    assert "personal data is left out; --with-personal-data adds it" in plain.stderr
    [record] = json.loads(plain.stdout)
    assert "name" not in record
    assert "Anna de Vries" not in plain.stdout

    args = ["export", "--with-personal-data", "--config", str(EXAMPLE_CONFIG)]
    full = run(args, tmp_path, None)
    assert full.returncode == 0, full.stderr
    assert "this export holds residents' personal data" in full.stderr
    [record] = json.loads(full.stdout)
    assert (record["name"], record["contact_kind"], record["contact"]) == (
        "Anna de Vries",
        "phone",
        "+31612345678",
    )
    assert record["account"] == "console:bewoner"
    assert record["privacy_version"] == "2026-1"
    as_csv = run([*args[:1], "--format", "csv", *args[1:]], tmp_path, None)
    [row] = list(csv.DictReader(io.StringIO(as_csv.stdout)))
    assert (row["name"], row["contact"]) == ("Anna de Vries", "'+31612345678")


def test_json_logs_are_one_object_per_line(tmp_path: Path) -> None:
    done = run(
        [
            "--log-level",
            "INFO",
            "--log-format",
            "json",
            "db",
            "upgrade",
            "--config",
            str(EXAMPLE_CONFIG),
        ],
        tmp_path,
        None,
    )
    assert done.returncode == 0, done.stderr
    lines = [json.loads(line) for line in done.stderr.splitlines()]
    assert lines
    assert {"time", "level", "logger", "message"} <= set(lines[0])
    assert any("upgrade" in line["message"].lower() for line in lines)
