"""The tables, as typed SQLAlchemy models. Alembic migrations own the schema."""

from datetime import UTC, datetime
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    DateTime,
    Float,
    ForeignKey,
    Index,
    LargeBinary,
    String,
    Table,
    Text,
    Unicode,
    UniqueConstraint,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator


class UTCDateTime(TypeDecorator[datetime]):
    """Aware datetimes in, aware UTC datetimes out, on SQLite as on PostgreSQL.

    SQLite has no time zone type and would hand back naive values.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the database; pass an aware one")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Base(DeclarativeBase):
    type_annotation_map: ClassVar[dict[Any, Any]] = {
        datetime: UTCDateTime,
        dict[str, Any]: JSON,
        list[str]: JSON,
    }


class Conversation(Base):
    """A resident's conversation state per channel, chat and sender."""

    __tablename__ = "conversations"
    __table_args__ = (UniqueConstraint("channel", "chat_id", "sender_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    channel: Mapped[str] = mapped_column(String(32))
    chat_id: Mapped[str] = mapped_column(String(255))
    sender_id: Mapped[str] = mapped_column(String(255))
    state: Mapped[dict[str, Any]]
    version: Mapped[int] = mapped_column()
    updated_at: Mapped[datetime]
    # When the resident was told this conversation will be deleted for being untouched.
    erasure_warned_at: Mapped[datetime | None]

    # Optimistic locking: an update from a stale read fails instead of winning.
    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012


class Initiative(Base):
    """A submitted initiative.

    `status` is submitted (waiting for a contact), claimed, or one of the
    closed states done, not_feasible and withdrawn.
    """

    __tablename__ = "initiatives"
    __table_args__ = (Index("ix_initiatives_team_status", "team", "status"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    reference: Mapped[str] = mapped_column(String(16), unique=True)
    channel: Mapped[str] = mapped_column(String(32))
    chat_id: Mapped[str] = mapped_column(String(255))
    sender_id: Mapped[str] = mapped_column(String(255), index=True)
    locale: Mapped[str] = mapped_column(String(8))
    title: Mapped[str] = mapped_column(String(255))
    description: Mapped[str | None] = mapped_column(Text)
    area: Mapped[str] = mapped_column(String(64))
    theme: Mapped[str] = mapped_column(String(64))
    help_wanted: Mapped[list[str]]
    name: Mapped[str | None] = mapped_column(String(255))
    contact_kind: Mapped[str | None] = mapped_column(String(8))
    contact: Mapped[str | None] = mapped_column(String(320))
    answers: Mapped[dict[str, Any]]
    # Each photo: the platform's file id and the path of our copy ("" if too large).
    photos: Mapped[list[dict[str, str]]] = mapped_column(JSON, default=list)
    status: Mapped[str] = mapped_column(String(16))
    team: Mapped[str | None] = mapped_column(String(64))
    claimed_by: Mapped[str | None] = mapped_column(String(255))
    claimed_by_name: Mapped[str | None] = mapped_column(String(255))
    consented_at: Mapped[datetime]
    # The privacy statement's version consented to (none for consents from before).
    privacy_version: Mapped[str | None] = mapped_column(String(32))
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    # Retention: when the initiator was told its personal data will go, and when it went.
    erasure_warned_at: Mapped[datetime | None]
    erased_at: Mapped[datetime | None]


class InitiativeEvent(Base):
    """The audit trail: everything that happened to an initiative, in order."""

    __tablename__ = "initiative_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    initiative_id: Mapped[int] = mapped_column(ForeignKey("initiatives.id"), index=True)
    kind: Mapped[str] = mapped_column(String(32))
    actor: Mapped[str] = mapped_column(String(255))
    at: Mapped[datetime]
    data: Mapped[dict[str, Any]]


class SimilarTerm(Base):
    """One term of an initiative's words (`bot.alike.terms`), filed by area, with its
    weight in that initiative: what the search for similar initiatives reads. Each
    initiative also has the term "*": the mark that it was filed, and counted in
    `similar_counts`, how many initiatives an area has."""

    __tablename__ = "similar_terms"
    # On SQLite the rows live in the primary key's own tree: one lookup, not two.
    __table_args__ = ({"sqlite_with_rowid": False},)

    term: Mapped[str] = mapped_column(String(64), primary_key=True)
    area: Mapped[str] = mapped_column(String(64), primary_key=True)
    initiative_id: Mapped[int] = mapped_column(
        ForeignKey("initiatives.id"), primary_key=True, index=True
    )
    weight: Mapped[float] = mapped_column(Float)


class SimilarCount(Base):
    """How many initiatives of an area have a term: how rare it is there. Kept with
    `similar_terms`, so that a search reads a few rows instead of counting thousands;
    a term no initiative has any more is deleted."""

    __tablename__ = "similar_counts"
    __table_args__ = ({"sqlite_with_rowid": False},)

    term: Mapped[str] = mapped_column(String(64), primary_key=True)
    area: Mapped[str] = mapped_column(String(64), primary_key=True)
    initiatives: Mapped[int]


class Connection(Base):
    """A resident who wants to meet the initiator of another initiative, or to join it:
    asked of that initiator, and kept until they answer or 14 days pass.

    `kind` is "meet" (the asker brings an initiative of their own, `asker_initiative_id`)
    or "join". `status`: "draft" (the asker still chooses what to share), "asked",
    "yes" or "no". `asker_shares` and `answer_shares` say what each side lets the
    other have: "name", or "contact" (name and the phone or e-mail of their
    initiative). A "join" with "yes" makes the asker a co-initiator: the initiative's
    news reaches them. `asker_name` is the name the asker gave (none: the name of
    their own initiative).
    """

    __tablename__ = "connections"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(8))
    initiative_id: Mapped[int] = mapped_column(ForeignKey("initiatives.id"), index=True)
    asker_initiative_id: Mapped[int | None] = mapped_column(
        ForeignKey("initiatives.id"), index=True
    )
    channel: Mapped[str] = mapped_column(String(32))
    chat_id: Mapped[str] = mapped_column(String(255))
    sender_id: Mapped[str] = mapped_column(String(255), index=True)
    locale: Mapped[str] = mapped_column(String(8))
    asker_name: Mapped[str | None] = mapped_column(String(255))
    asker_shares: Mapped[str] = mapped_column(String(8))
    answer_shares: Mapped[str | None] = mapped_column(String(8))
    status: Mapped[str] = mapped_column(String(8))
    asked_at: Mapped[datetime]
    answered_at: Mapped[datetime | None]


class Example(Base):
    """An initiative done, that a contact marked as an example for other residents, with
    the short story they wrote for it. `status`: "asked" (its initiator is asked whether
    it may be shown), "yes" or "no". Shown only with a yes, while the initiative is done
    and its data is there: title, area, theme and this story."""

    __tablename__ = "examples"

    initiative_id: Mapped[int] = mapped_column(ForeignKey("initiatives.id"), primary_key=True)
    story: Mapped[str] = mapped_column(Text)
    marked_by: Mapped[str] = mapped_column(String(255))
    status: Mapped[str] = mapped_column(String(8))
    asked_at: Mapped[datetime]
    answered_at: Mapped[datetime | None]


class ReferenceCounter(Base):
    """The last reference number handed out per year; one row per year."""

    __tablename__ = "reference_counters"

    year: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    last: Mapped[int]


class ProcessedEvent(Base):
    """Platform event ids already handled, so a redelivered event is ignored."""

    __tablename__ = "processed_events"

    channel: Mapped[str] = mapped_column(String(32), primary_key=True)
    event_id: Mapped[str] = mapped_column(String(255), primary_key=True)
    processed_at: Mapped[datetime]


class OutboxMessage(Base):
    """Every message the bot sends is a row here first."""

    __tablename__ = "outbox"
    __table_args__ = (Index("ix_outbox_state_next_try", "state", "next_try_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    channel: Mapped[str] = mapped_column(String(32))
    chat_id: Mapped[str] = mapped_column(String(255))
    payload: Mapped[dict[str, Any]]
    state: Mapped[str] = mapped_column(String(8))  # pending | sent | failed
    attempts: Mapped[int]
    next_try_at: Mapped[datetime]
    created_at: Mapped[datetime]
    sent_at: Mapped[datetime | None]
    last_error: Mapped[str | None] = mapped_column(Text)


class ScheduledJob(Base):
    """APScheduler's job store, laid out as its SQLAlchemyJobStore expects.

    Declared here so Alembic owns this table like every other; the job store finds
    it in place. A job holds a job id and its time, never a resident's data.
    """

    __tablename__ = "apscheduler_jobs"

    id: Mapped[str] = mapped_column(Unicode(191), primary_key=True)
    next_run_time: Mapped[float | None] = mapped_column(Float(25), index=True)
    job_state: Mapped[bytes] = mapped_column(LargeBinary)


class ReturnDay(Base):
    """A terugkomdag: a meeting initiators (or a team) are reminded of and answer.

    `audience` is {"kind": "all" | "areas" | "themes" | "team", "keys": [...]};
    `reminded` holds one "offset@start" entry per reminder sent, so moving the
    day arms its reminders again, "invite" once the invitation went, and "followup"
    once the organiser's message after the day went to those who came, and a
    "listed:<hash>" mark per participant the config added (no account in the clear;
    see `returndays.from_config`). `key`
    names a return day from the config (let go once it has passed, for the next).
    `purpose` and `programme` are texts by language ("nl", "en", "u" for the
    polite Dutch), as the config gives them; typed in chat, in the typist's.
    """

    __tablename__ = "return_days"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str | None] = mapped_column(String(64), unique=True)
    starts_at: Mapped[datetime]
    place: Mapped[str] = mapped_column(String(255))
    audience: Mapped[dict[str, Any]]
    organiser: Mapped[str] = mapped_column(String(255))
    status: Mapped[str] = mapped_column(String(16))  # planned | cancelled
    reminded: Mapped[list[str]]
    purpose: Mapped[dict[str, str] | None] = mapped_column(JSON)
    programme: Mapped[dict[str, str] | None] = mapped_column(JSON)
    # How many may come, guests included; None: no limit. Beyond it, a yes waits.
    capacity: Mapped[int | None]
    # The code of its sign-up link (a poster's "t.me/<bot>?start=td-<code>"); None: closed.
    signup_code: Mapped[str | None] = mapped_column(String(16), unique=True)
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]


class ReturnDayAnswer(Base):
    """One invitee's RSVP to a return day: yes, no or maybe, or "waiting" (a yes while
    the day was full, on the waiting list in the order of `answered_at`); the latest
    counts.

    `guests`: how many they bring ("+1", "met z'n tweeën": 1), as they last said it.
    `feedback`: their answer to the follow-up's "hoe was het?" (good | fair | bad), for
    those who said they came; empty until they answer.
    """

    __tablename__ = "return_day_answers"
    __table_args__ = (UniqueConstraint("return_day_id", "channel", "sender_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    return_day_id: Mapped[int] = mapped_column(ForeignKey("return_days.id"), index=True)
    channel: Mapped[str] = mapped_column(String(32))
    chat_id: Mapped[str] = mapped_column(String(255))
    sender_id: Mapped[str] = mapped_column(String(255))
    answer: Mapped[str] = mapped_column(String(8))
    answered_at: Mapped[datetime]
    guests: Mapped[int] = mapped_column(default=0, server_default="0")
    feedback: Mapped[str | None] = mapped_column(String(8))


class ReturnDayPerson(Base):
    """Someone invited to a return day by name rather than as an initiator or a team
    member: a participant listed in the config or by a coordinator, or someone who
    signed up through the day's link. `source`: "config", "chat" or "signup"."""

    __tablename__ = "return_day_people"
    __table_args__ = (UniqueConstraint("return_day_id", "channel", "sender_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    return_day_id: Mapped[int] = mapped_column(ForeignKey("return_days.id"), index=True)
    channel: Mapped[str] = mapped_column(String(32))
    chat_id: Mapped[str] = mapped_column(String(255))
    sender_id: Mapped[str] = mapped_column(String(255))
    name: Mapped[str] = mapped_column(String(255))
    locale: Mapped[str] = mapped_column(String(8))
    source: Mapped[str] = mapped_column(String(8))
    added_at: Mapped[datetime]


class BlockedAccount(Base):
    """A platform account whose messages the bot ignores, until a coordinator lifts it."""

    __tablename__ = "blocked_accounts"

    account: Mapped[str] = mapped_column(String(255), primary_key=True)  # "channel:id"
    blocked_by: Mapped[str] = mapped_column(String(255))
    reason: Mapped[str] = mapped_column(Text)
    blocked_at: Mapped[datetime]


class DeletionEntry(Base):
    """The deletion log: what kind of personal data went, how much, when and why.

    `cause` is "retention" (a period ran out) or "request" (a resident's "vergeet
    mij"). It never says whose data it was.
    """

    __tablename__ = "deletion_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime]
    cause: Mapped[str] = mapped_column(String(16))
    kind: Mapped[str] = mapped_column(String(32))
    count: Mapped[int]


def table_of(model: type[Base]) -> Table:
    """A model's Core table, for the hot paths that skip the ORM; typed as the Table it
    is (`__table__` is declared only as a FromClause)."""
    return Base.metadata.tables[model.__tablename__]
