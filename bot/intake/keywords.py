"""Which option the words of an answer point to: "een speeltuintje voor de jeugd" is
about culture and sport when the config gives that theme the keywords speeltuin and
jeugd.

Words are compared on their Snowball stems, Dutch and English ("speeltuintje" and
"speeltuin" share one, so do "ouderen" and "ouder"); a word that ends in a keyword
counts too, as Dutch compounds end in what they are ("buurtspeeltuin"); and a long
word one typo away (rapidfuzz) counts as well. Every hit can be explained: it names
the keyword it matched.
"""

import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from bot.intake.intent import words as plain_words
from bot.matching import Unclear, normalize

# A typo in a long word, not a different word: "eenzaamheid"/"eenzamheid", but not
# "spelen"/"speler".
TYPO_SCORE = 86.0
MIN_FUZZY_LENGTH = 6
MIN_SUFFIX_LENGTH = 5


@functools.cache
def _stemmers() -> tuple[Callable[[str], str], Callable[[str], str]]:
    """The Dutch and English Snowball stemmers, loaded with the first answer to match:
    with rapidfuzz, some 7 MB a bot waiting for residents does without."""
    import snowballstemmer

    return (
        snowballstemmer.stemmer("dutch").stemWord,
        snowballstemmer.stemmer("english").stemWord,
    )


@dataclass(frozen=True, slots=True)
class Keyworded:
    """An option and the words that point to it; a keyword may be several words."""

    key: str
    keywords: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Hit:
    key: str
    keyword: str  # the keyword of the config that matched, to explain the choice


def best(text: str, options: Sequence[Keyworded]) -> str | Unclear | None:
    """The option the words of `text` point to most; Unclear on a tie, None on no hit.

    Each word of the text counts for the options it points to most closely: a word
    that is a keyword as written beats one that only shares its stem, so "parking"
    is for the option with the keyword "parking", not the one with "park".
    """
    said = _said(text)
    closeness: dict[str, dict[int, int]] = {}
    for option in options:
        weights = closeness.setdefault(option.key, {})
        for _keyword, places in _found(option, said):
            for position, weight in places:
                weights[position] = max(weights.get(position, 0), weight)
    scores: dict[str, int] = {}
    for position in range(len(said)):
        closest = max((weights.get(position, 0) for weights in closeness.values()), default=0)
        for key, weights in closeness.items():
            if closest and weights.get(position, 0) == closest:
                scores[key] = scores.get(key, 0) + 1
    if not scores:
        return None
    most = max(scores.values())
    leaders = tuple(key for key, score in scores.items() if score == most)
    return leaders[0] if len(leaders) == 1 else Unclear(leaders)


def hits(text: str, options: Sequence[Keyworded]) -> list[Hit]:
    """Every keyword of every option that `text` contains, once each."""
    said = _said(text)
    return [
        Hit(option.key, keyword)
        for option in options
        for keyword, _where_found in _found(option, said)
    ]


EXACT, SIMILAR = 2, 1
_Said = list[tuple[str, frozenset[str]]]  # each word of the text, with its stems


def _said(text: str) -> _Said:
    """The words of `text` that can mean something: "bij" in "bomen bij de speeltuin"
    is no bee ("bijen")."""
    small = plain_words().small_words
    return [(word, stems(word)) for word in normalize(text).split() if word not in small]


def _found(option: Keyworded, said: _Said) -> list[tuple[str, list[tuple[int, int]]]]:
    """The option's keywords all of whose words are in `said`: where, and how closely."""
    found = []
    for keyword, needed in _index(option):
        places = [_where(word, stems, said) for word, stems in needed]
        if all(place is not None for place in places):
            found.append((keyword, [place for place in places if place is not None]))
    return found


def _where(word: str, stems: frozenset[str], said: _Said) -> tuple[int, int] | None:
    """The first word of `said` that is `word` (EXACT) or like it (SIMILAR)."""
    similar = None
    for position, (typed, typed_stems) in enumerate(said):
        if typed == word:
            return position, EXACT
        if similar is None and _alike(word, stems, typed, typed_stems):
            similar = (position, SIMILAR)
    return similar


@functools.lru_cache(maxsize=256)
def _index(option: Keyworded) -> tuple[tuple[str, tuple[tuple[str, frozenset[str]], ...]], ...]:
    """Each keyword with each of its words and their stems; options are few and fixed."""
    indexed = []
    for keyword in dict.fromkeys(option.keywords):
        words = tuple(
            (word, stems(word))
            for word in normalize(keyword).split()
            if word not in plain_words().small_words
        )
        if words:
            indexed.append((keyword, words))
    return tuple(indexed)


@functools.lru_cache(maxsize=4096)
def stems(word: str) -> frozenset[str]:
    """The word, its Dutch and its English Snowball stem."""
    return frozenset({word, *snowball(word)})


def snowball(word: str) -> tuple[str, str]:
    """The Dutch and the English Snowball stem of `word`."""
    dutch, english = _stemmers()
    return dutch(word), english(word)


def _alike(word: str, stems: frozenset[str], typed: str, typed_stems: frozenset[str]) -> bool:
    """The same stem; a compound that holds the keyword ("starterswoningen",
    "buurtspeeltuin"); or one typo in a long word."""
    if stems & typed_stems:
        return True
    if len(word) >= MIN_SUFFIX_LENGTH and word in typed:
        return True
    long_stems = [stem for stem in stems if len(stem) >= MIN_SUFFIX_LENGTH]
    if any(stem.endswith(keyword) for stem in typed_stems for keyword in long_stems):
        return True
    if len(typed) < MIN_FUZZY_LENGTH or len(word) < MIN_FUZZY_LENGTH:
        return False
    from rapidfuzz import fuzz

    return fuzz.ratio(typed, word) >= TYPO_SCORE
