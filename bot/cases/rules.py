"""The rules of acting on an initiative: who may do what, in which state.

Pure: the desk loads the initiative, asks `refusal`, and only acts on None.
"""

from dataclasses import dataclass
from enum import StrEnum

from bot.accounts import Staff
from bot.cases.commands import Action, Verb
from bot.vocabulary import CLOSED, Status


class Why(StrEnum):
    NOT_YOUR_TEAM = "not_your_team"
    ALREADY_CLAIMED = "already_claimed"
    CLOSED = "closed"
    NOT_CLAIMED = "not_claimed"
    CLAIMED_BY_OTHER = "claimed_by_other"
    SAME_TEAM = "same_team"


@dataclass(frozen=True, slots=True)
class Case:
    """What the rules need to know of an initiative."""

    reference: str
    team: str
    status: str
    claimed_by: str | None
    claimed_by_name: str | None
    erased: bool = False  # its personal data is gone: there is nobody to write to


def refusal(action: Action, case: Case, staff: Staff, target_team: str | None = None) -> Why | None:
    """Why `staff` may not do `action` on `case` now; None when they may."""
    if not staff.may_act_for(case.team):
        return Why.NOT_YOUR_TEAM
    if action.verb in (Verb.SHOW, Verb.COMMENT):
        return None
    own_claim = case.claimed_by == staff.account or staff.coordinator
    if case.status in CLOSED:
        # The initiator may still write after a close, to the last contact (or the team
        # when nobody held it): they may answer.
        answering = action.verb is Verb.REPLY and not case.erased
        if answering and case.claimed_by is not None and not own_claim:
            return Why.CLAIMED_BY_OTHER
        return None if answering else Why.CLOSED
    match action.verb:
        case Verb.CLAIM:
            return Why.ALREADY_CLAIMED if case.status == Status.CLAIMED else None
        case Verb.RELEASE | Verb.REPLY | Verb.ASK | Verb.APPOINTMENT:
            if case.status != Status.CLAIMED:
                return Why.NOT_CLAIMED
            return None if own_claim else Why.CLAIMED_BY_OTHER
        case Verb.FORWARD:
            if case.status == Status.CLAIMED and not own_claim:
                return Why.CLAIMED_BY_OTHER
            return Why.SAME_TEAM if target_team == case.team else None
        case Verb.CLOSE:
            if case.status == Status.CLAIMED and not own_claim:
                return Why.CLAIMED_BY_OTHER
            return None
        case Verb.TITLE:  # anyone of the team, whoever took it up
            return None
    return None
