"""Phone numbers and email addresses as residents type them, checked and normalised.

The libraries that read them (phonenumbers, email-validator) are loaded with the
first detail a resident gives: about 2 MB that a bot waiting for residents does
without.
"""

from dataclasses import dataclass
from typing import Literal

ContactKind = Literal["phone", "email"]
# Residents type Dutch numbers without country code; "+31", "0031" also work.
DEFAULT_REGION = "NL"


@dataclass(frozen=True, slots=True)
class ContactDetail:
    kind: ContactKind
    value: str  # E.164 for phone numbers, the normalised address for email


def parse_contact(text: str) -> ContactDetail | None:
    """A valid phone number or email address in `text`, or None."""
    found = find_contact(text)
    return found[0] if found else None


def find_contact(text: str) -> tuple[ContactDetail, str] | None:
    """The phone number or email address in `text` ("mijn mail is anna@example.nl",
    "06 12345678 (na 17 uur)"), and what else was said beside it."""
    import phonenumbers
    from email_validator import EmailNotValidError, validate_email

    text = text.strip()
    if "@" in text:
        words = text.split()
        at = next(index for index, word in enumerate(words) if "@" in word)
        candidate = words[at].strip(_AROUND)
        try:
            # No DNS look-up: the bot must answer at once and work offline.
            email = validate_email(candidate, check_deliverability=False)
        except EmailNotValidError:
            return None
        rest = " ".join([*words[:at], *words[at + 1 :]])
        return ContactDetail("email", email.normalized), rest
    matches = [
        found
        for found in phonenumbers.PhoneNumberMatcher(text, DEFAULT_REGION)
        if phonenumbers.is_valid_number(found.number)
    ]
    if len(matches) != 1:  # none, or two: which one is theirs is for them to say
        return None
    [found] = matches
    number = phonenumbers.format_number(found.number, phonenumbers.PhoneNumberFormat.E164)
    rest = f"{text[: found.start]} {text[found.end :]}".strip()
    return ContactDetail("phone", number), rest


# Around an address in a sentence: quotes, brackets, a full stop at the end.
_AROUND = "\"'()<>[],;:.!?\u201c\u201d"


def contact_from_json(data: dict[str, str]) -> ContactDetail:
    """A detail as stored in an answer or an initiative."""
    kind: ContactKind = "email" if data["kind"] == "email" else "phone"
    return ContactDetail(kind, data["value"])


def display_contact(detail: ContactDetail) -> str:
    """How a resident recognises their own detail: Dutch numbers in national form."""
    if detail.kind == "email":
        return detail.value
    import phonenumbers

    number = phonenumbers.parse(detail.value, DEFAULT_REGION)
    if number.country_code == phonenumbers.country_code_for_region(DEFAULT_REGION):
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
