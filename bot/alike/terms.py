"""The terms an initiative's words come down to, for comparing subjects.

"Speeltuintje bij de kerk" and "nieuwe speeltoestellen" share no word, yet are about the
same thing. Each word gives its Dutch and English Snowball stems ("speeltuintje" and
"speeltuin" share one), and the word family it belongs to (`data/words.toml`): one of
its words, a compound ending in one ("buurtspeeltuin"), or a typo of a long one
("speeltuim"). Small words that say nothing of the subject are left out.

Pure: the same text always gives the same terms, at hand-in as at a search.
"""

import functools
import tomllib
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from importlib.resources import files

from bot.intake.keywords import snowball, stems
from bot.matching import normalize

# A family's terms start with this, so they never equal a stem.
FAMILY = "~"
# Shorter words are too often part of another one ("bank" in "ziekenbank").
MIN_COMPOUND_END = 5
# A typo in a long word, not another word: "zwerfafal"/"zwerfafval".
MIN_TYPO_LENGTH = 6
TYPO_SCORE = 86.0
MIN_WORD = 3
# Longer is no word but a link or a key held down; and a term must fit its column.
MAX_WORD = 40


@dataclass(frozen=True, slots=True)
class Family:
    key: str
    name: Mapping[str, str]  # per language: what the bot calls the subject


@dataclass(frozen=True, slots=True)
class Words:
    stopwords: frozenset[str]
    families: Mapping[str, Family]
    by_stem: Mapping[str, str]  # a family word's stems and endings, to its family's key
    long_words: tuple[str, ...]  # the family words long enough to hold a typo
    long_word_family: Mapping[str, str]


@functools.cache
def words() -> Words:
    text = files("bot.alike").joinpath("data", "words.toml").read_text("utf-8")
    data = tomllib.loads(text)
    families: dict[str, Family] = {}
    by_stem: dict[str, str] = {}
    long_word_family: dict[str, str] = {}
    for entry in data["families"]:
        # Named by its Dutch name: stored terms stay right when families are added.
        key = FAMILY + normalize(entry["name"]["nl"]).replace(" ", "-")
        families[key] = Family(key, entry["name"])
        for word in entry["words"]:
            plain = normalize(word).replace(" ", "")
            for stem in stems(plain):
                by_stem.setdefault(stem, key)
            if len(plain) >= MIN_TYPO_LENGTH:
                long_word_family.setdefault(plain, key)
    return Words(
        stopwords=frozenset(normalize(word) for word in data["stopwords"]),
        families=families,
        by_stem=by_stem,
        long_words=tuple(long_word_family),
        long_word_family=long_word_family,
    )


@dataclass(frozen=True, slots=True)
class Terms:
    """How often each term occurs, and the word each term was first said as (to explain
    a match in the words of whoever wrote it)."""

    counts: Mapping[str, int]
    said_as: Mapping[str, str]

    @property
    def length(self) -> int:
        return sum(self.counts.values())


def terms_of(*texts: str | None) -> Terms:
    counts: Counter[str] = Counter()
    said_as: dict[str, str] = {}
    known = words()
    for text in texts:
        for word in normalize(text or "").split():
            if not MIN_WORD <= len(word) <= MAX_WORD or word.isdigit() or word in known.stopwords:
                continue
            for term in _word_terms(word):
                counts[term] += 1
                said_as.setdefault(term, word)
    return Terms(counts, said_as)


@functools.lru_cache(maxsize=16384)
def _word_terms(word: str) -> tuple[str, ...]:
    """The stems of `word`, and the family it belongs to, if any."""
    family = family_of(word)
    return (*sorted(set(snowball(word))), *((family,) if family else ()))


def family_of(word: str) -> str | None:
    known = words()
    for stem in stems(word):
        if stem in known.by_stem:
            return known.by_stem[stem]
    for start in range(1, len(word) - MIN_COMPOUND_END + 1):
        ending = word[start:]
        if ending in known.by_stem:
            return known.by_stem[ending]
    if len(word) < MIN_TYPO_LENGTH:
        return None
    from rapidfuzz import fuzz, process

    found = process.extractOne(word, known.long_words, scorer=fuzz.ratio, score_cutoff=TYPO_SCORE)
    return known.long_word_family[found[0]] if found else None


def family_name(term: str, locale: str) -> str | None:
    """What the bot calls the subject of a family term; None for a stem."""
    if not term.startswith(FAMILY):
        return None
    family = words().families.get(term)
    return family.name.get(locale, family.name["nl"]) if family else None
