"""Reading a resident's answer to one step: a value to keep, or a reason to ask again."""

import re
from collections.abc import Sequence
from dataclasses import dataclass

from bot.config.flows import Step
from bot.intake.contact import parse_contact
from bot.intake.intent import Intent, intent, says_nothing_needed
from bot.intake.keywords import Keyworded, best, hits
from bot.intake.places import Place, find_place
from bot.intake.state import Answer, Setting
from bot.matching import Named, Unclear, match
from bot.messages import SEVERAL_PREFIX, Choice, Location, split_several
from bot.texts.i18n import translations

SEND = "send"
EDIT_PREFIX = "edit:"
_POSTCODE = re.compile(r"^\s*([1-9][0-9]{3})\s*(?:[A-Za-z]{2})?\s*$")
# "mijn postcode is 3241 AB": a postcode in a sentence has its letters, or is named.
_POSTCODE_IN_SENTENCE = re.compile(
    r"\b([1-9][0-9]{3})\s?[A-Za-z]{2}\b|(?i:postcode)\D{0,6}\b([1-9][0-9]{3})\b"
)
_SEPARATORS = re.compile(r"\s*(?:[,;/&+]|\ben\b|\band\b)\s*", re.IGNORECASE)
_NUMBERS_ONLY = re.compile(r"^[0-9\s]+$")


@dataclass(frozen=True, slots=True)
class Accepted:
    value: Answer
    note: str = ""  # a word to go with it: "I put it under Other"
    place_detail: str | None = None  # more about where, beyond the area
    location: Location | None = None  # the spot shared to answer the area question


@dataclass(frozen=True, slots=True)
class Rejected:
    reason: str
    # Not understood: the choices again, with the ways out. Otherwise the reason says
    # all (too long, a postcode elsewhere) and the question is asked again as it was.
    misunderstood: bool = False


@dataclass(frozen=True, slots=True)
class Option:
    choice: Choice
    named: Named
    keywords: tuple[str, ...] = ()

    @property
    def keyworded(self) -> Keyworded:
        return Keyworded(self.choice.key, (*self.named.names, *self.keywords))


def options(setting: Setting, step: Step, locale: str) -> Sequence[Option]:
    """The answers a step offers, in the order they are numbered."""
    # Every turn asks for them at least twice (to read the answer, to ask the next
    # question); the setting is fixed while the bot runs, so they are made once.
    key = (step.id, locale)
    made = setting.made_options.get(key)
    if made is None:
        made = setting.made_options[key] = tuple(_options(setting, step, locale))
    return made


def _options(setting: Setting, step: Step, locale: str) -> list[Option]:
    _ = translations(locale).gettext
    if step.kind == "consent":
        return [_option("yes", _("Yes, I agree"), ()), _option("no", _("No"), ())]
    if step.kind == "area":
        return [_option(a.key, a.name, a.names()) for a in setting.areas]
    if step.options_from == "themes":
        return [_option(t.key, t.name.get(locale), t.names(), t.keywords) for t in setting.themes]
    if step.kind == "confirm":
        edits = [s for s in setting.flow.steps if s.kind not in ("consent", "confirm")]
        return [
            _option(SEND, _("Yes, send it"), ()),
            *(
                _option(
                    EDIT_PREFIX + s.id,
                    _("Change: {label}").format(label=s.label.get(locale)),
                    (s.label.nl, s.label.en),
                    s.keywords,
                )
                for s in edits
            ),
        ]
    return [
        _option(o.key, o.label.get(locale), (o.key, o.label.nl, o.label.en, *o.aliases), o.keywords)
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


def _option(key: str, label: str, names: tuple[str, ...], keywords: tuple[str, ...] = ()) -> Option:
    return Option(Choice(key, label), Named(key, (label, *names)), keywords)


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
    meant = intent(text)
    if step.kind in ("consent", "confirm") and meant in (Intent.YES, Intent.NO):
        return _yes_or_no(step, meant, locale)
    if step.kind == "area":
        return _read_area(setting, text, offered, meant, locale)
    if meant is Intent.UNSURE or (meant is Intent.NO and step.optional):
        return _unsure(setting, step, locale)
    if step.kind == "multi-choice":
        if step.optional and says_nothing_needed(text):
            return Accepted(None)
        return _read_several(text, offered, locale)
    return _read_one(text, offered, locale)


def _yes_or_no(step: Step, meant: Intent, locale: str) -> Accepted | Rejected:
    """Consent given or refused; at the summary, send it or say what to change."""
    _ = translations(locale).gettext
    if step.kind == "consent":
        return Accepted("yes" if meant is Intent.YES else "no")
    if meant is Intent.YES:
        return Accepted(SEND)
    return Rejected(_("What would you like to change? Choose one."), misunderstood=True)


def _unsure(setting: Setting, step: Step, locale: str) -> Accepted | Rejected:
    """ "Weet ik niet": a skip where the step may be skipped, the theme for anything
    else where themes are asked; elsewhere the choices again, kindly."""
    _ = translations(locale).gettext
    if step.optional:
        return Accepted(None, _("No problem, we skip this question."))
    if step.options_from == "themes":
        theme = setting.fallback_theme
        name = next(t.name.get(locale) for t in setting.themes if t.key == theme)
        note = _("No problem. I put it under \u201c{theme}\u201d; your contact will look at it.")
        return Accepted(theme, note.format(theme=name))
    return Rejected(_("No problem. Choose what fits best."), misunderstood=True)


def _read_area(
    setting: Setting, text: str, offered: Sequence[Option], meant: Intent | None, locale: str
) -> Accepted | Rejected:
    _ = translations(locale).gettext
    postcode = _POSTCODE.match(text)
    if postcode and len(offered) < 1000:
        return _area_by_postcode(setting, postcode.group(1), locale)
    if meant is Intent.UNSURE:
        return Rejected(
            _(
                "No problem. Type the village nearest to your idea, your postcode, "
                "or share a location."
            )
        )
    if text.strip().rstrip(".)").isdigit():  # a number from the list
        return _read_one(text, offered, locale)
    place = find_place(text, [option.named for option in offered])
    if isinstance(place, Place):
        return Accepted(place.key, place_detail=place.detail)
    in_sentence = _POSTCODE_IN_SENTENCE.search(text)
    if in_sentence and len(offered) < 1000:
        digits = in_sentence.group(1) or in_sentence.group(2)
        return _area_by_postcode(setting, digits, locale)
    # A number, or the start of a name ("Midd"), or a name with its words run together.
    whole = _pick(text, offered) if place is None else place
    if isinstance(whole, str):
        return Accepted(whole)
    return _not_understood(text, offered, whole, locale)


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


def _read_one(text: str, offered: Sequence[Option], locale: str) -> Accepted | Rejected:
    found = _pick(text, offered)
    if found is None:
        found = best(text, [option.keyworded for option in offered])
    if isinstance(found, str):
        return Accepted(found)
    return _not_understood(text, offered, found, locale)


def _not_understood(
    text: str, offered: Sequence[Option], found: Unclear | None, locale: str
) -> Rejected:
    """Which of a few it could be, or that it is none of them: a short word, never the
    whole of a long answer."""
    _ = translations(locale).gettext
    if isinstance(found, Unclear):
        labels = [o.choice.label for o in offered if o.choice.key in found.keys]
        return Rejected(
            _("Did you mean {options}?").format(options=_(" or ").join(labels)),
            misunderstood=True,
        )
    return Rejected(
        _("I don't understand \u201c{answer}\u201d here.").format(answer=quoted(text)),
        misunderstood=True,
    )


QUOTE_LIMIT = 30


def quoted(text: str) -> str:
    """At most about 30 characters of what someone typed, to say what was not understood."""
    flat = " ".join(text.split())
    if len(flat) <= QUOTE_LIMIT:
        return flat
    return flat[: QUOTE_LIMIT - 1].rsplit(" ", 1)[0].rstrip(" ,.;:") + "\u2026"


def _read_several(text: str, offered: Sequence[Option], locale: str) -> Accepted | Rejected:
    if _NUMBERS_ONLY.match(text):
        parts = text.split()
    else:
        parts = [part for part in _SEPARATORS.split(text) if part.strip()]
    keys: list[str] = []
    for part in parts:
        found = _pick(part, offered)
        if not isinstance(found, str):
            return _by_keywords(text, offered, locale)
        keys.append(found)
    if not keys:
        return _read_one(text, offered, locale)
    return Accepted(list(dict.fromkeys(keys)))


def _by_keywords(text: str, offered: Sequence[Option], locale: str) -> Accepted | Rejected:
    """Every option a keyword of `text` points to: "advies en wat vrijwilligers"."""
    found = {hit.key for hit in hits(text, [option.keyworded for option in offered])}
    keys = [option.choice.key for option in offered if option.choice.key in found]
    if keys:
        return Accepted(keys)
    return _not_understood(text, offered, None, locale)


# "nummer 3", "nr. 3", "optie 3": the number is the answer.
_NUMBERED = re.compile(r"^(?:nummer|number|nr|no|optie|option|keuze|choice)\.?\s*(?=\d)", re.I)


def _pick(text: str, offered: Sequence[Option]) -> str | Unclear | None:
    stripped = _NUMBERED.sub("", text.strip()).rstrip(".)")
    if stripped.isascii() and stripped.isdigit():  # not "²" or "٣": int() refuses those
        # Python will not read a number of thousands of digits; no list is that long.
        number = int(stripped) if len(stripped) <= 4 else 0
        return offered[number - 1].choice.key if 1 <= number <= len(offered) else None
    return match(text, [option.named for option in offered])
