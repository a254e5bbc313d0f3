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
        "mijzelf",
        "voor mijzelf",
        "uzelf",
        "voor uzelf",
        "zelf",
        "ik doe het alleen",
        "ik doe het zelf",
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


# A no before what follows it: "nee, alleen ik", "no, just me".
_NO_FIRST = re.compile(r"^(?:nee|neen|no|nope)\b\s*")


def alone(text: str) -> bool:
    """No group: "alleen ik", "nee, gewoon ik", "geen groep", "niks"."""
    said = normalize(text)
    rest = _NO_FIRST.sub("", said)
    return said in ALONE or rest in ALONE or says_nothing_needed(text)


def group_in_name(text: str) -> tuple[str, str] | None:
    """(name, group) when a name answer also names the group: "Jan de Vries namens de
    dorpsraad"; None for a name alone ("Jan van de Berg")."""
    found = _NAMENS.search(text)
    if found is None:
        # The last "van" that names a group: "Jan van den Berg van de dorpsraad".
        groups = [match for match in _every_of_a_group(text) if _named_as_a_group(match)]
        if not groups:
            return None
        found = groups[-1]
    name = text[: found.start()].strip(" ,;(")
    group = cleaned(found.group("group").rstrip(" )"))
    return (name, group) if name and group else None


def _every_of_a_group(text: str) -> list[re.Match[str]]:
    """Each "van/voor …" to the end of `text`, from its first to its last."""
    found: list[re.Match[str]] = []
    start = 0
    while (match := _OF_A_GROUP.search(text, start)) is not None:
        found.append(match)
        start = match.start() + 1
    return found


def cleaned(text: str) -> str:
    """A group's name as the team reads it: "namens de dorpsraad" is "Dorpsraad"."""
    bare = _LEAD_IN.sub("", text.strip(), count=1).strip(" .,;")
    return bare[:1].upper() + bare[1:]


def _named_as_a_group(found: re.Match[str]) -> bool:
    """A group's name after "van" or "voor": a word that is one ("dorpsraad", "ijsclub"),
    or a group word with more after it ("Vereniging van Eigenaren"). A bare "Kerk" or
    "Raad" at the end is a surname: "Anna van de Kerk", "Jan van de Raad"."""
    word = normalize(found.group("word")).replace(" ", "")
    if not word.endswith(GROUP_ENDINGS):
        return False
    more = found.group("group")[found.end("word") - found.start("group") :].strip(" )")
    return bool(more) or word not in GROUP_ENDINGS
