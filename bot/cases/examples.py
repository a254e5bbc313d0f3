"""Examples to learn from: initiatives done that other residents may read about.

A contact marks an initiative closed as done with a short story of their own
(`voorbeeld REF verhaal`); its initiator is asked, with what would be shown, whether
it may be; only with their yes is it listed. Residents list them with `voorbeelden`
(for a village, a neighbourhood or a theme), and the intake offers one or two when a
resident asks for help. Shown: the title (where it may be shown to residents), the
area, the theme and the contact's story; never a name or a contact detail.
"""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from bot.accounts import address
from bot.alike import search
from bot.alike import texts as alike_texts
from bot.cases import readers
from bot.cases.commands import REFERENCE, Verb, command_word
from bot.config.names import Names
from bot.config.settings import Config
from bot.matching import Named, match
from bot.messages import Choice, Incoming
from bot.notices import Notice, Outcome, Reply
from bot.texts.i18n import translations
from bot.vocabulary import Actor, Status, TrailKind
from storage import examples, queries
from storage.models import Example, Initiative

BUTTON = "example"
LISTING_WORDS = ("voorbeelden", "examples")
# How many a listing shows, and the intake offers.
LISTED, OFFERED = 5, 2


@dataclass(frozen=True, slots=True)
class Consent:
    """The initiator's yes or no, to the question asked at `asked` (seconds since the
    epoch): a press under an older question, about another story, counts for nothing."""

    answer: str
    reference: str
    asked: int


def button(answer: str, reference: str, asked: datetime) -> str:
    """The payload of the initiator's yes or no: "example:yes:2026-0042:1796000000"."""
    return f"{BUTTON}:{answer}:{reference}:{int(asked.timestamp())}"


def parse_button(payload: str) -> Consent | None:
    """A pressed yes or no, checked as strictly as typed text."""
    parts = payload.split(":")
    if len(parts) != 4:
        return None
    kind, answer, reference, asked = parts
    if kind != BUTTON or answer not in (examples.YES, examples.NO):
        return None
    if not REFERENCE.match(reference) or not asked.isdigit() or len(asked) > 12:
        return None
    return Consent(answer, reference, int(asked))


@dataclass(frozen=True, slots=True)
class Listing:
    """Which examples to list: of these areas or themes (by key), or all."""

    areas: tuple[str, ...] = ()
    themes: tuple[str, ...] = ()


def parse_listing(text: str, config: Config) -> Listing | None:
    """ "voorbeelden" (all), "voorbeelden Ouddorp", "voorbeelden groen"; None when `text`
    asks for none. Words after it that name no village, neighbourhood or theme make it
    a message like any other ("Voorbeeld van wat ik bedoel: …"): it is not lost."""
    first, _, rest = text.strip().partition(" ")
    typed = rest.strip()
    if first.lower().lstrip("/") not in LISTING_WORDS or first.lower() == "voorbeeld":
        return None
    if not typed:
        return Listing()
    area = match(typed, [Named(a.key, a.names()) for a in config.areas])
    if isinstance(area, str):
        return Listing(areas=(area,))
    theme = match(typed, [Named(t.key, t.names()) for t in config.themes])
    return Listing(themes=(theme,)) if isinstance(theme, str) else None


def personal(initiative: Initiative, story: str) -> bool:
    """A story that names its initiator or someone ("mevrouw Jansen"), or holds a
    number, an address or a link: other residents would read it."""
    return (
        search.says_name(initiative.name, story)
        or alike_texts.reaches_someone(story)
        or alike_texts.before_a_name(story)
    )


def mark(
    names: Names, session: Session, initiative: Initiative, story: str, by: str, now: datetime
) -> list[Notice]:
    """A contact marks `initiative` (done) as an example: its initiator is asked."""
    example = examples.of(session, initiative.id)
    if example is None:
        example = Example(initiative_id=initiative.id)
        session.add(example)
    example.story, example.marked_by, example.asked_at = story, by, now
    example.status, example.answered_at = examples.ASKED, None
    question = _question(names, initiative, story, now)
    return [Notice(address(initiative.channel, initiative.chat_id), question)]


def said_no(session: Session, initiative: Initiative) -> bool:
    """Its initiator would rather not have it shown: they are not asked again."""
    example = examples.of(session, initiative.id)
    return example is not None and example.status == examples.NO


def answer(
    names: Names,
    session: Session,
    incoming: Incoming,
    said: Consent,
    locale: str,
    now: datetime,
) -> Outcome:
    """The initiator's yes or no; anyone else's press, a late one, or one under an older
    question changes nothing."""
    chat = address(incoming.channel, incoming.chat_id)
    choice, reference = said.answer, said.reference
    initiative = queries.find_initiative(session, reference)
    example = examples.of(session, initiative.id) if initiative is not None else None
    if (
        initiative is None
        or example is None
        or (initiative.channel, initiative.sender_id) != (incoming.channel, incoming.sender_id)
        or example.status != examples.ASKED
        or int(example.asked_at.timestamp()) != said.asked
        or initiative.status != Status.DONE
    ):
        return Outcome.refused(chat, _no_longer_open(locale))
    example.status, example.answered_at = choice, now
    data = {"answer": choice}
    queries.add_event(session, initiative, TrailKind.EXAMPLE_ANSWERED, Actor.RESIDENT, now, data)
    held = readers.holder(session, names.config, initiative, now)
    to_holder = held.tell(lambda lo: Reply(_answered_for_team(reference, choice, lo)))
    return Outcome([Notice(chat, Reply(_thanks(choice, locale))), *held.news, *to_holder])


def listing(names: Names, session: Session, asked: Listing, locale: str) -> str:
    """The examples asked for."""
    _ = translations(locale).gettext
    areas, themes = asked.areas, asked.themes
    found = examples.shown(session, Status.DONE, areas, themes, LISTED)
    where = names.area(areas[0]) if areas else names.theme(themes[0], locale) if themes else ""
    if not found:
        if where:
            return _("There are no examples for {where} yet.").format(where=where)
        return _("There are no examples yet.")
    heading = (
        _("Ideas for {where} that are done, to learn from:").format(where=where)
        if where
        else _("Ideas that are done, to learn from:")
    )
    lines = [heading, *(_line(names, example, initiative, locale) for example, initiative in found)]
    lines.append(_("Want to know more? Ask your contact person."))
    return "\n".join(lines)


def for_intake(
    names: Names, session: Session, area: str | None, theme: str | None, locale: str
) -> str:
    """One or two examples for a resident who asked for help in the intake: of the same
    theme first, then nearby; "" when there are none."""
    found: dict[int, tuple[Example, Initiative]] = {}
    for areas, themes in (
        ((), (theme,) if theme else ()),
        (tuple(names.config.near(area)) if area else (), ()),
        ((), ()),
    ):
        for pair in examples.shown(session, Status.DONE, areas, themes, OFFERED):
            found.setdefault(pair[1].id, pair)
        if len(found) >= OFFERED:
            break
    if not found:
        return ""
    _ = translations(locale).gettext
    shown = list(found.values())[:OFFERED]
    lines = [_("For inspiration, ideas of others that are done:")]
    lines.extend(_line(names, example, initiative, locale) for example, initiative in shown)
    lines.append(
        _("Type \u201c{word}\u201d for more, once your idea is handed in.").format(
            word=_word(locale)
        )
    )
    return "\n".join(lines)


def done_hint(reference: str, locale: str) -> str:
    """Under a close as done: how to mark it as an example."""
    _ = translations(locale).gettext
    return _(
        "A good example for other residents? Type \u201c{word} {reference} a short story\u201d: "
        "its initiator is asked first."
    ).format(word=command_word(Verb.EXAMPLE, locale), reference=reference)


def _question(names: Names, initiative: Initiative, story: str, asked: datetime) -> Reply:
    locale = initiative.locale
    _ = translations(locale).gettext
    shown = _line_parts(names, initiative, story, locale)
    text = _(
        "Your idea is done. Well done! Other residents can learn from it. May we show it "
        "to them as an example? They would see only this, with no name or contact details:"
    )
    return Reply(
        f"{text}\n{shown}",
        (
            Choice(button(examples.YES, initiative.reference, asked), _("Yes, that is fine")),
            Choice(button(examples.NO, initiative.reference, asked), _("No, rather not")),
        ),
    )


def _line(names: Names, example: Example, initiative: Initiative, locale: str) -> str:
    return _line_parts(names, initiative, example.story, locale)


def _line_parts(names: Names, initiative: Initiative, story: str, locale: str) -> str:
    _ = translations(locale).gettext
    title = alike_texts.shown_to_residents(names, initiative)
    where, theme = names.area(initiative.area), names.theme(initiative.theme, locale)
    if title:
        said = _("\u2022 \u201c{title}\u201d in {area} ({theme}): {story}")
    else:
        said = _("\u2022 An idea in {area} ({theme}): {story}")
    return said.format(title=title, area=where, theme=theme, story=story)


def _thanks(choice: str, locale: str) -> str:
    _ = translations(locale).gettext
    if choice == examples.YES:
        return _("Thank you! Your idea is now among the examples.")
    return _("Fine, we will not show it.")


def _answered_for_team(reference: str, choice: str, locale: str) -> str:
    _ = translations(locale).gettext
    if choice == examples.YES:
        return _("The initiator of {reference} agrees: it is now among the examples.").format(
            reference=reference
        )
    return _("The initiator of {reference} would rather not have it shown as an example.").format(
        reference=reference
    )


def _no_longer_open(locale: str) -> str:
    return translations(locale).gettext("That question is no longer open.")


def _word(locale: str) -> str:
    return LISTING_WORDS[1] if locale == "en" else LISTING_WORDS[0]
