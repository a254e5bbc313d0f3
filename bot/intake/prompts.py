"""The texts of the intake: questions, the summary, help, and how answers read back."""

from dataclasses import replace

from bot.config.flows import Step
from bot.intake import on_behalf
from bot.intake.answers import answer_payload, options
from bot.intake.contact import contact_from_json, display_contact
from bot.intake.state import Answer, Setting, State
from bot.intake.titles import title_from
from bot.messages import Choice
from bot.notices import Reply
from bot.texts.i18n import translations

EMPTY = "\u2014"
# The key of the button that takes the title made from the resident's story.
SUGGESTED = "suggested"


def ask(setting: Setting, state: State, *, hint: bool = False, again: bool = False) -> Reply:
    """The question of the step `state` is at, with its limits; with `hint`, the ways out
    too (at the first question, and after a misunderstanding). Asked `again` right after
    it was asked whole, the consent question is its last line alone."""
    assert state.step is not None
    _ = translations(state.locale).gettext
    step = setting.flow.step(state.step)
    parts: list[str] = []
    if step.kind == "confirm":
        parts.append(summary(setting, state))
    parts.append(_prompt(setting, state, step, again).replace("{privacy_url}", setting.privacy_url))
    offered_title = suggestion(setting, state)
    if offered_title:
        offer = _(
            "My suggestion: \u201c{title}\u201d. "
            "Type \u201cyes\u201d to use it, or type your own title."
        )
        parts.append(offer.format(title=offered_title))
    elif step.kind == "text" and step.max_length < LONG_TEXT:
        parts.append(_("(At most {maximum} characters.)").format(maximum=step.max_length))
    if step.kind not in ("consent", "confirm") and state.answers.get(step.id) is not None:
        current = display(setting, step, state.answers[step.id], state.locale)
        parts.append(_("Your answer now: {answer}").format(answer=current))
    if hint:
        parts.append(ways_out(step, state.locale))
    return Reply("\n".join(parts), *_buttons(setting, state, offered_title))


# Stories may be long; only a limit a resident could reach is worth saying.
LONG_TEXT = 1000


def _prompt(setting: Setting, state: State, step: Step, again: bool) -> str:
    """The step's question; a contact answering for a resident is asked about them."""
    if state.on_behalf is not None:
        about_the_resident = on_behalf.prompt(setting, state, step, again)
        if about_the_resident is not None:
            return about_the_resident
    prompt = step.prompt.get(state.locale, setting.address)
    return prompt.strip().splitlines()[-1] if again and step.kind == "consent" else prompt


def choices_again(setting: Setting, state: State) -> Reply:
    """After a misunderstanding: only the choices (or, for free text, the question), and
    the ways out."""
    assert state.step is not None
    _ = translations(state.locale).gettext
    step = setting.flow.step(state.step)
    if not _has_options(step):
        return ask(setting, state, hint=True)
    lead = _("Choose one or more:") if step.kind == "multi-choice" else _("Choose one:")
    text = "\n".join([lead, ways_out(step, state.locale)])
    return Reply(text, *_buttons(setting, state, None))


def _buttons(
    setting: Setting, state: State, offered_title: str | None
) -> tuple[tuple[Choice, ...], bool, str]:
    """The step's choices as buttons: (choices, multiple, done label)."""
    assert state.step is not None
    _ = translations(state.locale).gettext
    step = setting.flow.step(state.step)
    if offered_title:
        return (Choice(answer_payload(step.id, SUGGESTED), _("Use this title")),), False, ""
    offered = options(setting, step, state.locale) if _has_options(step) else []
    multiple = step.kind == "multi-choice"
    choices = tuple(Choice(answer_payload(step.id, o.choice.key), o.choice.label) for o in offered)
    if step.kind == "consent" and state.on_behalf is not None:
        labels = on_behalf.consent_labels(state.locale)
        choices = tuple(replace(c, label=label) for c, label in zip(choices, labels, strict=True))
    return choices, multiple, _("Done") if multiple else ""


def suggestion(setting: Setting, state: State) -> str | None:
    """A title made from the story told, while the title is still to be given."""
    if state.step != "title" or state.answers.get("title") is not None:
        return None
    story = state.answers.get("description")
    return title_from(story) if isinstance(story, str) and story.strip() else None


def _has_options(step: Step) -> bool:
    return step.kind not in ("text", "phone-or-email")


def ways_out(step: Step, locale: str) -> str:
    """The line under every question: how to go back, stop, get help (and skip)."""
    _ = translations(locale).gettext
    line = _(
        "Type \u201cback\u201d for the previous question, "
        "\u201cstop\u201d to stop, or \u201chelp\u201d."
    )
    if step.optional:
        line = _("Type \u201cskip\u201d if you'd rather not answer.") + "\n" + line
    return line


def summary(setting: Setting, state: State) -> str:
    _ = translations(state.locale).gettext
    whose = on_behalf.summary_heading(state.locale) if state.on_behalf else ""
    lines = [whose or _("This is your initiative:")]
    for step in setting.flow.steps:
        if step.kind in ("consent", "confirm"):
            continue
        value = display(setting, step, state.answers.get(step.id), state.locale)
        if step.kind == "area" and state.place_detail:
            value = f"{value} ({state.place_detail})"
        if step.kind == "area" and state.location is not None:
            value = f"{value} " + _("(with the spot you shared)")
        lines.append(f"\u2022 {step.label.get(state.locale)}: {value}")
    # What goes with it for the contact to read, so that the resident sees it is kept.
    if state.questions:
        asked = "; ".join(state.questions)
        lines.append(
            _("\u2022 Your questions for the contact: {questions}").format(questions=asked)
        )
    if state.notes:
        lines.append(_("\u2022 Also kept: {notes}").format(notes="; ".join(state.notes)))
    return "\n".join(lines)


def display(setting: Setting, step: Step, value: Answer, locale: str) -> str:
    """An answer as the resident would recognise it."""
    if value is None:
        return EMPTY
    if isinstance(value, dict):
        return display_contact(contact_from_json(value))
    if step.kind == "text":
        return str(value)
    labels = {option.choice.key: option.choice.label for option in options(setting, step, locale)}
    keys = value if isinstance(value, list) else [value]
    return ", ".join(labels.get(key, key) for key in keys)


def help_text(setting: Setting, locale: str) -> str:
    _ = translations(locale).gettext
    lines = [
        _("I help you hand in an initiative for your village or neighbourhood in {name}.").format(
            name=setting.municipality
        ),
        _("You can type:"),
        _("\u2022 new: hand in a new initiative"),
        _("\u2022 mine: see your initiatives and how they are doing"),
        _("\u2022 my data: everything we keep about you"),
        _("\u2022 forget me: erase everything we keep about you"),
        _("\u2022 back: go back one question"),
        _("\u2022 skip: skip a question that is not required"),
        _("\u2022 stop: stop, and forget what you typed so far"),
        _("\u2022 add NUMBER text: add something to your initiative"),
        _("\u2022 withdraw NUMBER: withdraw your initiative"),
        _("\u2022 meet NUMBER: meet the initiator of another idea"),
        _("\u2022 join NUMBER: join someone else's idea"),
        _("\u2022 examples [village|theme]: ideas of others that are done, to learn from"),
        _("\u2022 pause: no questions about how it is going, for a while"),
        _("\u2022 no reminders: no more of those questions; reminders on: them again"),
        _("\u2022 taal: Nederlands, language: English"),
        _("You can also send photos of your idea while you hand it in.")
        if setting.max_photos
        else "",
        _("Privacy statement: {url}").format(url=setting.privacy_url),
    ]
    lines = [line for line in lines if line]
    return "\n".join(lines)


def idle_hint(setting: Setting, locale: str) -> str:
    _ = translations(locale).gettext
    return _(
        "Hello! I am the initiatives bot of {name}. Type \u201cnew\u201d to hand in an idea "
        "for your village or neighbourhood, \u201cmine\u201d to see your initiatives, "
        "or \u201chelp\u201d."
    ).format(name=setting.municipality)
