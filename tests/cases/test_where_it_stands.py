"""`mijn` tells the resident where each initiative stands (issue 20, point 2): who has
it, the last thing that happened and when, what is planned next, and what was promised.

On SQLite and PostgreSQL. The harness's clock stands on Monday 23 November 2026, 10.00
in Amsterdam; five working days later is Monday 30 November.
"""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from bot.cases import receipts
from bot.cases.departures import let_go_of_all
from bot.config.settings import Config, Person
from bot.schedule.jobs import FollowUpJobs
from bot.vocabulary import PROMISED_UNTIL, Actor, TrailKind
from storage import queries
from tests.town import Town, fire

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
TUESDAY = datetime(2026, 11, 24, 12, 0, tzinfo=AMSTERDAM)
HEADING = "\u2022 {reference} \u201cBankje bij de haven\u201d, handed in on Monday 23 November: "
PROMISE = (
    "Promised: A contact person from the municipality will get in touch with you within "
    "five working days. "
)


def mine(town: Town, config: Config, now: datetime, resident: str = "bewoner") -> str:
    """What `mijn` shows `resident`, in English."""
    with town.db.transaction() as session:
        initiatives = queries.initiatives_of(session, "console", resident)
        return receipts.where_it_stands(session, config, initiatives, "en", now)


def test_nobody_yet_the_team_looks_at_it_and_the_promise_with_its_day(
    town: Town, config: Config
) -> None:
    reference = town.submit("bewoner")
    assert mine(town, config, TUESDAY) == "\n".join(
        [
            "Your initiatives:",
            "",
            HEADING.format(reference=reference) + "received, waiting for a contact person",
            "Who: nobody yet; Kernteam West is looking at it.",
            "Latest: it went to Kernteam West (Monday 23 November).",
            PROMISE + "That is by Monday 30 November at the latest.",
        ]
    )


def test_a_promise_whose_day_passed_is_said_honestly_and_a_later_day_shown(
    town: Town, config: Config
) -> None:
    reference = town.submit("bewoner")
    late = datetime(2026, 12, 1, 9, 0, tzinfo=AMSTERDAM)
    assert mine(town, config, late).endswith(
        PROMISE + "That was by Monday 30 November. It is taking longer than promised: we are sorry."
    )
    # The escalation that tells the resident so gives a new day, on the trail.
    new_day = datetime(2026, 12, 7, 10, 0, tzinfo=AMSTERDAM)
    with town.db.transaction() as session:
        initiative = queries.find_initiative(session, reference)
        assert initiative is not None
        data = {PROMISED_UNTIL: new_day.isoformat()}
        queries.add_event(session, initiative, TrailKind.ESCALATED, Actor.BOT, late, data)
    assert mine(town, config, late).endswith("That is by Monday 7 December at the latest.")


def test_the_contact_their_appointment_and_a_return_day_to_come(town: Town, config: Config) -> None:
    reference = town.submit("bewoner")
    town.submit("buurman", area="Middelharnis")  # not invited below: another area
    assert town.say("anna", f"oppakken {reference}", chat="team-west")
    assert town.say("anna", f"afspraak {reference} 2026-12-10 14:00 Dorpshuis", chat="team-west")
    assert town.say("anna", f"notitie {reference} bel eerst de beheerder", chat="team-west")
    assert town.say("coordinator", "terugkomdag 2026-12-17 19:30 Het Diekhuus voor kern Ouddorp")
    assert mine(town, config, TUESDAY) == "\n".join(
        [
            "Your initiatives:",
            "",
            HEADING.format(reference=reference) + "a contact person is working on it",
            "Who: Anna of Kernteam West.",
            # An internal note is nothing the resident hears of.
            "Latest: Anna planned an appointment with you (Monday 23 November).",
            "Planned: an appointment with Anna, Thursday 10 December, 14.00, Dorpshuis.",
            "Planned: a return day, Thursday 17 December, 19.30, Het Diekhuus. You are invited.",
        ]
    )
    assert "return day" not in mine(town, config, TUESDAY, "buurman")
    after = datetime(2026, 12, 18, 9, 0, tzinfo=AMSTERDAM)
    assert "Planned" not in mine(town, config, after)  # both have passed


def test_closed_tells_who_closed_it_and_nothing_more(town: Town, config: Config) -> None:
    reference = town.submit("bewoner")
    assert town.say("anna", f"oppakken {reference}", chat="team-west")
    assert town.say("anna", f"sluiten {reference} klaar Het bankje staat er!", chat="team-west")
    assert mine(town, config, TUESDAY).split("\n")[2:] == [
        HEADING.format(reference=reference) + "closed: it has been done",
        "Latest: Anna closed it (Monday 23 November).",
    ]


@pytest.mark.parametrize("restarted", [False, True], ids=["before the start", "after it"])
def test_a_contact_who_left_is_nobody_the_resident_is_told_of(
    town: Town, config: Config, restarted: bool
) -> None:
    reference = town.submit("bewoner")
    assert town.say("anna", f"oppakken {reference}", chat="team-west")
    wim = (Person(account="console:wim", name="Wim"),)
    teams = [
        team.model_copy(update={"members": wim}) if team.key == "west" else team
        for team in config.teams
    ]
    without_anna = config.model_copy(update={"teams": teams})
    if restarted:  # the start gave it back to the team
        with town.db.transaction() as session:
            let_go_of_all(session, without_anna, TUESDAY)
    lines = mine(town, without_anna, TUESDAY).split("\n")
    assert "Who: nobody yet; Kernteam West is looking at it." in lines
    assert "Anna" not in "\n".join(lines)
    last = (
        "it is waiting for a contact person again (Tuesday 24 November)"
        if restarted
        else "a contact person took it up (Monday 23 November)"
    )
    assert f"Latest: {last}." in lines


def test_nothing_handed_in_yet(town: Town, config: Config) -> None:
    assert mine(town, config, TUESDAY) == (
        "You have not handed in any initiatives yet. Type \u201cnew\u201d to start one."
    )


def test_the_escalation_that_tells_the_resident_gives_mine_its_new_day(
    town: Town, config: Config, jobs: FollowUpJobs
) -> None:
    reference = town.submit("bewoner")
    passed = datetime(2026, 11, 30, 12, 0, tzinfo=AMSTERDAM)
    fire(town, jobs, f"unclaimed:{reference}", passed)
    assert fire(town, jobs, f"escalate:{reference}", passed).sent
    # A week after the escalation, as the resident was told in their own language.
    assert "maandag 7 december" in town.last("bewoner")
    assert mine(town, config, passed).endswith(
        PROMISE + "That is by Monday 7 December at the latest."
    )
