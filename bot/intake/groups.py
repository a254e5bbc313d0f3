"""The group an initiative is handed in for: a dorpsraad, a buurtvereniging, a school.

Residents answer the group question with its name ("de dorpsraad"), or say there is
none ("nee hoor", "alleen ik"); some give it with their name already: "Jan de Vries
namens de dorpsraad", "Els Bakker van de buurtvereniging Oost".
"""

import re

from bot.intake.intent import says_nothing_needed
from bot.matching import normalize

# "Just me": no group. "nee", "niet", "no" are read as a no by the intake already.
ALONE = frozenset(
    {
        "alleen ik",
        "ik alleen",
        "alleen",
        "alleen mij",
        "alleen voor mij",
        "alleen voor mezelf",
        "voor mezelf",
        "mezelf",
        "ikzelf",
        "ik zelf",
        "gewoon ik",
        "geen groep",
        "niemand",
        "particulier",
        "just me",
        "only me",
        "me",
        "myself",
        "just myself",
        "no group",
        "nobody",
        "alone",
    }
)
# "namens" (on behalf of) always introduces a group; "van" and "voor" only when a
# group word follows, since "Jan van de Berg" is a name.
_NAMENS = re.compile(r"[\s,;(]+(?:namens|on behalf of)\s+(?P<group>\S.*)$", re.IGNORECASE)
_OF_A_GROUP = re.compile(
    r"[\s,;(]+(?:van|voor|from|of|for)\s+(?P<group>(?:(?:de|het|onze|ons|the|our)\s+)?"
    r"(?P<word>\S+).*)$",
    re.IGNORECASE,
)
# The endings of words that name a group ("dorpsraad", "oranjevereniging", "ijsclub").
GROUP_ENDINGS = (
    "raad",
    "vereniging",
    "club",
    "school",
    "stichting",
    "comite",
    "commissie",
    "werkgroep",
    "groep",
    "kerk",
    "parochie",
    "koor",
    "bond",
    "collectief",
    "cooperatie",
    "council",
    "association",
    "society",
    "foundation",
    "committee",
    "group",
    "church",
)
# Words that lead into a group's name and are not part of it.
_LEAD_IN = re.compile(
    r"^(?:(?:ja|yes)\b[\s,.:!]*)?(?:(?:namens|on behalf of|met|with|van|voor|for|of)\s+)?"
    r"(?:(?:de|het|the)\s+)?",
    re.IGNORECASE,
)


def alone(text: str) -> bool:
    """No group: "alleen ik", "geen groep", "niks"."""
    said = normalize(text)
    return said in ALONE or says_nothing_needed(text)


def group_in_name(text: str) -> tuple[str, str] | None:
    """(name, group) when a name answer also names the group: "Jan de Vries namens de
    dorpsraad"; None for a name alone ("Jan van de Berg")."""
    found = _NAMENS.search(text)
    if found is None:
        found = _OF_A_GROUP.search(text)
        if found is None or not _names_a_group(found.group("word")):
            return None
    name = text[: found.start()].strip(" ,;(")
    group = cleaned(found.group("group").rstrip(" )"))
    return (name, group) if name and group else None


def cleaned(text: str) -> str:
    """A group's name as the team reads it: "namens de dorpsraad" is "Dorpsraad"."""
    bare = _LEAD_IN.sub("", text.strip(), count=1).strip(" .,;")
    return bare[:1].upper() + bare[1:]


def _names_a_group(word: str) -> bool:
    return normalize(word).replace(" ", "").endswith(GROUP_ENDINGS)
