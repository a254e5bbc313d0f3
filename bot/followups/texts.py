"""What the follow-ups say: to teams and coordinators, to contacts, and to residents."""

from collections.abc import Sequence
from datetime import date, datetime
from zoneinfo import ZoneInfo

from bot.cases.commands import Verb, button, command_word
from bot.cases.texts import _claim_buttons
from bot.config.names import Names
from bot.followups.answers import Question, answer_button
from bot.followups.rules import Contact, LastContact
from bot.messages import Choice
from bot.notices import Reply
from bot.texts.formatting import date_in_words, moment_in_words
from bot.texts.i18n import translations
from storage.models import Initiative

# --- to teams and coordinators ----------------------------------------------------------


# A long list gets buttons for its oldest initiatives only: a chat is no keyboard.
MOST_BUTTONS = 10


def team_reminder(
    names: Names, initiatives: Sequence[Initiative], now: datetime, locale: str
) -> Reply:
    """A team's morning round: the initiatives nobody took up yet, oldest first, each
    with its reference, title, area and age."""
    _ = translations(locale).gettext
    count, zone = len(initiatives), names.config.bot.zone
    first = initiatives[0].reference
    if count == 1:
        heading = _("Reminder: this initiative is still waiting for someone to take it up:")
        footer = _("Type \u201c{claim} {reference}\u201d to take it up.")
    else:
        heading = _(
            "Reminder: these {count} initiatives are still waiting for someone to take them up:"
        ).format(count=count)
        footer = _(
            "Type \u201c{claim}\u201d and a reference to take one up, for example "
            "\u201c{claim} {reference}\u201d."
        )
    listed = (
        _("\u2022 {reference} \u201c{title}\u201d, {area}: waiting {age}").format(
            reference=initiative.reference,
            title=initiative.title,
            area=names.area(initiative.area),
            age=age_in_words(initiative.created_at, now, zone, locale),
        )
        for initiative in initiatives
    )
    said = footer.format(claim=command_word(Verb.CLAIM, locale), reference=first)
    text = "\n".join([heading, *listed, said])
    if count == 1:
        return Reply(text, _claim_buttons(first, locale))
    buttons = (
        Choice(choice.key, f"{choice.label} {initiative.reference}")
        for initiative in initiatives[:MOST_BUTTONS]
        for choice in _claim_buttons(initiative.reference, locale)[:1]  # taking it up
    )
    return Reply(text, tuple(buttons))


def age_in_words(since: datetime, now: datetime, zone: ZoneInfo, locale: str) -> str:
    """How long something has waited, in days on the local calendar: "since yesterday",
    "3 days"."""
    _ = translations(locale).gettext
    days = (now.astimezone(zone).date() - since.astimezone(zone).date()).days
    if days <= 0:
        return _("since today")
    if days == 1:
        return _("since yesterday")
    return translations(locale).ngettext("{n} day", "{n} days", days).format(n=days)


def escalation(
    initiative: Initiative, team: str, since: datetime, forwards: int, zone: ZoneInfo, locale: str
) -> Reply:
    """To the coordinators: an initiative waited past the escalation time; one that was
    forwarded says so, and how often, since its teams' clock did not start again."""
    _ = translations(locale).gettext
    if forwards:
        text = _(
            "Attention: {reference} \u201c{title}\u201d came in on {since} and nobody has "
            "taken it up yet. It is now with {team}."
        )
    else:
        text = _(
            "Attention: {reference} \u201c{title}\u201d went to {team} on {since} and nobody "
            "has taken it up yet."
        )
    text = text.format(
        reference=initiative.reference,
        title=initiative.title,
        team=team,
        since=moment_in_words(since, zone, locale),
    )
    return _showable(_with_forwards(text, forwards, locale), initiative.reference, locale)


def _with_forwards(text: str, forwards: int, locale: str) -> str:
    if not forwards:
        return text
    ngettext = translations(locale).ngettext
    said = ngettext("Forwarded {n} time.", "Forwarded {n} times.", forwards).format(n=forwards)
    return f"{text} {said}"


def checkin_escalation(
    initiative: Initiative,
    contact: str,
    answered: datetime,
    forwards: int,
    zone: ZoneInfo,
    locale: str,
) -> Reply:
    """To the coordinators: the resident said nobody was in touch, and still nobody wrote."""
    _ = translations(locale).gettext
    text = _(
        "Attention: the initiator of {reference} \u201c{title}\u201d said on {date} that they "
        "are waiting for {name}, and nothing has been written to them since."
    ).format(
        reference=initiative.reference,
        title=initiative.title,
        date=date_in_words(answered, zone, locale),
        name=contact or _("a contact person"),
    )
    return _showable(_with_forwards(text, forwards, locale), initiative.reference, locale)


def _showable(text: str, reference: str, locale: str) -> Reply:
    """A message about one initiative, with a button to see it and its trail."""
    _ = translations(locale).gettext
    return Reply(text, (Choice(button(Verb.SHOW, reference), _("Show")),))


def worried_answer(initiative: Initiative, answer: str, locale: str, after: str = "") -> str:
    """To the claiming contact: the resident's check-in answer calls for them. `after`:
    the contact the check-in followed (`Contact`), if any."""
    _ = translations(locale).gettext
    if answer == "talk":
        text = _(
            "The initiator of {reference} \u201c{title}\u201d would like to talk to someone. "
            "Please get in touch with them."
        )
    elif after:
        text = _(
            "The initiator of {reference} \u201c{title}\u201d does not know what happens next. "
            "Please let them know."
        )
    else:
        text = _(
            "The initiator of {reference} \u201c{title}\u201d says nobody has been in touch "
            "with them yet. Please get in touch with them."
        )
    return text.format(reference=initiative.reference, title=initiative.title)


def stale_answer(initiative: Initiative, answer: str, zone: ZoneInfo, locale: str) -> str:
    """To the contact or team: the resident of a long-open initiative is not in touch."""
    _ = translations(locale).gettext
    if answer == "unsure":
        text = _(
            "The initiator of {reference} \u201c{title}\u201d, open since {date}, does not know "
            "how it stands. Please let them know."
        )
    else:
        text = _(
            "The initiator of {reference} \u201c{title}\u201d, open since {date}, says they are "
            "not in touch with anyone about it. Please let them know how it stands."
        )
    return text.format(
        reference=initiative.reference,
        title=initiative.title,
        date=date_in_words(initiative.created_at, zone, locale),
    )


def question_unanswered(reference: str, asked: datetime, zone: ZoneInfo, locale: str) -> str:
    _ = translations(locale).gettext
    return _(
        "No answer received from the initiator of {reference} to your question of {date}. "
        "It is on the trail as unanswered."
    ).format(reference=reference, date=date_in_words(asked, zone, locale))


def appointment_answer(reference: str, answer: str, when: str, locale: str) -> str:
    _ = translations(locale).gettext
    if answer == "ok":
        text = _("The initiator of {reference} confirmed the appointment of {when}.")
    else:
        text = _(
            "The initiator of {reference} asks to move the appointment of {when}. Please agree "
            "a new time with them."
        )
    return text.format(reference=reference, when=when)


# --- to residents ----------------------------------------------------------------------


def checkin_question(initiative: Initiative, contact: str, team: str, locale: str) -> Reply:
    _ = translations(locale).gettext
    text = _(
        "A question about your initiative {reference} \u201c{title}\u201d: has {name} of {team} "
        "been in touch with you?"
    ).format(reference=initiative.reference, title=initiative.title, name=contact, team=team)
    return Reply(text, _checkin_buttons(initiative.reference, locale))


def _checkin_buttons(ref: str, locale: str) -> tuple[Choice, ...]:
    _ = translations(locale).gettext
    return (
        Choice(answer_button(Question.CHECKIN, ref, "yes"), _("Yes")),
        Choice(answer_button(Question.CHECKIN, ref, "no"), _("No")),
        Choice(answer_button(Question.CHECKIN, ref, "talk"), _("I'd like to talk to someone")),
    )


def checkin_after_contact(
    initiative: Initiative, contact: str, last: LastContact, zone: ZoneInfo, locale: str
) -> Reply:
    """The check-in after an appointment that passed, or after the contact wrote."""
    _ = translations(locale).gettext
    if last.kind == Contact.APPOINTMENT:
        text = _(
            "How did the conversation with {name} on {date} about {reference} "
            "\u201c{title}\u201d go? Do you know what happens next?"
        )
    else:
        text = _(
            "{name} wrote to you on {date} about {reference} \u201c{title}\u201d. Do you know "
            "what happens next?"
        )
    said = text.format(
        name=contact or _("your contact person"),
        date=date_in_words(last.at, zone, locale),
        reference=initiative.reference,
        title=initiative.title,
    )
    return Reply(said, _checkin_buttons(initiative.reference, locale))


def promise_passed(
    initiative: Initiative, promised: datetime, zone: ZoneInfo, locale: str, today: date
) -> str:
    """To the resident, once: the time the next steps promised passed unclaimed."""
    _ = translations(locale).gettext
    return _(
        "Your initiative {reference} \u201c{title}\u201d has not been taken up yet. We "
        "promised you would hear from us sooner. We are sorry. I have asked for it to be "
        "taken up soon. You will hear from us by {date} at the latest."
    ).format(
        reference=initiative.reference,
        title=initiative.title,
        date=date_in_words(promised, zone, locale, today),
    )


def stale_question(initiative: Initiative, zone: ZoneInfo, locale: str) -> Reply:
    _ = translations(locale).gettext
    text = _(
        "Your initiative {reference} \u201c{title}\u201d has been open since {date}. Are you in "
        "touch with someone of the municipality about it?"
    ).format(
        reference=initiative.reference,
        title=initiative.title,
        date=date_in_words(initiative.created_at, zone, locale),
    )
    ref = initiative.reference
    return Reply(
        text,
        (
            Choice(answer_button(Question.STALE, ref, "yes"), _("Yes")),
            Choice(answer_button(Question.STALE, ref, "no"), _("No")),
            Choice(answer_button(Question.STALE, ref, "unsure"), _("I don't know")),
        ),
    )


def thanks_all_good(locale: str) -> str:
    _ = translations(locale).gettext
    return _("Thank you, good to hear!")


def contact_asked_to_call(name: str, answer: str, locale: str) -> str:
    _ = translations(locale).gettext
    if answer == "talk":
        return _("Thank you. I have asked {name} to get in touch with you to talk.").format(
            name=name
        )
    return _("Thank you for letting us know. I have asked {name} to get in touch with you.").format(
        name=name
    )


def ask_again_offer(reference: str, span: str, locale: str) -> Reply:
    _ = translations(locale).gettext
    text = _(
        "Thank you, I have passed this on. Shall I ask you again about {reference} in {span}?"
    ).format(reference=reference, span=span)
    return Reply(
        text,
        (
            Choice(answer_button(Question.AGAIN, reference, "yes"), _("Yes, ask again")),
            Choice(answer_button(Question.AGAIN, reference, "no"), _("No, thank you")),
        ),
    )


def ask_again_answer(answer: str, locale: str) -> str:
    _ = translations(locale).gettext
    if answer == "yes":
        return _("Fine, I will ask you again later.")
    return _("Fine, I will not ask again.")


def appointment_reminder(reference: str, name: str, when: str, place: str, locale: str) -> Reply:
    _ = translations(locale).gettext
    text = _(
        "Reminder: tomorrow, {when}, you have an appointment with {name} about {reference}, "
        "{place}."
    ).format(reference=reference, name=name, when=when, place=place)
    return Reply(
        text,
        (
            Choice(answer_button(Question.APPOINTMENT, reference, "ok"), _("I'll be there")),
            Choice(
                answer_button(Question.APPOINTMENT, reference, "move"), _("I'd like to move it")
            ),
        ),
    )


def appointment_answered(name: str, answer: str, locale: str) -> str:
    _ = translations(locale).gettext
    if answer == "ok":
        return _("Thank you, see you then!")
    return _("I have asked {name} to agree a new time with you.").format(name=name)


def preference_set(preference: str, references: Sequence[str], until: str, locale: str) -> str:
    _ = translations(locale).gettext
    listed = ", ".join(references)
    if preference == "pause":
        text = _(
            "Check-ins about {references} are paused until {date}. Type \u201creminders on\u201d "
            "to have them again."
        )
    elif preference == "off":
        text = _(
            "You will get no more check-ins about {references}. Type \u201creminders on\u201d to "
            "have them again."
        )
    else:
        text = _("Check-ins about {references} are on again.")
    return text.format(references=listed, date=until)


def no_open_initiatives(locale: str) -> str:
    _ = translations(locale).gettext
    return _("You have no open initiatives to change this for.")


def not_among_yours(reference: str, locale: str) -> str:
    _ = translations(locale).gettext
    return _("{reference} is not one of your open initiatives.").format(reference=reference)


def no_longer_open(locale: str) -> str:
    _ = translations(locale).gettext
    return _("That question is no longer open.")
