"""Inzage: `mijn gegevens` returns everything stored about the resident, and only theirs."""

import base64
import json

from sqlalchemy import select

from storage.models import OutboxMessage
from tests.town import Town


def my_data(town: Town, resident: str) -> tuple[str, dict[str, object]]:
    """What `mijn gegevens` wrote to the resident: the text, and the JSON file in it."""
    assert town.say(resident, "mijn gegevens")
    with town.db.transaction() as session:
        row = session.scalars(
            select(OutboxMessage)
            .where(OutboxMessage.chat_id == resident)
            .order_by(OutboxMessage.id.desc())
            .limit(1)
        ).one()
    file = row.payload["file"]
    assert (file["name"], file["type"]) == ("mijn-gegevens.json", "application/json")
    return row.payload["text"], json.loads(base64.b64decode(file["base64"]))


def test_everything_about_the_resident_and_nothing_about_others(town: Town) -> None:
    reference = town.submit("bewoner")
    other = town.submit("buurman")
    assert town.say("anna", f"claim {reference}", chat="team-west")
    assert town.say("bewoner", "Ik bel je morgen")  # relayed to Anna: on the trail

    text, data = my_data(town, "bewoner")
    assert text.startswith("Dit bewaren we over je:")
    assert f"{reference} \u201cBankje bij de haven\u201d: naam Anna de Vries" in text
    assert "contact +31612345678" in text
    assert "(privacyverklaring 2026-1)" in text
    assert "mijn-gegevens.json" in text

    assert data["account"] == "console:bewoner"
    [initiative] = data["initiatives"]  # type: ignore[misc]
    assert initiative["reference"] == reference
    assert initiative["name"] == "Anna de Vries"
    assert initiative["contact"] == "+31612345678"
    trail = [(step["event"], step["data"].get("text")) for step in initiative["trail"]]
    assert ("relayed_to_contact", "Ik bel je morgen") in trail
    assert data["conversations"]
    assert any("Goed nieuws" in m["text"] for m in data["messages_to_you"])  # type: ignore[union-attr]
    assert other not in json.dumps(data)


def test_someone_with_nothing_stored_gets_an_honest_answer(town: Town) -> None:
    text, data = my_data(town, "nieuwkomer")
    assert data["initiatives"] == []
    assert text.splitlines()[:2] == ["Dit bewaren we over je:", "\u2022 nog niets"]
