"""Small named queries. Each runs inside the caller's transaction."""

import json
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import (
    ColumnElement,
    CursorResult,
    Delete,
    Row,
    Text,
    and_,
    bindparam,
    cast,
    delete,
    func,
    insert,
    inspect,
    or_,
    select,
    update,
)
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from storage.models import (
    BlockedAccount,
    Conversation,
    DeletionEntry,
    Initiative,
    InitiativeEvent,
    OutboxMessage,
    ProcessedEvent,
    ReferenceCounter,
    ReturnDay,
    ReturnDayAnswer,
    ReturnDayPerson,
    ScheduledJob,
    table_of,
)


def conflict_insert(session: Session, table: Any) -> Any:
    """An INSERT that knows ON CONFLICT, for the dialect in use."""
    dialect = session.get_bind().dialect.name
    return (postgresql_insert if dialect == "postgresql" else sqlite_insert)(table)


# The statements of every message are built once, with their values bound at
# execution: building one anew (and its cache key) costs more than running it.
_PROCESSED = table_of(ProcessedEvent)
_MARK_PROCESSED = {
    name: dialect_insert(_PROCESSED)
    .values(
        channel=bindparam("channel"), event_id=bindparam("event_id"), processed_at=bindparam("at")
    )
    .on_conflict_do_nothing()
    .returning(_PROCESSED.c.channel, _PROCESSED.c.event_id)
    for name, dialect_insert in (("postgresql", postgresql_insert), ("sqlite", sqlite_insert))
}
_BLOCKED = table_of(BlockedAccount).c
_ENQUEUE = insert(table_of(OutboxMessage)).values(
    channel=bindparam("channel"),
    chat_id=bindparam("chat_id"),
    payload=bindparam("payload"),
    state="pending",
    attempts=0,
    next_try_at=bindparam("at"),
    created_at=bindparam("at"),
)


_BLOCKED_AMONG = select(_BLOCKED.account).where(
    _BLOCKED.account.in_(bindparam("accounts", expanding=True))
)


def mark_processed_many(
    session: Session, events: Sequence[tuple[str, str]], now: datetime
) -> set[tuple[str, str]]:
    """Record (channel, event id) pairs in one statement; those not handled before."""
    statement = _MARK_PROCESSED[session.get_bind().dialect.name]
    values = [{"channel": channel, "event_id": event, "at": now} for channel, event in events]
    found = session.execute(statement, values)
    return {(channel, event) for channel, event in found}


def blocked_among(session: Session, accounts: Iterable[str]) -> set[str]:
    """Which of these accounts are blocked, in one statement."""
    found = session.execute(_BLOCKED_AMONG, {"accounts": sorted(accounts)})
    return {account for (account,) in found}


def mark_processed(session: Session, channel: str, event_id: str, now: datetime) -> bool:
    """Record a platform event id; False if it was handled before."""
    statement = _MARK_PROCESSED[session.get_bind().dialect.name]
    found = session.execute(statement, {"channel": channel, "event_id": event_id, "at": now})
    return found.first() is not None


def teams_of(
    session: Session, references: Collection[str], moved: Collection[str]
) -> dict[str, tuple[str | None, datetime | None]]:
    """The team each of these initiatives is with (None: stored before it had one), and
    when it last came there by one of the trail kinds `moved` (None: never)."""
    last_move = (
        select(InitiativeEvent.initiative_id, func.max(InitiativeEvent.at).label("at"))
        .where(InitiativeEvent.kind.in_(moved))
        .group_by(InitiativeEvent.initiative_id)
        .subquery()
    )
    found = (
        select(Initiative.reference, Initiative.team, last_move.c.at)
        .outerjoin(last_move, last_move.c.initiative_id == Initiative.id)
        .where(Initiative.reference.in_(references))
    )
    # MAX keeps the column's type: the time comes back aware, as every other.
    return {reference: (team, at) for reference, team, at in session.execute(found)}


def was_processed(session: Session, channel: str, event_id: str) -> bool:
    """Whether this event id was recorded on `channel` (without recording it)."""
    found = select(ProcessedEvent.event_id).where(
        ProcessedEvent.channel == channel, ProcessedEvent.event_id == event_id
    )
    return session.scalar(found) is not None


def last_processed(session: Session, channel: str) -> str | None:
    """The greatest event id seen on `channel` (for the daily jobs: the last day run)."""
    return session.scalar(
        select(func.max(ProcessedEvent.event_id)).where(ProcessedEvent.channel == channel)
    )


_COUNTERS = table_of(ReferenceCounter)
# One statement: the year's first number starts the row, every later one counts on.
_COUNT_ON = {
    name: dialect_insert(_COUNTERS)
    .values(year=bindparam("year"), last=1)
    .on_conflict_do_update(index_elements=[_COUNTERS.c.year], set_={"last": _COUNTERS.c.last + 1})
    .returning(_COUNTERS.c.last)
    for name, dialect_insert in (("postgresql", postgresql_insert), ("sqlite", sqlite_insert))
}
_ADD_EVENT = insert(table_of(InitiativeEvent)).values(
    initiative_id=bindparam("initiative_id"),
    kind=bindparam("kind"),
    actor=bindparam("actor"),
    at=bindparam("at"),
    data=bindparam("data"),
)
_INITIATIVES_TABLE = table_of(Initiative)
_ADD_INITIATIVE = insert(_INITIATIVES_TABLE).returning(_INITIATIVES_TABLE.c.id)
_INITIATIVE_FIELDS = tuple(c.key for c in _INITIATIVES_TABLE.columns if c.key != "id")


def next_reference_number(session: Session, year: int) -> int:
    """The next number of `year`. The row lock makes it unique under concurrency."""
    statement = _COUNT_ON[session.get_bind().dialect.name]
    number: int = session.execute(statement, {"year": year}).scalar_one()
    return number


def add_initiative(session: Session, initiative: Initiative) -> None:
    """Write a new `initiative` and give it its id; it stays out of the session.

    One INSERT, where adding it to the session would go through the ORM's flush: the
    dearest part of a resident's last turn. As the ORM would, it writes the attributes
    that were set, and leaves the rest to the columns' defaults (or NULL).
    """
    given = inspect(initiative).dict
    values = {field: given[field] for field in _INITIATIVE_FIELDS if field in given}
    initiative.id = session.execute(_ADD_INITIATIVE, values).scalar_one()


def add_event(
    session: Session,
    initiative: Initiative,
    kind: str,
    actor: str,
    at: datetime,
    data: dict[str, Any] | None = None,
) -> None:
    """A trail entry, written at once after the ones before it (`initiative` is flushed)."""
    add_events(session, initiative, [(kind, actor, data)], at)


def add_events(
    session: Session,
    initiative: Initiative,
    entries: Sequence[tuple[str, str, dict[str, Any] | None]],
    at: datetime,
) -> None:
    """(kind, actor, data) trail entries at one moment, in order, in one statement."""
    session.execute(
        _ADD_EVENT,
        [
            {
                "initiative_id": initiative.id,
                "kind": kind,
                "actor": actor,
                "at": at,
                "data": data or {},
            }
            for kind, actor, data in entries
        ],
    )


def initiatives_of(session: Session, channel: str, sender_id: str) -> Sequence[Initiative]:
    """A resident's initiatives, newest first."""
    return session.scalars(
        select(Initiative)
        .where(Initiative.channel == channel, Initiative.sender_id == sender_id)
        .order_by(Initiative.created_at.desc(), Initiative.id.desc())
    ).all()


_INITIATIVES = table_of(Initiative).c
_COUNT_SINCE = select(func.count()).where(
    _INITIATIVES.channel == bindparam("channel"),
    _INITIATIVES.sender_id == bindparam("sender_id"),
    _INITIATIVES.created_at >= bindparam("since"),
)


def initiatives_since(session: Session, channel: str, sender_id: str, since: datetime) -> int:
    """How many initiatives the sender handed in from `since` on."""
    found = session.scalar(
        _COUNT_SINCE, {"channel": channel, "sender_id": sender_id, "since": since}
    )
    return found or 0


def all_initiatives(session: Session) -> Sequence[Initiative]:
    return session.scalars(select(Initiative).order_by(Initiative.id)).all()


def enqueue_many(
    session: Session, messages: Sequence[tuple[str, str, dict[str, Any]]], now: datetime
) -> None:
    """(channel, chat id, payload) rows to send, in order, in one statement."""
    if messages:
        values = [
            {"channel": channel, "chat_id": chat_id, "payload": payload, "at": now}
            for channel, chat_id, payload in messages
        ]
        session.execute(_ENQUEUE, values)


@dataclass(frozen=True)
class PendingMessage:
    """An outbox row as the dispatcher reads it: plain values, no ORM instance to build."""

    id: int
    channel: str
    chat_id: str
    payload: dict[str, Any]
    attempts: int
    next_try_at: datetime


_OUTBOX = table_of(OutboxMessage).c
_PENDING = select(
    _OUTBOX.id,
    _OUTBOX.channel,
    _OUTBOX.chat_id,
    _OUTBOX.payload,
    _OUTBOX.attempts,
    _OUTBOX.next_try_at,
)


def pending_messages(
    session: Session, reach: Mapping[str, frozenset[str] | None], limit: int
) -> list[PendingMessage]:
    """Unsent rows in the order they were written, for the chats in reach.

    `reach` maps a channel to the chats that can be delivered to (None: all).
    """
    if not reach:
        return []
    found = session.execute(
        _PENDING.where(_OUTBOX.state == "pending", _reachable(reach))
        .order_by(_OUTBOX.id)
        .limit(limit)
    )
    return [PendingMessage(*row) for row in found]


def next_try(session: Session, reach: Mapping[str, frozenset[str] | None]) -> datetime | None:
    """When the earliest pending row in reach may be tried."""
    if not reach:
        return None
    return session.scalar(
        select(func.min(OutboxMessage.next_try_at)).where(
            OutboxMessage.state == "pending", _reachable(reach)
        )
    )


def _reachable(reach: Mapping[str, frozenset[str] | None]) -> ColumnElement[bool]:
    return or_(
        *(
            _OUTBOX.channel == channel
            if chats is None
            else and_(_OUTBOX.channel == channel, _OUTBOX.chat_id.in_(chats))
            for channel, chats in reach.items()
        )
    )


def mark_sent(session: Session, message_ids: Sequence[int], now: datetime) -> None:
    if message_ids:
        session.execute(
            update(OutboxMessage)
            .where(OutboxMessage.id.in_(message_ids))
            .values(state="sent", sent_at=now, last_error=None),
            execution_options={"synchronize_session": False},
        )


def mark_attempt_failed(
    session: Session, message_id: int, error: str, retry_at: datetime | None
) -> None:
    """Count a failed try; without `retry_at` the row is parked as failed."""
    session.execute(
        update(OutboxMessage)
        .where(OutboxMessage.id == message_id)
        .values(
            attempts=OutboxMessage.attempts + 1,
            last_error=error[:1000],
            state="pending" if retry_at else "failed",
            **({"next_try_at": retry_at} if retry_at else {}),
        )
    )


def find_initiative(session: Session, reference: str) -> Initiative | None:
    """The initiative, locked until commit: two contacts acting at once take turns."""
    return session.scalars(
        select(Initiative).where(Initiative.reference == reference).with_for_update()
    ).one_or_none()


def initiatives_in(
    session: Session, statuses: Collection[str], teams: Sequence[str] | None
) -> Sequence[Initiative]:
    """Initiatives with one of these statuses, of these teams (None: all), oldest first."""
    query = select(Initiative).where(Initiative.status.in_(statuses))
    if teams is not None:
        query = query.where(Initiative.team.in_(teams))
    return session.scalars(query.order_by(Initiative.created_at, Initiative.id)).all()


def trails(
    session: Session, initiative_ids: Sequence[int] | None = None
) -> dict[int, list[InitiativeEvent]]:
    """The trails of these initiatives (None: all), by initiative id, in order."""
    found: dict[int, list[InitiativeEvent]] = {}
    query = select(InitiativeEvent).order_by(
        InitiativeEvent.initiative_id, InitiativeEvent.at, InitiativeEvent.id
    )
    if initiative_ids is not None:
        query = query.where(InitiativeEvent.initiative_id.in_(initiative_ids))
    events = session.scalars(query)
    for event in events:
        found.setdefault(event.initiative_id, []).append(event)
    return found


# One event of an open initiative's trail, as the follow-up planning reads it.
TrailRow = Row[int, str, str, str, datetime, dict[str, Any], str]


def trails_in(
    session: Session,
    statuses: Collection[str],
    references: Sequence[str] | None,
    changed_since: datetime | None = None,
) -> Sequence[TrailRow]:
    """The trails of the initiatives with one of these statuses, of these references (None:
    all), changed since `changed_since` if given: rows of initiative id, reference, status
    and the event's kind, time, data and actor, an initiative's events together and in
    the order they were written.

    Plain rows of the tables' own columns, not ORM instances or attributes: planning
    reads every open initiative at start, and the ORM's work per row would cost more
    than the planning itself. An initiative without events has nothing to plan, so the
    join may leave it out.
    """
    initiative, event = Initiative.__table__.c, InitiativeEvent.__table__.c
    query = (
        select(
            initiative.id,
            initiative.reference,
            initiative.status,
            event.kind,
            event.at,
            event.data,
            event.actor,
        )
        .join_from(Initiative.__table__, InitiativeEvent.__table__)
        .where(initiative.status.in_(statuses))
        .order_by(initiative.id, event.id)
    )
    if references is not None:
        query = query.where(initiative.reference.in_(references))
    if changed_since is not None:
        query = query.where(initiative.updated_at >= changed_since)
    return session.execute(query).all()


def scheduled_jobs(
    session: Session, ids: Sequence[str] | None = None, prefixes: Sequence[str] = ()
) -> Sequence[tuple[str, float | None]]:
    """The job store's ids and run times (UTC timestamps), soonest first: all of them,
    or (given `ids`) the jobs with these ids and those whose id begins with a prefix.

    The table's own columns, like `trails_in`: planning reads every job at start.
    """
    job = ScheduledJob.__table__.c
    query = select(job.id, job.next_run_time).order_by(job.next_run_time, job.id)
    if ids is not None:
        query = query.where(
            or_(
                job.id.in_(ids),
                *(job.id.startswith(prefix, autoescape=True) for prefix in prefixes),
            )
        )
    return [(job_id, at) for job_id, at in session.execute(query)]


def due_jobs(session: Session, now_timestamp: float) -> Sequence[str]:
    """The ids of the jobs in the job store due by then, soonest first."""
    job = ScheduledJob.__table__.c
    return session.scalars(
        select(job.id).where(job.next_run_time <= now_timestamp).order_by(job.next_run_time, job.id)
    ).all()


def put_jobs(session: Session, jobs: Sequence[tuple[str, float | None, bytes]]) -> None:
    """Write jobs (id, run time as a UTC timestamp, APScheduler's pickled state) to the
    job store's table, each replacing the job of its id if there is one."""
    if jobs:
        table = ScheduledJob.__table__
        statement = conflict_insert(session, table)
        statement = statement.on_conflict_do_update(
            index_elements=[table.c.id],
            set_={
                "next_run_time": statement.excluded.next_run_time,
                "job_state": statement.excluded.job_state,
            },
        )
        rows = [{"id": job, "next_run_time": at, "job_state": state} for job, at, state in jobs]
        session.execute(statement, rows)


def delete_jobs(session: Session, ids: Sequence[str]) -> None:
    """Take these jobs out of the job store's table; one already gone is no matter."""
    if ids:
        session.execute(delete(ScheduledJob).where(ScheduledJob.id.in_(ids)))


def trail(session: Session, initiative_id: int) -> Sequence[InitiativeEvent]:
    return session.scalars(
        select(InitiativeEvent)
        .where(InitiativeEvent.initiative_id == initiative_id)
        .order_by(InitiativeEvent.at, InitiativeEvent.id)
    ).all()


def claimants(session: Session, statuses: Collection[str]) -> Sequence[tuple[str, str | None]]:
    """Who holds initiatives with one of these statuses, and of which team: each
    (account, team) once."""
    rows = session.execute(
        select(Initiative.claimed_by, Initiative.team)
        .where(Initiative.status.in_(statuses), Initiative.claimed_by.is_not(None))
        .distinct()
    )
    return [(account, team) for account, team in rows if account is not None]


def held_by(
    session: Session, statuses: Collection[str], account: str, team: str | None
) -> Sequence[Initiative]:
    """The initiatives with one of these statuses that `account` holds in `team`, locked
    until commit (as the desk reads them), oldest first."""
    return session.scalars(
        select(Initiative)
        .where(
            Initiative.status.in_(statuses),
            Initiative.claimed_by == account,
            Initiative.team.is_not_distinct_from(team),
        )
        .order_by(Initiative.created_at, Initiative.id)
        .with_for_update()
    ).all()


def latest_open_or_closed(
    session: Session, channel: str, sender_id: str, open_statuses: Collection[str]
) -> Initiative | None:
    """The resident's most recently changed open initiative; without one, their most
    recently changed closed one (locked until commit, as the desk reads them)."""
    mine = (
        select(Initiative)
        .where(Initiative.channel == channel, Initiative.sender_id == sender_id)
        .order_by(Initiative.updated_at.desc(), Initiative.id.desc())
        .limit(1)
        .with_for_update()
    )
    found = session.scalars(mine.where(Initiative.status.in_(open_statuses))).one_or_none()
    return found or session.scalars(mine).one_or_none()


def set_locale(session: Session, channel: str, sender_id: str, locale: str) -> None:
    """Write `locale` on all of a resident's initiatives."""
    session.execute(
        update(Initiative)
        .where(
            Initiative.channel == channel,
            Initiative.sender_id == sender_id,
            Initiative.locale != locale,
        )
        .values(locale=locale)
        .execution_options(synchronize_session="fetch")
    )


def unsent_messages(session: Session, only_failed: bool) -> Sequence[OutboxMessage]:
    states = ("failed",) if only_failed else ("pending", "failed")
    return session.scalars(
        select(OutboxMessage).where(OutboxMessage.state.in_(states)).order_by(OutboxMessage.id)
    ).all()


def retry_failed(session: Session, message_ids: Sequence[int] | None, now: datetime) -> int:
    """Give parked rows (these, or all with None) a fresh set of tries; how many."""
    query = update(OutboxMessage).where(OutboxMessage.state == "failed")
    if message_ids is not None:
        query = query.where(OutboxMessage.id.in_(message_ids))
    query = query.values(state="pending", attempts=0, next_try_at=now).returning(OutboxMessage.id)
    return len(session.execute(query).all())


def return_day(session: Session, number: int) -> ReturnDay | None:
    """The return day, locked until commit: a move and a reminder take turns."""
    return session.scalars(
        select(ReturnDay)
        .where(ReturnDay.id == number)
        .with_for_update()
        # Locked, it is read as it is now: another process may have changed it.
        .execution_options(populate_existing=True)
    ).one_or_none()


def return_days(
    session: Session, numbers: Sequence[int] | None, planned: str
) -> Sequence[ReturnDay]:
    """These return days (None: all whose status is `planned`), soonest first."""
    query = select(ReturnDay)
    if numbers is None:
        query = query.where(ReturnDay.status == planned)
    else:
        query = query.where(ReturnDay.id.in_(numbers))
    return session.scalars(query.order_by(ReturnDay.starts_at, ReturnDay.id)).all()


def all_return_days(session: Session) -> Sequence[ReturnDay]:
    """Every return day, planned or cancelled, past or to come, soonest first."""
    return session.scalars(select(ReturnDay).order_by(ReturnDay.starts_at, ReturnDay.id)).all()


def return_days_from_config(session: Session) -> Sequence[ReturnDay]:
    return session.scalars(select(ReturnDay).where(ReturnDay.key.is_not(None))).all()


def initiatives_for(
    session: Session,
    statuses: Collection[str],
    areas: Sequence[str] | None,
    themes: Sequence[str] | None,
    sender: tuple[str, str] | None = None,
) -> Sequence[Initiative]:
    """Initiatives with one of these statuses, of these areas or themes (None: any), of
    this (channel, sender id) only if given, oldest first; not those whose initiator
    was erased: there is nobody to write to."""
    query = select(Initiative).where(
        Initiative.status.in_(statuses), Initiative.erased_at.is_(None)
    )
    if sender is not None:
        channel, sender_id = sender
        query = query.where(Initiative.channel == channel, Initiative.sender_id == sender_id)
    if areas is not None:
        query = query.where(Initiative.area.in_(areas))
    if themes is not None:
        query = query.where(Initiative.theme.in_(themes))
    return session.scalars(query.order_by(Initiative.created_at, Initiative.id)).all()


def return_day_answers(session: Session, number: int) -> Sequence[ReturnDayAnswer]:
    return session.scalars(
        select(ReturnDayAnswer)
        .where(ReturnDayAnswer.return_day_id == number)
        .order_by(ReturnDayAnswer.answered_at, ReturnDayAnswer.id)
        # An upsert changes rows behind the session's back: read them as they are now.
        .execution_options(populate_existing=True)
    ).all()


def record_return_day_answer(
    session: Session,
    number: int,
    channel: str,
    chat_id: str,
    sender_id: str,
    answer: str,
    now: datetime,
    guests: int = 0,
) -> None:
    """One answer per person and return day, with the guests they bring: a later one
    replaces it."""
    changed = {"answer": answer, "answered_at": now, "chat_id": chat_id, "guests": guests}
    statement = (
        conflict_insert(session, ReturnDayAnswer)
        .values(
            return_day_id=number,
            channel=channel,
            chat_id=chat_id,
            sender_id=sender_id,
            answer=answer,
            answered_at=now,
            guests=guests,
        )
        .on_conflict_do_update(
            index_elements=["return_day_id", "channel", "sender_id"], set_=changed
        )
    )
    session.execute(statement)


def delete_return_day_answer(session: Session, number: int, channel: str, sender_id: str) -> None:
    session.execute(
        delete(ReturnDayAnswer).where(
            ReturnDayAnswer.return_day_id == number,
            ReturnDayAnswer.channel == channel,
            ReturnDayAnswer.sender_id == sender_id,
        )
    )


def return_day_answer(
    session: Session, number: int, channel: str, sender_id: str
) -> tuple[str, int] | None:
    """One person's answer to a return day and the guests they bring, if they answered.
    Read as columns, not as the answer's object: the upsert above changes the row
    behind the session's back, and a batch may read it again after."""
    found = session.execute(
        select(ReturnDayAnswer.answer, ReturnDayAnswer.guests).where(
            ReturnDayAnswer.return_day_id == number,
            ReturnDayAnswer.channel == channel,
            ReturnDayAnswer.sender_id == sender_id,
        )
    ).one_or_none()
    return (found.answer, found.guests) if found is not None else None


def record_return_day_feedback(
    session: Session, number: int, channel: str, sender_id: str, came: str, feedback: str
) -> bool:
    """One who answered `came` says how the day was (a later answer replaces it);
    False when they did not answer so."""
    changed = session.execute(
        update(ReturnDayAnswer)
        .where(
            ReturnDayAnswer.return_day_id == number,
            ReturnDayAnswer.channel == channel,
            ReturnDayAnswer.sender_id == sender_id,
            ReturnDayAnswer.answer == came,
        )
        .values(feedback=feedback)
        .returning(ReturnDayAnswer.id)
    )
    return changed.first() is not None


def return_days_answered(
    session: Session, channel: str, sender_id: str, answer: str, after: datetime
) -> Sequence[ReturnDay]:
    """The days still to come (after `after`) this person gave `answer` to."""
    return session.scalars(
        select(ReturnDay)
        .join(ReturnDayAnswer, ReturnDayAnswer.return_day_id == ReturnDay.id)
        .where(
            ReturnDayAnswer.channel == channel,
            ReturnDayAnswer.sender_id == sender_id,
            ReturnDayAnswer.answer == answer,
            ReturnDay.starts_at > after,
        )
        .order_by(ReturnDay.id)
    ).all()


def return_day_by_code(session: Session, code: str) -> ReturnDay | None:
    """The return day whose sign-up link has this code, locked until commit."""
    return session.scalars(
        select(ReturnDay).where(ReturnDay.signup_code == code).with_for_update()
    ).one_or_none()


def return_day_people(
    session: Session, number: int, sender: tuple[str, str] | None = None
) -> Sequence[ReturnDayPerson]:
    """Those invited to a return day by name (this (channel, sender id) only if given),
    in the order they were added."""
    query = select(ReturnDayPerson).where(ReturnDayPerson.return_day_id == number)
    if sender is not None:
        channel, sender_id = sender
        query = query.where(
            ReturnDayPerson.channel == channel, ReturnDayPerson.sender_id == sender_id
        )
    return session.scalars(query.order_by(ReturnDayPerson.added_at, ReturnDayPerson.id)).all()


def add_return_day_person(
    session: Session,
    number: int,
    person: tuple[str, str, str],
    name: str,
    locale: str,
    source: str,
    now: datetime,
) -> bool:
    """Invite (channel, chat id, sender id) to a return day by name; False when they
    were on its list already (the name given last is kept)."""
    channel, chat_id, sender_id = person
    statement = (
        conflict_insert(session, ReturnDayPerson)
        .values(
            return_day_id=number,
            channel=channel,
            chat_id=chat_id,
            sender_id=sender_id,
            name=name,
            locale=locale,
            source=source,
            added_at=now,
        )
        .on_conflict_do_nothing()
        .returning(ReturnDayPerson.id)
    )
    added = session.execute(statement).first() is not None
    if not added and name:
        session.execute(
            update(ReturnDayPerson)
            .where(
                ReturnDayPerson.return_day_id == number,
                ReturnDayPerson.channel == channel,
                ReturnDayPerson.sender_id == sender_id,
            )
            .values(name=name)
        )
    return added


def remove_return_day_person(session: Session, number: int, channel: str, sender_id: str) -> bool:
    return bool(
        deleted_rows(
            session,
            delete(ReturnDayPerson).where(
                ReturnDayPerson.return_day_id == number,
                ReturnDayPerson.channel == channel,
                ReturnDayPerson.sender_id == sender_id,
            ),
        )
    )


def block(session: Session, account: str, by: str, reason: str, now: datetime) -> bool:
    """Block `account`; False if it was blocked already."""
    statement = (
        conflict_insert(session, BlockedAccount)
        .values(account=account, blocked_by=by, reason=reason, blocked_at=now)
        .on_conflict_do_nothing()
        .returning(BlockedAccount.account)
    )
    return session.execute(statement).scalar_one_or_none() is not None


def unblock(session: Session, account: str) -> bool:
    """Lift the block on `account`; False if it was not blocked."""
    found = session.get(BlockedAccount, account)
    if found is not None:
        session.delete(found)
    return found is not None


def blocked_accounts(session: Session) -> Sequence[BlockedAccount]:
    return session.scalars(select(BlockedAccount).order_by(BlockedAccount.blocked_at)).all()


# --- erasure and retention ----------------------------------------------------------------


def deleted_rows(session: Session, statement: Delete) -> int:
    """Run a DELETE; how many rows it took."""
    result: CursorResult[Any] = session.execute(statement)  # type: ignore[assignment]
    return result.rowcount


def conversations_of(session: Session, channel: str, sender_id: str) -> Sequence[Conversation]:
    return session.scalars(
        select(Conversation).where(
            Conversation.channel == channel, Conversation.sender_id == sender_id
        )
    ).all()


def delete_return_day_answers(session: Session, channel: str, sender_id: str) -> int:
    return deleted_rows(
        session,
        delete(ReturnDayAnswer).where(
            ReturnDayAnswer.channel == channel, ReturnDayAnswer.sender_id == sender_id
        ),
    )


def return_day_chats_of(session: Session, channel: str, sender_id: str) -> set[str]:
    """The chats return days wrote to this account in: as listed, or as it answered."""
    listed = select(ReturnDayPerson.chat_id).where(
        ReturnDayPerson.channel == channel, ReturnDayPerson.sender_id == sender_id
    )
    answered = select(ReturnDayAnswer.chat_id).where(
        ReturnDayAnswer.channel == channel, ReturnDayAnswer.sender_id == sender_id
    )
    return set(session.scalars(listed.union(answered)).all())


def delete_return_day_people(session: Session, channel: str, sender_id: str) -> int:
    """Every return day's list entry of this account: their name goes with it."""
    return deleted_rows(
        session,
        delete(ReturnDayPerson).where(
            ReturnDayPerson.channel == channel, ReturnDayPerson.sender_id == sender_id
        ),
    )


def delete_messages_to(session: Session, channel: str, chat_ids: Sequence[str]) -> int:
    """Every outbox row for these chats, sent or not."""
    return deleted_rows(
        session,
        delete(OutboxMessage).where(
            OutboxMessage.channel == channel, OutboxMessage.chat_id.in_(chat_ids)
        ),
    )


def messages_mentioning(session: Session, needle: str) -> Sequence[OutboxMessage]:
    """Outbox rows whose payload holds `needle` somewhere (a first sieve: the caller
    checks the match). Payloads are stored as json.dumps writes them, escapes and all."""
    stored = json.dumps(needle)[1:-1]
    return session.scalars(
        select(OutboxMessage).where(
            cast(OutboxMessage.payload, Text).contains(stored, autoescape=True)
        )
    ).all()


def delete_messages(session: Session, message_ids: Sequence[int]) -> None:
    if message_ids:
        session.execute(delete(OutboxMessage).where(OutboxMessage.id.in_(message_ids)))


def delete_initiative(session: Session, initiative: Initiative) -> None:
    """The initiative and its whole trail (its filed terms must be gone first)."""
    session.execute(delete(InitiativeEvent).where(InitiativeEvent.initiative_id == initiative.id))
    session.delete(initiative)


def delete_messages_done_before(session: Session, before: datetime) -> int:
    """Outbox rows sent or given up on, written before `before`."""
    return deleted_rows(
        session,
        delete(OutboxMessage).where(
            OutboxMessage.state.in_(("sent", "failed")), OutboxMessage.created_at < before
        ),
    )


def delete_answers_to_days_before(session: Session, before: datetime) -> int:
    """The answers to return days that began before `before`."""
    past = select(ReturnDay.id).where(ReturnDay.starts_at < before)
    return deleted_rows(
        session, delete(ReturnDayAnswer).where(ReturnDayAnswer.return_day_id.in_(past))
    )


def delete_people_of_days_before(session: Session, before: datetime) -> int:
    """Who was invited by name to return days that began before `before`."""
    past = select(ReturnDay.id).where(ReturnDay.starts_at < before)
    return deleted_rows(
        session, delete(ReturnDayPerson).where(ReturnDayPerson.return_day_id.in_(past))
    )


def unerased_closed_before(
    session: Session, statuses: Sequence[str], latest: datetime
) -> Sequence[Initiative]:
    """Closed initiatives still holding personal data, last changed by `latest`."""
    return session.scalars(
        select(Initiative)
        .where(
            Initiative.status.in_(statuses),
            Initiative.erased_at.is_(None),
            Initiative.updated_at <= latest,
        )
        .order_by(Initiative.id)
    ).all()


def conversations_untouched_since(session: Session, latest: datetime) -> Sequence[Conversation]:
    return session.scalars(
        select(Conversation).where(Conversation.updated_at <= latest).order_by(Conversation.id)
    ).all()


def log_deletion(session: Session, cause: str, kind: str, count: int, now: datetime) -> None:
    session.add(DeletionEntry(at=now, cause=cause, kind=kind, count=count))


def deletion_log(session: Session) -> Sequence[DeletionEntry]:
    return session.scalars(select(DeletionEntry).order_by(DeletionEntry.id)).all()


# --- monitoring -------------------------------------------------------------------------


def outbox_summary(session: Session) -> dict[tuple[str, str], tuple[int, datetime]]:
    """Per (channel, state), for pending and failed rows: how many, and the oldest's time."""
    rows = session.execute(
        select(
            OutboxMessage.channel,
            OutboxMessage.state,
            func.count(),
            func.min(OutboxMessage.created_at),
        )
        .where(OutboxMessage.state.in_(("pending", "failed")))
        .group_by(OutboxMessage.channel, OutboxMessage.state)
    )
    return {(channel, state): (count, oldest) for channel, state, count, oldest in rows}


def jobs_due(session: Session, now_timestamp: float) -> int:
    return (
        session.scalar(
            select(func.count()).where(
                ScheduledJob.next_run_time.is_not(None),
                ScheduledJob.next_run_time <= now_timestamp,
            )
        )
        or 0
    )
