"""The conversation core: one message in, the new state and what to say out.

Pure by design: no clock, database or network. The shell passes `now`, stores
the returned state and sends the replies; effects it carries out itself.
"""

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from bot.intake import forgetting, groups, on_behalf
from bot.intake.answers import (
    EDIT_PREFIX,
    SEND,
    Accepted,
    Rejected,
    answer_payload,
    read_answer,
    read_pressed,
)
from bot.intake.commands import Command, Parsed, parse_command
from bot.intake.contact import contact_from_json, find_contact, parse_contact
from bot.intake.faq import answer_to
from bot.intake.geo import SHARED_LOCATION, area_at, location_to_json
from bot.intake.intent import (
    Intent,
    consent_in,
    hesitates,
    intent,
    is_greeting,
    is_question,
    says_nothing_needed,
    tells_an_idea,
)
from bot.intake.intent import words as plain_words
from bot.intake.prompts import SUGGESTED, ask, choices_again, help_text, idle_hint, suggestion
from bot.intake.state import Answer, Setting, State
from bot.intake.turns import (
    Effect,
    LookAlike,
    OfferExamples,
    Relay,
    ShowMine,
    ShowMyData,
    Submission,
)
from bot.matching import normalize
from bot.messages import OPENED, START_PREFIX, UNREADABLE, Handled, Location, Photo
from bot.notices import ACCEPTED, Reply
from bot.texts.i18n import translations
from bot.vocabulary import BRINGS, GROUP, ON_BEHALF

# Answered, but nothing was taken from the input: an adapter may drop what it kept.
TAKEN_NOTHING = Handled(accepted=False)
# What is kept for the contact of one intake: enough for any honest resident.
MOST_KEPT = 10
KEPT_CHARS = 1000
# A story, not a stray key: what is typed instead of an answer and kept as a note
# has two words or more, or one long one.
MIN_NOTE_WORDS = 2
MIN_NOTE_CHARS = 8
# The answers that say what an idea is about and where: once all are given, and again
# when one changes, similar initiatives are looked for.
SUBJECT_STEPS = ("title", "description", "area", "theme")


@dataclass(frozen=True, slots=True)
class Turn:
    state: State
    replies: tuple[Reply, ...] = ()
    effects: tuple[Effect, ...] = ()
    handled: Handled = ACCEPTED
    # The resident confirmed "vergeet mij": instead of storing `state`, the shell erases
    # everything about them.
    forget: bool = False
    # Photos the intake let go of without handing them in (stopped, expired, consent
    # refused): the resident is told nothing is kept, so the shell deletes our copies.
    discarded: tuple[Mapping[str, str], ...] = ()


def respond(
    setting: Setting,
    state: State,
    text: str,
    now: datetime,
    payload: str = "",
    *,
    location: Location | None = None,
    photo: Photo | None = None,
) -> Turn:
    """Handle one message: typed `text`, a pressed button's `payload`, a location or a photo."""
    text = text.strip()
    notes: tuple[Reply, ...] = ()
    before = state
    if _expired(setting, state, now):
        _ = translations(state.locale).gettext
        notes = (
            Reply(
                _(
                    "Your unfinished initiative was kept for {days} days and has now been "
                    "removed. Type \u201cnew\u201d to start again."
                ).format(days=setting.keep_unfinished.days)
            ),
        )
        state = state.idle()
    preset: dict[str, str] = {}
    marker = on_behalf.marker_of(payload) if on_behalf.is_start(payload) else None
    if marker is not None:
        # The inbox starts a contact's intake for a resident (`namens`).
        payload, text = "", Command.START.value
    if payload.startswith(START_PREFIX):
        # A start link: a new intake with its area or theme already answered.
        preset = _preset(setting, payload.removeprefix(START_PREFIX))
        payload, text = "", Command.START.value
    if payload == OPENED:
        # Someone opened the chat: a newcomer starts an intake, someone in the middle
        # of one is shown their question, anyone else gets the greeting.
        payload = ""
        text = "" if state.known and state.step is None else Command.START.value
    command = None if payload else parse_command(text)
    if state.step is not None and state.step not in {step.id for step in setting.flow.steps}:
        # The flow file changed while this intake was unfinished.
        state = _to_first_unanswered(setting, state, now)
    if state.forgetting:
        turn = _forgetting(setting, state, text, payload)
    elif payload == UNREADABLE or location is not None or photo is not None:
        turn = _not_text(setting, state, payload, location, photo, text, now)
    elif state.step is None:
        turn = _when_idle(setting, state, command, text, payload, now, preset, marker)
    elif command is not None:
        turn = _command_in_intake(setting, state, command, now)
    elif payload:
        step = setting.flow.step(state.step)
        taken = payload == answer_payload(step.id, SUGGESTED) and suggestion(setting, state)
        if taken:
            turn = _answer(setting, state, Accepted(taken), now)
        else:
            answer = read_pressed(setting, step, payload, state.locale)
            if answer is None:
                turn = _refused(state, _stale(state.locale))
            elif isinstance(answer, Rejected):
                turn = _refused(state, answer.reason)
            else:
                turn = _answer(setting, state, answer, now)
    else:
        turn = _typed(setting, state, text, now)
    return replace(
        turn,
        state=replace(turn.state, known=True),
        replies=(*notes, *turn.replies),
        discarded=_discarded(before, turn),
    )


def _discarded(before: State, turn: Turn) -> tuple[Mapping[str, str], ...]:
    """The photos `before` held that neither the new state nor a hand-in holds."""
    handed_in = (effect for effect in turn.effects if isinstance(effect, Submission))
    held = [*turn.state.photos, *(photo for effect in handed_in for photo in effect.photos)]
    kept = {photo.get("path") for photo in held}
    return tuple(photo for photo in before.photos if photo.get("path") not in kept)


def _stale(locale: str) -> str:
    _ = translations(locale).gettext
    return _("That button belongs to an earlier question.")


def _refused(state: State, why: str) -> Turn:
    """A press that changes nothing: a short word at the button, no new messages."""
    return Turn(state, handled=Handled(accepted=False, note=why))


def _preset(setting: Setting, slug: str) -> dict[str, str]:
    """The answers a start link gives: the area or theme whose key is `slug`."""
    for step in setting.flow.steps:
        if step.kind == "area" and any(area.key == slug for area in setting.areas):
            return {step.id: slug}
        if step.options_from == "themes" and any(theme.key == slug for theme in setting.themes):
            return {step.id: slug}
    return {}


def _not_text(
    setting: Setting,
    state: State,
    payload: str,
    location: Location | None,
    photo: Photo | None,
    caption: str,
    now: datetime,
) -> Turn:
    """A location, a photo (with its caption), or something the bot cannot read."""
    _ = translations(state.locale).gettext
    if state.step is None:
        note = _("I can read text, locations and photos.") if payload == UNREADABLE else ""
        if photo is not None:
            note = _("To add a photo, first start an initiative: type \u201cnew\u201d.")
        hint = Reply(" ".join(filter(None, [note, idle_hint(setting, state.locale)])))
        return Turn(state, (hint,), handled=TAKEN_NOTHING)
    step = setting.flow.step(state.step)
    if location is not None and step.kind == "area":
        found = area_at(setting.areas, location, setting.location_radius_km)
        if found is not None:
            # Given after consent, the spot is part of the initiative: said, not hidden.
            said = _("Thank you. I keep this spot with your idea, so your contact finds it.")
            return _answer(setting, state, Accepted(found, said, location=location), now)
        why = _("That location is not in {municipality}. Please choose from the list.")
        return _again(setting, state, why.format(municipality=setting.municipality))
    if location is not None:
        return _again(setting, state, _("I use a location only to find your village or area."))
    if photo is not None:
        if step.kind == "consent":
            # Nothing is kept before the resident has agreed to it.
            return _not_kept(setting, state, _("Please answer this question first."))
        if setting.max_photos == 0:
            return _not_kept(setting, state, _("I cannot keep photos, sorry."))
        if len(state.photos) >= setting.max_photos:
            why = _("You have added {count} photos, the most I can keep.")
            return _not_kept(setting, state, why.format(count=setting.max_photos))
        kept = {"file_id": photo.file_id, "path": photo.path}
        with_photo = replace(state, photos=(*state.photos, kept), touched_at=now)
        with_photo = _noted(with_photo, caption)  # what the photo shows, in their words
        note = _("Photo added ({count} of at most {maximum}).").format(
            count=len(with_photo.photos), maximum=setting.max_photos
        )
        return _again(setting, with_photo, note)
    return _again(setting, state, _("I can read text, locations and photos."))


def _expired(setting: Setting, state: State, now: datetime) -> bool:
    if state.step is None or state.touched_at is None:
        return False
    return now - state.touched_at > setting.keep_unfinished


def _when_idle(
    setting: Setting,
    state: State,
    command: Parsed | None,
    text: str,
    payload: str,
    now: datetime,
    preset: dict[str, str],
    marker: Mapping[str, str] | None,
) -> Turn:
    _ = translations(state.locale).gettext
    if payload:
        return _refused(state, _stale(state.locale))
    if command is None and not text:
        return Turn(state, (Reply(idle_hint(setting, state.locale)),))
    if command is None and is_greeting(text):
        return Turn(state, (Reply(idle_hint(setting, state.locale)),))
    if command is None:
        # Maybe meant for whoever holds their initiative; the shell knows. If there is
        # none, the shell calls `unrelayed`.
        return Turn(state, effects=(Relay(text, state.locale),))
    match command.command:
        case Command.START:
            first = setting.flow.steps[0]
            started = replace(state, answers=preset, preset=tuple(preset), on_behalf=marker)
            started = started.at(first.id, now)
            welcome = (
                on_behalf.intro(state.locale)
                if marker is not None
                else _("Welcome! Let's send in your idea together. It takes about 5 minutes.")
            )
            return Turn(started, (Reply(welcome), ask(setting, started, hint=True)))
        case Command.LANGUAGE:
            switched = replace(state, locale=command.locale, locale_chosen=True)
            return Turn(switched, (Reply(_language_set(command.locale)),))
        case Command.MINE:
            return Turn(state, effects=(ShowMine(state.locale),))
        case Command.MY_DATA:
            return Turn(state, effects=(ShowMyData(state.locale),))
        case Command.FORGET:
            return _ask_to_forget(state)
        case Command.HELP:
            return Turn(state, (Reply(help_text(setting, state.locale)),))
        case Command.STOP:
            return Turn(
                state, (Reply(_("There is nothing to stop. ") + idle_hint(setting, state.locale)),)
            )
        case Command.BACK | Command.SKIP:
            return Turn(
                state,
                (
                    Reply(
                        _("There is no open question right now. ")
                        + idle_hint(setting, state.locale)
                    ),
                ),
            )


def _command_in_intake(setting: Setting, state: State, command: Parsed, now: datetime) -> Turn:
    assert state.step is not None
    _ = translations(state.locale).gettext
    step = setting.flow.step(state.step)
    match command.command:
        case Command.STOP:
            text = _("Stopped. Nothing has been saved. Type \u201cnew\u201d to start again.")
            return Turn(state.idle(), (Reply(text),))
        case Command.START:
            note = _("You are already handing in an initiative. Let's go on where you were.")
            return _again(setting, state, note)
        case Command.HELP:
            helped = _again(setting, state, help_text(setting, state.locale))
            return replace(helped, effects=(_examples_for(state),))
        case Command.LANGUAGE:
            switched = replace(state, locale=command.locale, locale_chosen=True)
            return _again(setting, switched, _language_set(command.locale))
        case Command.MINE:
            return Turn(state, (ask(setting, state),), (ShowMine(state.locale),))
        case Command.MY_DATA:
            return Turn(state, (ask(setting, state),), (ShowMyData(state.locale),))
        case Command.FORGET:
            return _ask_to_forget(state)
        case Command.BACK:
            return _back(setting, state, now)
        case Command.SKIP:
            if not step.optional:
                return _again(setting, state, _("This question cannot be skipped."))
            return _advance(setting, state, None, now)


def _ask_to_forget(state: State) -> Turn:
    """ "vergeet mij": first make sure; an intake under way waits for the answer."""
    return Turn(replace(state, forgetting=True), (forgetting.question(state.locale),))


def _forgetting(setting: Setting, state: State, text: str, payload: str) -> Turn:
    """The answer to "shall we erase everything?"."""
    match forgetting.read(text, payload):
        case forgetting.Confirmation.YES:
            return Turn(state.idle(), forget=True)
        case forgetting.Confirmation.NO:
            kept = replace(state, forgetting=False)
            note = forgetting.kept(state.locale)
            if kept.step is None:
                return Turn(kept, (Reply(note),))
            return _again(setting, kept, note)
        case forgetting.Confirmation.UNCLEAR:
            if payload:
                return _refused(state, _stale(state.locale))
            unclear = Reply(forgetting.unclear(state.locale))
            return Turn(state, (unclear, forgetting.question(state.locale)))


def _examples_for(state: State) -> OfferExamples:
    """Examples for a resident who asked for help: of the theme and area said so far."""
    area, theme = state.answers.get("area"), state.answers.get("theme")
    return OfferExamples(
        area if isinstance(area, str) else None,
        theme if isinstance(theme, str) else None,
        state.locale,
    )


def _again(setting: Setting, state: State, note: str) -> Turn:
    return Turn(state, (Reply(note), ask(setting, state)))


def _misunderstood(setting: Setting, state: State, why: str) -> Turn:
    """Not understood: a short word, then only the choices and the ways out."""
    return Turn(state, (Reply(why), choices_again(setting, state)))


def _not_kept(setting: Setting, state: State, note: str) -> Turn:
    """The question again, and word that nothing of the input was kept."""
    return replace(_again(setting, state, note), handled=TAKEN_NOTHING)


def _back(setting: Setting, state: State, now: datetime) -> Turn:
    _ = translations(state.locale).gettext
    if state.editing:
        back = replace(state, editing=False).at(setting.flow.steps[-1].id, now)
        return Turn(back, (ask(setting, back),))
    if not state.history:
        return _again(setting, state, _("This is the first question."))
    back = replace(state, history=state.history[:-1]).at(state.history[-1], now)
    return Turn(back, (ask(setting, back),))


def _answer(setting: Setting, state: State, answer: Accepted | Rejected, now: datetime) -> Turn:
    assert state.step is not None
    step = setting.flow.step(state.step)
    if not isinstance(answer, Accepted):
        if answer.misunderstood:
            return _misunderstood(setting, state, answer.reason)
        return _again(setting, state, answer.reason)
    if step.kind == "area":  # a new area leaves the detail and spot of the old one behind
        state = replace(state, place_detail=answer.place_detail, location=answer.location)
    if answer.note:
        turn = _answer(setting, state, replace(answer, note=""), now)
        return replace(turn, replies=(Reply(answer.note), *turn.replies))
    if step.kind == "consent":
        if answer.value == "no":
            return Turn(state.idle(), (Reply(_refused_consent(state)),))
        # The consent is kept with its time and the privacy statement's version.
        consent = {"at": now.isoformat(), "version": setting.privacy_version}
        return _advance(setting, state, consent, now)
    if step.kind == "confirm":
        _ = translations(state.locale).gettext
        assert isinstance(answer.value, str)
        if answer.value == SEND:
            if _first_unanswered(setting, state) is not None:
                return _again(
                    setting,
                    _to_first_unanswered(setting, state, now),
                    _("Some answers are missing."),
                )
            return Turn(state.idle(), effects=(_submission(setting, state),))
        editing = replace(state, editing=True).at(answer.value.removeprefix(EDIT_PREFIX), now)
        return Turn(editing, (ask(setting, editing),))
    return _advance(setting, state, answer.value, now)


def _refused_consent(state: State) -> str:
    if state.on_behalf is not None:
        return on_behalf.refused(state.locale)
    _ = translations(state.locale).gettext
    return _(
        "No problem. We have not saved anything. If you change your mind, type \u201cnew\u201d."
    )


def _advance(setting: Setting, state: State, value: Answer, now: datetime) -> Turn:
    assert state.step is not None
    answers = {**state.answers, state.step: value}
    if state.editing:
        moved = replace(state, answers=answers, editing=False).at(setting.flow.steps[-1].id, now)
    else:
        following = setting.flow.after(state.step)
        while following.id in state.preset:  # answered by the start link
            following = setting.flow.after(following.id)
        moved = replace(state, answers=answers, history=(*state.history, state.step))
        moved = moved.at(following.id, now)
    look = _look_alike(setting, moved)
    if look is None:
        return Turn(moved, (ask(setting, moved),))
    moved = replace(moved, looked_for=_fingerprint(look))
    return Turn(moved, (ask(setting, moved),), (look,))


def _look_alike(setting: Setting, state: State) -> LookAlike | None:
    """A LookAlike once what the idea is about and where are all answered, and again
    when one of them changes. Not for a contact handing in for a resident (`namens`):
    their team's notice lists the similar initiatives."""
    asked = [step.id for step in setting.flow.steps if step.id in SUBJECT_STEPS]
    if state.on_behalf is not None or any(step not in state.answers for step in asked):
        return None
    answers = state.answers
    title, area, theme = answers.get("title"), answers.get("area"), answers.get("theme")
    if not (isinstance(title, str) and isinstance(area, str) and isinstance(theme, str)):
        return None
    description = _text_or_none(answers.get("description"))
    look = LookAlike(title, description, area, theme, state.locale)
    return None if _fingerprint(look) == state.looked_for else look


def _fingerprint(look: LookAlike) -> str:
    """A short mark of what was looked for; the words themselves are in the answers."""
    said = "\n".join((look.title, look.description or "", look.area, look.theme))
    return hashlib.sha256(said.encode()).hexdigest()[:16]


def _first_unanswered(setting: Setting, state: State) -> str | None:
    """The first question without an answer (a skipped one counts as answered)."""
    for step in setting.flow.steps[:-1]:
        if step.id not in state.answers:
            return step.id
    return None


def _to_first_unanswered(setting: Setting, state: State, now: datetime) -> State:
    target = _first_unanswered(setting, state) or setting.flow.steps[-1].id
    ids = [step.id for step in setting.flow.steps]
    history = tuple(step_id for step_id in ids[: ids.index(target)])
    return replace(state, history=history, editing=False).at(target, now)


def _submission(setting: Setting, state: State) -> Submission:
    answers = state.answers
    contact = answers.get("contact")
    consent = answers[setting.flow.steps[0].id]
    # Intakes begun before versions were kept hold the time alone.
    at, version = (
        (consent["at"], consent["version"]) if isinstance(consent, dict) else (str(consent), "")
    )
    help_wanted = answers.get("help_wanted")
    kept: dict[str, Any] = dict(answers)
    if state.location is not None:
        kept[SHARED_LOCATION] = location_to_json(state.location)
    if state.on_behalf is not None:
        kept[ON_BEHALF] = on_behalf.record(state.on_behalf, at)
    return Submission(
        title=str(answers["title"]),
        description=_text_or_none(answers.get("description")),
        area=str(answers["area"]),
        theme=str(answers["theme"]),
        help_wanted=tuple(help_wanted) if isinstance(help_wanted, list) else (),
        name=_text_or_none(answers.get("name")),
        contact=contact_from_json(contact) if isinstance(contact, dict) else None,
        consented_at=datetime.fromisoformat(at),
        privacy_version=version,
        locale=state.locale,
        answers=kept,
        photos=tuple(dict(photo) for photo in state.photos),
        questions=state.questions,
        notes=state.notes,
        place_detail=state.place_detail,
    )


def _text_or_none(value: Answer) -> str | None:
    return value if isinstance(value, str) else None


def _language_set(locale: str) -> str:
    _ = translations(locale).gettext
    return _("I will speak English with you now. Voor Nederlands, typ: taal")


def _typed(setting: Setting, state: State, text: str, now: datetime) -> Turn:
    """A typed message while a question is open: its answer, or a question of the
    resident's own, or an idea told early, or words that answer nothing but are kept."""
    assert state.step is not None
    step = setting.flow.step(state.step)
    found = find_contact(text) if step.kind == "phone-or-email" else None
    if found is not None and len(text) <= step.max_length:
        detail, said_beside = found
        if not _only_lead_in(said_beside):  # "(na 17 uur)" is worth keeping
            state = _noted(state, said_beside)
        return _answer(setting, state, Accepted({"kind": detail.kind, "value": detail.value}), now)
    if is_question(text):
        return _park_question(setting, state, text)
    meant = intent(text)
    if step.kind == "consent":
        return _typed_at_consent(setting, state, text, meant, now)
    if step.kind == "text":
        return _typed_text(setting, state, text, meant, now)
    answer = read_answer(setting, step, text, state.locale)
    if isinstance(answer, Rejected) and answer.misunderstood and meant is None:
        state = _noted(state, text)
    return _answer(setting, state, answer, now)


def _typed_at_consent(
    setting: Setting, state: State, text: str, meant: Intent | None, now: datetime
) -> Turn:
    """Consent said in a sentence, a doubt, or the idea told before agreeing."""
    assert state.step is not None
    if meant is None and state.on_behalf is not None and not hesitates(text):
        meant = on_behalf.consent_told(text)
    if meant is None:
        meant = Intent.UNSURE if hesitates(text) else consent_in(text)
    if meant is None and tells_an_idea(text):
        return _story_at_consent(setting, state, text)
    if meant is Intent.UNSURE:
        _ = translations(state.locale).gettext
        wait = _(
            "No problem, take your time. Type \u201cyes\u201d when you agree, or \u201cno\u201d."
        )
        return Turn(state, (Reply(wait), choices_again(setting, state)))
    step = setting.flow.step(state.step)
    answer = read_answer(setting, step, meant.value if meant else text, state.locale)
    if isinstance(answer, Rejected) and answer.misunderstood and meant is None:
        state = _noted(state, text)
    return _answer(setting, state, answer, now)


def _typed_text(
    setting: Setting, state: State, text: str, meant: Intent | None, now: datetime
) -> Turn:
    """Free text: a yes is no title, and a title too long is the story."""
    assert state.step is not None
    _ = translations(state.locale).gettext
    step = setting.flow.step(state.step)
    offered = suggestion(setting, state)
    if meant is Intent.YES and offered:
        return _answer(setting, state, Accepted(offered), now)
    if step.id == GROUP:
        return _typed_group(setting, state, text, meant, now)
    if step.id == BRINGS and meant is Intent.YES:  # "ja": someone does, so who, and what?
        return _again(setting, state, _("Please tell it in a few words: who, and what?"))
    if step.id == BRINGS and says_nothing_needed(text):  # "nog niemand", "niks"
        return _advance(setting, state, None, now)
    if meant is not None and step.optional:
        return _advance(setting, state, None, now)
    if meant is not None:
        return _again(setting, state, _("Please tell it in a few words of your own."))
    if len(text) > step.max_length and _tells_the_story(setting, state):
        with_story = _with_story(setting, state, text)
        note = _("Thank you! That is more a story than a title, so I kept it as the description.")
        return _again(setting, with_story, note)
    if step.id == on_behalf.NAME_STEP and _asks(setting, GROUP):
        return _typed_name(setting, state, text, now)
    return _answer(setting, state, read_answer(setting, step, text, state.locale), now)


def _typed_group(
    setting: Setting, state: State, text: str, meant: Intent | None, now: datetime
) -> Turn:
    """The group it is handed in for; a no, or "alleen ik", is none."""
    _ = translations(state.locale).gettext
    if meant is Intent.YES:
        return _again(setting, state, _("Which group is it? Please type its name."))
    if meant is not None or groups.alone(text):
        return _advance(setting, state, None, now)
    if parse_contact(text) is not None:  # answered ahead: no group is called that
        return _again(
            setting,
            state,
            _(
                "That looks like a phone number or email address, not a group. "
                "Type the name of the group, or \u201cno\u201d."
            ),
        )
    step = setting.flow.step(GROUP)
    named = groups.cleaned(text) or text
    return _answer(setting, state, read_answer(setting, step, named, state.locale), now)


def _typed_name(setting: Setting, state: State, text: str, now: datetime) -> Turn:
    """A name, maybe with the group: "Jan de Vries namens de dorpsraad". The group is then
    kept and its question not asked; the summary shows it, to change if it is wrong."""
    step = setting.flow.step(on_behalf.NAME_STEP)
    found = groups.group_in_name(text)
    answer = read_answer(setting, step, found[0] if found else text, state.locale)
    if found and isinstance(answer, Accepted):
        preset = state.preset if GROUP in state.preset else (*state.preset, GROUP)
        state = replace(state, answers={**state.answers, GROUP: found[1]}, preset=preset)
    return _answer(setting, state, answer, now)


def _asks(setting: Setting, step_id: str) -> bool:
    return any(step.id == step_id for step in setting.flow.steps)


def _tells_the_story(setting: Setting, state: State) -> bool:
    """The title step of a flow that also asks the story."""
    return state.step == "title" and _story_step(setting) is not None


def _story_step(setting: Setting) -> str | None:
    ids = {step.id: step.kind for step in setting.flow.steps}
    return "description" if ids.get("description") == "text" else None


def _with_story(setting: Setting, state: State, text: str) -> State:
    """`text` as the description (added to one given before), to be skipped later."""
    story_step = _story_step(setting)
    if story_step is None:
        return _noted(state, text)
    before = state.answers.get(story_step)
    story = f"{before}\n\n{text}" if isinstance(before, str) and before else text
    preset = state.preset if story_step in state.preset else (*state.preset, story_step)
    return replace(state, answers={**state.answers, story_step: story}, preset=preset)


def _story_at_consent(setting: Setting, state: State, text: str) -> Turn:
    """The idea, told before agreeing: kept with the intake, consent asked again."""
    _ = translations(state.locale).gettext
    note = _("Thank you, I have kept your idea. First this question:")
    with_story = _with_story(setting, state, text)
    return Turn(with_story, (Reply(note), ask(setting, with_story, again=True)))


def _park_question(setting: Setting, state: State, text: str) -> Turn:
    """A question is no answer: it goes to the contact, and maybe the FAQ answers now."""
    _ = translations(state.locale).gettext
    kept = replace(state, questions=_appended(state.questions, text))
    parts = [_("Good question. I will pass it on to your contact, who will answer it.")]
    known = answer_to(setting, text, state.locale)
    if known:
        parts.append(known)
    return Turn(kept, (Reply("\n".join(parts)), ask(setting, kept, again=True)))


def _only_lead_in(text: str) -> bool:
    """ "mijn mail is": words that only lead into a contact detail."""
    return set(normalize(text).split()) <= plain_words().into_a_contact


def _noted(state: State, text: str) -> State:
    """Words that answered nothing, kept for the contact to read."""
    short = len(text.split()) < MIN_NOTE_WORDS and len(text.strip()) < MIN_NOTE_CHARS
    if short or text in state.notes:
        return state
    return replace(state, notes=_appended(state.notes, text))


def _appended(kept: tuple[str, ...], text: str) -> tuple[str, ...]:
    if len(kept) >= MOST_KEPT:
        return kept
    return (*kept, text[:KEPT_CHARS])


def unrelayed(setting: Setting, state: State, text: str, now: datetime) -> Turn:
    """Free text from someone with no initiative to pass it to: a question gets the
    FAQ's answer if there is one; an idea starts an intake with it as the story."""
    _ = translations(state.locale).gettext
    if not tells_an_idea(text):
        known = answer_to(setting, text, state.locale) if is_question(text) else None
        hint = idle_hint(setting, state.locale)
        return Turn(state, (Reply(f"{known}\n{hint}" if known else hint),))
    started = replace(state, answers={}, preset=()).at(setting.flow.steps[0].id, now)
    with_story = _with_story(setting, started, text)
    thanks = _(
        "Thank you for your idea! I will help you send it in. It takes about 5 minutes. "
        "I have kept what you wrote."
    )
    return Turn(with_story, (Reply(thanks), ask(setting, with_story, hint=True)))
