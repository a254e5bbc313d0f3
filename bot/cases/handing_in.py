"""What a resident's messages do to the cases: an intake handed in becomes an initiative,
routed and announced to its team; what they write after it goes to their contact.

Runs inside the transaction of the incoming message, like the desk.
"""

import logging
from datetime import datetime

from sqlalchemy.orm import Session

from bot.accounts import address, language_of
from bot.cases import receipts, texts
from bot.cases.routing import route
from bot.config.names import Names
from bot.intake.turns import Submission
from bot.messages import Incoming
from bot.notices import Notice, Outcome, Reply
from bot.vocabulary import Actor, Status, TrailKind
from storage import queries
from storage.models import Initiative

log = logging.getLogger(__name__)


def hand_in(
    session: Session, names: Names, incoming: Incoming, submission: Submission, now: datetime
) -> Outcome:
    """Store the initiative and route it: the resident gets its reference, its team a
    notification, and its follow-ups are to be planned."""
    config = names.config
    year = now.astimezone(config.bot.zone).year
    reference = f"{year}-{queries.next_reference_number(session, year):04d}"
    contact = submission.contact
    decision = route(config, submission.area, submission.theme)
    initiative = Initiative(
        reference=reference,
        channel=incoming.channel,
        chat_id=incoming.chat_id,
        sender_id=incoming.sender_id,
        locale=submission.locale,
        title=submission.title,
        description=submission.description,
        area=submission.area,
        theme=submission.theme,
        help_wanted=list(submission.help_wanted),
        photos=[dict(photo) for photo in submission.photos],
        name=submission.name,
        contact_kind=contact.kind if contact else None,
        contact=contact.value if contact else None,
        answers=dict(submission.answers),
        status=Status.SUBMITTED,
        team=decision.team,
        consented_at=submission.consented_at,
        privacy_version=submission.privacy_version or None,
        created_at=now,
        updated_at=now,
    )
    queries.add_initiative(session, initiative)
    team = config.team(decision.team)

    def reason(locale: str) -> str:
        area, theme = submission.area, submission.theme
        return texts.route_reason(names, area, theme, decision.route, locale)

    route_data = {
        "team": decision.team,
        "route": decision.route,
        "reason": reason(config.bot.default_language),
    }
    trail = [
        (TrailKind.SUBMITTED, Actor.RESIDENT, None),
        (TrailKind.ROUTED, Actor.BOT, route_data),
    ]
    queries.add_events(session, initiative, trail, now)
    log.info("initiative %s submitted, routed to %s", reference, decision.team)
    receipt = receipts.confirmation(
        config, reference, submission.title, submission.theme, submission.locale
    )
    notification = texts.notification(names, initiative, reason(team.language), team.language)
    return Outcome(
        [
            Notice(address(incoming.channel, incoming.chat_id), Reply(receipt)),
            *(Notice(chat, notification) for chat in team.notify),
        ],
        replan=(reference,),
    )


def relay_to_contact(
    session: Session, names: Names, incoming: Incoming, text: str, locale: str, now: datetime
) -> Outcome | None:
    """Free text from a resident, for the contact who took up their latest initiative
    (it may answer a question the contact put); None when no contact has one."""
    initiative = queries.latest_of(session, incoming.channel, incoming.sender_id, Status.CLAIMED)
    if initiative is None or initiative.claimed_by is None:
        return None
    data = {"text": text}
    queries.add_event(session, initiative, TrailKind.RELAYED_TO_CONTACT, Actor.RESIDENT, now, data)
    contact = initiative.claimed_by
    forwarded = texts.relayed_from_resident(
        initiative.reference, text, language_of(names.config, contact)
    )
    passed_on = receipts.passed_on(initiative.claimed_by_name or "", initiative.reference, locale)
    return Outcome(
        [
            Notice(contact, Reply(forwarded)),
            Notice(address(incoming.channel, incoming.chat_id), Reply(passed_on)),
        ],
        replan=(initiative.reference,),
    )
