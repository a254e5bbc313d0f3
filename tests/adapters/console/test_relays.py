"""On the console: a resident's message before a claim, after a close and after a
withdrawal each reach the right people."""

from pathlib import Path

from bot.cases import receipts, texts
from tests.adapters.console.program import INTAKE, chat
from tests.adapters.console.test_team_loop import ANNA_IN_TEAM_WEST, REF

ANNA = ("--as", "console:anna")
TITLE = "Bankje bij de haven"


def test_before_a_claim_and_after_a_close(tmp_path: Path) -> None:
    chat(tmp_path, None, INTAKE)
    resident = chat(tmp_path, None, ["Wie beslist hierover?"])
    assert receipts.passed_on("Kernteam West", REF, "nl") in resident
    team = chat(tmp_path, None, [], *ANNA_IN_TEAM_WEST)
    assert texts.relayed_unclaimed(REF, TITLE, "Wie beslist hierover?", "nl").text in team
    chat(tmp_path, None, [f"oppakken {REF}", f"sluiten {REF} klaar Het bankje komt er."], *ANNA)
    resident = chat(tmp_path, None, ["Wie moet ik dan bellen?"])
    assert receipts.passed_on("Anna", REF, "nl") in resident
    anna = chat(tmp_path, None, [], *ANNA)
    assert texts.relayed_after_close(REF, "Wie moet ik dan bellen?", "nl") in anna


def test_a_withdrawal_by_button_and_a_message_after_it(tmp_path: Path) -> None:
    chat(tmp_path, None, INTAKE)
    resident = chat(tmp_path, None, [f"intrekken {REF}", "1"])  # 1: "Ja, intrekken"
    assert receipts.withdraw_sure(REF, TITLE, "nl").text in resident
    assert receipts.withdrawn(REF, "nl") in resident
    resident = chat(tmp_path, None, ["Ik wil het toch intrekken"])
    assert receipts.passed_on("Kernteam West", REF, "nl") in resident
    team = chat(tmp_path, None, [], *ANNA_IN_TEAM_WEST)
    assert texts.withdrawn_by_resident(REF, TITLE, "nl") in team
    assert texts.relayed_after_close(REF, "Ik wil het toch intrekken", "nl") in team
