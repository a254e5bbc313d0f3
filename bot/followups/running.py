"""An initiative that runs on by itself after the team's work (zelfbeheer of a green
space, a yearly event): once a year its initiator is asked whether it still runs.

"runs": thanks, and the question comes again a year on. "stopped": it is closed as
done, on the trail as said by the initiator, and its retention clock starts.
"help": whoever holds it (`readers.holder`: the contact who had it, or the team when
they left) is asked to get in touch, and the initiator hears who will.
"""

from datetime import datetime

from sqlalchemy.orm import Session

from bot.accounts import initiator_chat
from bot.cases.readers import Holder
from bot.cases.routing import team_of
from bot.cases.trail import STOPPED, UNHEARD
from bot.config.settings import Config
from bot.followups import after_texts, texts
from bot.followups.rules import Facts
from bot.notices import Notice, Reply
from bot.vocabulary import Actor, CloseReason, Status, TrailKind
from storage import queries
from storage.models import Initiative


def yearly_question(initiative: Initiative, case: Facts) -> list[Notice]:
    """The follow-up's message, to the chat the initiative was handed in from (the job
    closes the initiative instead when there is nobody to ask: `close_unheard`)."""
    return [
        Notice(
            initiator_chat(initiative), after_texts.yearly_question(initiative, initiative.locale)
        )
    ]


def close_unheard(
    session: Session, config: Config, initiative: Initiative, now: datetime
) -> list[Notice]:
    """A year on, with nobody to ask (no chat of the initiator's, questions turned off,
    or the last ones unanswered): closed as done, its team told; its personal data then
    goes after `[retention] after_close`, as any closed initiative's."""
    initiative.status, initiative.updated_at = Status.DONE, now
    data = {"outcome": CloseReason.DONE.value, "cause": UNHEARD}
    queries.add_event(session, initiative, TrailKind.CLOSED, Actor.BOT, now, data)
    team = team_of(config, initiative.team)
    told = Reply(after_texts.closed_unheard(initiative, team.language))
    return [Notice(chat, told) for chat in team.notify]


def answered(
    session: Session, initiative: Initiative, answer: str, held: Holder, now: datetime
) -> list[Notice]:
    """What the initiator's answer to the yearly question brings about."""
    locale, to_initiator = initiative.locale, initiator_chat(initiative)
    if answer == "runs":
        return [Notice(to_initiator, Reply(after_texts.still_runs(locale)))]
    if answer == "stopped":
        initiative.status = Status.DONE
        data = {"outcome": CloseReason.DONE.value, "cause": STOPPED}
        queries.add_event(session, initiative, TrailKind.CLOSED, Actor.RESIDENT, now, data)
        return [
            Notice(to_initiator, Reply(after_texts.stopped(initiative.reference, locale))),
            *held.tell(lambda lo: Reply(after_texts.stopped_to_holder(initiative, lo))),
        ]
    return [
        Notice(to_initiator, Reply(texts.contact_asked_to_call(held.name, "no", locale))),
        *held.tell(lambda lo: Reply(after_texts.help_wanted(initiative, lo))),
    ]
