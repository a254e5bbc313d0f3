"""Contact commands as typed, and button payloads as they may arrive: real or forged."""

import pytest

from bot.cases.commands import Action, Malformed, Verb, parse_button, parse_contact_command

pytestmark = pytest.mark.pure


@pytest.mark.parametrize(
    ("text", "action"),
    [
        ("oppakken 2026-0001", Action(Verb.CLAIM, "2026-0001")),
        ("claim 2026-0001", Action(Verb.CLAIM, "2026-0001")),
        ("/claim@initiatiefbot 2026-0001", Action(Verb.CLAIM, "2026-0001")),
        ("Vrijgeven 2026-0012", Action(Verb.RELEASE, "2026-0012")),
        ("toon 2026-0001", Action(Verb.SHOW, "2026-0001")),
        ("open", Action(Verb.OPEN)),
        ("help", Action(Verb.HELP)),
        (
            "doorsturen 2026-0001 oost hoort bij Oost",
            Action(Verb.FORWARD, "2026-0001", "oost", "hoort bij Oost"),
        ),
        ("betrek 2026-0001 oost", Action(Verb.INVOLVE, "2026-0001", "oost")),
        (
            "involve 2026-0001 oost knows the harbour master",
            Action(Verb.INVOLVE, "2026-0001", "oost", "knows the harbour master"),
        ),
        (
            "notitie 2026-0001 Gebeld, komt terug",
            Action(Verb.COMMENT, "2026-0001", text="Gebeld, komt terug"),
        ),
        (
            "sluiten 2026-0001 klaar Het bankje staat er!",
            Action(Verb.CLOSE, "2026-0001", "done", "Het bankje staat er!"),
        ),
        (
            "close 2026-0001 infeasible No room",
            Action(Verb.CLOSE, "2026-0001", "not_feasible", "No room"),
        ),
        (
            "antwoord 2026-0001 Ik bel je morgen",
            Action(Verb.REPLY, "2026-0001", text="Ik bel je morgen"),
        ),
    ],
)
def test_commands(text: str, action: Action) -> None:
    assert parse_contact_command(text) == action


@pytest.mark.parametrize(
    ("text", "verb"),
    [
        ("oppakken", Verb.CLAIM),
        ("oppakken bankje", Verb.CLAIM),
        ("oppakken 2026-0001 nu", Verb.CLAIM),
        ("doorsturen 2026-0001 oost", Verb.FORWARD),
        ("sluiten 2026-0001 misschien het lukt", Verb.CLOSE),
        ("sluiten 2026-0001 klaar", Verb.CLOSE),
        ("notitie 2026-0001", Verb.COMMENT),
        ("betrek 2026-0001", Verb.INVOLVE),
        ("antwoord 26-1 hoi", Verb.REPLY),
    ],
)
def test_an_incomplete_command_gets_its_usage(text: str, verb: Verb) -> None:
    assert parse_contact_command(text) == Malformed(verb)


@pytest.mark.parametrize("text", ["hallo allemaal", "open de deur", "Bankje bij de haven", ""])
def test_ordinary_chatter_is_no_command(text: str) -> None:
    assert parse_contact_command(text) is None


@pytest.mark.parametrize(
    ("payload", "parsed"),
    [
        ("claim:2026-0001", Action(Verb.CLAIM, "2026-0001")),
        ("show:2026-0001", Action(Verb.SHOW, "2026-0001")),
        ("claim:2026-0001; DROP TABLE initiatives", Malformed(Verb.CLAIM)),
        ("claim:", Malformed(Verb.CLAIM)),
        ("close:2026-0001", None),  # closing needs a message: never a bare button
        ("forward:2026-0001:oost", None),
        ("answer:area:ouddorp", None),
        ("", None),
        ("\x00claim:2026-0001", None),
    ],
)
def test_buttons_are_checked_like_typed_text(payload: str, parsed: object) -> None:
    assert parse_button(payload) == parsed
