"""What `namens` is, decided before anything is done with it: pure, no database."""

import pytest

from bot.config.settings import Config
from bot.inbox.events import (
    ContactCommand,
    Ignored,
    OnBehalfIntake,
    ResidentTurn,
    Sender,
    classify,
)
from bot.intake import on_behalf
from bot.messages import Incoming

pytestmark = pytest.mark.pure


def classified(
    config: Config,
    sender: str,
    text: str,
    chat: str = "",
    payload: str = "",
    in_intake: bool = False,
) -> object:
    incoming = Incoming("console", chat or sender, sender, "e1", text, payload)
    return classify(incoming, Sender.of(incoming, config), config, lambda: in_intake)


@pytest.mark.parametrize("typed", ["namens", "Namens", "/namens", "namens bewoner", "on behalf"])
def test_a_contact_in_their_private_chat_starts_an_intake_for_a_resident(
    config: Config, typed: str
) -> None:
    event = classified(config, "anna", typed)
    assert isinstance(event, OnBehalfIntake)
    assert (event.staff.account, event.staff.name) == ("console:anna", "Anna")


def test_a_coordinator_may_too(config: Config) -> None:
    assert isinstance(classified(config, "coordinator", "namens"), OnBehalfIntake)


def test_from_a_resident_it_is_just_words(config: Config) -> None:
    assert isinstance(classified(config, "piet", "namens"), ResidentTurn)


def test_in_a_team_chat_it_is_talk(config: Config) -> None:
    assert isinstance(classified(config, "anna", "namens", chat="team-west"), Ignored)


def test_namens_in_a_sentence_is_no_command(config: Config) -> None:
    assert isinstance(classified(config, "anna", "namens de dorpsraad"), ResidentTurn)


@pytest.mark.parametrize("sender", ["piet", "anna"])
def test_the_start_as_a_button_is_forged(config: Config, sender: str) -> None:
    forged = on_behalf.start_payload("console:anna", "Anna")
    assert isinstance(classified(config, sender, "", payload=forged), Ignored)


@pytest.mark.parametrize("typed", ["help", "open", "Vraag over de speeltuin", "pak het aan"])
def test_in_the_middle_of_an_intake_a_contact_answers_it(config: Config, typed: str) -> None:
    assert isinstance(classified(config, "anna", typed, in_intake=True), ResidentTurn)
    assert isinstance(classified(config, "anna", typed, in_intake=False), ContactCommand)


def test_a_command_naming_an_initiative_is_still_theirs(config: Config) -> None:
    event = classified(config, "anna", "oppakken 2026-0042", in_intake=True)
    assert isinstance(event, ContactCommand)
    pressed = classified(config, "anna", "", payload="claim:2026-0042", in_intake=True)
    assert isinstance(pressed, ContactCommand)
