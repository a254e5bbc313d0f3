"""Coordinators block and unblock an account; a blocked account changes nothing."""

from sqlalchemy import func, select

from storage.models import Conversation, OutboxMessage
from tests.town import Town


def rows(town: Town) -> tuple[int, int]:
    with town.db.transaction() as session:
        outbox = session.scalar(select(func.count()).select_from(OutboxMessage)) or 0
        conversations = session.scalar(select(func.count()).select_from(Conversation)) or 0
    return outbox, conversations


def test_a_blocked_initiator_is_ignored_until_unblocked(town: Town) -> None:
    reference = town.submit("bewoner")
    assert town.say("coordinator", f"blokkeer {reference} scheldt contactpersonen uit")
    assert town.last("coordinator").startswith("console:bewoner is geblokkeerd")
    before = rows(town)

    assert not town.say("bewoner", "nieuw")
    assert not town.say("bewoner", "Jullie zijn allemaal ...")
    assert rows(town) == before  # no answer, no state, nothing to the contact

    town.say("coordinator", "geblokkeerd")
    assert "console:bewoner (scheldt contactpersonen uit)" in town.last("coordinator")
    assert town.say("coordinator", "deblokkeer console:bewoner")
    assert town.last("coordinator") == "console:bewoner is niet meer geblokkeerd."
    assert town.say("bewoner", "mijn")
    assert reference in town.last("bewoner")


def test_only_coordinators_block_and_never_a_contact(town: Town) -> None:
    town.submit("bewoner")
    assert not town.say("anna", "blokkeer console:bewoner")
    assert town.last("anna") == "Alleen coördinatoren blokkeren accounts."
    assert not town.say("coordinator", "blokkeer console:anna")
    assert "is een contactpersoon of coördinator" in town.last("coordinator")
    assert not town.say("coordinator", "blokkeer iemand")
    assert town.last("coordinator").startswith("Noem het initiatief of het account")
    assert not town.say("coordinator", "blokkeer 2026-9999")
    assert not town.say("coordinator", "deblokkeer console:bewoner")
    assert town.last("coordinator") == "console:bewoner was niet geblokkeerd."
    assert town.say("bewoner", "mijn")  # nothing was blocked
