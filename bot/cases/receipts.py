"""What a resident is told about their own initiatives."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from bot.accounts import on_team, staff_member
from bot.cases.commands import NO, YES, ResidentVerb, resident_word, withdraw_button
from bot.cases.routing import team_of
from bot.cases.timerules import TimeRules, time_rules
from bot.cases.trail import STOPPED
from bot.config.names import EMPTY
from bot.config.settings import Addressed, Config
from bot.messages import Choice
from bot.notices import Reply
from bot.texts.formatting import date_in_words, moment_in_words
from bot.texts.i18n import translations
from bot.vocabulary import OPEN, PROMISED_UNTIL, UNFINISHED, ReturnDayStatus, Status, TrailKind
from storage import queries
from storage.models import Initiative, InitiativeEvent, ReturnDay


def status_name(status: str, locale: str) -> str:
    _ = translations(locale).gettext
    names: dict[str, str] = {
        Status.SUBMITTED: _("received, waiting for a contact person"),
        Status.CLAIMED: _("a contact person is working on it"),
        Status.DONE: _("closed: it has been done"),
        Status.NOT_FEASIBLE: _("closed: it is not feasible"),
        Status.WITHDRAWN: _("closed: withdrawn"),
        Status.RUNNING: _("in progress: it still runs, by itself"),
    }
    return names.get(status, status)


def claimed(reference: str, name: str, team: str, locale: str) -> str:
    _ = translations(locale).gettext
    return _(
        "Good news: {name} of {team} is taking up your initiative {reference}. "
        "You will hear from them soon."
    ).format(name=name, team=team, reference=reference)


def closed(reference: str, status: str, name: str, message: str, locale: str) -> str:
    _ = translations(locale).gettext
    if status == Status.RUNNING:
        return _(
            "Your initiative {reference} now runs on by itself, with you. The work of the "
            "municipality on it is done.\nMessage from {name}: {message}"
        ).format(reference=reference, name=name, message=message)
    return _("Your initiative {reference} is {status}.\nMessage from {name}: {message}").format(
        reference=reference, status=status_name(status, locale), name=name, message=message
    )


def closed_for_joined(reference: str, status: str, locale: str) -> str:
    """For those who joined an initiative: its outcome, without the contact's words."""
    _ = translations(locale).gettext
    if status == Status.RUNNING:
        return _("The initiative {reference} you take part in now runs on by itself.").format(
            reference=reference
        )
    return _("The initiative {reference} you take part in is {status}.").format(
        reference=reference, status=status_name(status, locale)
    )


def asked_every_year(locale: str) -> str:
    """After the close as running: what the initiator may expect from now on."""
    _ = translations(locale).gettext
    return _(
        "Once a year I will ask you how it is going. Do you need help before then? "
        "Just write it here."
    )


def message_from_contact(reference: str, name: str, team: str, text: str, locale: str) -> str:
    _ = translations(locale).gettext
    return _(
        "Message from {name} ({team}) about your initiative {reference}:\n{text}\n"
        "You can simply write back here."
    ).format(name=name, team=team, reference=reference, text=text)


def passed_on(name: str, reference: str, locale: str) -> str:
    _ = translations(locale).gettext
    return _("Your message about {reference} has been passed on to {name}.").format(
        name=name, reference=reference
    )


def confirmation(config: Config, reference: str, title: str, theme: str, locale: str) -> str:
    """The receipt after submitting: the reference and what happens next."""
    _ = translations(locale).gettext
    return "\n".join(
        [
            _("Thank you! We have received your initiative \u201c{title}\u201d.").format(
                title=title
            ),
            _("Your reference is {reference}. Please mention it when you contact us.").format(
                reference=reference
            ),
            next_steps(config, theme).get(locale, config.municipality.address),
            _("Type \u201cmine\u201d at any time to see how it is doing."),
        ]
    )


# --- where the resident's initiatives stand (`mijn`)


def where_it_stands(
    session: Session, config: Config, initiatives: Sequence[Initiative], locale: str, now: datetime
) -> str:
    """The resident's initiatives, each with who has it, what happened last and when, what
    is planned next, and, while nobody took it up, what was promised."""
    _ = translations(locale).gettext
    if not initiatives:
        return _("You have not handed in any initiatives yet. Type \u201cnew\u201d to start one.")
    trails = queries.trails(session, [initiative.id for initiative in initiatives])
    days = [
        day
        for day in queries.return_days(session, None, ReturnDayStatus.PLANNED)
        if day.starts_at > now
    ]
    standing = Standing(config, time_rules(config), locale, now)
    blocks = [
        standing.of(initiative, trails.get(initiative.id, []), days) for initiative in initiatives
    ]
    return "\n\n".join([_("Your initiatives:"), *blocks])


@dataclass(frozen=True, slots=True)
class Standing:
    """Reads one initiative and its trail as its initiator may know it."""

    config: Config
    rules: TimeRules
    locale: str
    now: datetime

    def of(
        self, initiative: Initiative, trail: Sequence[InitiativeEvent], days: Sequence[ReturnDay]
    ) -> str:
        _ = translations(self.locale).gettext
        lines = [
            _("\u2022 {reference} \u201c{title}\u201d, handed in on {date}: {status}").format(
                reference=initiative.reference,
                title=initiative.title,
                date=self._day(initiative.created_at),
                status=status_name(initiative.status, self.locale),
            ),
            self._who(initiative),
            self._last(trail),
        ]
        if initiative.status in OPEN:
            lines.extend(self._planned(initiative, trail, days))
        if initiative.status == Status.SUBMITTED:
            lines.append(self._promised(initiative, trail))
        return "\n".join(line for line in lines if line)

    def _day(self, moment: datetime) -> str:
        zone = self.rules.zone
        return date_in_words(moment, zone, self.locale, self.now.astimezone(zone).date())

    def _who(self, initiative: Initiative) -> str:
        """Who has it: the contact who took it up, while still on its team; else the team."""
        _ = translations(self.locale).gettext
        if initiative.status not in UNFINISHED:
            return ""
        team = team_of(self.config, initiative.team)
        contact = initiative.claimed_by
        if (
            initiative.status in (Status.CLAIMED, Status.RUNNING)
            and contact
            and on_team(self.config, contact, team.key)
        ):
            return _("Who: {name} of {team}.").format(
                name=initiative.claimed_by_name or EMPTY, team=team.name
            )
        if initiative.status == Status.RUNNING:  # their contact left: the team reads it
            return _("Who: {team}.").format(team=team.name)
        return _("Who: nobody yet; {team} is looking at it.").format(team=team.name)

    def _last(self, trail: Sequence[InitiativeEvent]) -> str:
        """The last thing that happened that the initiator may know of; a note among the
        contacts, or a reminder to them, is not one."""
        _ = translations(self.locale).gettext
        for event in reversed(trail):
            what = self._happening(event)
            if what:
                return _("Latest: {what} ({date}).").format(what=what, date=self._day(event.at))
        return ""

    def _happening(self, event: InitiativeEvent) -> str:
        _ = translations(self.locale).gettext
        if event.kind == TrailKind.CLOSED and event.data.get("cause") == STOPPED:
            return _("you told us it no longer runs")
        if event.kind == TrailKind.CLOSED and event.data.get("outcome") == Status.RUNNING:
            return _("{name} handed it over to you, to run on").format(name=self._name(event.actor))
        # A forward names the team it went to; the routing, the team it went to first.
        key = str(event.data.get("to") or event.data.get("team") or "")
        team = next((team.name for team in self.config.teams if team.key == key), key)
        texts: dict[str, str] = {
            TrailKind.SUBMITTED: _("you handed it in"),
            TrailKind.ROUTED: _("it went to {team}"),
            TrailKind.FORWARDED: _("it was passed on to {team}"),
            TrailKind.CLAIMED: _("{name} took it up"),
            TrailKind.RELEASED: _("it is waiting for a contact person again"),
            TrailKind.RELAYED_TO_RESIDENT: _("{name} sent you a message"),
            TrailKind.ASKED: _("{name} asked you a question"),
            TrailKind.APPOINTMENT_PLANNED: _("{name} planned an appointment with you"),
            TrailKind.RETITLED: _("the title was changed"),
            TrailKind.CLOSED: _("{name} closed it"),
            TrailKind.RELAYED_TO_CONTACT: _("you sent a message"),
            TrailKind.ADDED_BY_RESIDENT: _("you added something"),
            TrailKind.WITHDRAWN: _("it was withdrawn"),
            TrailKind.CHECKIN_SENT: _("we asked you whether someone was in touch"),
            TrailKind.STALE_SENT: _("we asked you how it is going"),
            TrailKind.APPOINTMENT_REMINDED: _("we reminded you of the appointment"),
            TrailKind.CHECKIN_ANSWERED: _("you answered our question"),
            TrailKind.STALE_ANSWERED: _("you answered our question"),
            TrailKind.APPOINTMENT_ANSWERED: _("you answered about the appointment"),
            TrailKind.YEARLY_SENT: _("we asked you whether it still runs"),
            TrailKind.YEARLY_ANSWERED: _("you answered our question"),
        }
        return texts.get(event.kind, "").format(name=self._name(event.actor), team=team)

    def _name(self, account: str) -> str:
        """A contact's first name, as the config gives it; one who left is "a contact"."""
        _ = translations(self.locale).gettext
        staff = staff_member(self.config, account)
        return staff.name if staff else _("a contact person")

    def _planned(
        self, initiative: Initiative, trail: Sequence[InitiativeEvent], days: Sequence[ReturnDay]
    ) -> list[str]:
        """The appointment to come, and the first return day it is invited to."""
        _ = translations(self.locale).gettext
        zone, today = self.rules.zone, self.now.astimezone(self.rules.zone).date()
        lines: list[str] = []
        appointment = _appointment(trail)
        if appointment is not None and appointment[0] > self.now:
            at, data = appointment
            lines.append(
                _("Planned: an appointment with {name}, {when}, {place}.").format(
                    name=data.get("name", ""),
                    when=moment_in_words(at, zone, self.locale, today),
                    place=data.get("place", ""),
                )
            )
        day = next((day for day in days if _invited(day, initiative)), None)
        if day is not None:
            lines.append(
                _("Planned: a return day, {when}, {place}. You are invited.").format(
                    when=moment_in_words(day.starts_at, zone, self.locale, today), place=day.place
                )
            )
        return lines

    def _promised(self, initiative: Initiative, trail: Sequence[InitiativeEvent]) -> str:
        """What the initiator was told at handing in, and by when, said honestly when
        that day has passed."""
        _ = translations(self.locale).gettext
        promise = next_steps(self.config, initiative.theme).get(
            self.locale, self.config.municipality.address
        )
        by = promised_at(initiative, trail, self.config, self.rules)
        when = (
            _("That is by {date} at the latest.")
            if by > self.now
            else _("That was by {date}. It is taking longer than promised: we are sorry.")
        )
        return _("Promised: {promise} {when}").format(
            promise=promise, when=when.format(date=self._day(by))
        )


def next_steps(config: Config, theme: str) -> Addressed:
    """What a resident is told happens next: their theme's own text, else the intake's."""
    theme_config = next((t for t in config.themes if t.key == theme), None)
    if theme_config and theme_config.next_steps:
        return theme_config.next_steps
    return config.intake.next_steps


def promised_at(
    initiative: Initiative, trail: Sequence[InitiativeEvent], config: Config, rules: TimeRules
) -> datetime:
    """By when a contact was promised to take up `initiative`: `escalate_after` from its
    handing in (as `[intake] next_steps` says), or the later day it was put off to."""
    put_off = [
        datetime.fromisoformat(str(event.data[PROMISED_UNTIL]))
        for event in trail
        if event.data.get(PROMISED_UNTIL)
    ]
    if put_off:
        return put_off[-1]
    return rules.due(initiative.created_at, config.schedule.span("escalate_after"))


def _appointment(trail: Sequence[InitiativeEvent]) -> tuple[datetime, dict[str, Any]] | None:
    """The last appointment planned, when it has a time."""
    for event in reversed(trail):
        if event.kind == TrailKind.APPOINTMENT_PLANNED and event.data.get("at"):
            return datetime.fromisoformat(str(event.data["at"])), event.data
    return None


def _invited(day: ReturnDay, initiative: Initiative) -> bool:
    """Whether the initiator of `initiative` is among those `day` invites (as
    `ReturnDays.invitees` reads its audience): everyone, or its area or theme."""
    kind, keys = day.audience.get("kind"), day.audience.get("keys", [])
    return (
        kind == "all"
        or (kind == "areas" and initiative.area in keys)
        or (kind == "themes" and initiative.theme in keys)
    )


# --- the resident's words after handing in, and their commands


def closed_start_anew(reference: str, locale: str) -> str:
    """Free text long after the close, with nothing open: nobody reads it any more."""
    _ = translations(locale).gettext
    return _(
        "Your initiative {reference} is closed, so I did not pass your message on. "
        "Do you have a new idea? Type \u201cnew\u201d and tell me about it."
    ).format(reference=reference)


def withdraw_sure(reference: str, title: str, locale: str) -> Reply:
    _ = translations(locale).gettext
    text = _(
        "Do you want to withdraw your initiative {reference} \u201c{title}\u201d? "
        "Then it is closed and nobody will work on it any more."
    ).format(reference=reference, title=title)
    word, yes = resident_word(ResidentVerb.WITHDRAW, locale), _("yes")
    typed = _("Press a button, or type: {command}").format(command=f"{word} {reference} {yes}")
    return Reply(
        f"{text}\n{typed}",
        (
            Choice(withdraw_button(YES, reference), _("Yes, withdraw it")),
            Choice(withdraw_button(NO, reference), _("No, keep it")),
        ),
    )


def withdrawn(reference: str, locale: str) -> str:
    _ = translations(locale).gettext
    return _(
        "Your initiative {reference} is withdrawn. Thank you for letting us know. "
        "You can always start a new one: type \u201cnew\u201d."
    ).format(reference=reference)


def withdraw_kept(reference: str, locale: str) -> str:
    _ = translations(locale).gettext
    return _("Fine, your initiative {reference} stays as it is.").format(reference=reference)


def not_yours(reference: str, locale: str) -> str:
    """For an unknown number and for someone else's alike: it says nothing of either."""
    _ = translations(locale).gettext
    return _(
        "I cannot find an initiative {reference} of yours. Type \u201cmine\u201d to see "
        "your initiatives and their numbers."
    ).format(reference=reference)


def already_closed(reference: str, locale: str) -> str:
    _ = translations(locale).gettext
    return _(
        "Your initiative {reference} is already closed. Do you have a new idea? "
        "Type \u201cnew\u201d."
    ).format(reference=reference)


def added(reference: str, to: str, locale: str) -> str:
    _ = translations(locale).gettext
    return _("I have added it to {reference} and passed it on to {name}.").format(
        reference=reference, name=to
    )


def too_many_photos(reference: str, most: int, locale: str) -> str:
    _ = translations(locale).gettext
    return _("{reference} already has {count} photos, the most I can keep.").format(
        reference=reference, count=most
    )


def retitled(reference: str, title: str, locale: str) -> str:
    _ = translations(locale).gettext
    return _("Your initiative {reference} now has the title \u201c{title}\u201d.").format(
        reference=reference, title=title
    )


def resident_usage(verb: ResidentVerb, locale: str) -> str:
    _ = translations(locale).gettext
    word = resident_word(verb, locale)
    match verb:
        case ResidentVerb.WITHDRAW:
            text = _(
                "To withdraw an initiative, type \u201c{word} NUMBER\u201d, for example "
                "\u201c{word} 2026-0001\u201d."
            )
        case ResidentVerb.ADD:
            text = _(
                "To add something, type \u201c{word} NUMBER your text\u201d, for example "
                "\u201c{word} 2026-0001 It is about the bench by the harbour.\u201d. "
                "For a photo, send it with \u201c{word} NUMBER\u201d as its caption."
            )
    return text.format(word=word)
