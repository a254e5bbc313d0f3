"""What a resident writes outside an intake reaches whoever holds their initiative:
its team before a claim, its contact after, the last contact (or the team) for a
while after a close; later, nobody, and the resident hears how to start anew."""

from datetime import datetime, timedelta

import pytest

from bot.cases import receipts, texts
from bot.cases.handing_in import relay_to_contact
from bot.cases.readers import follow_language
from bot.config.names import Names
from bot.inbox.service import Inbox
from bot.intake.state import Setting
from bot.messages import Incoming
from storage.db import Database
from tests.town import Clock, Town


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def here(db: Database, names: Names, setting: Setting, clock: Clock) -> Town:
    """A town whose clock the test can move on."""
    return Town(db, Inbox(db, names, setting, clock))


def relays(town: Town, reference: str) -> list[dict[str, object]]:
    return [data for kind, _, data in town.trail(reference) if kind == "relayed_to_contact"]


def test_before_a_claim_the_team_reads_it_and_how_to_take_it_up(here: Town) -> None:
    reference = here.submit("bewoner")
    here.say("bewoner", "Wie beslist hierover?")
    to_team = here.last("team-west")
    assert (
        to_team
        == texts.relayed_unclaimed(
            reference, "Bankje bij de haven", "Wie beslist hierover?", "nl"
        ).text
    )
    assert "oppakken" in to_team  # how to take it up
    assert here.last("bewoner") == receipts.passed_on("Kernteam West", reference, "nl")
    assert here.inbox("anna") == []  # nobody took it up: not one contact alone
    assert relays(here, reference) == [{"text": "Wie beslist hierover?", "to": "team:west"}]
    # The button under it takes it up.
    here.say("anna", "", chat="team-west", payload=f"claim:{reference}")
    assert here.initiative(reference).claimed_by == "console:anna"


def test_after_a_claim_only_the_contact_reads_it(here: Town) -> None:
    reference = here.submit("bewoner")
    here.say("anna", f"oppakken {reference}", chat="team-west")
    team_before = here.inbox("team-west")
    here.say("bewoner", "Wanneer komt het bankje?")
    assert here.last("anna") == texts.relayed_from_resident(
        reference, "Wanneer komt het bankje?", "nl"
    )
    assert here.inbox("team-west") == team_before
    assert here.last("bewoner") == receipts.passed_on("Anna", reference, "nl")


def test_after_a_close_the_last_contact_reads_it_and_may_answer(here: Town) -> None:
    reference = here.submit("bewoner")
    here.say("anna", f"oppakken {reference}")
    here.say("anna", f"sluiten {reference} klaar Het bankje staat er.")
    here.say("bewoner", "Wie moet ik dan bellen?")
    assert here.last("anna") == texts.relayed_after_close(
        reference, "Wie moet ik dan bellen?", "nl"
    )
    assert here.last("bewoner") == receipts.passed_on("Anna", reference, "nl")
    assert relays(here, reference)[-1] == {"text": "Wie moet ik dan bellen?", "to": "console:anna"}
    # Anna answers through the bot, though it is closed.
    assert here.say("anna", f"antwoord {reference} Bel de gemeente: 14 0187.")
    assert "Bel de gemeente: 14 0187." in here.last("bewoner")
    # A contact of another team may not answer.
    assert not here.say("bram", f"antwoord {reference} Ik ook.")
    assert "Ik ook." not in here.last("bewoner")


def test_a_closed_one_nobody_took_up_goes_to_the_team(here: Town) -> None:
    reference = here.submit("bewoner")
    here.say("anna", f"sluiten {reference} niet-haalbaar Dit kan helaas niet.")
    here.say("bewoner", "Waarom niet?")
    assert here.last("team-west") == texts.relayed_after_close(reference, "Waarom niet?", "nl")
    assert here.last("bewoner") == receipts.passed_on("Kernteam West", reference, "nl")


def test_long_after_the_close_nothing_is_relayed_and_the_resident_hears_how_to_start_anew(
    here: Town, clock: Clock
) -> None:
    reference = here.submit("bewoner")
    here.say("anna", f"oppakken {reference}")
    here.say("anna", f"sluiten {reference} klaar Het bankje staat er.")
    anna_before = here.inbox("anna")
    clock.now += timedelta(days=15)  # reopen_window is 14 days
    here.say("bewoner", "Bedankt nog!")
    assert here.inbox("anna") == anna_before
    assert here.last("bewoner") == receipts.closed_start_anew(reference, "nl")
    assert relays(here, reference) == []


def test_long_after_the_close_a_new_idea_starts_a_new_intake_with_it(
    here: Town, clock: Clock
) -> None:
    reference = here.submit("bewoner")
    here.say("anna", f"sluiten {reference} klaar Het bankje staat er.")
    clock.now += timedelta(days=15)
    here.say("bewoner", "Ik heb nog een idee voor een speeltuin bij de school.")
    assert relays(here, reference) == []
    assert "Ga je daarmee akkoord?" in here.last("bewoner")
    here.say("bewoner", "ja")
    assert "\u201cEen speeltuin bij de school\u201d" in here.last("bewoner")


def test_just_inside_the_window_it_still_goes(here: Town, clock: Clock) -> None:
    reference = here.submit("bewoner")
    here.say("anna", f"sluiten {reference} klaar Klaar.")
    clock.now += timedelta(days=13, hours=23)
    here.say("bewoner", "Nog een vraag.")
    assert here.last("team-west") == texts.relayed_after_close(reference, "Nog een vraag.", "nl")


def test_an_open_one_goes_before_a_more_recently_closed_one(here: Town) -> None:
    first = here.submit("bewoner")
    second = here.submit("bewoner")
    here.say("anna", f"oppakken {first}")
    here.say("anna", f"sluiten {second} klaar Gedaan.")  # changed last, but closed
    here.say("bewoner", "Hoe staat het ervoor?")
    assert relays(here, first) == [{"text": "Hoe staat het ervoor?", "to": "console:anna"}]
    assert relays(here, second) == []


def test_without_any_initiative_relay_gives_none(db: Database, names: Names) -> None:
    incoming = Incoming("console", "nieuw", "nieuw", "e1", "Wie beslist hierover?")
    with db.transaction() as session:
        now = datetime.now().astimezone()
        assert relay_to_contact(session, names, incoming, incoming.text, "nl", now) is None


def test_someone_elses_initiative_is_not_theirs_to_write_to(here: Town) -> None:
    reference = here.submit("bewoner")
    here.say("buurman", "Hallo, wie beslist hierover?")
    assert relays(here, reference) == []
    assert "Hallo, wie beslist" not in "".join(here.inbox("team-west"))


def test_each_reader_reads_in_their_own_language(here: Town, db: Database) -> None:
    reference = here.submit("bewoner")
    here.say("bewoner", "english")  # the resident switches after handing in
    with db.transaction() as session:
        follow_language(session, "console", "bewoner", "en")
    here.say("bewoner", "Who decides?")
    assert here.last("bewoner") == receipts.passed_on("Kernteam West", reference, "en")
    # The team reads in the team's language, whatever the resident's.
    assert (
        here.last("team-west")
        == texts.relayed_unclaimed(reference, "Bankje bij de haven", "Who decides?", "nl").text
    )
    here.say("anna", f"oppakken {reference}")
    assert here.last("bewoner") == receipts.claimed(reference, "Anna", "Kernteam West", "en")
    here.say("anna", f"sluiten {reference} klaar Done.")
    assert here.last("bewoner").startswith(f"Your initiative {reference} is")
