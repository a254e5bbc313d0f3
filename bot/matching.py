"""Recognising what a resident typed among a list of named options.

Residents type "ouddorp", "Oude Tonge", "stad aan t haringvliet" or "Midelharnis";
all should land on the right option, and an unclear answer must not guess.
"""

import difflib
import functools
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

_NOT_WORD = re.compile(r"[^0-9a-z]+")
# Close enough to be a typo of the name, far enough apart to tell kernen apart.
FUZZY_CUTOFF = 0.8
MIN_PREFIX = 3


def normalize(text: str) -> str:
    """Lower case, no accents, apostrophes and hyphens as plain word breaks."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    return _NOT_WORD.sub(" ", bare.replace("'", "").replace("\u2019", "")).strip()


@dataclass(frozen=True, slots=True)
class Named:
    """An option with every name it may be called by."""

    key: str
    names: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Unclear:
    """The text fits several options equally well."""

    keys: tuple[str, ...]


def match(text: str, options: Sequence[Named]) -> str | Unclear | None:
    """The key of the option `text` names: exact, then a unique prefix, then a typo."""
    wanted = normalize(text)
    if not wanted:
        return None
    exact = _unique(o.key for o in options if wanted in _normalized(o))
    if exact is not None:
        return exact
    if len(wanted) >= MIN_PREFIX:
        prefixed = _unique(
            o.key for o in options if any(name.startswith(wanted) for name in _normalized(o))
        )
        if prefixed is not None:
            return prefixed
    return _closest(wanted, options)


# Options come from the config and the flow, so they are few, and every answer is
# matched against them: their names are normalised once.
@functools.lru_cache(maxsize=1024)
def _normalized(option: Named) -> tuple[str, ...]:
    return tuple(dict.fromkeys(normalize(name) for name in option.names))


def _unique(keys: Iterable[str]) -> str | Unclear | None:
    found = tuple(dict.fromkeys(keys))
    if not found:
        return None
    return found[0] if len(found) == 1 else Unclear(found)


def _closest(wanted: str, options: Sequence[Named]) -> str | Unclear | None:
    scores: dict[str, float] = {}
    for option in options:
        for name in _normalized(option):
            ratio = difflib.SequenceMatcher(None, wanted, name).ratio()
            scores[option.key] = max(scores.get(option.key, 0.0), ratio)
    best = max(scores.values(), default=0.0)
    if best < FUZZY_CUTOFF:
        return None
    return _unique(key for key, score in scores.items() if score == best)
