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
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import snowballstemmer
from rapidfuzz import fuzz, process

from bot.matching import Unclear, normalize

# A typo in a long word, not a different word: "eenzaamheid"/"eenzamheid", but not
# "spelen"/"speler".
TYPO_SCORE = 86.0
MIN_FUZZY_LENGTH = 6
MIN_SUFFIX_LENGTH = 5
_DUTCH = snowballstemmer.stemmer("dutch")
_ENGLISH = snowballstemmer.stemmer("english")


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
    """The option most keywords of `text` point to; Unclear on a tie, None on no hit."""
    counts: dict[str, int] = {}
    for hit in hits(text, options):
        counts[hit.key] = counts.get(hit.key, 0) + 1
    if not counts:
        return None
    most = max(counts.values())
    leaders = tuple(key for key, count in counts.items() if count == most)
    return leaders[0] if len(leaders) == 1 else Unclear(leaders)


def hits(text: str, options: Sequence[Keyworded]) -> list[Hit]:
    """Every keyword of every option that `text` contains, once each."""
    words = [_stems(word) for word in normalize(text).split()]
    if not words:
        return []
    found: list[Hit] = []
    for option in options:
        for keyword, needed in _index(option):
            if all(_present(stems, words) for stems in needed):
                found.append(Hit(option.key, keyword))
    return found


@functools.lru_cache(maxsize=256)
def _index(option: Keyworded) -> tuple[tuple[str, tuple[frozenset[str], ...]], ...]:
    """Each keyword with the stems of each of its words; options are few and fixed."""
    indexed = []
    for keyword in dict.fromkeys(option.keywords):
        words = tuple(_stems(word) for word in normalize(keyword).split() if word not in _FILLER)
        if words:
            indexed.append((keyword, words))
    return tuple(indexed)


# Small words that join the words of a name ("Verkeer en veiligheid").
_FILLER = frozenset({"en", "and", "of", "or", "de", "het", "een", "the", "a", "an"})


@functools.lru_cache(maxsize=4096)
def _stems(word: str) -> frozenset[str]:
    return frozenset({word, _DUTCH.stemWord(word), _ENGLISH.stemWord(word)})


def _present(wanted: frozenset[str], words: Iterable[frozenset[str]]) -> bool:
    return any(_same(wanted, stems) for stems in words)


def _same(wanted: frozenset[str], stems: frozenset[str]) -> bool:
    if wanted & stems:
        return True
    long_wanted = [stem for stem in wanted if len(stem) >= MIN_SUFFIX_LENGTH]
    if any(stem.endswith(keyword) for stem in stems for keyword in long_wanted):
        return True
    candidates = [stem for stem in stems if len(stem) >= MIN_FUZZY_LENGTH]
    long_keywords = [stem for stem in wanted if len(stem) >= MIN_FUZZY_LENGTH]
    return (
        any(
            process.extractOne(stem, long_keywords, scorer=fuzz.ratio, score_cutoff=TYPO_SCORE)
            for stem in candidates
        )
        if long_keywords
        else False
    )
