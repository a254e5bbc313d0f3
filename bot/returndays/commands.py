"""Return days (terugkomdagen): what coordinators type, who is invited, when reminders go.

Pure: parsing and rules only; `return_day_desk` does the database work.

    terugkomdag                                          the planned return days
    terugkomdag 7                                        one, with who comes
    terugkomdag 2027-01-20 19:30 Dorpshuis voor alle     plan one (for: alle, kern X, Y,
                                                         thema X, team X), optionally
    doel: Samen terugkijken op je initiatief.            with what it is for and
    programma: 19.30 inloop                              its programme, on the same
    20.00 terugblik                                      line or on lines below
    terugkomdag 7 verzet 2027-01-27 19:30 [plaats]       move it
    terugkomdag 7 annuleer                               cancel it
    terugkomdag 7 aanwezigen                             who said they come, by name
    terugkomdag 7 nabericht Dit spraken we af: …         after the day, to those who
                                                         came, with "hoe was het?"
    terugkomdag 7 deelnemer telegram:123 Anna de Vries   invite someone by account
    terugkomdag 7 deelnemer weg telegram:123             and take them off again
    terugkomdag 7 aanmelden                              open its sign-up link (the
    terugkomdag 7 aanmelden dicht                        poster's text), or close it
    terugkomdag 7 plaatsen 25                            at most 25 people (guests
    terugkomdag 7 plaatsen geen                          too), or no limit
    terugkomdag 7 antwoord telegram:123 Geen probleem!   to one invitee whose words
                                                         the organiser was passed

Who a planned day is for ("voor …"): "alle", "kern X, Y", "thema X", "team X" or
"deelnemers" (only those invited by name or signed up), and with "en" the chats of
followers, by name or by the area they follow: "kern Ouddorp en volgers Dorpsraad
Ouddorp", "deelnemers en volgers van kern Ouddorp".
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from bot.cases.timerules import TimeRules
from bot.cases.when import parse_when
from bot.config.settings import RETURN_DAY_TEXT_MAX, Config, Span
from bot.matching import Named, match, normalize

WORDS = ("terugkomdag", "returnday", "return-day")
RSVP_PREFIX = "rsvp"
RSVP_ANSWERS = ("yes", "no", "maybe")
# The buttons under the follow-up's "hoe was het?", pressed by those who came.
FEEDBACK_PREFIX = "howwas"
FEEDBACK_ANSWERS = ("good", "fair", "bad")
ALL_WORDS = ("alle", "iedereen", "all", "everyone", "alle initiatiefnemers", "all initiators")
AREA_WORDS = ("kern", "kernen", "wijk", "wijken", "area", "areas")
THEME_WORDS = ("thema", "themas", "theme", "themes")
TEAM_WORDS = ("team",)
# Only those invited by name or signed up through the day's link.
NAMED_WORDS = ("deelnemers", "participants", "aanmeldingen", "sign-ups")
FOLLOWER_WORDS = ("volgers", "volger", "followers", "follower")
OF_WORDS = ("van", "of")  # "volgers van kern Ouddorp": the followers of an area
PERSON_WORDS = ("deelnemer", "participant")
REPLY_WORDS = ("antwoord", "reply")  # to one invitee's words the organiser was passed
REMOVE_WORDS = ("weg", "verwijder", "remove")
SIGNUP_WORDS = ("aanmelden", "signup", "sign-up", "poster")
CLOSED_WORDS = ("dicht", "sluit", "close", "closed")
CAPACITY_WORDS = ("plaatsen", "capaciteit", "places", "capacity")
NO_LIMIT_WORDS = ("geen", "onbeperkt", "none", "unlimited")
# More places than any hall holds is a typo; the column is an integer.
CAPACITY_MAX = 10_000
# Between the parts of an audience: "kern Ouddorp en volgers Dorpsraad Ouddorp"; only
# before a kind's word, so a place called "Goedereede en Havenhoofd" stays whole.
_KIND_WORDS = (*AREA_WORDS, *THEME_WORDS, *TEAM_WORDS, *NAMED_WORDS, *FOLLOWER_WORDS, "alle")
_AND = re.compile(
    r"\s*;\s*|\s+(?:en|and)\s+(?=(?:" + "|".join(map(re.escape, _KIND_WORDS)) + r")\b)",
    re.IGNORECASE,
)
# An account as typed: "telegram:123", "matrix:@anna:example.org", or a bare Matrix id.
_ACCOUNT = re.compile(r"^(?:(console|telegram|matrix):)?(\S+)$")
NAME_MAX = 100
MOVE_WORDS = ("verzet", "verplaats", "move")
CANCEL_WORDS = ("annuleer", "afgelast", "cancel")
FOLLOW_UP_WORDS = ("nabericht", "followup", "follow-up")
ATTENDEES_WORDS = ("aanwezigen", "attendees", "attendance")
# The follow-up and its question in one message, within what every platform takes.
FOLLOW_UP_MAX = 3000
FOR_WORDS = ("voor", "for")
# What follows the plan, each after its label: what the day is for, and its programme.
TEXT_LABELS = {
    "doel": "purpose",
    "purpose": "purpose",
    "programma": "programme",
    "programme": "programme",
    "program": "programme",
}
_LABEL = re.compile(r"(?:^|(?<=\s))(" + "|".join(TEXT_LABELS) + r")\s*:", re.IGNORECASE)
# The place is stored in a column of 255 characters; a place is a name, not a story.
PLACE_MAX = 200
NUMBER_DIGITS = 9


class Do(StrEnum):
    LIST = "list"
    SHOW = "show"
    PLAN = "plan"
    MOVE = "move"
    CANCEL = "cancel"
    FOLLOW_UP = "followup"
    ATTENDEES = "attendees"
    ADD_PERSON = "add"
    REMOVE_PERSON = "remove"
    SIGNUP = "signup"
    CLOSE_SIGNUP = "closesignup"
    CAPACITY = "capacity"
    REPLY = "reply"


@dataclass(frozen=True, slots=True)
class Audience:
    """Who is invited: every initiator, those of some areas or themes, a team's members,
    or nobody by kind ("named"); always also whoever is invited by name or signs up
    (`ReturnDayPerson`), and the chats of the `followers` named (by their name)."""

    kind: str  # all | areas | themes | team | named
    keys: tuple[str, ...] = ()
    followers: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"kind": self.kind, "keys": list(self.keys)}
        if self.followers:
            data["followers"] = list(self.followers)
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "Audience":
        return cls(
            str(data["kind"]),
            tuple(str(key) for key in data.get("keys", [])),
            tuple(str(name) for name in data.get("followers", [])),
        )


@dataclass(frozen=True, slots=True)
class ReturnDayCommand:
    do: Do
    number: int = 0
    when: datetime | None = None  # local wall-clock time, no zone yet
    place: str = ""
    audience: Audience | None = None
    purpose: str = ""
    programme: str = ""
    message: str = ""  # the follow-up's text, as typed (lines kept)
    account: str = ""  # "channel:id" of someone invited or taken off by name
    name: str = ""  # their name, as the organiser typed it
    capacity: int | None = None  # None: no limit


@dataclass(frozen=True, slots=True)
class Unusable:
    """A return-day command that could not be read; `why` picks the usage line."""

    why: str  # when | audience | number | place | text | followup | person | capacity | reply


def parse_command(text: str, config: Config) -> ReturnDayCommand | Unusable | None:
    """The command `text` is, or None when it is no return-day command at all."""
    first, *others = text.split(maxsplit=1) or [""]
    if first.lower().lstrip("/").split("@")[0] not in WORDS:
        return None
    follow_up = _follow_up(others[0] if others else "")
    if follow_up is not None:  # its text is the organiser's own: no labels read in it
        return follow_up
    rest, texts = _split_texts(others[0] if others else "")
    if not rest:
        return ReturnDayCommand(Do.LIST) if not texts else Unusable("when")
    head, _, tail = rest.partition(" ")
    number = _number(head)
    if number is not None:
        return _about_one(number, tail.strip()) if not texts else Unusable("number")
    if any(len(value) > RETURN_DAY_TEXT_MAX for value in texts.values()):
        return Unusable("text")
    found = parse_when(rest)
    if found is None:
        return Unusable("when")
    when, after = found
    place, audience_text = _split_for(after)
    audience = parse_audience(audience_text, config) if audience_text else None
    if not place:
        return Unusable("when")
    if len(place) > PLACE_MAX:
        return Unusable("place")
    if audience is None:
        return Unusable("audience")
    return ReturnDayCommand(
        Do.PLAN,
        when=when,
        place=place,
        audience=audience,
        purpose=texts.get("purpose", ""),
        programme=texts.get("programme", ""),
    )


def _split_texts(text: str) -> tuple[str, dict[str, str]]:
    """The command on one line, and the texts after "doel:" and "programma:" (each may
    run over several lines, which the programme keeps)."""
    parts = _LABEL.split(text)
    command = " ".join(parts[0].split())
    texts: dict[str, str] = {}
    for label, value in zip(parts[1::2], parts[2::2], strict=True):
        lines = [line.strip() for line in value.strip().splitlines() if line.strip()]
        texts[TEXT_LABELS[label.lower()]] = "\n".join(lines)
    return command, {key: value for key, value in texts.items() if value}


def _number(text: str) -> int | None:
    """A return day's number as typed or pressed: ASCII digits ("²" is a digit to Python),
    few enough to fit any database's integer."""
    if text.isascii() and text.isdigit() and len(text) <= NUMBER_DIGITS:
        return int(text)
    return None


def _follow_up(text: str) -> ReturnDayCommand | Unusable | None:
    """ "7 nabericht Dit spraken we af: …" (over several lines), or "7 antwoord ACCOUNT
    Geen probleem, …" to one invitee; None for other commands."""
    parts = text.split(maxsplit=2)
    word = parts[1].lower() if len(parts) >= 2 else ""
    if word not in FOLLOW_UP_WORDS and word not in REPLY_WORDS:
        return None
    number = _number(parts[0])
    if number is None:
        return None
    rest = parts[2] if len(parts) == 3 else ""
    account = None
    if word in REPLY_WORDS:
        first, *after = rest.split(maxsplit=1) or [""]
        account, rest = parse_account(first), after[0] if after else ""
    message = "\n".join(line.strip() for line in rest.splitlines()).strip()
    if word in REPLY_WORDS:
        if account is None or not message or len(message) > FOLLOW_UP_MAX:
            return Unusable("reply")
        return ReturnDayCommand(Do.REPLY, number, account=account, message=message)
    if not message or len(message) > FOLLOW_UP_MAX:
        return Unusable("followup")
    return ReturnDayCommand(Do.FOLLOW_UP, number, message=message)


def _about_one(number: int, tail: str) -> ReturnDayCommand | Unusable:
    if not tail:
        return ReturnDayCommand(Do.SHOW, number)
    word, _, rest = tail.partition(" ")
    if word.lower() in ATTENDEES_WORDS and not rest.strip():
        return ReturnDayCommand(Do.ATTENDEES, number)
    if word.lower() in CANCEL_WORDS and not rest.strip():
        return ReturnDayCommand(Do.CANCEL, number)
    if word.lower() in PERSON_WORDS:
        return _person(number, rest.strip())
    if word.lower() in SIGNUP_WORDS:
        if not rest.strip():
            return ReturnDayCommand(Do.SIGNUP, number)
        closed = rest.strip().lower() in CLOSED_WORDS
        return ReturnDayCommand(Do.CLOSE_SIGNUP, number) if closed else Unusable("number")
    if word.lower() in CAPACITY_WORDS:
        return _capacity(number, rest.strip())
    if word.lower() in MOVE_WORDS:
        found = parse_when(rest)
        if found is None:
            return Unusable("when")
        if len(found[1]) > PLACE_MAX:
            return Unusable("place")
        return ReturnDayCommand(Do.MOVE, number, found[0], found[1])
    return Unusable("number")


def _person(number: int, text: str) -> ReturnDayCommand | Unusable:
    """ "telegram:123 Anna de Vries" invites; "weg telegram:123" takes off."""
    first, _, rest = text.partition(" ")
    remove = first.lower() in REMOVE_WORDS
    if remove:
        first, _, rest = rest.strip().partition(" ")
    account = parse_account(first)
    name = " ".join(rest.split())
    if account is None or (remove and name) or (not remove and not name) or len(name) > NAME_MAX:
        return Unusable("person")
    do = Do.REMOVE_PERSON if remove else Do.ADD_PERSON
    return ReturnDayCommand(do, number, account=account, name=name)


def parse_account(text: str) -> str | None:
    """ "telegram:123", "matrix:@anna:example.org" or "@anna:example.org" as an account
    ("channel:id"); None when it is none."""
    found = _ACCOUNT.fullmatch(text)
    if found is None:
        return None
    channel, ident = found.groups()
    if channel is None:
        if not re.fullmatch(r"@[^:\s]+:\S+", ident):
            return None  # only a Matrix id says which platform it is on
        channel = "matrix"
    if channel == "telegram" and not (ident.isascii() and ident.lstrip("-").isdigit()):
        return None  # Telegram's accounts are numbers; a @username cannot be written to
    return f"{channel}:{ident}"


def _capacity(number: int, text: str) -> ReturnDayCommand | Unusable:
    if text.lower() in NO_LIMIT_WORDS:
        return ReturnDayCommand(Do.CAPACITY, number, capacity=None)
    places = _number(text)
    if places is None or not 1 <= places <= CAPACITY_MAX:
        return Unusable("capacity")
    return ReturnDayCommand(Do.CAPACITY, number, capacity=places)


def _split_for(text: str) -> tuple[str, str]:
    """ "Dorpshuis Ouddorp voor kern Ouddorp" -> place and audience."""
    words = text.split(" ")
    for index in range(len(words) - 1, -1, -1):
        if words[index].lower() in FOR_WORDS:
            return " ".join(words[:index]).strip(), " ".join(words[index + 1 :]).strip()
    return text.strip(), ""


def parse_audience(text: str, config: Config) -> Audience | None:
    """ "alle", "kern Ouddorp, Stellendam", "thema groen", "team west", "deelnemers",
    each optionally with "en volgers Dorpsraad Ouddorp"; None if unclear."""
    kinds: list[Audience] = []
    followers: list[str] = []
    for part in _AND.split(text.strip()):
        word, _, rest = part.partition(" ")
        if normalize(word) in FOLLOWER_WORDS:
            named = _followers(rest, config)
            if not named:
                return None
            followers.extend(named)
            continue
        found = _one_kind(part, config)
        if found is None:
            return None
        kinds.append(found)
    if len(kinds) > 1:
        return None
    kind = kinds[0] if kinds else Audience("named")
    return Audience(kind.kind, kind.keys, tuple(dict.fromkeys(followers)))


def _followers(text: str, config: Config) -> list[str] | None:
    """ "Dorpsraad Ouddorp, Wijkteam Oost" by name, or "van kern Ouddorp": the followers
    of those areas; None if unclear."""
    word, _, rest = text.strip().partition(" ")
    if normalize(word) in OF_WORDS:
        word, _, rest = rest.strip().partition(" ")
    if normalize(word) in AREA_WORDS:
        areas = [Named(area.key, area.names()) for area in config.areas]
        keys = [match(name.strip(), areas) for name in rest.split(",") if name.strip()]
        if not keys or not all(isinstance(key, str) for key in keys):
            return None
        return [f.name for f in config.followers if set(f.areas) & set(map(str, keys))] or None
    options = [Named(follower.name, (follower.name,)) for follower in config.followers]
    names = [match(name.strip(), options) for name in text.split(",") if name.strip()]
    if not names or not all(isinstance(name, str) for name in names):
        return None
    return [str(name) for name in names]


def _one_kind(text: str, config: Config) -> Audience | None:
    if normalize(text) in {normalize(word) for word in ALL_WORDS}:
        return Audience("all")
    if normalize(text) in {normalize(word) for word in NAMED_WORDS}:
        return Audience("named")
    word, _, rest = text.strip().partition(" ")
    kinds: tuple[tuple[tuple[str, ...], str, list[Named]], ...] = (
        (AREA_WORDS, "areas", [Named(a.key, a.names()) for a in config.areas]),
        (THEME_WORDS, "themes", [Named(t.key, t.names()) for t in config.themes]),
        (TEAM_WORDS, "team", [Named(t.key, t.names()) for t in config.teams]),
    )
    for words, kind, options in kinds:
        if normalize(word) not in words:
            continue
        names = [name.strip() for name in rest.split(",") if name.strip()]
        keys = [match(name, options) for name in names]
        if not keys or not all(isinstance(key, str) for key in keys):
            return None
        if kind == "team" and len(keys) != 1:
            return None
        return Audience(kind, tuple(dict.fromkeys(str(key) for key in keys)))
    return None


@dataclass(frozen=True, slots=True)
class Rsvp:
    """A pressed button of a return day: an RSVP (yes, no, maybe), or after the day the
    answer to "hoe was het?" (good, fair, bad). `guests` None: the button says nothing
    of them (only the buttons that ask which day a typed answer is for do)."""

    number: int
    answer: str
    guests: int | None = None

    @property
    def feedback(self) -> bool:
        return self.answer in FEEDBACK_ANSWERS


# A typed "ik kom met z'n tweeën" for one of two days keeps its guests in the button.
MOST_GUESTS = 9


def rsvp_button(number: int, answer: str, guests: int | None = None) -> str:
    said = f"{RSVP_PREFIX}:{number}:{answer}"
    return said if guests is None else f"{said}:{guests}"


def feedback_button(number: int, answer: str) -> str:
    return f"{FEEDBACK_PREFIX}:{number}:{answer}"


def parse_rsvp(payload: str) -> Rsvp | None:
    """A pressed RSVP or feedback button, checked strictly: it can be forged."""
    parts = payload.split(":")
    if len(parts) not in (3, 4) or parts[0] not in (RSVP_PREFIX, FEEDBACK_PREFIX):
        return None
    number = _number(parts[1])
    if number is None:
        return None
    answers = RSVP_ANSWERS if parts[0] == RSVP_PREFIX else FEEDBACK_ANSWERS
    if parts[2] not in answers:
        return None
    if len(parts) == 3:
        return Rsvp(number, parts[2])
    guests = parts[3]
    if parts[0] != RSVP_PREFIX or not (guests.isascii() and guests.isdigit()):
        return None
    if len(guests) > 1 or int(guests) > MOST_GUESTS:
        return None
    return Rsvp(number, parts[2], int(guests))


def reminder_times(
    starts_at: datetime, offsets: Sequence[Span], rules: TimeRules
) -> list[tuple[str, datetime]]:
    """Each reminder's key and moment: its offset before the start, out of quiet hours."""
    return [
        (f"{index}@{starts_at.isoformat()}", rules.first_allowed(rules.before(starts_at, offset)))
        for index, offset in enumerate(offsets)
    ]
