"""How messages look on Telegram: escaping, long texts, keyboards and ticked options."""

import html

from telegram import InlineKeyboardMarkup

from adapters.telegram import render
from bot.messages import Choice, Outgoing, split_several

QUESTION = Outgoing(
    "telegram",
    "42",
    "Welke hulp zoek je?",
    (Choice("answer:help:money", "Geld"), Choice("answer:help:permit", "Vergunning")),
    multiple=True,
    done_label="Klaar",
)


def test_user_text_is_escaped_and_nothing_else_is_markup() -> None:
    [part] = render.parts('<b>gratis</b> & "zo" <script>')
    assert part == '&lt;b&gt;gratis&lt;/b&gt; &amp; "zo" &lt;script&gt;'


def test_a_long_text_is_cut_between_paragraphs_into_parts_that_fit() -> None:
    paragraphs = [f"Alinea {n}: " + "woord " * 150 for n in range(12)]
    text = "\n\n".join(paragraphs)
    parts = render.parts(text)
    assert len(parts) > 1
    assert all(len(part) <= render.MAX_TEXT for part in parts)
    assert all(part.startswith("Alinea") for part in parts)  # cut at a paragraph
    assert " ".join(parts).split() == text.split()  # nothing lost or doubled


def test_escaping_counts_towards_the_limit_and_entities_are_never_cut() -> None:
    parts = render.parts("&" * 5000)
    assert all(len(part) <= render.MAX_TEXT for part in parts)
    assert all(part.replace("&amp;", "") == "" for part in parts)
    assert sum(len(html.unescape(part)) for part in parts) == 5000


def test_a_text_without_spaces_is_still_cut() -> None:
    parts = render.parts("x" * 9000)
    assert [len(part) for part in parts] == [4096, 4096, 808]


def test_an_emoji_counts_two_as_telegram_counts_it() -> None:
    parts = render.parts("\U0001f333" * 3000)  # a tree: two UTF-16 units each
    assert [render.units(part) for part in parts] == [4096, 1904]
    assert "".join(parts) == "\U0001f333" * 3000  # never half an emoji


def test_a_multiple_choice_ends_with_done_and_options_tick_in_place() -> None:
    markup = render.keyboard(QUESTION)
    assert markup is not None
    assert render.is_multiple(markup)
    assert markup.inline_keyboard[-1][0].text == "Klaar"
    ticked = render.toggled(markup, "answer:help:permit")
    assert ticked is not None
    assert ticked.inline_keyboard[1][0].text == render.CHECKED + "Vergunning"
    payload, labels = render.checked(ticked)
    assert labels == ["Vergunning"]
    assert split_several(payload) == ["answer:help:permit"]
    unticked = render.toggled(ticked, "answer:help:permit")
    assert unticked is not None
    assert render.checked(unticked)[1] == []


def test_a_forged_option_is_not_ticked() -> None:
    markup = render.keyboard(QUESTION)
    assert markup is not None
    assert render.toggled(markup, "answer:help:helicopter") is None


def test_a_single_choice_has_no_done_button() -> None:
    single = Outgoing("telegram", "42", "Ja?", (Choice("answer:consent:yes", "Ja"),))
    markup = render.keyboard(single)
    assert isinstance(markup, InlineKeyboardMarkup)
    assert not render.is_multiple(markup)
    assert render.keyboard(Outgoing("telegram", "42", "Geen keuzes")) is None


def test_choices_too_long_for_buttons_become_a_numbered_list() -> None:
    long_key = Outgoing("telegram", "42", "Kies", (Choice("answer:" + "x" * 80, "Lang"),))
    assert not render.fits_buttons(long_key)
    assert render.numbered(long_key) == "Kies\n\n1. Lang"
    assert render.fits_buttons(QUESTION)


def test_an_answered_question_shows_the_answer_in_bold() -> None:
    shown = render.answered("Welke <hulp>?", ["Geld", "Vergunning"])
    assert shown == "Welke &lt;hulp&gt;?\n\n<b>\u00bb Geld, Vergunning</b>"
    assert render.answered("x" * 5000, ["Ja"]) == "<b>\u00bb Ja</b>"
