"""The rules of acting on an initiative: who may do what, in which state.

Pure: the desk loads the initiative, asks `refusal`, and only acts on None.
"""

from dataclasses import dataclass
from enum import StrEnum

from bot.accounts import Staff
from bot.cases.commands import Action, Verb
from bot.vocabulary import CLOSED, CloseReason, Status


class Why(StrEnum):
    NOT_YOUR_TEAM = "not_your_team"
    ALREADY_CLAIMED = "already_claimed"
    CLOSED = "closed"
    NOT_CLAIMED = "not_claimed"
    CLAIMED_BY_OTHER = "claimed_by_other"
    SAME_TEAM = "same_team"
    OWN_TEAM = "own_team"  # involving the team that has it
    ALREADY_INVOLVED = "already_involved"
    ONLY_CONSULTED = "only_consulted"  # a consulted team may look and comment, no more
    RUNNING = "running"  # it runs on by itself: write to its initiator, or close it
    NOT_DONE = "not_done"  # only an initiative closed as done can be an example
    NO_CHAT = "no_chat"  # its initiator cannot be asked in a chat (erased, or `namens`)


@dataclass(frozen=True, slots=True)
class Case:
    """What the rules need to know of an initiative."""

    reference: str
    team: str
    status: str
    claimed_by: str | None
    claimed_by_name: str | None
    erased: bool = False  # its personal data is gone: there is nobody to write to
    # Its initiator has a chat to be asked in: not once erased, nor for `namens`.
    reachable: bool = True
    consulted: frozenset[str] = frozenset()  # teams involved beside the one that has it
    forwards: int = 0  # how often it went from one team to another


# What a consulted team may do: follow it, and say something about it.
CONSULTED_VERBS = (Verb.SHOW, Verb.COMMENT)


def refusal(action: Action, case: Case, staff: Staff, target_team: str | None = None) -> Why | None:
    """Why `staff` may not do `action` on `case` now; None when they may."""
    if not staff.may_act_for(case.team):
        if not staff.teams & case.consulted:
            return Why.NOT_YOUR_TEAM
        return None if action.verb in CONSULTED_VERBS else Why.ONLY_CONSULTED
    if action.verb in CONSULTED_VERBS:
        return None
    if action.verb is Verb.EXAMPLE:  # anyone of the team, once it is done
        if case.status != Status.DONE:
            return Why.NOT_DONE
        return None if case.reachable else Why.NO_CHAT
    own_claim = case.claimed_by == staff.account or staff.coordinator
    if case.status in CLOSED:
        # The initiator may still write after a close, to the last contact (or the team
        # when nobody held it): they may answer.
        answering = action.verb is Verb.REPLY and not case.erased
        if answering and case.claimed_by is not None and not own_claim:
            return Why.CLAIMED_BY_OTHER
        return None if answering else Why.CLOSED
    if case.status == Status.RUNNING:
        return _running(action, case, own_claim)
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
        case Verb.INVOLVE:  # anyone of the team: it takes nothing from whoever has it
            if target_team == case.team:
                return Why.OWN_TEAM
            return Why.ALREADY_INVOLVED if target_team in case.consulted else None
    return None


def _running(action: Action, case: Case, own_claim: bool) -> Why | None:
    """A running initiative is no longer the team's work: whoever had it (or, when they
    left, anyone of the team) may still write to its initiator, and close it when it
    stops; nothing else."""
    ends = action.verb is Verb.CLOSE and action.target != CloseReason.RUNNING
    if not (ends or action.verb is Verb.REPLY) or case.erased:
        return Why.RUNNING
    return Why.CLAIMED_BY_OTHER if case.claimed_by is not None and not own_claim else None


def goes_to_coordinators(action: Action, case: Case, staff: Staff) -> bool:
    """Whether a forward waits for the coordinators to decide: one that was forwarded
    before goes no further from team to team. A coordinator's forward is that decision."""
    return action.verb is Verb.FORWARD and case.forwards > 0 and not staff.coordinator
