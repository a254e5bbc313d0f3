"""An initiative's trail as people read it, and what it says about teams.

The trail stores accounts ("console:anna", "resident", "bot") and kinds
("forwarded"); contacts read names ("Anna (Kernteam West)", "de initiatiefnemer",
"de bot") and plain words in their own language, an appointment with its time in
words and its place.
"""

from collections.abc import Sequence
from datetime import datetime
from zoneinfo import ZoneInfo

from bot.accounts import TEAM_READER, staff_member
from bot.config.names import Names
from bot.config.settings import Config
from bot.texts.formatting import date_in_words, local_time, moment_in_words
from bot.texts.i18n import translations
from bot.vocabulary import Actor, CloseReason, TrailKind
from storage.models import Initiative, InitiativeEvent

# On the "closed" entry of a running initiative its initiator said had stopped (its data's
# "cause"): the bot closed it as done.
STOPPED = "stopped running"
# The same, when its initiator could not be asked, or twice left the yearly question
# unanswered: a year on, the bot closed it as done, so its retention clock starts.
UNHEARD = "no word"


def consulted_teams(config: Config, trail: Sequence[InitiativeEvent], owner: str) -> frozenset[str]:
    """The teams involved beside `owner` (by key): those still in the config, and not the
    one that has it now (a forward to a consulted team makes it the owner)."""
    known = {team.key for team in config.teams}
    involved = {str(e.data.get("team")) for e in trail if e.kind == TrailKind.TEAM_INVOLVED}
    return frozenset(involved & known - {owner})


def forwards(trail: Sequence[InitiativeEvent]) -> list[InitiativeEvent]:
    """The forwards from team to team, oldest first."""
    return [event for event in trail if event.kind == TrailKind.FORWARDED]


def who(config: Config, actor: str, owner: str, locale: str) -> str:
    """Who wrote a trail entry, as people name them: "the initiator", "the bot",
    "Anna (Kernteam West)", "Fleur (coordinator)". A contact in several teams is named
    with the team that has it, if theirs; someone no longer in the config as a former
    contact, never by their account."""
    _ = translations(locale).gettext
    if actor == Actor.RESIDENT:
        return _("the initiator")
    if actor == Actor.BOT:
        return _("the bot")
    staff = staff_member(config, actor)
    if staff is None:
        return _("a former contact")
    if staff.coordinator:
        return _("{name} (coordinator)").format(name=staff.name)
    team = owner if owner in staff.teams else sorted(staff.teams)[0]
    return f"{staff.name} ({config.team(team).name})"


def route_reason(names: Names, area: str, theme: str, route: int | None, locale: str) -> str:
    """Why a team got an initiative: "area Ouddorp, theme Groen en natuur, route 2"."""
    _ = translations(locale).gettext
    parts = {"area": names.area(area), "theme": names.theme(theme, locale)}
    if route is None:
        return _("area {area}, theme {theme}, no route matched: fallback team").format(**parts)
    return _("area {area}, theme {theme}, route {number}").format(number=route, **parts)


def lines(
    names: Names,
    initiative: Initiative,
    trail: Sequence[InitiativeEvent],
    locale: str,
    private: bool,
) -> list[str]:
    """One line per entry: "• 23-11-2026 10:00 · Anna (Kernteam West): taken up".
    Outside a `private` reading, what the initiator wrote to their contact alone is not
    shown (issue 19): only that it was written."""
    _ = translations(locale).gettext
    owner, zone = str(initiative.team or ""), names.config.bot.zone
    found = []
    for event in trail:
        what = _what(names, owner, event, zone, locale)
        note = _note(event, locale)
        if event.kind == TrailKind.ROUTED and "route" in event.data:  # in the reader's words
            route = event.data["route"]
            number = route if isinstance(route, int) else None
            note = route_reason(names, initiative.area, initiative.theme, number, locale)
        if note and not private and _to_the_contact_alone(event):
            note = _("to the contact alone; shown only in a private chat with the bot")
        actor = who(names.config, event.actor, owner, locale)
        said = f"{what}: {note}" if note else what
        found.append(f"\u2022 {local_time(event.at, zone)} \u00b7 {actor}: {said}")
    return found


def _to_the_contact_alone(event: InitiativeEvent) -> bool:
    """Whether the initiator wrote this to the contact who had it, privately (rather than
    to the team's chats)."""
    relayed = event.kind in (TrailKind.RELAYED_TO_CONTACT, TrailKind.ADDED_BY_RESIDENT)
    return relayed and not str(event.data.get("to", "")).startswith(TEAM_READER)


def _note(event: InitiativeEvent, locale: str) -> str:
    """What an entry says beyond what happened: the words written, the reason given,
    the answer chosen."""
    _ = translations(locale).gettext
    data = event.data
    if data.get("answer"):
        return answer_name(str(data["answer"]), locale)
    if event.kind == TrailKind.RATED and data.get("score"):
        return _("{score} out of 5").format(score=data["score"])
    if event.kind == TrailKind.RETITLED and data.get("new"):
        return f"\u201c{data.get('old', '')}\u201d \u2192 \u201c{data['new']}\u201d"
    if event.kind == TrailKind.RELEASED and data.get("cause"):
        return _("the contact is no longer in the team")
    text = str(data.get("text") or data.get("reason") or "")
    if data.get("photo"):
        text = " ".join(part for part in (text, _("(a photo)")) if part)
    return text


def _what(names: Names, owner: str, event: InitiativeEvent, zone: ZoneInfo, locale: str) -> str:
    """What happened, in plain words; the kinds with something to name name it."""
    _ = translations(locale).gettext
    data, kind = event.data, event.kind
    team = names.team(str(data.get("to") or data.get("team") or owner))
    match kind:
        case TrailKind.ROUTED:
            return _("sent to {team}").format(team=team)
        case TrailKind.FORWARDED:
            return _("forwarded to {team}").format(team=team)
        case TrailKind.FORWARD_REFERRED:
            return _("asked the coordinators to decide; wants it to go to {team}").format(team=team)
        case TrailKind.TEAM_INVOLVED:
            return _("involved {team}").format(team=team)
        case TrailKind.CLOSED if data.get("cause") == STOPPED:
            return _("closed: done; it no longer runs, the initiator says")
        case TrailKind.CLOSED if data.get("cause") == UNHEARD:
            return _("closed: done; no word from the initiator about it for a year")
        case TrailKind.CLOSED:
            return _("closed: {outcome}").format(
                outcome=outcome_name(str(data.get("outcome", "")), locale)
            )
        case TrailKind.RELAYED_TO_CONTACT:
            to = _reader(names, str(data.get("to", "")), locale)
            return _("message to {name}").format(name=to)
        case TrailKind.APPOINTMENT_PLANNED if data.get("at"):
            when = moment_in_words(datetime.fromisoformat(str(data["at"])), zone, locale)
            return _("appointment on {when}, {place}").format(
                when=when, place=data.get("place", "")
            )
        case TrailKind.PAUSED if data.get("until"):
            until = date_in_words(datetime.fromisoformat(str(data["until"])), zone, locale)
            return _("paused the check-ins until {date}").format(date=until)
        case TrailKind.APPOINTMENT_REMINDED if data.get("skipped"):
            return _("no reminder: the appointment had passed")
        case TrailKind.INTRODUCED if data.get("with"):
            return _("introduced to the initiator of {reference}").format(reference=data["with"])
        case TrailKind.WITHDRAWN if data.get("cause") == "erasure":
            return _("withdrawn: asked for their data to be erased")
    return event_name(kind, locale)


def _reader(names: Names, to: str, locale: str) -> str:
    """Whom the initiator wrote to: a team's chats, or a contact."""
    if to.startswith(TEAM_READER):
        return names.team(to.removeprefix(TEAM_READER))
    staff = staff_member(names.config, to)
    return staff.name if staff else translations(locale).gettext("the contact")


def event_name(kind: str, locale: str) -> str:
    """Every kind of entry in plain words; a kind this version does not know, as it is."""
    _ = translations(locale).gettext
    found: dict[str, str] = {
        TrailKind.SUBMITTED: _("handed in"),
        TrailKind.ROUTED: _("sent to a team"),
        TrailKind.QUESTION_ASKED: _("question for the contact"),
        TrailKind.NOTE: _("also written"),
        TrailKind.CLAIMED: _("taken up"),
        TrailKind.RELEASED: _("given back to the team"),
        TrailKind.FORWARDED: _("forwarded to another team"),
        TrailKind.COMMENTED: _("note"),
        TrailKind.CLOSED: _("closed"),
        TrailKind.RELAYED_TO_RESIDENT: _("message to the initiator"),
        TrailKind.ASKED: _("question to the initiator"),
        TrailKind.APPOINTMENT_PLANNED: _("appointment planned"),
        TrailKind.RETITLED: _("title changed"),
        TrailKind.TEAM_INVOLVED: _("another team involved"),
        TrailKind.FORWARD_REFERRED: _("asked the coordinators to decide"),
        TrailKind.RELAYED_TO_CONTACT: _("message to the contact"),
        TrailKind.ADDED_BY_RESIDENT: _("added to it"),
        TrailKind.REMINDED: _("reminded the team"),
        TrailKind.ESCALATED: _("told the coordinators that nobody took it up"),
        TrailKind.CHECKIN_SENT: _("asked the initiator whether someone was in touch"),
        TrailKind.CHECKIN_ESCALATED: _("told the coordinators that the initiator is waiting"),
        TrailKind.STALE_SENT: _("asked the initiator how it is going"),
        TrailKind.QUESTION_UNANSWERED: _("no answer to the question came"),
        TrailKind.APPOINTMENT_REMINDED: _("reminded the initiator of the appointment"),
        TrailKind.CHECKIN_ANSWERED: _("answered whether someone was in touch"),
        TrailKind.STALE_ANSWERED: _("answered how it is going"),
        TrailKind.ASK_AGAIN: _("chose whether to be asked again"),
        TrailKind.APPOINTMENT_ANSWERED: _("answered about the appointment"),
        TrailKind.PAUSED: _("paused the check-ins"),
        TrailKind.REMINDERS_OFF: _("stopped the check-ins"),
        TrailKind.REMINDERS_ON: _("turned the check-ins on again"),
        TrailKind.WITHDRAWN: _("withdrawn"),
        TrailKind.YEARLY_SENT: _("asked the initiator whether it still runs"),
        TrailKind.YEARLY_ANSWERED: _("answered whether it still runs"),
        TrailKind.RATING_ASKED: _("asked the initiator how satisfied they are"),
        TrailKind.RATED: _("said how satisfied they are"),
        TrailKind.RATING_COMMENTED: _("said something about the help"),
        TrailKind.INTRODUCED: _("introduced to another initiator"),
        TrailKind.JOINED: _("someone joined as a co-initiator"),
        TrailKind.EXAMPLE_ASKED: _("asked the initiator whether it may be an example"),
        TrailKind.EXAMPLE_ANSWERED: _("answered whether it may be an example"),
    }
    return found.get(kind, kind)


def answer_name(answer: str, locale: str) -> str:
    _ = translations(locale).gettext
    return {
        "yes": _("yes"),
        "no": _("no"),
        "talk": _("would like to talk to someone"),
        "unsure": _("does not know"),
        "ok": _("will be there"),
        "move": _("would like to move it"),
        "runs": _("it still runs"),
        "stopped": _("it has stopped"),
        "help": _("would like help"),
    }.get(answer, answer)


def outcome_name(outcome: str, locale: str) -> str:
    """Why it was closed, in words (not the command word "niet-haalbaar")."""
    _ = translations(locale).gettext
    found: dict[str, str] = {
        CloseReason.DONE: _("done"),
        CloseReason.NOT_FEASIBLE: _("not feasible"),
        CloseReason.WITHDRAWN: _("withdrawn"),
        CloseReason.RUNNING: _("running on by itself"),
    }
    return found.get(outcome, outcome)
