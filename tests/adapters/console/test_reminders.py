"""Scheduled follow-ups through the real program, with the test clock moved on."""

from datetime import datetime, timedelta
from pathlib import Path

from bot.cases.timerules import time_rules
from bot.config.settings import Config
from bot.texts.formatting import moment_in_words
from tests.adapters.console.program import INTAKE, chat, run
from tests.clocks import a_quiet_week
from tests.conftest import EXAMPLE_CONFIG

ANNA_IN_TEAM_WEST = ("--as", "console:anna", "--chat", "team-west")
# How `schedule list` names the example config's return day, the first one planned.
EXAMPLE_DAY = "return day 1 at Het Diekhuus, Middelharnis,"


def schedule(cwd: Path, store: str | None, clock: datetime) -> list[list[str]]:
    """`schedule list`, but for the daily jobs, which are always planned, and the
    reminders of the example's own return day, always a month or so ahead."""
    done = run(["schedule", "list", "--config", str(EXAMPLE_CONFIG)], cwd, store, clock=clock)
    assert done.returncode == 0, done.stderr
    rows = [line.split("\t") for line in done.stdout.splitlines()[1:]]
    assert sum(row[1:3] == ["digest", "daily"] for row in rows) == 1
    examples = [row for row in rows if row[2].startswith(EXAMPLE_DAY)]
    assert [row[1] for row in examples] == ["returnday", "returnday"]  # its two reminders
    skipped = ("digest", "retention", "followers")
    return [row for row in rows if row[1] not in skipped and row not in examples]


def test_an_unclaimed_initiative_is_reminded_in_the_team_chat_in_the_morning(
    tmp_path: Path, store: str | None, config: Config
) -> None:
    monday = a_quiet_week(time_rules(config))
    zone = config.bot.zone
    reference = f"{monday.astimezone(zone).year}-0001"
    chat(tmp_path, store, INTAKE, clock=monday)

    planned = schedule(tmp_path, store, monday)
    assert [row[1:3] for row in planned] == [
        ["unclaimed", reference],
        ["escalate", reference],
        ["stale", reference],
    ]
    wednesday = monday + timedelta(days=2)
    # With the team's morning round: at the end of the quiet hours.
    assert planned[0][0].startswith(wednesday.astimezone(zone).strftime("%Y-%m-%d 08:00"))

    team_chat = chat(tmp_path, store, [], *ANNA_IN_TEAM_WEST, clock=monday + timedelta(days=1))
    assert f"Nieuw initiatief {reference}" in team_chat
    assert "Herinnering" not in team_chat  # Tuesday: not due yet

    late = wednesday + timedelta(hours=13)  # 23:00, in the quiet hours
    assert "Herinnering" not in chat(tmp_path, store, [], *ANNA_IN_TEAM_WEST, clock=late)
    morning = wednesday + timedelta(hours=22, minutes=30)  # Thursday 08:30
    team_chat = chat(tmp_path, store, [], *ANNA_IN_TEAM_WEST, clock=morning)
    assert "Herinnering: dit initiatief wacht nog op iemand die het oppakt:" in team_chat
    assert f"\u2022 {reference} \u201cBankje bij de haven\u201d, Ouddorp: wacht al" in team_chat
    assert "  1. Oppakken" in team_chat

    again = chat(tmp_path, store, [], *ANNA_IN_TEAM_WEST, clock=morning + timedelta(hours=1))
    assert "Herinnering" not in again  # sent once, across every restart
    after = schedule(tmp_path, store, morning)
    assert [row[1:3] for row in after] == [["escalate", reference], ["stale", reference]]


def test_claiming_from_the_team_chat_plans_the_check_in_instead(
    tmp_path: Path, store: str | None, config: Config
) -> None:
    monday = a_quiet_week(time_rules(config))
    reference = f"{monday.astimezone(config.bot.zone).year}-0001"
    chat(tmp_path, store, INTAKE, clock=monday)
    chat(tmp_path, store, ["1"], *ANNA_IN_TEAM_WEST, clock=monday + timedelta(hours=1))
    planned = schedule(tmp_path, store, monday)
    assert [row[1:3] for row in planned] == [["checkin", reference], ["stale", reference]]
    assert planned[0][3] == "ask the initiator whether the contact has been in touch"


def test_a_return_day_invitation_on_the_console_saves_its_calendar_file(
    tmp_path: Path, store: str | None, config: Config
) -> None:
    monday = a_quiet_week(time_rules(config))
    thursday = (monday + timedelta(days=3)).astimezone(config.bot.zone)
    chat(tmp_path, store, INTAKE, clock=monday)
    plan = f"terugkomdag {thursday:%Y-%m-%d} 19:30 Het Diekhuis voor alle"
    planned = chat(tmp_path, store, [plan], "--as", "console:coordinator", clock=monday)
    assert "gepland:" in planned
    assert "Uitnodigingen verstuurd: 1." in planned
    # The week-before reminder would fall before the day was planned: only the other.
    reminders = [row for row in schedule(tmp_path, store, monday) if row[1] == "returnday"]
    assert [row[2].rsplit(", ", 1)[1] for row in reminders] == ["reminder 2"]
    assert " at Het Diekhuis, " in reminders[0][2]
    day_before = (thursday - timedelta(days=1)).strftime("%Y-%m-%d 19:30")
    assert reminders[0][0].startswith(day_before)

    later = monday + timedelta(minutes=5)
    transcript = chat(tmp_path, store, ["1"], clock=later)  # 1: "Ik kom"
    evening = thursday.replace(hour=19, minute=30, second=0, microsecond=0)
    when = moment_in_words(evening, config.bot.zone, "nl")  # "donderdag 17 december om 19.30 uur"
    assert "Je bent uitgenodigd voor de terugkomdag van Goeree-Overflakkee." in transcript
    assert f"Wanneer: {when}\nWaar: Het Diekhuis" in transcript
    assert "  1. Ik kom" in transcript
    name = f"terugkomdag-{thursday:%Y-%m-%d}.ics"
    saved = tmp_path / "data" / "files" / name
    assert f"\U0001f4ce {Path('data') / 'files' / name}" in transcript
    assert b"LOCATION:Het Diekhuis" in saved.read_bytes()
    assert "Bedankt, tot op de terugkomdag!" in transcript.split("> 1")[1]
