"""Precision and recall at 3 of the search for similar initiatives on the labelled set
(`labelled.py`): for the tests, which hold them to a floor, and for `make bench`,
which prints them.

Every example is handed in as an initiative; then each one is looked for among the
others. What it should find: its SIMILAR partners within reach (the same area or a
neighbouring one). Anything else shown counts against precision, a tempting
NOT_SIMILAR pair as much as an unlabelled one.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from bot.alike import filing
from bot.alike.search import MOST, Subject, alike
from bot.config.settings import Config
from storage.db import Database
from storage.models import Initiative
from tests.alike.labelled import EXAMPLES, SIMILAR, Example

# A resident in the intake, who handed in none of the examples.
ASKING = ("console", "asking")
METHOD = (
    "BM25 over Dutch and English Snowball stems and word families (typos, compounds), "
    "in the same or a neighbouring kern, plus a little for the same theme"
)


@dataclass(frozen=True, slots=True)
class Quality:
    precision: float
    recall: float
    searches: int
    shown: int
    right: int
    wanted: int


def hand_in(db: Database, now: datetime) -> dict[str, int]:
    """Every example as an initiative, filed; the id of each by its key."""
    ids = {}
    with db.transaction() as session:
        for number, example in enumerate(EXAMPLES):
            initiative = initiative_of(example, number, now)
            session.add(initiative)
            filing.file(session, initiative)
            ids[example.key] = initiative.id
    return ids


def initiative_of(example: Example, number: int, now: datetime) -> Initiative:
    return Initiative(
        reference=f"L-{number:04d}",
        channel="console",
        chat_id=f"labelled{number}",
        sender_id=f"labelled{number}",
        locale="nl",
        title=example.title,
        description=example.description,
        area=example.area,
        theme=example.theme,
        help_wanted=[],
        answers={},
        photos=[],
        status=example.status,
        team="west",
        consented_at=now,
        created_at=now,
        updated_at=now,
    )


def measure(
    db: Database, config: Config, ids: Mapping[str, int], now: datetime, *, resident: bool
) -> Quality:
    """Each example (handed in, with these `ids`) looked for as the team sees it, or as
    a `resident` does in the intake (by shared subjects only)."""
    keys = {initiative_id: key for key, initiative_id in ids.items()}
    shown = right = wanted = 0
    with db.transaction() as session:
        for example in EXAMPLES:
            near = config.near(example.area)
            partners = {
                other.key
                for other in EXAMPLES
                if other.area in near and _similar(example.key, other.key)
            }
            subject = Subject(
                example.title,
                example.description,
                example.area,
                example.theme,
                ids[example.key],
                ASKING if resident else None,
            )
            shown_now = alike(session, config, subject, "nl", now)
            found = {keys[each.initiative_id] for each in shown_now}
            shown += len(found)
            right += len(found & partners)
            wanted += min(len(partners), MOST)
    return Quality(
        precision=right / shown if shown else 1.0,
        recall=right / wanted if wanted else 1.0,
        searches=len(EXAMPLES),
        shown=shown,
        right=right,
        wanted=wanted,
    )


def _similar(one: str, other: str) -> bool:
    return (one, other) in SIMILAR or (other, one) in SIMILAR
