"""Reading a typed message as an answer to a return day, or a question about it."""

import pytest

from bot.returndays.reading import Answer, Question, read

pytestmark = pytest.mark.pure


@pytest.mark.parametrize(
    ("text", "answer", "guests"),
    [
        ("ik kom", "yes", None),
        ("Ja, ik kom hoor!", "yes", None),
        ("ik kom wel", "yes", None),
        ("ik ben erbij", "yes", None),
        ("we komen", "yes", None),
        ("ik kom met z'n tweeën", "yes", 1),
        ("Ik kom met z\u2019n drieën", "yes", 2),
        ("we komen met ons vieren", "yes", 3),
        ("ik kom met 2 anderen", "yes", 2),
        ("ik kom met mijn vrouw en dochter", "yes", 2),
        ("+1", "yes", 1),
        ("ik kom +2", "yes", 2),
        ("ik neem mijn buurman mee", "yes", 1),
        ("ik kom met nog iemand", "yes", 1),
        ("ik kom met 1 gast", "yes", 1),
        ("ik kom met nog 2 anderen", "yes", 2),
        ("ik kom toch niet", "no", None),
        ("we komen met 4", "yes", 3),  # four in all
        ("we komen met 3 man", "yes", 2),
        ("ik kom met mijn buurvrouw en haar man", "yes", 2),
        ("Ja ik kom, ik neem mijn zoon mee", "yes", 1),
        ("I'll come", "yes", None),
        ("I\u2019ll come with 2 others", "yes", 2),
        ("count me in", "yes", None),
        ("ik kom niet", "no", None),
        ("ik kon niet", "no", None),  # "kom" or "kan" mistyped: a no either way
        ("can't make it", "no", None),
        ("ik kom misschien", "maybe", None),
    ],
)
def test_words_of_coming_and_going_are_answers_of_their_own(
    text: str, answer: str, guests: int | None
) -> None:
    assert read(text) == Answer(answer, guests, plain=False)


@pytest.mark.parametrize(
    ("text", "answer"),
    [
        ("ja", "yes"),
        ("nee", "no"),
        ("nee helaas", "no"),
        ("lukt niet", "no"),
        ("ik kan niet", "no"),
        ("lukt toch niet", "no"),  # plans changed: "toch" is how people say it
        ("ik kan toch niet", "no"),
        ("Ik kan helaas niet", "no"),
        ("helaas", "no"),
        ("👍", "yes"),
        ("Graag!", "yes"),
        ("ja graag", "yes"),
        ("heel graag", "yes"),
        ("helaas niet", "no"),
        ("👎", "no"),
        ("Sorry, ik kan er niet bij zijn", "no"),
        ("misschien", "maybe"),
        ("weet ik nog niet", "maybe"),
        ("maybe", "maybe"),
    ],
)
def test_plain_words_answer_whoever_asked_last(text: str, answer: str) -> None:
    assert read(text) == Answer(answer, None, plain=True)


@pytest.mark.parametrize(
    "text",
    ["wat is een terugkomdag?", "waar is het?", "hoe laat begint het?", "wat is het programma?"],
)
def test_questions_about_the_day(text: str) -> None:
    assert read(text) == Question()


@pytest.mark.parametrize(
    "text",
    [
        "ik kom er niet uit met mijn aanvraag",  # a story for the contact
        "kom je ook?",  # a question, not an answer
        "Hoe gaat het met mijn aanvraag?",
        "ja ik kom niet",  # says both
        "ik kom met de fiets",  # no guest to count, nor a guess
        "ik kom met nog een vraag",  # not a person
        "ik kom met een idee",
        "ik kom maar later",  # a yes with a story: for a person to read
        "ik kom, ik neem mijn laptop mee",  # a thing takes no place
        "ik kom met mijn laptop",
        "ik kom uit Ouddorp",
        "De lantaarnpaal bij de haven is kapot, wat kan ik doen?",
        "",
    ],
)
def test_anything_else_is_no_answer(text: str) -> None:
    assert read(text) is None
