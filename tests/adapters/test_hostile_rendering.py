"""Whatever text the core writes, residents' words included, the renderers escape it:
the only markup in what goes out is the renderer's own, and no word is lost."""

import html
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from adapters.matrix import render as matrix
from adapters.telegram import render as telegram
from bot.messages import Choice, Outgoing
from tests.hostile import HOSTILE

pytestmark = pytest.mark.pure

# Arbitrary text, with the hostile corpus mixed in where it matters most.
TEXTS = st.one_of(
    st.text(max_size=600),
    st.sampled_from(HOSTILE),
    # Long: one character repeated, with words of random length.
    st.builds(
        lambda char, word, count: (char * word + " ") * count,
        st.sampled_from(["a", "<", "&", "\U0001f600", "\n"]),
        st.integers(1, 5000),
        st.integers(1, 40),
    ),
)
# What an HTML entity looks like; anything else with & or < would be markup.
ENTITY = re.compile(r"&(amp|lt|gt);")


def no_markup(rendered: str, own_tags: tuple[str, ...] = ()) -> bool:
    for tag in own_tags:
        rendered = rendered.replace(tag, "")
    return "<" not in rendered and ">" not in rendered and "&" not in ENTITY.sub("", rendered)


@settings(max_examples=200, deadline=None)
@given(text=TEXTS)
def test_telegram_parts_are_escaped_fit_and_lose_no_word(text: str) -> None:
    pieces = telegram.parts(text)
    assert all(telegram.units(piece) <= telegram.MAX_TEXT for piece in pieces)
    assert all(no_markup(piece) for piece in pieces)
    joined = "".join(html.unescape(piece) for piece in pieces)
    assert "".join(joined.split()) == "".join(text.split())  # cuts fall between words


@settings(max_examples=200, deadline=None)
@given(question=TEXTS, labels=st.lists(TEXTS, min_size=1, max_size=3))
def test_an_answered_telegram_question_is_escaped_but_for_its_bold(
    question: str, labels: list[str]
) -> None:

    shown = telegram.answered(question, labels)
    assert no_markup(shown, ("<b>", "</b>"))
    assert telegram.units(shown) <= telegram.MAX_TEXT or not labels


@settings(max_examples=200, deadline=None)
@given(text=TEXTS, labels=st.lists(TEXTS, max_size=4))
def test_matrix_html_is_escaped_and_the_body_is_the_text(text: str, labels: list[str]) -> None:
    choices = tuple(Choice(f"k{number}", label) for number, label in enumerate(labels))
    content = matrix.content(Outgoing("matrix", "!room:x", text, choices))
    formatted = content["formatted_body"]
    assert no_markup(formatted, ("<br>", "<ol>", "</ol>", "<li>", "</li>"))
    assert content["body"].startswith(text)
    paragraphs = formatted.split("<ol>")[0].replace("<br>", "\n")
    assert html.unescape(paragraphs) == text
