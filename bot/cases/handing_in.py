"""What a resident's messages do to the cases: an intake handed in becomes an initiative,
routed and announced to its team; what they write after it goes to their contact.

Runs inside the transaction of the incoming message, like the desk.
"""

import logging
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from bot.accounts import address
from bot.alike import filing, search
from bot.alike import texts as alike_texts
from bot.cases import on_behalf, readers, receipts, texts
from bot.cases.routing import route
from bot.cases.timerules import time_rules
from bot.cases.trail import route_reason
from bot.config.names import Names
from bot.config.settings import Config
from bot.intake.intent import tells_an_idea
from bot.intake.turns import Submission
from bot.messages import Incoming
from bot.notices import Notice, Outcome, Reply
from bot.vocabulary import CLOSED, ON_BEHALF, UNFINISHED, Actor, Status, TrailKind
from storage import queries
from storage.models import Initiative

log = logging.getLogger(__name__)


def hand_in(
    session: Session, names: Names, incoming: Incoming, submission: Submission, now: datetime
) -> Outcome:
    """Store the initiative and route it: the resident gets its reference, its team a
    notification, and its follow-ups are to be planned.

    A contact's hand-in for a resident (`namens`) is theirs on the trail, and the
    receipt, in their chat, says that the team will reach the resident."""
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
        answers=_answers(submission),
        status=Status.SUBMITTED,
        team=decision.team,
        consented_at=submission.consented_at,
        privacy_version=submission.privacy_version or None,
        created_at=now,
        updated_at=now,
    )
    queries.add_initiative(session, initiative)
    filing.file(session, initiative)
    team = config.team(decision.team)

    def reason(locale: str) -> str:
        area, theme = submission.area, submission.theme
        return route_reason(names, area, theme, decision.route, locale)

    route_data = {
        "team": decision.team,
        "route": decision.route,
        "reason": reason(config.bot.default_language),
    }
    for_resident = on_behalf.recorded(submission.answers)
    by = for_resident["by"] if for_resident else Actor.RESIDENT
    # On the trail too: the follow-ups read it there (nothing resident-facing is planned).
    handed_in = {ON_BEHALF: dict(for_resident)} if for_resident else None
    trail: list[tuple[str, str, dict[str, Any] | None]] = [
        (TrailKind.SUBMITTED, by, handed_in),
        *((TrailKind.QUESTION_ASKED, by, {"text": q}) for q in submission.questions),
        *((TrailKind.NOTE, by, {"text": note}) for note in submission.notes),
        (TrailKind.ROUTED, Actor.BOT, route_data),
    ]
    queries.add_events(session, initiative, trail, now)
    log.info("initiative %s submitted, routed to %s", reference, decision.team)
    receipt = (
        on_behalf.confirmation(reference, submission.title, submission.locale)
        if for_resident
        else receipts.confirmation(
            config, reference, submission.title, submission.theme, submission.locale
        )
    )
    said = texts.Said(tuple(submission.questions), tuple(submission.notes))
    subject = search.Subject.of(initiative)
    alike = search.alike(session, config, subject, team.language, now)
    notification = texts.notification(
        names,
        initiative,
        reason(team.language),
        team.language,
        said=said,
        alike=alike_texts.for_team(names, alike, team.language),
    )
    return Outcome(
        [
            Notice(address(incoming.channel, incoming.chat_id), Reply(receipt)),
            *(Notice(chat, notification) for chat in team.notify),
        ],
        replan=(reference,),
    )


def _answers(submission: Submission) -> dict[str, Any]:
    """The intake's answers, with where exactly (beyond the area) if the resident said."""
    answers = dict(submission.answers)
    detail = (submission.place_detail or "").strip()
    if detail:
        answers[texts.PLACE_DETAIL] = detail
    return answers


def relay_to_contact(
    session: Session, names: Names, incoming: Incoming, text: str, locale: str, now: datetime
) -> Outcome | None:
    """Free text from a resident outside an intake, for whoever holds their initiative:
    the most recent open or running one, else the most recently closed one.

    Taken up: its contact (it may answer a question they put). Not yet: its team, with
    how to take it up. Closed within `[cases] reopen_window`: the last contact, or the
    team. Closed longer ago: nobody; the resident hears how to start anew. None when
    they have no initiative at all, or when a new idea follows one long closed.
    """
    config = names.config
    initiative = queries.latest_open_or_closed(
        session, incoming.channel, incoming.sender_id, UNFINISHED
    )
    # What a contact writes after handing one in for a resident is their own talk, not
    # the resident's words (a contact passes those on with `notitie`).
    if initiative is None or on_behalf.recorded(initiative.answers) is not None:
        return None
    chat = address(incoming.channel, incoming.chat_id)
    reference, closed = initiative.reference, initiative.status in CLOSED
    if closed and not within_reopen_window(config, initiative.updated_at, now):
        if tells_an_idea(text):
            return None  # a new idea: the conversation starts an intake with it
        return Outcome.said(chat, receipts.closed_start_anew(reference, locale))
    held = readers.holder(session, config, initiative, now)

    def message(reader: str) -> Reply:
        if closed:
            return Reply(texts.relayed_after_close(reference, text, reader))
        # A running one the contact who had it left is no work to take up again.
        if not held.claimed and initiative.status != Status.RUNNING:
            return texts.relayed_unclaimed(reference, initiative.title, text, reader)
        return Reply(texts.relayed_from_resident(reference, text, reader))

    data = {"text": text, "to": held.to}
    queries.add_event(session, initiative, TrailKind.RELAYED_TO_CONTACT, Actor.RESIDENT, now, data)
    log.info("a resident's message on %s relayed to its %s", reference, _whom(held))
    passed_on = receipts.passed_on(held.name, reference, locale)
    return Outcome(
        [
            *held.news,
            *held.tell(message),
            Notice(chat, Reply(passed_on)),
        ],
        replan=(reference,),
    )


def within_reopen_window(config: Config, closed_at: datetime, now: datetime) -> bool:
    """Whether an initiative closed (last changed) at `closed_at` still hears its initiator."""
    window = config.cases.span("reopen_window")
    return now < time_rules(config).after(closed_at, window)


def _whom(held: readers.Holder) -> str:
    return "contact" if held.claimed else "team"
