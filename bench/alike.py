"""Similar initiatives: how well they are found (the labelled set of the tests), and how
fast among 100,000.

The 100,000 are the labelled examples' texts, each with a few words of another, over
all areas of the example config; 40% open, the rest finished over the last two years.

Two ways fast: the search alone, in a transaction of its own, beside the floor of a
transaction that reads one initiative by its key; and the turn that looks (a resident
answering the theme question), through the inbox as the adapters feed it, beside the
same turn with similar initiatives turned off.
"""

import random
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import insert, select, text

from bot.alike.filing import FINISHED, weights
from bot.alike.search import Subject, alike
from bot.alike.terms import terms_of
from bot.app import build_setting
from bot.config.flows import Flow
from bot.config.names import Names
from bot.config.settings import Config
from bot.inbox.service import Inbox
from bot.messages import Incoming
from bot.vocabulary import UNFINISHED
from storage import similar
from storage.db import Database
from storage.models import Initiative
from tests.alike.labelled import EXAMPLES

BATCH = 5000
WARM_UP = 10
OPEN = tuple(sorted(UNFINISHED))  # sorted: the same seed gives the same initiatives


@dataclass(frozen=True)
class Timings:
    search_ms: list[float]
    floor_ms: list[float]


def seed(db: Database, config: Config, count: int, now: datetime, rng: random.Random) -> None:
    areas = [area.key for area in config.areas]
    for start in range(0, count, BATCH):
        rows = [_initiative(number, areas, now, rng) for number in range(start, start + BATCH)]
        with db.transaction() as session:
            ids = session.scalars(
                insert(Initiative).returning(Initiative.id, sort_by_parameter_order=True), rows
            ).all()
            filed = [
                (initiative_id, row["area"], weights(terms_of(row["title"], row["description"])))
                for initiative_id, row in zip(ids, rows, strict=True)
            ]
            similar.file(session, filed)
    if db.engine.dialect.name == "postgresql":
        # The statistics autovacuum would gather on a database that grew over years:
        # without them, the planner takes 100,000 fresh rows for none.
        with db.engine.connect() as connection:
            connection.execution_options(isolation_level="AUTOCOMMIT").execute(text("ANALYZE"))


def _initiative(number: int, areas: list[str], now: datetime, rng: random.Random) -> dict[str, Any]:
    example, other = rng.choice(EXAMPLES), rng.choice(EXAMPLES)
    extra = " ".join(rng.sample(other.description.split(), 4))
    status = rng.choice(OPEN) if rng.random() < 0.4 else rng.choice(FINISHED)
    changed = now - timedelta(days=rng.uniform(0, 730))
    return {
        "reference": f"A-{number:07d}",
        "channel": "console",
        "chat_id": f"seed{number}",
        "sender_id": f"seed{number}",
        "locale": "nl",
        "title": example.title,
        "description": f"{example.description} {extra}",
        "area": rng.choice(areas),
        "theme": example.theme,
        "help_wanted": [],
        "answers": {},
        "photos": [],
        "status": status,
        "team": "west",
        "consented_at": changed,
        "created_at": changed,
        "updated_at": now if status in OPEN else changed,
    }


def measure(db: Database, config: Config, searches: int, now: datetime) -> Timings:
    """Each search in a transaction of its own, as a turn has; beside it the floor: a
    transaction that reads one initiative by its key."""
    rng = random.Random(7)
    with db.transaction() as session:
        highest = session.scalar(select(Initiative.id).order_by(Initiative.id.desc()).limit(1))
    assert highest is not None
    search_ms, floor_ms = [], []
    for _ in range(searches):
        example = rng.choice(EXAMPLES)
        area = rng.choice(config.areas).key
        subject = Subject(example.title, example.description, area, example.theme)
        started = time.perf_counter()
        with db.transaction() as session:
            alike(session, config, subject, "nl", now)
        search_ms.append((time.perf_counter() - started) * 1000)
        started = time.perf_counter()
        with db.transaction() as session:
            session.get(Initiative, rng.randint(1, highest))
        floor_ms.append((time.perf_counter() - started) * 1000)
    return Timings(search_ms, floor_ms)


# After the theme, up to the summary: no help, a name, no group, nothing brought yet, an
# e-mail address.
TO_THE_SUMMARY = ("nee", "Bench Bewoner", "nee", "nee", "bench@example.org")


def theme_turns(db: Database, config: Config, flow: Flow, residents: int) -> list[float]:
    """How long each resident's answer to the theme question takes, in ms, after they
    said what and where; the first few left out (their statements are compiled then)."""
    return _timed_turns(db, config, flow, residents, "theme")


def hand_in_turns(db: Database, config: Config, flow: Flow, residents: int) -> list[float]:
    """How long each resident's "ja" at the summary takes, in ms: the hand-in, which
    files the initiative, looks for similar ones for the team's notice and, for the
    resident, for the offer to meet or join."""
    return _timed_turns(db, config, flow, residents, "hand-in")


def _timed_turns(
    db: Database, config: Config, flow: Flow, residents: int, timed: str
) -> list[float]:
    names = Names(config, flow)
    inbox = Inbox(db, names, build_setting(config, flow), _now)
    rng = random.Random(11)
    label = f"{timed}-{'on' if config.similar.enabled else 'off'}"
    themes = {theme.key for theme in config.themes}
    taken = []
    for number in range(WARM_UP + residents):
        chat = f"alike-{label}-{number}"
        example = rng.choice(EXAMPLES)
        area = names.area(rng.choice(config.areas).key)
        theme = example.theme if example.theme in themes else config.fallback_theme()
        said = ["nieuw", "ja", example.title, example.description, area, theme]
        if timed == "hand-in":
            said.extend([*TO_THE_SUMMARY, "ja"])
        *before, last = said
        for turn, words in enumerate(before):
            inbox.handle(Incoming("console", chat, chat, f"{chat}-{turn}", words))
        started = time.perf_counter()
        inbox.handle(Incoming("console", chat, chat, f"{chat}-timed", last))
        if number >= WARM_UP:
            taken.append((time.perf_counter() - started) * 1000)
    return taken


def _now() -> datetime:
    """Real time: what the intake keeps, and what counts as recently finished."""
    return datetime.now(UTC)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]
