"""What contacts and coordinators are told, in their team's language."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from bot.cases import on_behalf, pictures
from bot.cases.commands import Verb, button, command_word, outcome_word
from bot.cases.rules import Case, Why
from bot.cases.trail import lines as trail_lines
from bot.cases.trail import outcome_name
from bot.config.names import EMPTY, Names
from bot.intake.contact import contact_from_json, display_contact
from bot.messages import Choice
from bot.notices import Reply
from bot.texts.formatting import example_date
from bot.texts.i18n import translations
from bot.vocabulary import BRINGS, CloseReason, Status, TrailKind
from storage.models import Initiative, InitiativeEvent


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "\u2026"


def notification(
    names: Names,
    initiative: Initiative,
    reason: str,
    locale: str,
    said: "Said | None" = None,
    alike: Sequence[str] = (),
) -> Reply:
    """A team's notice of a new initiative: what it is, why them (the route), what the
    initiator asked and wrote beside the questions, what it looks like ("lijkt op"),
    and what they can do."""
    _ = translations(locale).gettext
    heading = _("New initiative {reference}: \u201c{title}\u201d")
    why = _("Why your team: {reason}").format(reason=reason)
    return _team_notice(names, initiative, heading, why, locale, said, alike)


def forwarded_notification(
    names: Names, initiative: Initiative, by: str, reason: str, locale: str, said: "Said"
) -> Reply:
    """A team's notice of an initiative another team (or a coordinator) forwarded to it:
    who did, and why."""
    _ = translations(locale).gettext
    heading = _("Forwarded to your team: {reference} \u201c{title}\u201d")
    why = _("{name} forwarded it to your team: {reason}").format(name=by, reason=reason)
    return _team_notice(names, initiative, heading, why, locale, said)


def _team_notice(
    names: Names,
    initiative: Initiative,
    heading: str,
    why: str,
    locale: str,
    said: "Said | None",
    alike: Sequence[str] = (),
) -> Reply:
    _ = translations(locale).gettext
    preview = names.config.routing.description_preview_chars
    lines = [
        heading.format(reference=initiative.reference, title=initiative.title),
        _("Area: {area} \u00b7 Theme: {theme}").format(
            area=_area(names, initiative), theme=names.theme(initiative.theme, locale)
        ),
        _("Help wanted: {help}").format(help=names.help_wanted(initiative.help_wanted, locale)),
        *on_behalf.lines(names, initiative, locale),
        brought(initiative, locale),
        _shorten(initiative.description or "", preview),
        pictures.sent_along(initiative, locale, private=False),
        *(said or Said()).lines(locale),
        *alike,
        why,
        _("Type \u201c{claim} {reference}\u201d to take it up.").format(
            claim=command_word(Verb.CLAIM, locale), reference=initiative.reference
        ),
    ]
    return Reply(
        "\n".join(line for line in lines if line), _claim_buttons(initiative.reference, locale)
    )


def _claim_buttons(reference: str, locale: str) -> tuple[Choice, ...]:
    _ = translations(locale).gettext
    return (
        Choice(button(Verb.CLAIM, reference), _("Take it up")),
        Choice(button(Verb.SHOW, reference), _("Show")),
    )


def brings(initiative: Initiative) -> str:
    """Who already takes part and what the initiator brings, in their words ("" if none)."""
    said = (initiative.answers or {}).get(BRINGS)
    return said.strip() if isinstance(said, str) else ""


def brought(initiative: Initiative, locale: str) -> str:
    """ "Doet mee en brengt mee: …" for the team; "" when the initiator said nothing."""
    said = brings(initiative)
    if not said:
        return ""
    _ = translations(locale).gettext
    return _("Taking part and bringing: {what}").format(what=said)


PLACE_DETAIL = "place_detail"  # the key of the place detail in an initiative's answers


def place_detail(initiative: Initiative) -> str:
    """Where exactly, as the initiator said it ("bij de molen"); "" when not said."""
    detail = (initiative.answers or {}).get(PLACE_DETAIL)
    return detail.strip() if isinstance(detail, str) else ""


def _area(names: Names, initiative: Initiative) -> str:
    area, detail = names.area(initiative.area), place_detail(initiative)
    return f"{area} ({detail})" if detail else area


@dataclass(frozen=True, slots=True)
class Said:
    """What the initiator wrote in the intake beyond its answers: their questions for
    the contact, and words that answered no question."""

    questions: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()

    @classmethod
    def of(cls, trail: Sequence[InitiativeEvent]) -> "Said":
        """Read back off the trail (an erased text is left out)."""

        def texts(kind: str) -> tuple[str, ...]:
            return tuple(
                str(event.data["text"])
                for event in trail
                if event.kind == kind and event.data.get("text")
            )

        return cls(texts(TrailKind.QUESTION_ASKED), texts(TrailKind.NOTE))

    def lines(self, locale: str) -> list[str]:
        _ = translations(locale).gettext
        lines: list[str] = []
        if self.questions:
            lines.append(_("Questions from the initiator:"))
            lines.extend(f"\u2022 {question}" for question in self.questions)
        if self.notes:
            lines.append(_("Also written:"))
            lines.extend(f"\u2022 {note}" for note in self.notes)
        return lines


def claimed(reference: str, name: str, locale: str) -> str:
    _ = translations(locale).gettext
    return _("{name} has taken up {reference}.").format(name=name, reference=reference)


def contact_in_words(initiative: Initiative) -> str:
    """The phone number or e-mail address of an initiative as people write it ("" if
    none): "06 12345678"."""
    if not initiative.contact_kind or not initiative.contact:
        return ""
    detail = {"kind": initiative.contact_kind, "value": initiative.contact}
    return display_contact(contact_from_json(detail))


def contact_details(initiative: Initiative, locale: str) -> str:
    """For the claiming contact only, in a private chat: who to contact and how."""
    _ = translations(locale).gettext
    contact = contact_in_words(initiative) or EMPTY
    return _(
        "You have taken up {reference} \u201c{title}\u201d. The initiator is {person}: "
        "{contact}.\nYou can also write through the bot: \u201c{reply} {reference} your "
        "message\u201d."
    ).format(
        reference=initiative.reference,
        title=initiative.title,
        person=initiative.name or EMPTY,
        contact=contact,
        reply=command_word(Verb.REPLY, locale),
    )


def released(reference: str, name: str, locale: str) -> str:
    _ = translations(locale).gettext
    return _("{name} has released {reference}; it is waiting for a contact again.").format(
        name=name, reference=reference
    )


def contact_left(name: str, reference: str, title: str, locale: str) -> Reply:
    """For a team: the contact who had taken up an initiative is no longer in the team."""
    _ = translations(locale).gettext
    lines = [
        _("{name} is no longer in the team.").format(name=name),
        _("Initiative {reference} \u201c{title}\u201d is free again.").format(
            reference=reference, title=title
        ),
        _("Type \u201c{claim} {reference}\u201d to take it up.").format(
            claim=command_word(Verb.CLAIM, locale), reference=reference
        ),
    ]
    return Reply("\n".join(lines), _claim_buttons(reference, locale))


def forwarded(reference: str, name: str, team: str, locale: str) -> str:
    _ = translations(locale).gettext
    return _("{name} has forwarded {reference} to {team}.").format(
        name=name, reference=reference, team=team
    )


def commented(reference: str, locale: str) -> str:
    _ = translations(locale).gettext
    return _("Note added to {reference}.").format(reference=reference)


def closed(reference: str, name: str, outcome: str, locale: str) -> str:
    _ = translations(locale).gettext
    return _("{name} has closed {reference}: {outcome}.").format(
        name=name, reference=reference, outcome=outcome_name(outcome, locale)
    )


def example_declined(reference: str, locale: str) -> str:
    _ = translations(locale).gettext
    return _(
        "The initiator of {reference} would rather not have it shown as an example: I do "
        "not ask again."
    ).format(reference=reference)


def story_personal(locale: str) -> str:
    _ = translations(locale).gettext
    return _(
        "Other residents will read this story: leave out the initiator's name, numbers, "
        "e-mail addresses and links."
    )


def example_asked(reference: str, locale: str) -> str:
    _ = translations(locale).gettext
    return _(
        "I have asked the initiator of {reference} whether it may be shown to other "
        "residents as an example. You will hear their answer."
    ).format(reference=reference)


def reply_sent(reference: str, locale: str) -> str:
    _ = translations(locale).gettext
    return _("Your message to the initiator of {reference} has been sent.").format(
        reference=reference
    )


def relayed_from_resident(reference: str, text: str, locale: str) -> str:
    _ = translations(locale).gettext
    return _(
        "Message from the initiator of {reference}:\n{text}\n"
        "Answer with \u201c{reply} {reference} your message\u201d."
    ).format(reference=reference, text=text, reply=command_word(Verb.REPLY, locale))


def open_list(names: Names, initiatives: Sequence[Initiative], now: datetime, locale: str) -> str:
    _ = translations(locale).gettext
    if not initiatives:
        return _("No open initiatives.")
    lines = [_("Open initiatives, oldest first:")]
    for initiative in initiatives:
        days = (now - initiative.created_at).days
        age = translations(locale).ngettext("{days} day", "{days} days", days).format(days=days)
        state = (
            _("taken up by {name}").format(name=initiative.claimed_by_name)
            if initiative.status == Status.CLAIMED
            else _("waiting for a contact")
        )
        lines.append(
            f"\u2022 {initiative.reference} \u201c{initiative.title}\u201d, "
            f"{names.area(initiative.area)}, {age}: {state}"
        )
    return "\n".join(lines)


def details(
    names: Names,
    initiative: Initiative,
    trail: Sequence[InitiativeEvent],
    consulted: Sequence[str],
    locale: str,
    private: bool,
    alike: Sequence[str] = (),
) -> str:
    """One initiative with its whole trail as people read it (`cases.trail`); no contact
    details (this may be a group). Outside a `private` reading, what the initiator wrote to
    their contact alone is not shown."""
    _ = translations(locale).gettext
    involved = ", ".join(names.team(team) for team in consulted)
    lines = [
        f"{initiative.reference} \u201c{initiative.title}\u201d",
        _("Status: {status}").format(status=_status(initiative, locale)),
        _("Team: {team}").format(team=names.team(initiative.team)),
        _("Also involved: {teams}").format(teams=involved) if involved else "",
        _("Area: {area} \u00b7 Theme: {theme}").format(
            area=_area(names, initiative), theme=names.theme(initiative.theme, locale)
        ),
        _("Help wanted: {help}").format(help=names.help_wanted(initiative.help_wanted, locale)),
        *on_behalf.lines(names, initiative, locale),
        brought(initiative, locale),
        initiative.description or "",
        pictures.sent_along(initiative, locale, private),
        *Said.of(trail).lines(locale),
        *alike,
        _("Trail:"),
        *trail_lines(names, initiative, trail, locale, private),
    ]
    return "\n".join(line for line in lines if line)


def _status(initiative: Initiative, locale: str) -> str:
    _ = translations(locale).gettext
    if initiative.status == Status.CLAIMED:
        return _("taken up by {name}").format(name=initiative.claimed_by_name)
    if initiative.status == Status.SUBMITTED:
        return _("waiting for a contact")
    if initiative.status == Status.RUNNING:
        return outcome_name(initiative.status, locale)
    return _("closed: {outcome}").format(outcome=outcome_name(initiative.status, locale))


def refusal(why: Why, case: Case, team: str, locale: str, other: str = "") -> str:
    """Why nothing was done; `team` has it, `other` is the team the command named."""
    _ = translations(locale).gettext
    texts = {
        Why.NOT_YOUR_TEAM: _("Only {team} and the coordinators can act on {reference}."),
        Why.ALREADY_CLAIMED: _("{reference} has already been taken up by {name}."),
        Why.CLOSED: _("{reference} is closed; nothing was changed."),
        Why.NOT_CLAIMED: _(
            "Nobody has taken up {reference} yet: type \u201c{claim} {reference}\u201d."
        ),
        Why.CLAIMED_BY_OTHER: _(
            "{reference} is with {name}; only they or a coordinator can do that."
        ),
        Why.SAME_TEAM: _("{reference} is already with {team}."),
        Why.OWN_TEAM: _("{reference} is with {team} itself; involve another team."),
        Why.ALREADY_INVOLVED: _("{other} is already involved in {reference}."),
        Why.RUNNING: _(
            "{reference} runs on by itself: you can write to its initiator, or close it "
            "when it stops."
        ),
        Why.ONLY_CONSULTED: _(
            "Your team is involved in {reference}: you can look at it with \u201c{show} "
            "{reference}\u201d and add a note with \u201c{comment} {reference} text\u201d. "
            "Only {team} and the coordinators can do more."
        ),
        Why.NOT_DONE: _("Only an initiative closed as done can be an example."),
        Why.NO_CHAT: _(
            "I cannot ask the initiator of {reference} in a chat, so it cannot be shown as "
            "an example."
        ),
    }
    return texts[why].format(
        reference=case.reference,
        name=case.claimed_by_name or EMPTY,
        team=team,
        other=other,
        claim=command_word(Verb.CLAIM, locale),
        show=command_word(Verb.SHOW, locale),
        comment=command_word(Verb.COMMENT, locale),
    )


def not_your_team_list(team: str, locale: str) -> str:
    """`open` in the chat of a team the contact is not in: refused, as `refusal` is."""
    _ = translations(locale).gettext
    return _("Only {team} and the coordinators can see the open initiatives of {team}.").format(
        team=team
    )


def unknown_reference(reference: str, locale: str) -> str:
    _ = translations(locale).gettext
    return _("I cannot find initiative {reference}.").format(reference=reference)


def unknown_team(typed: str, names: Names, locale: str) -> str:
    _ = translations(locale).gettext
    teams = ", ".join(f"{team.key} ({team.name})" for team in names.config.teams)
    return _("I don't know the team \u201c{team}\u201d. Teams: {teams}.").format(
        team=typed, teams=teams
    )


def not_staff(locale: str) -> str:
    _ = translations(locale).gettext
    return _("Only contacts of a team and coordinators can do that.")


def usage(verb: Verb, locale: str, today: date) -> str:
    _ = translations(locale).gettext
    word = command_word(verb, locale)
    match verb:
        case Verb.FORWARD:
            text = _("To forward: \u201c{word} REFERENCE TEAM reason\u201d.")
        case Verb.INVOLVE:
            text = _("To involve another team: \u201c{word} REFERENCE TEAM [reason]\u201d.")
        case Verb.CLOSE:
            text = _(
                "To close: \u201c{word} REFERENCE {done}|{infeasible}|{withdrawn} "
                "message to the initiator\u201d."
            )
        case Verb.COMMENT:
            text = _("To add a note: \u201c{word} REFERENCE text\u201d.")
        case Verb.REPLY:
            text = _("To write to the initiator: \u201c{word} REFERENCE text\u201d.")
        case Verb.ASK:
            text = _("To ask the initiator something: \u201c{word} REFERENCE question\u201d.")
        case Verb.TITLE:
            text = _("To change the title: \u201c{word} REFERENCE new title\u201d.")
        case Verb.EXAMPLE:
            text = _(
                "To show an initiative that is done as an example: \u201c{word} REFERENCE a "
                "short story\u201d (at most 300 characters)."
            )
        case Verb.APPOINTMENT:
            text = _(
                "To plan an appointment with the initiator: \u201c{word} REFERENCE "
                "{day} 14:00 place\u201d."
            )
        case _:
            text = _("Type \u201c{word} REFERENCE\u201d, for example \u201c{word} 2026-0001\u201d.")
    text = text.format(
        word=word,
        done=outcome_word(CloseReason.DONE, locale),
        infeasible=outcome_word(CloseReason.NOT_FEASIBLE, locale),
        withdrawn=outcome_word(CloseReason.WITHDRAWN, locale),
        day=example_date(today, 1),
    )
    return f"{text}\n{running_usage(locale)}" if verb is Verb.CLOSE else text


def running_usage(locale: str) -> str:
    """How to close an initiative that runs on after the team's work, with its initiator."""
    _ = translations(locale).gettext
    return _(
        "When it runs on by itself (a green space the residents look after, a yearly "
        "event): “{word} REFERENCE {running} message to the initiator”. The "
        "initiator is then asked once a year how it goes."
    ).format(
        word=command_word(Verb.CLOSE, locale), running=outcome_word(CloseReason.RUNNING, locale)
    )


def contact_help(locale: str, coordinator: bool, today: date) -> str:
    """What contacts can type; a coordinator also reads how to block an account."""
    _ = translations(locale).gettext
    words = {verb.name.lower(): command_word(verb, locale) for verb in Verb}
    week, weeks = example_date(today, 1), example_date(today, 6)
    return "\n".join(
        [
            _("What you can type as a contact:"),
            _("\u2022 {open}: your team's open initiatives").format(**words),
            _("\u2022 {show} REFERENCE: one initiative and its trail").format(**words),
            _("\u2022 {claim} REFERENCE: take it up").format(**words),
            _("\u2022 {release} REFERENCE: give it back to the team").format(**words),
            _("\u2022 {forward} REFERENCE TEAM reason: pass it to another team").format(**words),
            _(
                "\u2022 {involve} REFERENCE TEAM [reason]: let another team follow it and add "
                "notes; your team keeps it"
            ).format(**words),
            _("\u2022 {comment} REFERENCE text: an internal note").format(**words),
            _("\u2022 {title} REFERENCE new title: give it a better title").format(**words),
            _("\u2022 {reply} REFERENCE text: write to the initiator").format(**words),
            _(
                "\u2022 {ask} REFERENCE question: ask the initiator, and hear if no answer comes"
            ).format(**words),
            _(
                "\u2022 {appointment} REFERENCE {day} 14:00 place: plan an appointment; the "
                "initiator is reminded the day before"
            ).format(day=week, **words),
            _("\u2022 {close} REFERENCE {done}|{infeasible}|{withdrawn} message: close it").format(
                done=outcome_word(CloseReason.DONE, locale),
                infeasible=outcome_word(CloseReason.NOT_FEASIBLE, locale),
                withdrawn=outcome_word(CloseReason.WITHDRAWN, locale),
                **words,
            ),
            _("\u2022 {close} REFERENCE {running} message: it runs on by itself").format(
                running=outcome_word(CloseReason.RUNNING, locale), **words
            ),
            _(
                "\u2022 {example} REFERENCE short story: once done, an example for other "
                "residents (its initiator is asked)"
            ).format(**words),
            _("\u2022 on behalf: fill in an initiative for a resident you met or phoned"),
            _(
                "\u2022 {returnday}: return days, for coordinators (\u201c{returnday} "
                "{day} 19:30 place for all\u201d, then \u201c{returnday} NUMBER\u201d)"
            ).format(day=weeks, returnday=_("returnday")),
            *(_coordinator_help(locale) if coordinator else []),
        ]
    )


def _coordinator_help(locale: str) -> list[str]:
    """The block commands (`bot.privacy.blocking`), whose words are in these texts."""
    _ = translations(locale).gettext
    return [
        _("As a coordinator you can also type:"),
        _(
            "\u2022 block REFERENCE reason: block the initiator of an initiative; the bot "
            "then ignores their messages (\u201cblock telegram:12345 reason\u201d blocks "
            "an account)"
        ),
        _("\u2022 unblock REFERENCE or ACCOUNT: lift the block"),
        _("\u2022 blocked: the accounts that are blocked"),
    ]


def chat_ids(chat: str, account: str, locale: str) -> str:
    """The addresses of this chat and its sender, as the config file wants them."""
    _ = translations(locale).gettext
    return "\n".join(
        [
            _("This chat: {chat}").format(chat=chat),
            _("Your account: {account}").format(account=account),
            _("Put these in the configuration file: a team's notify chats and members."),
        ]
    )


# --- what the desk tells the resident and the contact about questions and appointments


def question_sent(reference: str, timeout: str, locale: str) -> str:
    _ = translations(locale).gettext
    return _(
        "Your question has been sent to the initiator of {reference}. Their answer comes to "
        "you; if none comes within {timeout}, you will hear that too."
    ).format(reference=reference, timeout=timeout)


def appointment_planned(reference: str, when: str, place: str, locale: str) -> str:
    _ = translations(locale).gettext
    return _(
        "Appointment for {reference} planned: {when}, {place}. The initiator gets a reminder "
        "the day before."
    ).format(reference=reference, when=when, place=place)


def question_from_contact(reference: str, name: str, team: str, text: str, locale: str) -> str:
    _ = translations(locale).gettext
    return _(
        "Question from {name} ({team}) about your initiative {reference}:\n{text}\n"
        "Just type your answer here."
    ).format(name=name, team=team, reference=reference, text=text)


def appointment_for_resident(
    reference: str, name: str, team: str, when: str, place: str, locale: str
) -> str:
    _ = translations(locale).gettext
    return _(
        "{name} of {team} has planned an appointment with you about {reference}: {when}, "
        "{place}. You will get a reminder the day before."
    ).format(reference=reference, name=name, team=team, when=when, place=place)


# --- what a resident's words and commands bring their contact or team


def relayed_unclaimed(reference: str, title: str, text: str, locale: str) -> Reply:
    """For a team: the initiator of an initiative nobody took up yet wrote this."""
    _ = translations(locale).gettext
    heading = _("Message from the initiator of {reference} \u201c{title}\u201d:").format(
        reference=reference, title=title
    )
    message = "\n".join([heading, text, _nobody_yet(reference, locale)])
    return Reply(message, _claim_buttons(reference, locale))


def _nobody_yet(reference: str, locale: str) -> str:
    _ = translations(locale).gettext
    return _(
        "Nobody has taken up {reference} yet. Type \u201c{claim} {reference}\u201d to take it up."
    ).format(reference=reference, claim=command_word(Verb.CLAIM, locale))


def _answer_with(reference: str, locale: str) -> str:
    _ = translations(locale).gettext
    return _("Answer with \u201c{reply} {reference} your message\u201d.").format(
        reference=reference, reply=command_word(Verb.REPLY, locale)
    )


def relayed_after_close(reference: str, text: str, locale: str) -> str:
    """For the last contact (or the team): the initiator of a closed one wrote this."""
    _ = translations(locale).gettext
    heading = _("Message from the initiator of {reference}, which is closed:").format(
        reference=reference
    )
    return "\n".join([heading, text, _answer_with(reference, locale)])


def withdrawn_by_resident(reference: str, title: str, locale: str) -> str:
    _ = translations(locale).gettext
    return _(
        "The initiator has withdrawn {reference} \u201c{title}\u201d. It is closed now; "
        "there is nothing more to do."
    ).format(reference=reference, title=title)


def added_by_resident(
    reference: str, text: str, photo: bool, unclaimed: bool, locale: str
) -> Reply:
    """For whoever holds it: the initiator added text or a photo; a team that has not
    taken it up yet gets the buttons to."""
    _ = translations(locale).gettext
    lines = [_("The initiator of {reference} added:").format(reference=reference)]
    if text:
        lines.append(text)
    if photo:
        lines.append(_("(a photo)"))
    if unclaimed:
        lines.append(_nobody_yet(reference, locale))
        return Reply("\n".join(lines), _claim_buttons(reference, locale))
    lines.append(_answer_with(reference, locale))
    return Reply("\n".join(lines))


def retitled(reference: str, name: str, title: str, locale: str) -> str:
    _ = translations(locale).gettext
    return _("{name} changed the title of {reference} to \u201c{title}\u201d.").format(
        name=name, reference=reference, title=title
    )
