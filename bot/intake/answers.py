"""Reading a resident's answer to one step: a value to keep, or a reason to ask again."""

import re
from dataclasses import dataclass

from bot.config.flows import Step
from bot.intake.contact import parse_contact
from bot.intake.state import Answer, Setting
from bot.matching import Named, Unclear, match
from bot.messages import SEVERAL_PREFIX, Choice, split_several
from bot.texts.i18n import translations

SEND = "send"
EDIT_PREFIX = "edit:"
_POSTCODE = re.compile(r"^\s*([1-9][0-9]{3})\s*(?:[A-Za-z]{2})?\s*$")
_SEPARATORS = re.compile(r"\s*(?:[,;/&+]|\ben\b|\band\b)\s*", re.IGNORECASE)
_NUMBERS_ONLY = re.compile(r"^[0-9\s]+$")
YES_WORDS = ("ja", "yes", "j", "y", "ok", "oke", "akkoord", "goed", "prima", "agree", "sure")
NO_WORDS = ("nee", "no", "n", "niet akkoord", "liever niet")


@dataclass(frozen=True, slots=True)
class Accepted:
    value: Answer


@dataclass(frozen=True, slots=True)
class Rejected:
    reason: str


@dataclass(frozen=True, slots=True)
class Option:
    choice: Choice
    named: Named


def options(setting: Setting, step: Step, locale: str) -> list[Option]:
    """The answers a step offers, in the order they are numbered."""
    _ = translations(locale).gettext
    if step.kind == "consent":
        return [
            _option("yes", _("Yes, I agree"), YES_WORDS),
            _option("no", _("No"), NO_WORDS),
        ]
    if step.kind == "area":
        return [_option(a.key, a.name, a.names()) for a in setting.areas]
    if step.options_from == "themes":
        return [_option(t.key, t.name.get(locale), t.names()) for t in setting.themes]
    if step.kind == "confirm":
        edits = [s for s in setting.flow.steps if s.kind not in ("consent", "confirm")]
        return [
            _option(SEND, _("Yes, send it"), (*YES_WORDS, "versturen", "verstuur", "send")),
            *(
                _option(
                    EDIT_PREFIX + s.id,
                    _("Change: {label}").format(label=s.label.get(locale)),
                    (s.label.nl, s.label.en),
                )
                for s in edits
            ),
        ]
    return [
        _option(o.key, o.label.get(locale), (o.key, o.label.nl, o.label.en, *o.aliases))
        for o in step.options
    ]


ANSWER_PREFIX = "answer:"


def answer_payload(step_id: str, key: str) -> str:
    """The button payload that answers `step_id` with option `key`."""
    return f"{ANSWER_PREFIX}{step_id}:{key}"


def read_pressed(
    setting: Setting, step: Step, payload: str, locale: str
) -> Accepted | Rejected | None:
    """A pressed button as an answer to `step`; None when it belongs to another question.

    Payloads come from the platform and can be forged: the key must be offered.
    """
    _ = translations(locale).gettext
    pressed = split_several(payload) if payload.startswith(SEVERAL_PREFIX) else [payload]
    if not pressed:
        if step.kind != "multi-choice":
            return None
        return Rejected(_("Choose one or more first, then press the button again."))
    addressed = [one.removeprefix(ANSWER_PREFIX).partition(":") for one in pressed]
    if any(step_id != step.id for step_id, _sep, _key in addressed):
        return None
    keys = [key for _step, _sep, key in addressed]
    if len(keys) > 1 and step.kind != "multi-choice":
        return Rejected(_("Please choose one."))
    offered = {option.choice.key for option in options(setting, step, locale)}
    if any(key not in offered for key in keys):
        return Rejected(_("That is not one of the choices."))
    return Accepted(list(dict.fromkeys(keys)) if step.kind == "multi-choice" else keys[0])


def _option(key: str, label: str, names: tuple[str, ...]) -> Option:
    return Option(Choice(key, label), Named(key, (label, *names)))


def read_answer(setting: Setting, step: Step, text: str, locale: str) -> Accepted | Rejected:
    """Check `text` as an answer to `step`."""
    _ = translations(locale).gettext
    if step.kind == "text":
        return _read_text(step, text, locale)
    if step.kind == "phone-or-email":
        if len(text) > step.max_length:
            return _too_long(text, step.max_length, locale)
        contact = parse_contact(text)
        if contact is None:
            return Rejected(
                _(
                    "I can't read that as a phone number or email address. "
                    "For example: 06 12345678 or name@example.nl"
                )
            )
        return Accepted({"kind": contact.kind, "value": contact.value})
    offered = options(setting, step, locale)
    if step.kind == "area":
        postcode = _POSTCODE.match(text)
        if postcode and len(offered) < 1000:
            return _area_by_postcode(setting, postcode.group(1), locale)
    if step.kind == "multi-choice":
        return _read_several(text, offered, locale)
    return _read_one(text, offered, locale)


def _read_text(step: Step, text: str, locale: str) -> Accepted | Rejected:
    _ = translations(locale).gettext
    if len(text) > step.max_length:
        return _too_long(text, step.max_length, locale)
    if len(text) < step.min_length:
        return Rejected(
            _("That is a bit short. Please use at least {minimum} characters.").format(
                minimum=step.min_length
            )
        )
    return Accepted(text)


def _too_long(text: str, maximum: int, locale: str) -> Rejected:
    _ = translations(locale).gettext
    return Rejected(
        _("That is too long ({length} characters). Please keep it to {maximum} characters.").format(
            length=len(text), maximum=maximum
        )
    )


def _area_by_postcode(setting: Setting, postcode: str, locale: str) -> Accepted | Rejected:
    _ = translations(locale).gettext
    for area in setting.areas:
        if postcode in area.postcodes:
            return Accepted(area.key)
    return Rejected(
        _(
            "I don't know postcode {postcode} in {municipality}. Please choose from the list."
        ).format(postcode=postcode, municipality=setting.municipality)
    )


def _read_one(text: str, offered: list[Option], locale: str) -> Accepted | Rejected:
    _ = translations(locale).gettext
    found = _pick(text, offered)
    if isinstance(found, str):
        return Accepted(found)
    if isinstance(found, Unclear):
        labels = [o.choice.label for o in offered if o.choice.key in found.keys]
        return Rejected(
            _("Did you mean {options}? Please choose a number.").format(
                options=_(" or ").join(labels)
            )
        )
    return Rejected(
        _(
            "I don't know \u201c{answer}\u201d as an answer here. "
            "Please choose a number from the list."
        ).format(answer=text)
    )


def _read_several(text: str, offered: list[Option], locale: str) -> Accepted | Rejected:
    if _NUMBERS_ONLY.match(text):
        parts = text.split()
    else:
        parts = [part for part in _SEPARATORS.split(text) if part.strip()]
    keys: list[str] = []
    for part in parts:
        answer = _read_one(part, offered, locale)
        if isinstance(answer, Rejected):
            return answer
        assert isinstance(answer.value, str)
        keys.append(answer.value)
    if not keys:
        return _read_one(text, offered, locale)
    return Accepted(list(dict.fromkeys(keys)))


def _pick(text: str, offered: list[Option]) -> str | Unclear | None:
    stripped = text.strip().rstrip(".)")
    if stripped.isascii() and stripped.isdigit():  # not "²" or "٣": int() refuses those
        # Python will not read a number of thousands of digits; no list is that long.
        number = int(stripped) if len(stripped) <= 4 else 0
        return offered[number - 1].choice.key if 1 <= number <= len(offered) else None
    return match(text, [option.named for option in offered])
