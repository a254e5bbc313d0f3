"""Residents' wishes to meet another initiative's initiator, or to join it
(`connections`): written, read back locked, and deleted when they end or are erased."""

from collections.abc import Collection, Sequence
from datetime import datetime

from sqlalchemy import ColumnElement, delete, func, or_, select
from sqlalchemy.orm import Session

from storage.models import Connection
from storage.queries import deleted_rows

MEET, JOIN = "meet", "join"
DRAFT, ASKED, YES, NO = "draft", "asked", "yes", "no"


def get(session: Session, connection_id: int) -> Connection | None:
    """The connection, locked until commit: an answer and a second press take turns."""
    return session.scalars(
        select(Connection).where(Connection.id == connection_id).with_for_update()
    ).one_or_none()


def between(
    session: Session, kind: str, channel: str, sender_id: str, initiative_id: int
) -> Connection | None:
    """The newest wish of this kind from this person about this initiative, if any."""
    return session.scalars(
        select(Connection)
        .where(
            Connection.kind == kind,
            Connection.channel == channel,
            Connection.sender_id == sender_id,
            Connection.initiative_id == initiative_id,
        )
        .order_by(Connection.id.desc())
        .limit(1)
        .with_for_update()
    ).one_or_none()


def asked_since(session: Session, channel: str, sender_id: str, since: datetime) -> int:
    """How many initiators this person had asked something since `since`."""
    return (
        session.scalar(
            select(func.count())
            .select_from(Connection)
            .where(
                Connection.channel == channel,
                Connection.sender_id == sender_id,
                Connection.status != DRAFT,
                Connection.asked_at >= since,
            )
        )
        or 0
    )


def co_initiators(session: Session, initiative_ids: Collection[int]) -> Sequence[Connection]:
    """Those whose wish to join one of these initiatives got a yes, oldest first."""
    if not initiative_ids:
        return []
    return session.scalars(
        select(Connection)
        .where(
            Connection.kind == JOIN,
            Connection.status == YES,
            Connection.initiative_id.in_(initiative_ids),
        )
        .order_by(Connection.id)
    ).all()


def about(session: Session, initiative_id: int) -> Sequence[Connection]:
    """Every wish about an initiative, or brought along with it, oldest first."""
    return session.scalars(
        select(Connection).where(_about(initiative_id)).order_by(Connection.id)
    ).all()


def _about(initiative_id: int) -> ColumnElement[bool]:
    return or_(
        Connection.initiative_id == initiative_id,
        Connection.asker_initiative_id == initiative_id,
    )


def of_person(session: Session, channel: str, sender_id: str) -> Sequence[Connection]:
    """Everything one account asked, oldest first (`mijn gegevens`)."""
    return session.scalars(
        select(Connection)
        .where(Connection.channel == channel, Connection.sender_id == sender_id)
        .order_by(Connection.id)
    ).all()


def delete_of_person(session: Session, channel: str, sender_id: str) -> int:
    """What one account asked, whatever became of it."""
    return deleted_rows(
        session,
        delete(Connection).where(Connection.channel == channel, Connection.sender_id == sender_id),
    )


def delete_about(session: Session, initiative_id: int) -> int:
    """Every wish about an initiative, or brought along with it."""
    return deleted_rows(session, delete(Connection).where(_about(initiative_id)))


def delete_ended_before(session: Session, before: datetime) -> int:
    """Wishes asked before `before` that make nobody a co-initiator: unanswered ones
    have run out, a no has kept its asker from asking again long enough, and an
    introduction is on both trails."""
    return deleted_rows(
        session,
        delete(Connection).where(
            Connection.asked_at < before, or_(Connection.kind == MEET, Connection.status != YES)
        ),
    )
