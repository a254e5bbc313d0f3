"""What residents read about meeting and joining, in their language.

Nothing of one resident reaches another before both said yes: the initiator's
question says only what the other's idea is about (a title fit to show, and its
kern), never who asks.
"""

from collections.abc import Sequence
from dataclasses import dataclass

from bot.connections.commands import (
    CONTACT,
    JOIN,
    MEET,
    NAME,
    NO,
    STOP,
    Step,
    ask_button,
    choice_button,
    command_words,
)
from bot.messages import Choice
from bot.notices import Reply
from bot.texts.i18n import translations
from bot.vocabulary import WISH_DAYS

# A title on a button is cut to this many characters.
BUTTON_TITLE_CHARS = 28


@dataclass(frozen=True, slots=True)
class Side:
    """One side of an introduction as the other may read it: a name ("" if none was
    given) and a contact detail in words ("" if it is not shared)."""

    name: str
    contact: str


@dataclass(frozen=True, slots=True)
class Offered:
    """A similar initiative to meet or join, after a hand-in."""

    reference: str
    title: str  # "" where its title may not be shown


def usage(kind: str, locale: str) -> str:
    _ = translations(locale).gettext
    example = f"{command_words(kind, locale)} 2026-0042"
    if kind == MEET:
        text = _(
            "To meet the initiator of another idea, type \u201c{words}\u201d and the number "
            "of that idea. For example: {example}"
        )
    else:
        text = _(
            "To join someone's idea, type \u201c{words}\u201d and the number of that idea. "
            "For example: {example}"
        )
    return text.format(words=command_words(kind, locale), example=example)


def not_found(reference: str, locale: str) -> str:
    _ = translations(locale).gettext
    return _(
        "I cannot find an idea with number {reference} that is still going. Check the "
        "number, or ask your contact person."
    ).format(reference=reference)


def own_idea(reference: str, locale: str) -> str:
    _ = translations(locale).gettext
    return _("{reference} is your own idea.").format(reference=reference)


def needs_an_idea(reference: str, locale: str) -> str:
    _ = translations(locale).gettext
    return _(
        "To meet someone, I introduce your own idea too. You have not handed one in yet. "
        "Do you want to join this idea instead? Type: {command}"
    ).format(command=f"{command_words(JOIN, locale)} {reference}")


def which_name(reference: str, locale: str) -> str:
    _ = translations(locale).gettext
    command = f"{command_words(JOIN, locale)} {reference}"
    return _(
        "Which name may I pass on? Type \u201c{command}\u201d and then your name. For "
        "example: {command} Anna"
    ).format(command=command)


def already_asked(title: str, locale: str) -> str:
    _ = translations(locale).gettext
    return _("I have already asked about {title}. You will hear from me if they say yes.").format(
        title=_named(title, locale)
    )


def enough_asked(most: int, locale: str) -> str:
    _ = translations(locale).gettext
    return _(
        "You have asked {most} initiators in the last {days} days. Wait for their answers "
        "first, or ask your contact person to put you in touch."
    ).format(most=most, days=WISH_DAYS)


def already_joined(title: str, locale: str) -> str:
    _ = translations(locale).gettext
    return _("You already take part in {title}.").format(title=_named(title, locale))


def already_met(title: str, locale: str) -> str:
    _ = translations(locale).gettext
    return _("I have already introduced you to the initiator of {title}.").format(
        title=_named(title, locale)
    )


def what_to_share(kind: str, connection_id: int, title: str, you: Side, locale: str) -> Reply:
    """The asker's choice of what to pass on, should the initiator say yes."""
    _ = translations(locale).gettext
    if kind == MEET:
        text = _("I will ask the initiator of {title} whether they would like to meet you.")
    else:
        text = _("I will ask the initiator of {title} whether you can join.")
    question = _("What may I pass on if they say yes?")
    choices = _choices(
        Step.SHARE,
        connection_id,
        _("My name and {contact}").format(contact=you.contact) if you.contact else "",
        _("Only my name: {name}").format(name=you.name),
        (STOP, _("Stop, do not ask")),
    )
    return Reply(f"{text.format(title=_named(title, locale))}\n{question}", choices)


def stopped(locale: str) -> str:
    _ = translations(locale).gettext
    return _("Fine, I will not ask anything.")


def asked(locale: str) -> str:
    _ = translations(locale).gettext
    return _(
        "I have asked. Only if they say yes too, I pass on your details, and theirs. If "
        "you hear nothing from me within {days} days, it will not happen."
    ).format(days=WISH_DAYS)


def question(
    kind: str,
    connection_id: int,
    title: str,
    other_idea: str,
    other_area: str,
    contact: str,
    locale: str,
) -> Reply:
    """The initiator's question: may someone meet them, or join? Who asks is not said."""
    _ = translations(locale).gettext
    if kind == MEET and other_idea:
        text = _(
            "Someone with a similar idea would like to meet you about your idea "
            "\u201c{title}\u201d. Their idea: \u201c{other}\u201d in {area}. Would you like that?"
        )
    elif kind == MEET:
        text = _(
            "Someone with a similar idea in {area} would like to meet you about your idea "
            "\u201c{title}\u201d. Would you like that?"
        )
    else:
        text = _(
            "Someone would like to join your idea \u201c{title}\u201d. Then they also get "
            "the news about it. Is that all right?"
        )
    rest = _(
        "Only if you say yes, I pass on both your names and what each of you chooses to "
        "share. If you do not answer, nothing happens: the question ends after {days} days."
    ).format(days=WISH_DAYS)
    said = text.format(title=title, other=other_idea, area=other_area)
    choices = _choices(
        Step.ANSWER,
        connection_id,
        _("Yes, with my name and {contact}").format(contact=contact) if contact else "",
        _("Yes, only my name"),
        (NO, _("No, rather not")),
    )
    return Reply(f"{said}\n{rest}", choices)


def declined(locale: str) -> str:
    _ = translations(locale).gettext
    return _("Fine. I pass nothing on, and I do not tell them your answer.")


def ended(locale: str) -> str:
    _ = translations(locale).gettext
    return _("This question has ended. Nothing was passed on.")


def introduced_to_asker(kind: str, title: str, them: Side, you: Side, locale: str) -> str:
    _ = translations(locale).gettext
    name = them.name or _("the initiator")
    if kind == MEET:
        text = _("Good news! The initiator of {title} would like to meet you too: {name}.")
    else:
        text = _(
            "Good news! You now take part in {title}. From now on you also get the news "
            "about it. The initiator is {name}."
        )
    said = text.format(title=_named(title, locale), name=name)
    return f"{said}\n{_how_to_reach(them, you, locale)}"


def introduced_to_initiator(kind: str, title: str, them: Side, you: Side, locale: str) -> str:
    _ = translations(locale).gettext
    name = them.name or _("someone without a name")
    if kind == MEET:
        text = _("I have introduced you to {name}, who had a similar idea.")
    else:
        text = _("{name} now takes part in your idea \u201c{title}\u201d and gets its news too.")
    said = text.format(title=title, name=name)
    return f"{said}\n{_how_to_reach(them, you, locale)}"


def offer(found: Sequence[Offered], locale: str) -> Reply:
    """After a hand-in: meet the initiators of the similar ideas, or join them."""
    _ = translations(locale).gettext
    lines = [
        _(
            "Would you like to meet the initiator of one of these similar ideas, or join "
            "in? I only pass on your details if you both say yes."
        )
    ]
    choices = []
    for each in found:
        title = _named(each.title, locale)
        lines.append(f"\u2022 {title}: {each.reference}")
        short = _short(each, locale)
        meet = _("Meet: {title}").format(title=short)
        join = _("Join: {title}").format(title=short)
        choices.append(Choice(ask_button(MEET, each.reference), meet))
        choices.append(Choice(ask_button(JOIN, each.reference), join))
    lines.append(
        _("Or type \u201c{meet}\u201d or \u201c{join}\u201d with the number.").format(
            meet=command_words(MEET, locale), join=command_words(JOIN, locale)
        )
    )
    return Reply("\n".join(lines), tuple(choices))


def _choices(
    step: Step, connection_id: int, with_contact: str, name_only: str, out: tuple[str, str]
) -> tuple[Choice, ...]:
    """What each side may let pass on: name and contact (where there is one, labelled
    `with_contact`), the name alone, or `out` (its choice and label)."""
    shares = [(CONTACT, with_contact), (NAME, name_only), out]
    return tuple(
        Choice(choice_button(step, connection_id, choice), label)
        for choice, label in shares
        if label
    )


def _how_to_reach(them: Side, you: Side, locale: str) -> str:
    _ = translations(locale).gettext
    if them.contact:
        name = them.name or _("them")
        return _("You can reach {name} at {contact}.").format(name=name, contact=them.contact)
    if you.contact:
        return _("They have your details and can get in touch with you.")
    return _("You both shared only your name. Your contact person can help you get in touch.")


def _named(title: str, locale: str) -> str:
    """ "“Speeltuin opknappen”", or "that idea" where its title may not be shown."""
    return f"\u201c{title}\u201d" if title else translations(locale).gettext("that idea")


def _short(each: Offered, locale: str) -> str:
    if not each.title:
        return each.reference
    if len(each.title) <= BUTTON_TITLE_CHARS:
        return each.title
    return each.title[: BUTTON_TITLE_CHARS - 1].rstrip() + "\u2026"
