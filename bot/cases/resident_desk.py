"""The resident's desk: what an initiator types about an initiative of theirs outside an
intake — withdraw it (after a yes), or add text or a photo to it.

Runs inside the transaction of the incoming message, like the contacts' desk. Only
the initiator may act on an initiative; anyone else, or an unknown number, hears
the same friendly "I cannot find it", which gives nothing away. Each change lands
on the trail and reaches whoever holds the initiative (`readers.holder`).
"""

import logging
from datetime import datetime

from sqlalchemy.orm import Session

from bot.accounts import address
from bot.alike import filing
from bot.cases import readers, receipts, texts
from bot.cases.commands import NO, ResidentAction, ResidentMalformed, ResidentVerb
from bot.cases.photos import photo_notices
from bot.config.names import Names
from bot.messages import Handled, Incoming
from bot.notices import Notice, Outcome, Reply
from bot.vocabulary import CLOSED, Actor, Status, TrailKind
from storage import queries
from storage.models import Initiative

log = logging.getLogger(__name__)


class ResidentDesk:
    """Carries out a resident's commands about their own initiatives: the rules of who
    may, the initiative's change and trail, and who is told."""

    def __init__(self, names: Names) -> None:
        self._names = names
        self._config = names.config

    def act(
        self,
        session: Session,
        incoming: Incoming,
        action: ResidentAction | ResidentMalformed,
        locale: str,
        now: datetime,
    ) -> Outcome:
        """What to send for `action`, answered in `locale` (the resident's conversation)."""
        chat = address(incoming.channel, incoming.chat_id)
        if isinstance(action, ResidentMalformed):
            return Outcome.refused(chat, receipts.resident_usage(action.verb, locale))
        initiative = queries.find_initiative(session, action.reference)
        if initiative is None or not _initiator(initiative, incoming):
            return Outcome.refused(chat, receipts.not_yours(action.reference, locale))
        if initiative.status in CLOSED:
            return Outcome.refused(chat, receipts.already_closed(initiative.reference, locale))
        if action.verb is ResidentVerb.WITHDRAW:
            return self._withdraw(session, initiative, chat, action.answer, locale, now)
        return self._add(session, initiative, incoming, chat, action.text, locale, now)

    def _withdraw(
        self,
        session: Session,
        initiative: Initiative,
        chat: str,
        answer: str,
        locale: str,
        now: datetime,
    ) -> Outcome:
        reference = initiative.reference
        if not answer:
            return Outcome(
                [Notice(chat, receipts.withdraw_sure(reference, initiative.title, locale))]
            )
        if answer == NO:
            return Outcome.said(chat, receipts.withdraw_kept(reference, locale))
        held = readers.holder(session, self._config, initiative, now)
        initiative.status = Status.WITHDRAWN
        initiative.updated_at = now
        filing.unfile(session, initiative)  # never shown as similar again
        data = {"cause": "resident", "to": held.to}
        queries.add_event(session, initiative, TrailKind.WITHDRAWN, Actor.RESIDENT, now, data)
        log.info("initiative %s withdrawn by its initiator", reference)
        title = initiative.title
        # A contact who left gave it back to the team just now (`held.news`): the team
        # hears only that it was withdrawn, not first that it is free to take up.
        return Outcome(
            [
                *held.tell(lambda lo: Reply(texts.withdrawn_by_resident(reference, title, lo))),
                Notice(chat, Reply(receipts.withdrawn(reference, locale))),
            ],
            replan=(reference,),
        )

    def _add(
        self,
        session: Session,
        initiative: Initiative,
        incoming: Incoming,
        chat: str,
        text: str,
        locale: str,
        now: datetime,
    ) -> Outcome:
        reference, photo = initiative.reference, incoming.photo
        data: dict[str, object] = {"text": text} if text else {}
        if photo is not None:
            most = self._config.intake.max_photos
            if len(initiative.photos) >= most:
                # Not kept: the adapter removes its copy.
                refused = Outcome.refused(chat, receipts.too_many_photos(reference, most, locale))
                return Outcome(refused.notices, Handled(accepted=False))
            initiative.photos = [*initiative.photos, {"file_id": photo.file_id, "path": photo.path}]
            data["photo"] = True
        held = readers.holder(session, self._config, initiative, now)
        data["to"] = held.to
        initiative.updated_at = now
        queries.add_event(
            session, initiative, TrailKind.ADDED_BY_RESIDENT, Actor.RESIDENT, now, data
        )
        log.info("the initiator of %s added to it", reference)
        unclaimed = not held.claimed
        added_photo = [initiative.photos[-1]] if photo else []
        return Outcome(
            [
                *held.news,
                *held.tell(
                    lambda lo: texts.added_by_resident(reference, text, bool(photo), unclaimed, lo)
                ),
                # A team's group reads that a photo came, not the photo (it may show a
                # face or a front door): whoever takes it up gets it then.
                *photo_notices(reference, added_photo if held.claimed else [], held.chats),
                Notice(chat, Reply(receipts.added(reference, held.name, locale))),
            ],
            # Adding changes no follow-up; a contact who left giving it back does.
            replan=(reference,) if held.news else (),
        )


def _initiator(initiative: Initiative, incoming: Incoming) -> bool:
    """Whether `incoming` comes from the account that handed `initiative` in."""
    return (initiative.channel, initiative.sender_id) == (incoming.channel, incoming.sender_id)
