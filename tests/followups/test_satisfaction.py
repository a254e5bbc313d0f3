"""One short question after a close, on SQLite and PostgreSQL: how satisfied the initiator
is (1 to 5, pressed or typed) and a comment, counted in the coordinators' digest and in
the export; and nothing of it for an initiative handed in on a resident's behalf.

The harness's clock stands on Monday 23 November 2026, 10:00 in Amsterdam; the question
goes the next morning.
"""

import csv
import io
from datetime import UTC, timedelta

import pytest

from bot.cases import receipts
from bot.cli import admin
from bot.config.names import Names
from bot.config.settings import Config
from bot.followups import after_texts
from bot.followups.satisfaction import score_of
from bot.inbox.service import Inbox
from bot.intake.state import Setting
from bot.schedule.jobs import Firing, FollowUpJobs
from bot.vocabulary import ON_BEHALF, Actor, Status, TrailKind
from storage import queries
from storage.db import Database
from storage.models import Initiative
from tests.followups.after_close import choices, closed_as, local, planned
from tests.town import Clock, Town, fire

ASKED = local("2026-11-24 09:00")  # the morning after the close
DIGEST = local("2026-11-25 08:30")
COMMENT = "Anna dacht goed mee, alleen duurde het lang."


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def town(db: Database, names: Names, setting: Setting, clock: Clock) -> Town:
    return Town(db, Inbox(db, names, setting, clock))


def asked(
    town: Town, jobs: FollowUpJobs, clock: Clock, *residents: str, outcome: str = "klaar"
) -> list[str]:
    """Closed with `outcome` (one initiative per resident, all on Monday), and each asked
    the next morning (the clock there)."""
    references = [closed_as(town, outcome, resident) for resident in residents]
    for reference in references:
        assert fire(town, jobs, f"rating:{reference}", ASKED) == Firing(sent=1)
    clock.now = ASKED.astimezone(UTC)
    return references


def scores(town: Town, reference: str) -> list[object]:
    return [data.get("score") for kind, _, data in town.trail(reference) if kind == "rated"]


def exported(town: Town, names: Names) -> dict[str, dict[str, str]]:
    out = io.StringIO()
    admin.export(town.db, names, "csv", None, out, io.StringIO(), False)
    return {row["reference"]: row for row in csv.DictReader(io.StringIO(out.getvalue()))}


def test_after_the_close_once_the_question_then_a_score_and_a_comment(
    town: Town, config: Config, names: Names, jobs: FollowUpJobs, clock: Clock
) -> None:
    reference = closed_as(town, "klaar")
    assert town.last("bewoner").startswith(f"Je initiatief {reference}")  # the close first
    assert planned(town, config, reference) == {"rating": "2026-11-24 08:00"}
    assert fire(town, jobs, f"rating:{reference}", ASKED) == Firing(sent=1)
    assert town.last("bewoner") == after_texts.rating_question(reference, "nl").text
    assert choices(town, "bewoner") == [(f"rate:{reference}:{n}", str(n)) for n in range(1, 6)]
    assert planned(town, config, reference) == {}  # asked once
    assert fire(town, jobs, f"rating:{reference}", ASKED) == Firing()

    clock.now = ASKED.astimezone(UTC)
    assert town.say("bewoner", "", payload=f"rate:{reference}:4")
    assert town.trail(reference)[-1] == ("rated", "resident", {"score": 4})
    assert town.last("bewoner") == after_texts.rated("nl")
    before = town.inbox("anna")
    assert town.say("bewoner", COMMENT)
    assert town.trail(reference)[-1] == ("rating_commented", "resident", {"text": COMMENT})
    assert town.last("bewoner") == after_texts.commented("nl")
    assert town.inbox("anna") == before  # a comment, not a message for the contact
    assert town.say("bewoner", "Nog een vraag over de bank.")  # the next words: to Anna
    assert "Nog een vraag over de bank." in town.last("anna")

    row = exported(town, names)[reference]
    assert (row["satisfaction"], row["satisfaction_comment"]) == ("4", COMMENT)
    town.say("anna", f"toon {reference}", chat="team-west")
    assert town.last("team-west").count(COMMENT) == 1


def test_a_typed_score_counts_and_a_story_goes_to_the_contact(
    town: Town, jobs: FollowUpJobs, clock: Clock
) -> None:
    [reference] = asked(town, jobs, clock, "bewoner")
    assert town.say("bewoner", "Het bankje staat scheef, kan iemand kijken?")
    assert "Het bankje staat scheef" in town.last("anna")  # relayed, not eaten
    assert scores(town, reference) == []
    assert town.say("bewoner", "Vier!")
    assert scores(town, reference) == [4]
    assert town.last("bewoner") == after_texts.rated("nl")


def test_a_score_typed_before_the_question_is_a_message_like_any(town: Town, clock: Clock) -> None:
    reference = closed_as(town, "klaar")
    assert town.say("bewoner", "5")
    assert "5" in town.last("anna")
    assert town.trail(reference)[-1][0] == "relayed_to_contact"


def test_a_second_press_a_late_press_or_someone_elses_changes_nothing(
    town: Town, jobs: FollowUpJobs, clock: Clock
) -> None:
    [reference] = asked(town, jobs, clock, "bewoner")
    assert not town.say("buurman", "", payload=f"rate:{reference}:1")
    assert not town.say("bewoner", "", payload=f"rate:{reference}:9")
    clock.now = (ASKED + timedelta(days=15)).astimezone(UTC)
    assert not town.say("bewoner", "", payload=f"rate:{reference}:2")
    assert scores(town, reference) == []
    clock.now = (ASKED + timedelta(days=13)).astimezone(UTC)
    assert town.say("bewoner", "", payload=f"rate:{reference}:5")
    assert not town.say("bewoner", "", payload=f"rate:{reference}:1")
    assert scores(town, reference) == [5]


def test_not_after_a_withdrawal(town: Town, config: Config) -> None:
    reference = closed_as(town, "ingetrokken")
    assert planned(town, config, reference) == {}
    own = town.submit("buurman")
    assert town.say("buurman", f"intrekken {own} ja")
    assert planned(town, config, own) == {}


def test_running_and_not_feasible_are_asked_too(
    town: Town, config: Config, jobs: FollowUpJobs, clock: Clock
) -> None:
    running = closed_as(town, "loopt")
    infeasible = closed_as(town, "niet-haalbaar", "buurman")
    assert "rating" in planned(town, config, running)
    assert "rating" in planned(town, config, infeasible)
    assert town.say("anna", f"sluiten {running} klaar Gestopt.", chat="team-west")
    assert fire(town, jobs, f"rating:{running}", ASKED) == Firing(sent=1)
    assert planned(town, config, running) == {}  # once per initiative, however it ends


def test_the_digest_counts_the_scores_and_names_the_low_ones(
    town: Town, jobs: FollowUpJobs, clock: Clock
) -> None:
    good, low = asked(town, jobs, clock, "bewoner", "buurman")
    assert town.say("bewoner", "", payload=f"rate:{good}:5")
    assert town.say("buurman", "twee sterren")
    assert town.say("buurman", "Niemand belde terug.")  # the comment: never in the digest

    assert fire(town, jobs, "digest:daily", DIGEST) == Firing(sent=1)  # a low score is wrong
    digest = town.last("coordinator")
    assert "3,5" in digest  # two scores, 5 and 2
    assert low in digest
    assert good not in digest
    assert "Niemand belde terug" not in digest


def test_good_scores_alone_send_no_digest_but_are_counted_in_one(
    town: Town, jobs: FollowUpJobs, clock: Clock
) -> None:
    [reference] = asked(town, jobs, clock, "bewoner")
    assert town.say("bewoner", "4/5")
    assert fire(town, jobs, "digest:daily", DIGEST) == Firing()  # nothing wrong
    other = closed_as(town, "klaar", "buurman")  # on Wednesday, after the digest
    assert fire(town, jobs, f"rating:{other}", DIGEST + timedelta(days=1)) == Firing(sent=1)
    clock.now = (DIGEST + timedelta(days=1, hours=1)).astimezone(UTC)
    assert town.say("buurman", "", payload=f"rate:{other}:1")
    assert fire(town, jobs, "digest:daily", DIGEST + timedelta(days=2)) == Firing(sent=1)
    digest = town.last("coordinator")
    assert "1,0" in digest
    assert other in digest
    assert reference not in digest  # scored before the previous digest


def test_a_comment_that_looks_like_a_formula_stays_text(
    town: Town, names: Names, jobs: FollowUpJobs, clock: Clock
) -> None:
    [reference] = asked(town, jobs, clock, "bewoner")
    assert town.say("bewoner", "3")
    assert town.say("bewoner", '=HYPERLINK("https://evil.example")')
    assert exported(town, names)[reference]["satisfaction_comment"].startswith("'=")


@pytest.mark.parametrize(
    ("typed", "score"),
    [
        ("4", 4),
        ("vier", 4),
        ("4 sterren", 4),
        ("\u2b50\u2b50\u2b50\u2b50", 4),
        ("4/5", 4),
        ("Twee.", 2),
        ("5 out of 5", 5),
        ("6", None),
        ("45", None),
        ("ik geef een 4", 4),
        ("ik geef het een vier", 4),
        ("een 3", 3),
        ("\U0001f31f\U0001f31f\U0001f31f", 3),
        ("8/10", None),
        ("+1", None),
        ("Goed geholpen", None),
        ("\u2b50" * 6, None),
    ],
)
def test_what_counts_as_a_typed_score(typed: str, score: int | None) -> None:
    assert score_of(typed) == score


def test_a_grade_out_of_ten_is_asked_again_out_of_five(
    town: Town, jobs: FollowUpJobs, clock: Clock
) -> None:
    [reference] = asked(town, jobs, clock, "bewoner")
    relayed_before = relayed(town, reference)
    assert town.say("bewoner", "een 8")
    assert town.last("bewoner") == after_texts.one_to_five("nl")
    assert "rated" not in [kind for kind, _, _ in town.trail(reference)]
    assert relayed(town, reference) == relayed_before


@pytest.mark.parametrize("talk", ["bedankt", "nee", "Wanneer komt de boom?", "ok"])
def test_after_a_score_thanks_a_no_or_a_question_is_no_comment(
    town: Town, jobs: FollowUpJobs, clock: Clock, talk: str
) -> None:
    """Only words about the help are the comment; the rest goes its usual way."""
    [reference] = asked(town, jobs, clock, "bewoner")
    assert town.say("bewoner", "4")
    assert town.say("bewoner", talk)
    assert "rating_commented" not in [kind for kind, _, _ in town.trail(reference)]
    assert town.last("bewoner") != after_texts.commented("nl")


def relayed(town: Town, reference: str) -> int:
    return [kind for kind, _, _ in town.trail(reference)].count("relayed_to_contact")


def on_behalf(town: Town, marked: bool = True, now_ref: str = "2026-9001") -> str:
    """An initiative Anna handed in for a resident she met, as the `namens` intake
    stores it: in her own chat, with the consent on its answers and (`marked`) on the
    trail's first entry, which is where the follow-up rules read it."""
    by = {"by": "console:anna", "name": "Anna", "consent": "verbal", "at": "2026-11-23T10:00"}
    moment = local("2026-11-23 10:00")
    with town.db.transaction() as session:
        initiative = Initiative(
            reference=now_ref,
            channel="console",
            chat_id="anna",
            sender_id="anna",
            locale="nl",
            title="Moestuin achter de school",
            description=None,
            area="1",
            theme="1",
            help_wanted=[],
            photos=[],
            name="Mevrouw Jansen",
            contact_kind="phone",
            contact="0187-123456",
            answers={ON_BEHALF: by},
            status=Status.CLAIMED,
            team="west",
            claimed_by="console:anna",
            claimed_by_name="Anna",
            consented_at=moment,
            created_at=moment,
            updated_at=moment,
        )
        queries.add_initiative(session, initiative)
        trail = [
            (TrailKind.SUBMITTED, "console:anna", {ON_BEHALF: by} if marked else None),
            (TrailKind.ROUTED, Actor.BOT, {"team": "west"}),
            (TrailKind.CLAIMED, "console:anna", None),
        ]
        queries.add_events(session, initiative, trail, moment)
    return now_ref


def test_on_behalf_no_question_goes_to_the_contacts_own_chat(
    town: Town, config: Config, jobs: FollowUpJobs, clock: Clock
) -> None:
    reference = on_behalf(town)
    assert planned(town, config, reference) == {}  # no check-in, no long-open question
    assert town.say("anna", f"afspraak {reference} 2026-12-10 14:00 De school", chat="team-west")
    assert "appointment" not in planned(town, config, reference)
    assert town.say("anna", f"vraag {reference} Wanneer kan het?", chat="team-west")
    assert set(planned(town, config, reference)) == {"question"}  # the contact's own

    assert town.say("anna", f"sluiten {reference} loopt Veel plezier!", chat="team-west")
    closing = town.last("anna")
    assert closing.startswith(receipts.closed(reference, "running", "Anna", "Veel plezier!", "nl"))
    assert receipts.asked_every_year("nl") not in closing
    # No score asked; a year on nobody is asked either: it is closed, its team told.
    assert planned(town, config, reference) == {"yearly": "2027-11-23 10:00"}
    assert fire(town, jobs, f"rating:{reference}", ASKED) == Firing()
    anna_before = town.inbox("anna")
    assert fire(town, jobs, f"yearly:{reference}", local("2027-11-23 12:00")) == Firing(sent=1)
    assert town.inbox("anna") == anna_before
    assert town.initiative(reference).status == "done"


def test_on_behalf_with_only_its_answers_saying_so_nothing_is_asked_either(
    town: Town, jobs: FollowUpJobs
) -> None:
    reference = on_behalf(town, marked=False)
    assert town.say("anna", f"sluiten {reference} loopt Veel plezier!", chat="team-west")
    before = town.inbox("anna")
    assert fire(town, jobs, f"rating:{reference}", ASKED) == Firing()  # sent nothing
    # A year on: not asked in Anna's chat; closed, and only the team's chat hears.
    assert fire(town, jobs, f"yearly:{reference}", local("2027-11-23 12:00")) == Firing(sent=1)
    assert town.inbox("anna") == before
    assert ("rating_asked", "bot") in [(kind, actor) for kind, actor, _ in town.trail(reference)]
