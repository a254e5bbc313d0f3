"""The photos a resident sends reach whoever holds their initiative, as files."""

import base64
from pathlib import Path

from sqlalchemy import select

from bot.intake.forgetting import YES
from bot.messages import Incoming, Photo
from storage.models import OutboxMessage
from tests.inbox.test_platform_inputs import submit_with_photos
from tests.town import Town


def files_sent_to(town: Town, chat: str) -> list[tuple[str, str, bytes]]:
    with town.db.transaction() as session:
        rows = session.scalars(
            select(OutboxMessage).where(OutboxMessage.chat_id == chat).order_by(OutboxMessage.id)
        )
        return [
            (
                row.payload["text"],
                row.payload["file"]["name"],
                base64.b64decode(row.payload["file"]["base64"]),
            )
            for row in rows
            if row.payload.get("file")
        ]


def test_the_photos_of_an_intake_go_to_the_contact_who_takes_it_up(
    town: Town, tmp_path: Path
) -> None:
    """The team's group sees how many were sent along, not the photos themselves (a
    photo may show a face or a front door); the contact who takes it up gets them."""
    kept = tmp_path / "tg-AAA.jpg"
    kept.write_bytes(b"\xff\xd8 the bench \xff\xd9")
    reference = submit_with_photos(town, "bewoner", [Photo("tg-AAA", str(kept)), Photo("tg-BBB")])
    assert files_sent_to(town, "team-west") == []
    assert any("2 foto's" in text for text in town.inbox("team-west"))
    town.say("anna", f"oppakken {reference}", chat="team-west")
    [(text, name, content)] = files_sent_to(town, "anna")
    assert reference in text
    assert name == f"{reference}-foto-1.jpg"
    assert content == b"\xff\xd8 the bench \xff\xd9"
    # The one we kept no copy of is named, so the contact knows it exists.
    assert any(reference in line and "2" in line for line in town.inbox("anna"))


def test_a_photo_added_later_reaches_the_contact(town: Town, tmp_path: Path) -> None:
    reference = town.submit("bewoner")
    town.say("anna", f"oppakken {reference}", chat="team-west")
    kept = tmp_path / "tg-CCC.jpg"
    kept.write_bytes(b"\xff\xd8 the harbour \xff\xd9")
    incoming = Incoming(
        "console",
        "bewoner",
        "bewoner",
        "photo-later",
        f"aanvullen {reference}",
        photo=Photo("tg-CCC", str(kept)),
    )
    assert town.service.handle(incoming).accepted
    [(_text, _name, content)] = files_sent_to(town, "anna")
    assert content == b"\xff\xd8 the harbour \xff\xd9"
    assert town.initiative(reference).photos[-1] == {"file_id": "tg-CCC", "path": str(kept)}


def test_a_photo_added_while_nobody_has_it_waits_for_who_takes_it_up(
    town: Town, tmp_path: Path
) -> None:
    reference = town.submit("bewoner")
    kept = tmp_path / "tg-EEE.jpg"
    kept.write_bytes(b"\xff\xd8 the dyke \xff\xd9")
    incoming = Incoming(
        "console",
        "bewoner",
        "bewoner",
        "photo-unclaimed",
        f"aanvullen {reference}",
        photo=Photo("tg-EEE", str(kept)),
    )
    assert town.service.handle(incoming).accepted
    assert files_sent_to(town, "team-west") == []
    assert reference in town.last("team-west")  # told that something was added
    town.say("anna", f"oppakken {reference}", chat="team-west")
    [(_text, _name, content)] = files_sent_to(town, "anna")
    assert content == b"\xff\xd8 the dyke \xff\xd9"


def test_forget_me_takes_the_photo_files_out_of_the_outbox(town: Town, tmp_path: Path) -> None:
    kept = tmp_path / "tg-DDD.jpg"
    kept.write_bytes(b"\xff\xd8 a face \xff\xd9")
    reference = submit_with_photos(town, "bewoner", [Photo("tg-DDD", str(kept))])
    town.say("anna", f"oppakken {reference}", chat="team-west")
    assert files_sent_to(town, "anna")
    town.say("bewoner", "vergeet mij")
    town.say("bewoner", "", payload=YES)
    assert files_sent_to(town, "anna") == []
    assert not kept.exists()  # and our copy on disk
