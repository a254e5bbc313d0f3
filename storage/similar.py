"""The index of initiatives' terms (`similar_terms`, `similar_counts`): filing,
counting and ranking.

Ranking sums, per initiative, each shared term's weight times the term's rarity. The
database does the sum over the newest initiatives that have each term, so a search
reads a bounded number of rows however many initiatives there are, and only the best
few come back.
"""

from collections import Counter
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, delete, func, insert, not_, select, text, tuple_
from sqlalchemy.orm import Session

from storage.models import Initiative, SimilarCount, SimilarTerm
from storage.queries import conflict_insert

# The term every filed initiative has, to count them.
EVERY = "*"
# Of a term said by many initiatives of an area, the newest this many are read: the
# rows a search reads stay bounded, and a newer initiative is the likelier match.
NEWEST_PER_TERM = 150
# How many of the best-scoring the search looks up, per one it may return.
LOOKED_UP = 5


def file(session: Session, filed: Sequence[tuple[int, str, Mapping[str, float]]]) -> None:
    """File initiatives' terms, each (initiative id, area, weight per term), replacing
    what was filed for them before."""
    unfile(session, [initiative_id for initiative_id, _area, _weights in filed])
    rows = [
        (initiative_id, area, term, weight)
        for initiative_id, area, weights in filed
        for term, weight in {**weights, EVERY: 0.0}.items()
    ]
    session.execute(
        insert(SimilarTerm),
        [
            {"term": term, "area": area, "initiative_id": initiative_id, "weight": weight}
            for initiative_id, area, term, weight in rows
        ],
    )
    add_counts(session, Counter((term, area) for _, area, term, _ in rows))


def unfile(session: Session, initiative_ids: Collection[int]) -> None:
    if not initiative_ids:
        return
    filed = session.execute(
        select(SimilarTerm.term, SimilarTerm.area).where(
            SimilarTerm.initiative_id.in_(initiative_ids)
        )
    )
    gone = Counter((term, area) for term, area in filed)
    if not gone:
        return
    session.execute(delete(SimilarTerm).where(SimilarTerm.initiative_id.in_(initiative_ids)))
    add_counts(session, Counter({key: -count for key, count in gone.items()}))


def add_counts(session: Session, changes: Counter[tuple[str, str]]) -> None:
    """Add to the counts, in one order for every writer, so that two hand-ins that
    share words wait for each other instead of deadlocking."""
    rows = [
        {"term": term, "area": area, "initiatives": change}
        for (term, area), change in sorted(changes.items())
    ]
    statement = conflict_insert(session, SimilarCount)
    session.execute(
        statement.on_conflict_do_update(
            index_elements=["term", "area"],
            set_={"initiatives": SimilarCount.initiatives + statement.excluded.initiatives},
        ),
        rows,
    )
    # Only the counts that went down can have reached nothing.
    lowered = [key for key, change in changes.items() if change < 0]
    if lowered:
        session.execute(
            delete(SimilarCount).where(
                tuple_(SimilarCount.term, SimilarCount.area).in_(lowered),
                SimilarCount.initiatives <= 0,
            )
        )


def finished_before(session: Session, statuses: Collection[str], before: datetime) -> list[int]:
    """The filed initiatives with one of `statuses`, last changed before `before`."""
    filed = select(SimilarTerm.initiative_id).where(
        SimilarTerm.term == EVERY, SimilarTerm.initiative_id == Initiative.id
    )
    query = select(Initiative.id).where(
        Initiative.status.in_(statuses), Initiative.updated_at < before, filed.exists()
    )
    return list(session.scalars(query))


def unfiled(session: Session) -> list[Initiative]:
    """Initiatives with words that were never filed: from before the index existed."""
    filed = select(SimilarTerm.initiative_id).where(
        SimilarTerm.term == EVERY, SimilarTerm.initiative_id == Initiative.id
    )
    query = select(Initiative).where(Initiative.erased_at.is_(None), not_(filed.exists()))
    return list(session.scalars(query.order_by(Initiative.id)))


def frequencies(session: Session, terms: Collection[str], areas: Collection[str]) -> dict[str, int]:
    """Of each term (and of EVERY: all of them), how many initiatives of `areas` have it."""
    query = (
        select(SimilarCount.term, func.sum(SimilarCount.initiatives))
        .where(SimilarCount.term.in_([*terms, EVERY]), SimilarCount.area.in_(areas))
        .group_by(SimilarCount.term)
    )
    return {term: int(count) for term, count in session.execute(query)}


@dataclass(frozen=True, slots=True)
class Findable:
    """Which initiatives a search may show: open ones, finished ones closed (or last
    changed) since a moment, none of `leave_out`, and none handed in by `not_of`."""

    open_statuses: tuple[str, ...]
    finished_statuses: tuple[str, ...]
    finished_since: datetime
    leave_out: tuple[int, ...] = ()
    not_of: tuple[str, str] | None = None  # (channel, sender): none of theirs


def best(
    session: Session,
    rarity: Mapping[str, float],
    areas: Collection[str],
    findable: Findable,
    limit: int,
) -> list[tuple[int, float]]:
    """The `limit` findable initiatives of `areas` whose terms weigh most, best first."""
    if not rarity:
        return []
    # Written as text: built with the expression language, this union of small
    # selects costs more to put together than the database takes to run it.
    parts: list[str] = []
    values: dict[str, Any] = {}
    for number, (term, rare) in enumerate(rarity.items()):
        values[f"term{number}"], values[f"rare{number}"] = term, rare
        for place, area in enumerate(areas):
            values[f"area{place}"] = area
            parts.append(
                f"SELECT initiative_id, weight * :rare{number} AS part FROM ("
                "SELECT initiative_id, weight FROM similar_terms"
                f" WHERE term = :term{number} AND area = :area{place}"
                f" ORDER BY initiative_id DESC LIMIT :newest) AS newest{number}_{place}"
            )
    # The sum first, then the initiatives of the best few looked up: a lookup per row
    # read would cost more than all the rest. The index holds few that may not be
    # shown (`bot.alike.filing` takes out the withdrawn and the long finished), so
    # the best few hold enough that may.
    query = text(
        "SELECT best.initiative_id, best.score FROM ("
        "SELECT parts.initiative_id, SUM(parts.part) AS score FROM ("
        + " UNION ALL ".join(parts)
        + ") AS parts GROUP BY parts.initiative_id"
        " ORDER BY score DESC, parts.initiative_id DESC LIMIT :looked_up"
        ") AS best JOIN initiatives ON initiatives.id = best.initiative_id"
        " WHERE initiatives.erased_at IS NULL"
        + (" AND initiatives.id NOT IN :leave_out" if findable.leave_out else "")
        + (
            " AND NOT (initiatives.channel = :channel AND initiatives.sender_id = :sender)"
            if findable.not_of
            else ""
        )
        + " AND (initiatives.status IN :opened"
        " OR (initiatives.status IN :finished AND initiatives.updated_at >= :since))"
        " ORDER BY best.score DESC, best.initiative_id DESC LIMIT :limit"
    ).bindparams(
        bindparam("since", type_=Initiative.updated_at.type),
        bindparam("opened", expanding=True),
        bindparam("finished", expanding=True),
        *((bindparam("leave_out", expanding=True),) if findable.leave_out else ()),
    )
    if findable.leave_out:
        values["leave_out"] = list(findable.leave_out)
    if findable.not_of:
        values["channel"], values["sender"] = findable.not_of
    values.update(
        opened=list(findable.open_statuses),
        finished=list(findable.finished_statuses),
        newest=NEWEST_PER_TERM,
        since=findable.finished_since,
        limit=limit,
        looked_up=limit * LOOKED_UP,
    )
    rows = session.execute(query, values)
    return [(initiative_id, float(total)) for initiative_id, total in rows]


def shared(
    session: Session,
    initiative_ids: Collection[int],
    terms: Collection[str],
    areas: Collection[str],
) -> dict[int, dict[str, float]]:
    """Of each initiative, the weight of each of `terms` it has."""
    query = select(SimilarTerm.initiative_id, SimilarTerm.term, SimilarTerm.weight).where(
        SimilarTerm.term.in_(terms),
        SimilarTerm.area.in_(areas),
        SimilarTerm.initiative_id.in_(initiative_ids),
    )
    found: dict[int, dict[str, float]] = {}
    for initiative_id, term, weight in session.execute(query):
        found.setdefault(initiative_id, {})[term] = weight
    return found
