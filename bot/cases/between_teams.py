"""What is said when an initiative moves between teams, or another team is involved.

A forward tells the receiving team who sent it and why. The initiator hears of a
move once, at the first forward, in plain words: what matters to them is that
someone takes it up, and the message that someone did names the team; a
second move would only make them wonder. An initiative forwarded before goes no
further from team to team: the coordinators hear who sent it where and why, and
decide. A consulted team follows an initiative and may add notes, and is told so.
"""

from collections.abc import Sequence
from zoneinfo import ZoneInfo

from bot.cases.commands import Verb, button, command_word
from bot.cases.trail import who
from bot.config.names import Names
from bot.messages import Choice
from bot.notices import Reply
from bot.texts.formatting import date_in_words
from bot.texts.i18n import translations
from storage.models import Initiative, InitiativeEvent


def forwarded_to_resident(reference: str, team: str, locale: str) -> str:
    """The initiator's one message about their initiative moving to another team."""
    _ = translations(locale).gettext
    return _(
        "Your initiative {reference} fits better with {team}. So {team} will look at it now. "
        "You do not need to do anything. You will hear from us when someone takes it up."
    ).format(reference=reference, team=team)


def referral(
    names: Names,
    initiative: Initiative,
    earlier: Sequence[InitiativeEvent],
    by: str,
    to: str,
    reason: str,
    locale: str,
) -> Reply:
    """To the coordinators: an initiative forwarded before is to be forwarded again;
    every forward so far, who asks for this one and why, and how to decide."""
    _ = translations(locale).gettext
    config, zone = names.config, names.config.bot.zone
    owner = str(initiative.team or "")
    count = len(earlier)
    lines = [
        translations(locale)
        .ngettext(
            "{reference} \u201c{title}\u201d has been forwarded {count} time, and now it is to "
            "be forwarded again. You decide which team takes it up.",
            "{reference} \u201c{title}\u201d has been forwarded {count} times, and now it is to "
            "be forwarded again. You decide which team takes it up.",
            count,
        )
        .format(reference=initiative.reference, title=initiative.title, count=count),
        *(_forward_line(names, event, zone, locale) for event in earlier),
        _("\u2022 now: {name} wants to send it to {team}: {reason}").format(
            name=who(config, by, owner, locale), team=names.team(to), reason=reason
        ),
        _(
            "It stays with {team} until you decide. To send it to a team, type "
            "\u201c{forward} {reference} TEAM reason\u201d."
        ).format(
            team=names.team(owner),
            forward=command_word(Verb.FORWARD, locale),
            reference=initiative.reference,
        ),
    ]
    return Reply("\n".join(lines), (_show(initiative.reference, locale),))


def _forward_line(names: Names, event: InitiativeEvent, zone: ZoneInfo, locale: str) -> str:
    _ = translations(locale).gettext
    return _("\u2022 {date}: {name} sent it to {team}: {reason}").format(
        date=date_in_words(event.at, zone, locale),
        name=who(names.config, event.actor, str(event.data.get("from", "")), locale),
        team=names.team(str(event.data.get("to", ""))),
        reason=event.data.get("reason", ""),
    )


def referred(reference: str, team: str, locale: str) -> str:
    """To the team (and whoever asked): the forward waits for the coordinators."""
    _ = translations(locale).gettext
    return _(
        "{reference} has been forwarded before, so the coordinators now decide which team "
        "gets it. They have the reason. Until then it stays with {team}."
    ).format(reference=reference, team=team)


def involved(reference: str, name: str, team: str, locale: str) -> str:
    """To the team that has it: another team follows it now."""
    _ = translations(locale).gettext
    return _("{name} has involved {team} in {reference}.").format(
        name=name, team=team, reference=reference
    )


def involvement(initiative: Initiative, by: str, owner: str, reason: str, locale: str) -> Reply:
    """To the team involved: what it is, who asked and why, and what they can do."""
    _ = translations(locale).gettext
    reference = initiative.reference
    lines = [
        _("{name} asks your team to think along about {reference} \u201c{title}\u201d.").format(
            name=by, reference=reference, title=initiative.title
        ),
        reason,
        _(
            "{team} keeps it. You will hear when it is taken up, forwarded or closed. Type "
            "\u201c{show} {reference}\u201d to see it, and \u201c{comment} {reference} text\u201d "
            "to add a note."
        ).format(
            team=owner,
            reference=reference,
            show=command_word(Verb.SHOW, locale),
            comment=command_word(Verb.COMMENT, locale),
        ),
    ]
    return Reply("\n".join(line for line in lines if line), (_show(reference, locale),))


def note_from_involved(reference: str, name: str, text: str, locale: str) -> str:
    """To the team that has it: a team involved in it added a note."""
    _ = translations(locale).gettext
    return _("{name} added a note to {reference}:\n{text}").format(
        name=name, reference=reference, text=text
    )


def _show(reference: str, locale: str) -> Choice:
    _ = translations(locale).gettext
    return Choice(button(Verb.SHOW, reference), _("Show"))
