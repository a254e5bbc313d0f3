"""The words the records are kept in: an initiative's status, why it was closed, what
its trail says happened and who did it.

Each is defined here once and used everywhere. The database stores their values as
text, so a value may never change once written; new members may be added.

Running ("in uitvoering") is neither open nor closed. It ran on after the team's work
(zelfbeheer of a green space, a yearly event): it is no longer the team's open work
(no reminders to the team, not in `open`, not in the digest's waiting list, and a
departing contact's running initiatives are not handed back), and it is not finished
for its initiator: what they write still reaches the contact who had it, the bot asks
them once a year how it goes, and its personal data stays while it runs (retention
counts from when it stops). So OPEN and CLOSED both leave it out, and UNFINISHED (the
initiatives whose follow-ups are planned, which a pause applies to and an erasure
withdraws) takes it in.
"""

from enum import StrEnum


class CloseReason(StrEnum):
    """Why a contact closed an initiative; its status becomes the same word."""

    DONE = "done"
    NOT_FEASIBLE = "not_feasible"
    WITHDRAWN = "withdrawn"
    # Not closed: it runs on by itself, with its initiator (see the module's docstring).
    RUNNING = "running"


class Status(StrEnum):
    """Where an initiative stands: waiting for a contact, taken up by one, closed, or
    running on after the team's work."""

    SUBMITTED = "submitted"
    CLAIMED = "claimed"
    DONE = CloseReason.DONE.value
    NOT_FEASIBLE = CloseReason.NOT_FEASIBLE.value
    WITHDRAWN = CloseReason.WITHDRAWN.value
    RUNNING = CloseReason.RUNNING.value


OPEN = frozenset({Status.SUBMITTED, Status.CLAIMED})
CLOSED = frozenset({Status.DONE, Status.NOT_FEASIBLE, Status.WITHDRAWN})
UNFINISHED = OPEN | {Status.RUNNING}


class ReturnDayStatus(StrEnum):
    """Whether a return day is still on."""

    PLANNED = "planned"
    CANCELLED = "cancelled"


class Actor(StrEnum):
    """Who wrote a trail entry, when it was not a contact or coordinator: they are
    named by their account ("telegram:12345")."""

    RESIDENT = "resident"
    BOT = "bot"


class TrailKind(StrEnum):
    """What one entry of an initiative's trail says happened."""

    # Handing in.
    SUBMITTED = "submitted"
    ROUTED = "routed"
    # What the resident wrote in the intake beyond its answers: a question for the
    # contact, and words that answered no question.
    QUESTION_ASKED = "question_asked"
    NOTE = "note"
    # The contacts' desk.
    CLAIMED = "claimed"
    RELEASED = "released"
    FORWARDED = "forwarded"
    COMMENTED = "commented"
    CLOSED = "closed"
    RELAYED_TO_RESIDENT = "relayed_to_resident"
    ASKED = "asked"
    APPOINTMENT_PLANNED = "appointment_planned"
    RETITLED = "retitled"
    # Between teams: another team consulted (data "team", "reason"), and a forward held
    # for the coordinators to decide, as the initiative had been forwarded before (data
    # "from", "to", "reason").
    TEAM_INVOLVED = "team_involved"
    FORWARD_REFERRED = "forward_referred"
    # The resident writing to their contact (or their team), or adding to it.
    RELAYED_TO_CONTACT = "relayed_to_contact"
    ADDED_BY_RESIDENT = "added_by_resident"
    # Follow-ups sent.
    REMINDED = "reminded"
    ESCALATED = "escalated"
    CHECKIN_SENT = "checkin_sent"
    CHECKIN_ESCALATED = "checkin_escalated"
    STALE_SENT = "stale_sent"
    QUESTION_UNANSWERED = "question_unanswered"
    APPOINTMENT_REMINDED = "appointment_reminded"
    # The resident answering them, or changing their check-ins.
    CHECKIN_ANSWERED = "checkin_answered"
    STALE_ANSWERED = "stale_answered"
    ASK_AGAIN = "ask_again"
    APPOINTMENT_ANSWERED = "appointment_answered"
    PAUSED = "paused"
    REMINDERS_OFF = "reminders_off"
    REMINDERS_ON = "reminders_on"
    # The resident withdrew it, or asked to be forgotten while it was open (the
    # data's "cause": "resident" or "erasure").
    WITHDRAWN = "withdrawn"
    # A running initiative's yearly question to its initiator, and their answer ("runs",
    # "stopped", "help"); "stopped" also closes it (a "closed" entry of the resident).
    YEARLY_SENT = "yearly_sent"
    YEARLY_ANSWERED = "yearly_answered"
    # After a close: how satisfied the initiator is, asked once; their score (data
    # "score", 1 to 5), and what they wrote about it (data "text").
    RATING_ASKED = "rating_asked"
    RATED = "rated"
    RATING_COMMENTED = "rating_commented"
    # Residents put in touch: its initiator and the initiator of another initiative met,
    # both saying yes (data "with": the other's reference, on both trails); someone
    # joined it as a co-initiator, with its initiator's yes.
    INTRODUCED = "introduced"
    JOINED = "joined"
    # A contact asked whether it may be shown as an example (data "text": their story);
    # its initiator's answer (data "answer": "yes" or "no").
    EXAMPLE_ASKED = "example_asked"
    EXAMPLE_ANSWERED = "example_answered"


# On an escalation's trail data: the resident was told the promised time passed, and
# this is the new day they were given (`mijn` shows it).
PROMISED_UNTIL = "promised"

# On an initiative's answers: handed in by a contact for a resident they met or phoned,
# {"by": account, "name": the contact's name, "consent": "verbal", "at": ISO moment}.
# Such an initiative's chat is the contact's: nothing resident-facing is planned for it.
ON_BEHALF = "on_behalf"
# On an initiative's answers: the group it is handed in for ("Dorpsraad Ooltgensplaat").
GROUP = "group"
# On an initiative's answers: who already takes part and what the initiator brings
# (time, a place, skills, materials), in their own words.
BRINGS = "brings"

# A resident's wish to meet another initiative's initiator, or to join it, ends when
# that initiator has not answered within this many days (`bot.connections`).
WISH_DAYS = 14
