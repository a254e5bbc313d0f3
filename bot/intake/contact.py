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
    import phonenumbers
    from email_validator import EmailNotValidError, validate_email

    text = text.strip()
    if "@" in text:
        try:
            # No DNS look-up: the bot must answer at once and work offline.
            email = validate_email(text, check_deliverability=False)
        except EmailNotValidError:
            return None
        return ContactDetail("email", email.normalized)
    try:
        number = phonenumbers.parse(text, DEFAULT_REGION)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    return ContactDetail(
        "phone", phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    )


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
