"""A return day's sign-up link: its code, and reading it from what someone sends.

A poster carries the link: on Telegram a start link ("t.me/<bot>?start=td-k3m9x2"),
which arrives as a start payload; on Matrix and in any chat the words "aanmelden
k3m9x2". The code is short and random, of letters and digits no one mixes up when
copying from paper; it names one day until its sign-up is closed. It always holds a
digit, so that "aanmelden graag" or "inschrijven morgen" stays what it says.

Pure: no database (the desk looks the code up).
"""

import re
import secrets

from bot.messages import START_PREFIX, Incoming

# Telegram's start payload holds A-Z, a-z, 0-9, _ and -; "td-" keeps it apart from the
# intake's start links, whose slug is an area's or theme's key.
LINK_PREFIX = "td-"
ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # no i, l, o, 0, 1
DIGITS = "23456789"
CODE_LENGTH = 6
KEYWORDS = ("aanmelden", "inschrijven", "sign[ -]?up", "register")
# Of the alphabet, with a digit; never four digits and two letters, a Dutch postcode
# ("aanmelden 3245AB" may be about a move, and codes are never made so).
_POSTCODE = r"[0-9]{4}[a-z]{2}"
_CODE = rf"(?!{_POSTCODE})(?=[a-z]*[2-9])[{ALPHABET}]{{{CODE_LENGTH}}}"
# "aanmelden k3m9x2", also as people copy it: "Aanmelden: k3m9x2", "aanmelden “k3m9x2”".
_TYPED = re.compile(
    rf"^\s*/?(?:{'|'.join(KEYWORDS)})\s*:?\s+[\"'\u201c\u2018]?(?:{LINK_PREFIX})?({_CODE})"
    rf"[\"'\u201d\u2019]?\s*[.!]?\s*$",
    re.IGNORECASE,
)


def new_code() -> str:
    while True:
        code = "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))
        if any(character in DIGITS for character in code) and not re.fullmatch(_POSTCODE, code):
            return code


def start_payload(code: str) -> str:
    """What a start link with `code` arrives as: the slug after "?start="."""
    return LINK_PREFIX + code


def code_in(incoming: Incoming) -> str | None:
    """The sign-up code `incoming` brings: a start link's, or typed after "aanmelden";
    None for anything else."""
    slug = incoming.payload.removeprefix(START_PREFIX)
    if incoming.payload.startswith(START_PREFIX) and slug.startswith(LINK_PREFIX):
        return slug.removeprefix(LINK_PREFIX).lower()
    if incoming.payload:
        return None
    typed = _TYPED.match(incoming.text)
    return typed.group(1).lower() if typed else None
