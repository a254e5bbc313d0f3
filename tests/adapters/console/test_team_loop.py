"""The whole loop on one machine: resident, team chat, contact, resident again, export."""

import json
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from tests.adapters.console.program import INTAKE, chat, export, run
from tests.conftest import EXAMPLE_CONFIG

ANNA_IN_TEAM_WEST = ("--as", "console:anna", "--chat", "team-west")
# The program numbers by the year on the wall clock in the example's time zone.
REF = f"{datetime.now(ZoneInfo('Europe/Amsterdam')).year}-0001"


def test_submit_notify_claim_by_button_and_the_resident_hears(
    tmp_path: Path, store: str | None
) -> None:
    chat(tmp_path, store, INTAKE)  # Ouddorp, Groen en natuur

    team_chat = chat(tmp_path, store, ["1"], *ANNA_IN_TEAM_WEST)  # 1: "Oppakken"
    [before_input, after_input] = team_chat.split("> 1\n")
    assert f"Nieuw initiatief {REF}: \u201cBankje bij de haven\u201d" in before_input
    assert "Waarom jullie team: kern Ouddorp, thema Groen en natuur, route 2" in before_input
    assert "  1. Oppakken" in before_input
    assert f"Anna heeft {REF} opgepakt." in after_input
    assert "\u2500\u2500 anna \u2500\u2500" in after_input  # Anna's private chat
    assert "De initiatiefnemer is Anna de Vries: 06 12345678." in after_input

    resident = chat(tmp_path, store, [])
    assert "Goed nieuws: Anna van Kernteam West gaat aan de slag" in resident

    [record] = json.loads(export(tmp_path, store))
    assert record["status"] == "claimed"
    assert record["team"] == "Kernteam West"
    assert (record["claimed_by"], record["claimed_by_account"]) == ("Anna", "console:anna")
    claimed_at = datetime.fromisoformat(record["claimed_at"])
    assert claimed_at >= datetime.fromisoformat(record["routed_at"])
    assert [step["event"] for step in record["trail"]] == ["submitted", "routed", "claimed"]


def test_a_contact_writes_to_the_resident_and_closes(tmp_path: Path) -> None:
    chat(tmp_path, None, INTAKE)
    chat(
        tmp_path,
        None,
        [f"oppakken {REF}", f"antwoord {REF} Ik bel je morgen."],
        "--as",
        "console:anna",
    )
    resident = chat(tmp_path, None, ["Top, dank je!"])
    assert "Ik bel je morgen." in resident
    assert f"Je bericht over {REF} is doorgegeven aan Anna." in resident
    anna = chat(
        tmp_path, None, [f"sluiten {REF} klaar Het bankje komt er!"], "--as", "console:anna"
    )
    assert "Top, dank je!" in anna
    [record] = json.loads(export(tmp_path, None))
    assert record["status"] == "done"
    assert record["closed_at"] is not None
    assert "Top, dank je!" not in json.dumps(record)  # relayed texts are not exported


def test_route_dry_run_and_outbox_list(tmp_path: Path) -> None:
    config = str(EXAMPLE_CONFIG)
    done = run(
        ["route", "--config", config, "--area", "ouddorp", "--theme", "groen"], tmp_path, None
    )
    assert done.returncode == 0
    assert done.stdout.startswith("team: Kernteam West (west)\nrule: route 2")

    chat(tmp_path, None, INTAKE)  # nobody reads team-west yet: its notification waits
    listed = run(["outbox", "list", "--config", config], tmp_path, None)
    assert listed.returncode == 0
    assert "\tpending\tconsole:team-west\t" in listed.stdout
    refused = run(["outbox", "retry", "--config", config], tmp_path, None)
    assert refused.returncode == 2
    assert "IDs or --all-failed" in refused.stderr
