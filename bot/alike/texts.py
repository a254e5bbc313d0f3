"""Similar initiatives in words: for the resident in the intake, and for the team
("lijkt op").

A resident sees another's initiative by title, area and status only. A title may
still hold a name ("Buurtfeest bij de familie Jansen") or a number: a title that
looks as if it might is not shown to a resident, only what the initiative is about.
Names written in small letters after no such word slip through: the team sees the
same list, and a contact can give an initiative a new title (`titel`).
"""

import re
from collections.abc import Sequence

from bot.alike.search import Alike, names_initiator
from bot.config.names import Names
from bot.texts.i18n import translations
from bot.vocabulary import Status
from storage.models import Initiative

# A number of three digits or more (a phone number, a house number with the street),
# or an address.
_NUMBER_OR_ADDRESS = re.compile(r"\d{3,}|@|www\.|https?:")
# Words before a name.
_BEFORE_A_NAME = frozenset(
    {"familie", "fam", "meneer", "mevrouw", "mevr", "dhr", "mw", "buurman", "buurvrouw"}
)
_WORD = re.compile(r"[^\W\d_]+(?:['\u2019-][^\W\d_]+)*")


def _status(status: str, locale: str) -> str:
    _ = translations(locale).gettext
    words: dict[str, str] = {
        Status.SUBMITTED: _("new"),
        Status.CLAIMED: _("being worked on"),
        Status.RUNNING: _("in progress"),
        Status.DONE: _("done"),
        Status.NOT_FEASIBLE: _("not feasible"),
    }
    return words.get(status, status)


def for_resident(names: Names, found: Sequence[Alike], locale: str) -> str:
    """The initiatives like the one being handed in, as its initiator reads them."""
    _ = translations(locale).gettext
    lines = [_("Other residents had a similar idea:")]
    for each in found:
        where, status = names.area(each.area), _status(each.status, locale)
        title = shown_title(names, each)
        if title:
            line = _("\u2022 \u201c{title}\u201d in {area} ({status}): also about {subject}")
        else:
            line = _("\u2022 An idea in {area} ({status}): also about {subject}")
        lines.append(line.format(title=title, area=where, status=status, subject=each.because))
    lines.append(
        _(
            "You can simply go on with your own idea. Once it is handed in, you can ask to "
            "meet the people behind these ideas, or to join in."
        )
    )
    return "\n".join(lines)


def for_team(names: Names, found: Sequence[Alike], locale: str) -> list[str]:
    """ "Lijkt op" lines for a team's notice or `toon`: nothing when nothing is alike."""
    if not found:
        return []
    _ = translations(locale).gettext
    line = _("\u2022 {reference} \u201c{title}\u201d, {area}, {status}: {subject}")
    return [
        _("Looks like:"),
        *(
            line.format(
                reference=each.reference,
                title=each.title,
                area=names.area(each.area),
                status=_status(each.status, locale),
                subject=each.because,
            )
            for each in found
        ),
    ]


def shown_title(names: Names, found: Alike) -> str:
    """A similar initiative's title as the resident may read it ("" where it may name or
    reach someone)."""
    return "" if found.title_names_initiator else _shown_title(names, found.title)


def shown_to_residents(names: Names, initiative: Initiative) -> str:
    """An initiative's title as other residents may read it ("" where it may name or
    reach someone)."""
    return "" if names_initiator(initiative) else _shown_title(names, initiative.title)


def reaches_someone(text: str) -> bool:
    """A phone or house number, an e-mail address or a link in `text`."""
    return bool(_NUMBER_OR_ADDRESS.search(text))


def before_a_name(text: str) -> bool:
    """A word that comes before a name in `text`: "familie", "mevrouw", "buurman"."""
    return any(word.lower().rstrip(".") in _BEFORE_A_NAME for word in _WORD.findall(text))


def _shown_title(names: Names, title: str) -> str:
    """The title, unless it may name or reach someone: a capital in any word but the
    first (place names of the config aside), a word that comes before a name, a number
    or an address."""
    bare = title
    for area in names.config.areas:
        for name in area.names():
            bare = bare.replace(name, name.lower())
    if reaches_someone(bare):
        return ""
    if before_a_name(bare):
        return ""
    words = _WORD.findall(bare)
    return "" if any(word != word.lower() for word in words[1:]) else title
