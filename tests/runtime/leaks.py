"""What a conversation must never leave in the logs at INFO or above."""

import logging

import pytest

# Everything personal the test conversations type, in the forms it may be stored or shown.
PERSONAL = (
    "Anna de Vries",
    "06-12345678",
    "06 12345678",
    "+31612345678",
    "0612345678",
    "Bankje bij de haven",
    "ouderen even kunnen uitrusten",
    "Ik bel je morgen",
)


def leaks(caplog: pytest.LogCaptureFixture, *secrets: str) -> list[str]:
    """Every log line at INFO or above holding personal data or one of `secrets`."""
    wanted = [*PERSONAL, *(secret for secret in secrets if secret)]
    return [
        f"{record.levelname} {record.name}: {record.getMessage()}"
        for record in caplog.records
        if record.levelno >= logging.INFO and any(found in record.getMessage() for found in wanted)
    ]
