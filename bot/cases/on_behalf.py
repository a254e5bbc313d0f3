"""Who an initiative was handed in for, and by whom, as the team reads it.

An initiative may be handed in for a group (a dorpsraad, a buurtvereniging), and a
contact may hand one in for a resident they met on the street or phoned (`namens`),
with the resident's consent given out loud. The team's notification and `toon` show
both (`lines`); the contact who handed it in gets a receipt of their own
(`confirmation`), as the team will reach the resident, and whatever the bot would
tell the resident comes to that contact.
"""

from collections.abc import Iterable, Mapping
from datetime import date, datetime

from bot.accounts import staff_member
from bot.config.names import Names
from bot.config.settings import Config
from bot.texts.formatting import date_in_words
from bot.texts.i18n import translations
from bot.vocabulary import GROUP, ON_BEHALF
from storage.models import Initiative


def recorded(answers: Mapping[str, object] | None) -> Mapping[str, str] | None:
    """The record of a contact's hand-in for a resident (`vocabulary.ON_BEHALF`): by
    (account), name, consent ("verbal") and at (ISO moment); None for a resident's own."""
    found = (answers or {}).get(ON_BEHALF)
    return found if isinstance(found, Mapping) else None


def passed_on_by_someone_who_left(config: Config, initiative: Initiative) -> bool:
    """Handed in for a resident by a contact who is no longer staff: what the bot would
    tell the resident must not reach them any more (the team phones the resident)."""
    record = recorded(initiative.answers)
    return record is not None and staff_member(config, record["by"]) is None


def initiator_has_a_chat(initiative: Initiative) -> bool:
    """Whether a question for the initiator has a chat of theirs to go to: not once
    their data is erased, nor when a contact handed it in for them."""
    return initiative.erased_at is None and recorded(initiative.answers) is None


def own(initiatives: Iterable[Initiative]) -> list[Initiative]:
    """Those an account handed in for itself. What a contact handed in for residents is
    the residents' data: not in the contact's `mijn gegevens`, nor erased by their
    `vergeet mij`."""
    return [initiative for initiative in initiatives if recorded(initiative.answers) is None]


def group(answers: Mapping[str, object] | None) -> str:
    """The group it was handed in for; "" for none."""
    found = (answers or {}).get(GROUP)
    return found.strip() if isinstance(found, str) else ""


def lines(
    names: Names, initiative: Initiative, locale: str, today: date | None = None
) -> list[str]:
    """For the team's notification and `toon`: "Namens: Dorpsraad Stad", and "Ingediend
    door Anna (Kernteam West) namens de bewoner; mondelinge toestemming op maandag 23
    november". `today`, the reader's date, adds the year to a consent of another year."""
    _ = translations(locale).gettext
    shown: list[str] = []
    for_group = group(initiative.answers)
    if for_group:
        shown.append(_("On behalf of: {group}").format(group=for_group))
    record = recorded(initiative.answers)
    if record is not None:
        day = date_in_words(
            datetime.fromisoformat(record["at"]), names.config.bot.zone, locale, today
        )
        shown.append(
            _("Handed in by {contact} on behalf of the resident; verbal consent on {day}").format(
                contact=_contact(names, record), day=day
            )
        )
    return shown


def _contact(names: Names, record: Mapping[str, str]) -> str:
    """ "Anna (Kernteam West)": the contact by name, with their team while they have one."""
    staff = staff_member(names.config, record["by"])
    teams = sorted(staff.teams) if staff else []
    return f"{record['name']} ({names.team(teams[0])})" if teams else record["name"]


def confirmation(reference: str, title: str, locale: str) -> str:
    """The receipt for a contact who handed in an initiative for a resident."""
    _ = translations(locale).gettext
    return "\n".join(
        [
            _("Thank you! The resident's initiative \u201c{title}\u201d is in.").format(
                title=title
            ),
            _("Its reference is {reference}.").format(reference=reference),
            _(
                "The team will phone or email the resident. Messages for the resident "
                "come to you here: please pass them on."
            ),
        ]
    )
