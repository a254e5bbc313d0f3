import pytest

from bot.intake.commands import Command, Parsed, parse_command

pytestmark = pytest.mark.pure


@pytest.mark.parametrize(
    ("text", "parsed"),
    [
        ("start", Parsed(Command.START)),
        ("/start", Parsed(Command.START)),
        ("Nieuw", Parsed(Command.START)),
        ("STOP", Parsed(Command.STOP)),
        ("annuleer", Parsed(Command.STOP)),
        ("terug", Parsed(Command.BACK)),
        ("back", Parsed(Command.BACK)),
        ("sla over", Parsed(Command.SKIP)),
        ("skip", Parsed(Command.SKIP)),
        ("?", Parsed(Command.HELP)),
        ("hulp", Parsed(Command.HELP)),
        ("mijn", Parsed(Command.MINE)),
        ("mine", Parsed(Command.MINE)),
        ("taal", Parsed(Command.LANGUAGE, "nl")),
        ("language", Parsed(Command.LANGUAGE, "en")),
        ("taal en", Parsed(Command.LANGUAGE, "en")),
        ("language Dutch", Parsed(Command.LANGUAGE, "nl")),
        ("English", Parsed(Command.LANGUAGE, "en")),
    ],
)
def test_commands_in_dutch_and_english(text: str, parsed: Parsed) -> None:
    assert parse_command(text) == parsed


@pytest.mark.parametrize(
    "text", ["Stop de hardrijders", "terugkomdag", "help mij", "en", "taal fr", "", "start nu"]
)
def test_a_sentence_containing_a_command_word_is_an_answer(text: str) -> None:
    assert parse_command(text) is None
