"""Finding the village or neighbourhood in how residents name a place.

"Middelharnis, de Oostplaat", "op n Bommel", "Ouddorp bij de molen", "in Dirksland,
Schoolstraat": the area is one of its names from the config (aliases hold dialect
forms such as "'n Bommel"), anywhere in the answer, word for word or one typo away;
the rest is kept as the place detail, for the contact. Nothing is known per village
here: only the config's names.
"""

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from bot.intake.intent import words as plain_words
from bot.matching import FUZZY_CUTOFF, Named, Unclear, normalize

_TOKEN = re.compile(r"[^\s,;:()\-\u2013\u2014/]+")
_TRIM = " ,;:-\u2013\u2014()./"
# Short words are too easily another word one letter off: "Stad" and "stam".
MIN_FUZZY_CHARS = 6


@dataclass(frozen=True, slots=True)
class Place:
    key: str
    detail: str | None  # what else was said: a street, a wijk, "bij de molen"


@dataclass(frozen=True, slots=True)
class _Found:
    key: str
    first: int  # the first and last token of the name in the text
    last: int
    exact: bool


def find_place(text: str, areas: Sequence[Named]) -> Place | Unclear | None:
    """The area `text` names, with the rest of the text as its detail."""
    tokens = [
        (found.start(), found.end(), normalize(found.group())) for found in _TOKEN.finditer(text)
    ]
    words = [word for _start, _end, word in tokens]
    found = [hit for area in areas for hit in _in_text(area, words)]
    # A name inside a longer one ("Stad" in "Stad aan 't Haringvliet") is that one.
    found = [hit for hit in found if not any(_within(hit, other) for other in found)]
    if not found:
        return None
    keys = tuple(dict.fromkeys(hit.key for hit in found))
    if len(keys) > 1:  # "Middelharnis of Sommelsdijk": the resident chooses
        return Unclear(keys)
    # A name as written over one with a typo, then the longest.
    hit = max(found, key=lambda one: (one.exact, one.last - one.first))
    before = text[: tokens[hit.first][0]]
    after = text[tokens[hit.last][1] :]
    return Place(hit.key, _detail(_without_lead(before), after))


def _within(hit: _Found, other: _Found) -> bool:
    """`hit` lies inside the longer `other`."""
    longer = other.last - other.first > hit.last - hit.first
    return longer and other.first <= hit.first and hit.last <= other.last


def _in_text(area: Named, words: list[str]) -> list[_Found]:
    hits: list[_Found] = []
    for name, size in _names(area):
        for first in range(len(words) - size + 1):
            window = " ".join(words[first : first + size])
            if window == name:
                hits.append(_Found(area.key, first, first + size - 1, True))
            elif len(name) >= MIN_FUZZY_CHARS and _one_typo(window, name):
                hits.append(_Found(area.key, first, first + size - 1, False))
    return hits


@functools.lru_cache(maxsize=256)
def _names(area: Named) -> tuple[tuple[str, int], ...]:
    """Each name of an area, normalised, with its number of words; areas are fixed."""
    names = dict.fromkeys(normalize(name) for name in area.names)
    return tuple((name, len(name.split())) for name in names if name)


def _one_typo(typed: str, name: str) -> bool:
    from rapidfuzz import fuzz

    return fuzz.ratio(typed, name) >= FUZZY_CUTOFF * 100


def _without_lead(before: str) -> str:
    """ "op n" in "op n Bommel" leads into the name; it is no part of the detail."""
    plain = plain_words()
    words = before.rstrip(_TRIM).split()
    if set(normalize(before).split()) <= plain.saying_where:
        return ""
    while words and normalize(words[-1]) in plain.into_a_place:
        words.pop()
    return " ".join(words)


def _detail(before: str, after: str) -> str | None:
    parts = [part.strip(_TRIM) for part in (before, after)]
    detail = ", ".join(part for part in parts if part)
    return detail or None
