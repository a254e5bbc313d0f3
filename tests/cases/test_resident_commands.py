"""How a resident's commands about their own initiative are read."""

import pytest

from bot.cases.commands import (
    Action,
    Malformed,
    ResidentAction,
    ResidentMalformed,
    ResidentVerb,
    Verb,
    parse_contact_command,
    parse_resident_command,
    parse_withdraw_button,
    withdraw_button,
)

pytestmark = pytest.mark.pure

WITHDRAW, ADD = ResidentVerb.WITHDRAW, ResidentVerb.ADD


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("intrekken 2026-0001", ResidentAction(WITHDRAW, "2026-0001")),
        ("Withdraw 2026-0001", ResidentAction(WITHDRAW, "2026-0001")),
        ("/intrekken 2026-0001", ResidentAction(WITHDRAW, "2026-0001")),
        ("intrekken 2026-0001 ja", ResidentAction(WITHDRAW, "2026-0001", answer="yes")),
        ("withdraw 2026-0001 no", ResidentAction(WITHDRAW, "2026-0001", answer="no")),
        ("intrekken 2026-0001 misschien", ResidentMalformed(WITHDRAW)),
        ("intrekken", ResidentMalformed(WITHDRAW)),
        ("intrekken alsjeblieft", None),  # just talk: for the contact
        (
            "aanvullen 2026-0001 Het is bij de molen.",
            ResidentAction(ADD, "2026-0001", "Het is bij de molen."),
        ),
        ("add 2026-0001 two\nlines", ResidentAction(ADD, "2026-0001", "two\nlines")),
        ("aanvullen 2026-0001", ResidentMalformed(ADD)),
        ("aanvullen", ResidentMalformed(ADD)),
        ("ik wil het toch intrekken", None),
        ("", None),
    ],
)
def test_typed(text: str, expected: ResidentAction | ResidentMalformed | None) -> None:
    assert parse_resident_command(text) == expected


def test_a_photo_needs_only_the_number_as_its_caption() -> None:
    assert parse_resident_command("aanvullen 2026-0001", photo=True) == ResidentAction(
        ADD, "2026-0001"
    )


def test_the_buttons_under_are_you_sure_and_forged_ones() -> None:
    yes = withdraw_button("yes", "2026-0001")
    assert parse_withdraw_button(yes) == ResidentAction(WITHDRAW, "2026-0001", answer="yes")
    assert parse_withdraw_button(withdraw_button("no", "2026-0001")).answer == "no"  # type: ignore[union-attr]
    for forged in ("withdraw:maybe:2026-0001", "withdraw:yes:x", "claim:2026-0001", ""):
        assert parse_withdraw_button(forged) is None


def test_the_title_command_of_contacts() -> None:
    assert parse_contact_command("titel 2026-0001 Bankje bij de molen") == Action(
        Verb.TITLE, "2026-0001", text="Bankje bij de molen"
    )
    assert parse_contact_command("title 2026-0001") == Malformed(Verb.TITLE)
    assert parse_contact_command("titel 2026-0001 " + "x" * 256) == Malformed(Verb.TITLE)
