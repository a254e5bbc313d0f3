"""Initiatives marked as examples (`examples`): read back locked, listed as residents
may see them, and deleted with the initiative's data."""

from collections.abc import Collection, Sequence

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from storage.models import Example, Initiative
from storage.queries import deleted_rows

ASKED, YES, NO = "asked", "yes", "no"


def of(session: Session, initiative_id: int) -> Example | None:
    """The initiative's example, locked until commit: an answer and a new mark take turns."""
    return session.scalars(
        select(Example).where(Example.initiative_id == initiative_id).with_for_update()
    ).one_or_none()


def shown(
    session: Session,
    done: str,
    areas: Collection[str] = (),
    themes: Collection[str] = (),
    most: int = 5,
) -> Sequence[tuple[Example, Initiative]]:
    """Examples with their initiator's yes whose initiative is still `done` and not
    erased, newest answer first; only those of `areas` and `themes` where given."""
    query = (
        select(Example, Initiative)
        .join(Initiative, Initiative.id == Example.initiative_id)
        .where(Example.status == YES, Initiative.status == done, Initiative.erased_at.is_(None))
        .order_by(Example.answered_at.desc(), Example.initiative_id.desc())
        .limit(most)
    )
    if areas:
        query = query.where(Initiative.area.in_(areas))
    if themes:
        query = query.where(Initiative.theme.in_(themes))
    return [(row[0], row[1]) for row in session.execute(query)]


def delete_of(session: Session, initiative_id: int) -> int:
    return deleted_rows(session, delete(Example).where(Example.initiative_id == initiative_id))
