"""A contact handing in an initiative for a resident they met on the street or spoke
on the phone: `namens` in their private chat with the bot.

The intake is the ordinary one, with the contact typing the resident's answers. Only
the questions about the resident read differently: the consent is the resident's,
given out loud after the contact read them the consent text, and it is kept with who
took it and when; the name and contact details asked for are the resident's.

The inbox starts such an intake with a payload only it makes (`start_payload`): the
contact's account and name, checked against the config, ride along into the pure
conversation, which keeps them in its state (`State.on_behalf`).
"""

import json
from collections.abc import Mapping

from bot.config.flows import Step
from bot.intake.intent import Intent
from bot.intake.state import Setting, State
from bot.matching import normalize
from bot.texts.i18n import translations
from bot.vocabulary import BRINGS, GROUP

# What a contact types to start: Dutch and English.
WORDS = frozenset(
    {
        "namens",
        "namens bewoner",
        "namens een bewoner",
        "namens de bewoner",
        "on behalf",
        "on behalf of a resident",
        "on behalf of resident",
    }
)
START_PREFIX = "on-behalf:"
VERBAL = "verbal"
# The step that asks for a name: here the resident's (the rest of the bot reads it too).
NAME_STEP = "name"


def asked_for(text: str) -> bool:
    """ "namens", "/namens", "namens bewoner", "on behalf"."""
    return normalize(text.strip().lstrip("/").split("@")[0]) in WORDS


def start_payload(account: str, name: str) -> str:
    """The payload the inbox hands the conversation to start an intake for a resident."""
    return START_PREFIX + json.dumps({"by": account, "name": name}, ensure_ascii=False)


def is_start(payload: str) -> bool:
    return payload.startswith(START_PREFIX)


def marker_of(payload: str) -> dict[str, str] | None:
    """Who is answering for a resident, from a `start_payload`; None if it is not one."""
    try:
        data = json.loads(payload.removeprefix(START_PREFIX))
    except ValueError:
        return None
    if not isinstance(data, dict) or not all(isinstance(data.get(k), str) for k in ("by", "name")):
        return None
    return {"by": data["by"], "name": data["name"]}


def record(marker: Mapping[str, str], at: str) -> dict[str, str]:
    """What the initiative keeps under `vocabulary.ON_BEHALF`: the verbal consent, by
    whom (account and name) and when (`at`, an ISO moment)."""
    return {"by": marker["by"], "name": marker["name"], "consent": VERBAL, "at": at}


def consent_told(text: str) -> Intent | None:
    """The resident's answer as a contact reports it: "ja, ze zei ja", "hij zei nee",
    "yes, he agreed". A yes and a no in one message ("ja, maar ze wil niet") is neither."""
    said = set(normalize(text).split())
    yes, no = bool(said & _YES_WORDS), bool(said & _NO_WORDS)
    if yes == no:
        return None
    return Intent.YES if yes else Intent.NO


_YES_WORDS = frozenset({"ja", "yes"})
_NO_WORDS = frozenset({"nee", "no", "niet", "not", "geen", "wont", "didnt", "doesnt"})


def intro(locale: str) -> str:
    _ = translations(locale).gettext
    return _(
        "You are now filling in an initiative for a resident. You type the resident's "
        "answers. To stop, type \u201cstop\u201d."
    )


def prompt(setting: Setting, state: State, step: Step, again: bool) -> str | None:
    """The question of `step` as asked about the resident; None where it reads as usual."""
    _ = translations(state.locale).gettext
    if step.kind == "consent":
        question = _("Did the resident say yes out loud to us keeping this information?")
        if again:
            return question
        consent_text = step.prompt.get(state.locale, setting.address).strip()
        read_first = _("Read it to them first:")
        return f"{question} {read_first}\n\u201c{consent_text}\u201d"
    if step.id == NAME_STEP:
        return _("What is the resident's name?")
    if step.id == GROUP:
        return _(
            "Does the resident do this together with a group, such as a village council or a "
            "neighbourhood association? Type the group's name, or \u201cno\u201d."
        )
    if step.id == BRINGS:
        return _(
            "Who already takes part, and what does the resident bring themselves? For "
            "example time, a place, skills or materials. Nothing yet? Type \u201cno\u201d."
        )
    if step.kind == "phone-or-email":
        return _("Which phone number or email address can the team reach the resident on?")
    return None


def consent_labels(locale: str) -> tuple[str, str]:
    """The consent buttons: yes, the resident agreed out loud; no."""
    _ = translations(locale).gettext
    return _("Yes, they agreed out loud"), _("No")


def summary_heading(locale: str) -> str:
    _ = translations(locale).gettext
    return _("This is the resident's initiative:")


def refused(locale: str) -> str:
    """The resident said no: nothing is kept, and how to start for someone else."""
    _ = translations(locale).gettext
    return _(
        "Then we keep nothing. To fill in an initiative for a resident again, "
        "type \u201con behalf\u201d."
    )
