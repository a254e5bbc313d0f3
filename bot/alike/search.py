"""Finding initiatives like a new one: open, running or recently finished, in its own
area or a neighbouring one, about the same subject.

Ranked with BM25 (Robertson and Spärck Jones's weighting, as search engines use it):
a shared term counts more the rarer it is among the initiatives of those areas, and
the more the initiative says it, up to a point. The database sums the weights of the
terms asked for and hands back the best few; those are then weighed here against
the most the subject could score (itself), so that a long story and a short title
meet the same bar, and a shared theme or area counts a little extra. What is shown
says why, in one word: the subject both are about.
"""

import math
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.alike.filing import FINISHED, finished_since, weights
from bot.alike.terms import FAMILY, Terms, family_name, terms_of
from bot.config.settings import Config
from bot.matching import normalize
from bot.vocabulary import UNFINISHED
from storage import similar
from storage.models import Initiative

MOST = 3
# How many the database ranks before the theme and area are weighed in.
CANDIDATES = 12
# How many of the subject's terms the ranking reads (`_telling`).
TELLING = 5
# The least part of the subject's own score an initiative must reach on its words, and
# the least part of the best one's likeness: a far second is no match. Chosen on the
# labelled set of the tests (tests/alike/labelled.py), where 0.15 to 0.22 and 0.8 keep
# both precision and recall above their floor.
MIN_LIKENESS = 0.2
RELATIVE = 0.8
# A shared word family names the subject ("speelplek"); a shared stem may be anything
# ("ouders", "school"). So a family weighs as much as several stems.
FAMILY_WEIGHT = 8.0
SAME_THEME, SAME_AREA = 0.1, 0.05
MIN_NAME_PART = 3  # "de" and "van" of a name are no sign of it in a title


@dataclass(frozen=True, slots=True)
class Subject:
    """What is looked for: an initiative being handed in, or one that was."""

    title: str
    description: str | None
    area: str
    theme: str
    itself: int | None = None  # the id of the initiative itself, left out
    # The resident whose intake this is (channel, sender): their own initiatives are
    # left out, and only shared subjects (word families) count. A rare word shared
    # with someone else's story (a surname, a street) would tell them it is in there.
    asked_by: tuple[str, str] | None = None

    @classmethod
    def of(cls, initiative: Initiative) -> "Subject":
        return cls(
            initiative.title,
            initiative.description,
            initiative.area,
            initiative.theme,
            initiative.id,
        )


@dataclass(frozen=True, slots=True)
class Alike:
    initiative_id: int
    reference: str
    title: str
    area: str
    status: str
    because: str  # the subject both are about, in the words of whoever asked
    likeness: float
    # The title holds a word of its initiator's name ("Jansen wil een bankje"): it is
    # not for other residents' eyes.
    title_names_initiator: bool = False


def alike(
    session: Session, config: Config, subject: Subject, locale: str, now: datetime
) -> list[Alike]:
    """At most three initiatives like `subject`, the most alike first."""
    if not config.similar.enabled:
        return []
    asked = terms_of(subject.title, subject.description)
    if subject.asked_by is not None:
        asked = Terms(
            {term: count for term, count in asked.counts.items() if term.startswith(FAMILY)},
            asked.said_as,
        )
    if not asked.counts:  # nothing to compare: no need to ask the database
        return []
    areas = config.near(subject.area)
    counts = similar.frequencies(session, asked.counts, areas)
    total = counts.pop(similar.EVERY, 0)
    rarity = {term: _rarity(term, total, known) for term, known in counts.items()}
    ranked_by = _telling(rarity, weights(asked))
    itself = _own_score(asked, counts, total)
    findable = similar.Findable(
        tuple(UNFINISHED),
        FINISHED,
        finished_since(config, now),
        (subject.itself,) if subject.itself is not None else (),
        subject.asked_by,
    )
    ranked = similar.best(session, ranked_by, areas, findable, CANDIDATES)
    if not ranked or not itself:
        return []
    initiatives = {
        initiative.id: initiative
        for initiative in session.scalars(
            select(Initiative).where(Initiative.id.in_([found for found, _ in ranked]))
        )
    }
    weighed = []
    for found, score in ranked:
        likeness = score / itself
        if likeness < MIN_LIKENESS:
            continue
        initiative = initiatives[found]
        likeness += SAME_THEME * (initiative.theme == subject.theme)
        likeness += SAME_AREA * (initiative.area == subject.area)
        weighed.append((likeness, initiative))
    weighed.sort(key=lambda pair: (-pair[0], -pair[1].id))
    best = weighed[0][0] if weighed else 0.0
    shown = [pair for pair in weighed if pair[0] >= RELATIVE * best][:MOST]
    shared = similar.shared(session, [initiative.id for _, initiative in shown], rarity, areas)
    return [
        Alike(
            initiative.id,
            initiative.reference,
            initiative.title,
            initiative.area,
            initiative.status,
            _because(shared.get(initiative.id, {}), rarity, asked, locale),
            likeness,
            names_initiator(initiative),
        )
        for likeness, initiative in shown
    ]


def names_initiator(initiative: Initiative) -> bool:
    return says_name(initiative.name, initiative.title)


def says_name(name: str | None, text: str) -> bool:
    """Whether `text` holds a word of `name` (its short words, "de" or "van", aside)."""
    said = set(normalize(text).split())
    parts = normalize(name or "").split()
    return any(len(part) >= MIN_NAME_PART and part in said for part in parts)


def _rarity(term: str, total: int, having: int) -> float:
    """BM25's inverse document frequency, more for a word family."""
    rare = math.log(1 + (total - having + 0.5) / (having + 0.5))
    return rare * (FAMILY_WEIGHT if term.startswith(FAMILY) else 1.0)


def _telling(rarity: Mapping[str, float], own: Mapping[str, float]) -> dict[str, float]:
    """The terms that say most about the subject: the database ranks by these alone, so
    that a search reads the few thousand rows of its rarest words and families, not
    every initiative that says "buurt"."""
    telling = sorted(rarity, key=lambda term: (-rarity[term] * own[term], term))[:TELLING]
    return {term: rarity[term] for term in telling}


def _own_score(asked: Terms, counts: Mapping[str, int], total: int) -> float:
    """What the subject would score against itself, were it filed among the others: the
    most any initiative can score."""
    own = weights(asked)
    return sum(own[term] * _rarity(term, total + 1, counts.get(term, 0) + 1) for term in own)


def _because(
    shared: Mapping[str, float], rarity: Mapping[str, float], asked: Terms, locale: str
) -> str:
    if not shared:
        return ""
    term = max(shared, key=lambda term: (shared[term] * rarity[term], term))
    return family_name(term, locale) or asked.said_as[term]
