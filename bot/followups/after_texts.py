"""What the bot says after a close: the yearly question of an initiative that runs on by
itself and what comes of its answers, and the satisfaction question and its thanks."""

from bot.cases.commands import Verb, command_word
from bot.followups.answers import SCORES, Question, answer_button
from bot.messages import Choice
from bot.notices import Reply
from bot.texts.i18n import translations
from storage.models import Initiative


def yearly_question(initiative: Initiative, locale: str) -> Reply:
    _ = translations(locale).gettext
    ref = initiative.reference
    text = _(
        "A question about your initiative {reference}: how is \u201c{title}\u201d going? "
        "Is it still running?"
    ).format(reference=ref, title=initiative.title)
    return Reply(
        text,
        (
            Choice(answer_button(Question.YEARLY, ref, "runs"), _("Yes, it runs")),
            Choice(answer_button(Question.YEARLY, ref, "stopped"), _("It has stopped")),
            Choice(answer_button(Question.YEARLY, ref, "help"), _("I would like help")),
        ),
    )


def still_runs(locale: str) -> str:
    _ = translations(locale).gettext
    return _("Good to hear! I will ask you again in a year.")


def stopped(reference: str, locale: str) -> str:
    _ = translations(locale).gettext
    return _(
        "Thank you for letting us know. I have closed {reference}: it is done. "
        "Thank you for all you did!"
    ).format(reference=reference)


def stopped_to_holder(initiative: Initiative, locale: str) -> str:
    _ = translations(locale).gettext
    return _(
        "The initiator of {reference} \u201c{title}\u201d says it no longer runs. "
        "I have closed it as done."
    ).format(reference=initiative.reference, title=initiative.title)


def closed_unheard(initiative: Initiative, locale: str) -> str:
    """To the team of a running initiative nobody could ask about for a year."""
    _ = translations(locale).gettext
    return _(
        "{reference} \u201c{title}\u201d ran on by itself for a year without a word from "
        "its initiator. I have closed it as done."
    ).format(reference=initiative.reference, title=initiative.title)


def help_wanted(initiative: Initiative, locale: str) -> str:
    """To whoever holds a running initiative whose initiator asks for help."""
    _ = translations(locale).gettext
    return _(
        "The initiator of {reference} \u201c{title}\u201d, which runs on by itself, would "
        "like help. Please get in touch with them: \u201c{reply} {reference} your "
        "message\u201d."
    ).format(
        reference=initiative.reference,
        title=initiative.title,
        reply=command_word(Verb.REPLY, locale),
    )


def rating_question(reference: str, locale: str) -> Reply:
    """Buttons 1 to 5, their meaning in the text (a row of buttons has room for short
    labels only)."""
    _ = translations(locale).gettext
    text = _(
        "One more question about your initiative {reference}: how satisfied are you with "
        "the help you got? Choose a number from 1 to 5: 1 is bad, 5 is very good."
    ).format(reference=reference)
    scores = (
        Choice(answer_button(Question.RATING, reference, str(score)), str(score))
        for score in SCORES
    )
    return Reply(text, tuple(scores))


def rated(locale: str) -> str:
    _ = translations(locale).gettext
    return _(
        "Thank you for your answer! Would you like to say something about it? Then type it below."
    )


def one_to_five(locale: str) -> str:
    """A grade out of ten typed to the question of one to five."""
    _ = translations(locale).gettext
    return _("Choose a number from 1 to 5, please: 1 is bad, 5 is very good.")


def commented(locale: str) -> str:
    _ = translations(locale).gettext
    return _("Thank you! We will learn from it.")
