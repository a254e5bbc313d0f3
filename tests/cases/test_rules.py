"""Who may do what, in which state: every transition, allowed and refused."""

import pytest

from bot.accounts import Staff, staff_member
from bot.cases.commands import Action, Verb
from bot.cases.rules import Case, Why, goes_to_coordinators, refusal
from bot.config.settings import Config

pytestmark = pytest.mark.pure

ANNA = Staff("console:anna", "Anna", frozenset({"west"}), coordinator=False)
WILLEM = Staff("console:willem", "Willem", frozenset({"west"}), coordinator=False)
BRAM = Staff("console:bram", "Bram", frozenset({"midden"}), coordinator=False)
FLEUR = Staff("console:coordinator", "Fleur", frozenset(), coordinator=True)


def case(status: str = "submitted", claimed_by: str | None = None) -> Case:
    return Case("2026-0001", "west", status, claimed_by, "Anna" if claimed_by else None)


def test_an_erased_initiative_has_nobody_to_answer() -> None:
    erased = Case("2026-0001", "west", "done", "console:anna", "Anna", erased=True)
    assert refusal(act(Verb.REPLY), erased, ANNA) is Why.CLOSED


def act(verb: Verb, target: str = "", text: str = "x") -> Action:
    return Action(verb, "2026-0001", target, text)


def test_staff_is_read_from_the_config(config: Config) -> None:
    assert staff_member(config, "console:anna") == Staff(
        "console:anna", "Anna", frozenset({"west"}), coordinator=False
    )
    fleur = staff_member(config, "console:coordinator")
    assert fleur is not None
    assert fleur.coordinator
    assert staff_member(config, "console:bewoner") is None
    assert staff_member(config, "telegram:anna") is None  # another platform, another person


ABOUT_ONE_INITIATIVE = [verb for verb in Verb if verb not in (Verb.OPEN, Verb.HELP)]


@pytest.mark.parametrize("verb", ABOUT_ONE_INITIATIVE)
def test_another_team_can_do_nothing(verb: Verb) -> None:
    assert refusal(act(verb, "oost"), case(), BRAM, "oost") is Why.NOT_YOUR_TEAM


@pytest.mark.parametrize(
    ("verb", "status", "claimed_by", "who", "why"),
    [
        (Verb.CLAIM, "submitted", None, ANNA, None),
        (Verb.CLAIM, "claimed", "console:anna", ANNA, Why.ALREADY_CLAIMED),
        (Verb.CLAIM, "claimed", "console:anna", WILLEM, Why.ALREADY_CLAIMED),
        (Verb.CLAIM, "done", None, ANNA, Why.CLOSED),
        (Verb.RELEASE, "submitted", None, ANNA, Why.NOT_CLAIMED),
        (Verb.RELEASE, "claimed", "console:anna", ANNA, None),
        (Verb.RELEASE, "claimed", "console:anna", WILLEM, Why.CLAIMED_BY_OTHER),
        (Verb.RELEASE, "claimed", "console:anna", FLEUR, None),
        (Verb.REPLY, "submitted", None, ANNA, Why.NOT_CLAIMED),
        (Verb.REPLY, "claimed", "console:anna", ANNA, None),
        (Verb.REPLY, "claimed", "console:anna", WILLEM, Why.CLAIMED_BY_OTHER),
        # After a close the initiator may still write: their last contact may answer.
        (Verb.REPLY, "withdrawn", "console:anna", ANNA, None),
        (Verb.REPLY, "done", "console:anna", WILLEM, Why.CLAIMED_BY_OTHER),
        (Verb.REPLY, "done", None, WILLEM, None),
        (Verb.TITLE, "claimed", "console:anna", WILLEM, None),
        (Verb.TITLE, "submitted", None, FLEUR, None),
        (Verb.TITLE, "done", None, ANNA, Why.CLOSED),
        (Verb.CLOSE, "submitted", None, WILLEM, None),
        (Verb.CLOSE, "claimed", "console:anna", WILLEM, Why.CLAIMED_BY_OTHER),
        (Verb.CLOSE, "claimed", "console:anna", FLEUR, None),
        (Verb.CLOSE, "not_feasible", None, FLEUR, Why.CLOSED),
        (Verb.COMMENT, "done", None, WILLEM, None),
        (Verb.SHOW, "done", None, FLEUR, None),
    ],
)
def test_transitions(
    verb: Verb, status: str, claimed_by: str | None, who: Staff, why: Why | None
) -> None:
    assert refusal(act(verb, "done"), case(status, claimed_by), who) is why


@pytest.mark.parametrize(
    ("status", "claimed_by", "who", "target", "why"),
    [
        ("submitted", None, ANNA, "oost", None),
        ("submitted", None, ANNA, "west", Why.SAME_TEAM),
        ("claimed", "console:anna", ANNA, "oost", None),
        ("claimed", "console:anna", WILLEM, "oost", Why.CLAIMED_BY_OTHER),
        ("done", None, FLEUR, "oost", Why.CLOSED),
    ],
)
def test_forwarding(
    status: str, claimed_by: str | None, who: Staff, target: str, why: Why | None
) -> None:

    assert refusal(act(Verb.FORWARD, target), case(status, claimed_by), who, target) is why


def test_a_coordinator_acts_on_every_team() -> None:
    for verb in (Verb.CLAIM, Verb.SHOW, Verb.COMMENT, Verb.CLOSE):
        assert refusal(act(verb, "done"), case(), FLEUR) is None


CONSULTED = Case(
    "2026-0001", "west", "claimed", "console:anna", "Anna", consulted=frozenset({"midden"})
)


@pytest.mark.parametrize("verb", [Verb.SHOW, Verb.COMMENT])
def test_a_consulted_team_may_look_and_comment(verb: Verb) -> None:
    assert refusal(act(verb), CONSULTED, BRAM) is None


@pytest.mark.parametrize(
    "verb", [v for v in ABOUT_ONE_INITIATIVE if v not in (Verb.SHOW, Verb.COMMENT)]
)
def test_a_consulted_team_owns_nothing(verb: Verb) -> None:
    assert refusal(act(verb, "oost"), CONSULTED, BRAM, "oost") is Why.ONLY_CONSULTED


def test_involving_the_own_team_or_one_involved_already_is_refused() -> None:
    assert refusal(act(Verb.INVOLVE, "west"), CONSULTED, ANNA, "west") is Why.OWN_TEAM
    assert refusal(act(Verb.INVOLVE, "midden"), CONSULTED, ANNA, "midden") is Why.ALREADY_INVOLVED
    assert refusal(act(Verb.INVOLVE, "oost"), CONSULTED, WILLEM, "oost") is None  # any of west


def test_a_second_forward_waits_for_the_coordinators_unless_one_forwards() -> None:
    once = Case("2026-0001", "west", "submitted", None, None, forwards=1)
    forward = act(Verb.FORWARD, "oost")
    assert not goes_to_coordinators(forward, case(), ANNA)  # the first goes through
    assert goes_to_coordinators(forward, once, ANNA)
    assert not goes_to_coordinators(forward, once, FLEUR)  # the coordinators' decision
    assert not goes_to_coordinators(act(Verb.CLAIM), once, ANNA)
