"""What the resident sent with the intake reaches the contact: the photos and the spot
they shared, on a map. The contact who takes it up gets them privately, `toon` shows
them in a private chat and only counts them in a team chat, the team's notification
counts them, and "vergeet mij" takes the spot with everything else. On SQLite and
PostgreSQL."""

import itertools
from pathlib import Path
from typing import Any

from sqlalchemy import select

from bot.cases.pictures import map_link
from bot.intake.forgetting import YES
from bot.intake.geo import SHARED_LOCATION
from bot.messages import Incoming, Location, Photo
from bot.texts.i18n import translations
from storage.models import Initiative, OutboxMessage
from tests.intake.chatting import DUTCH_INTAKE
from tests.town import Town

HARBOUR = Location(51.815123, 3.930456)
_event_ids = itertools.count(1)


def dutch(text: str) -> str:
    return translations("nl").gettext(text)


def send(town: Town, resident: str, text: str = "", **extra: Any) -> None:
    incoming = Incoming("console", resident, resident, f"pic{next(_event_ids)}", text, **extra)
    assert town.service.handle(incoming).accepted


def hand_in(town: Town, resident: str, photos: list[Photo]) -> str:
    """An intake with `photos` and the harbour shared at the area question."""
    send(town, resident, "start")
    send(town, resident, DUTCH_INTAKE[0])  # consent first: nothing is kept before it
    for photo in photos:
        send(town, resident, photo=photo)
    send(town, resident, DUTCH_INTAKE[1])
    send(town, resident, DUTCH_INTAKE[2])
    send(town, resident, location=HARBOUR)  # instead of naming the village
    for text in [*DUTCH_INTAKE[4:], "ja"]:
        send(town, resident, text)
    with town.db.transaction() as session:
        return session.scalars(
            select(Initiative.reference).where(Initiative.sender_id == resident)
        ).one()


def rows(town: Town, chat: str) -> list[dict[str, Any]]:
    with town.db.transaction() as session:
        return [
            dict(payload)
            for payload in session.scalars(
                select(OutboxMessage.payload)
                .where(OutboxMessage.chat_id == chat)
                .order_by(OutboxMessage.id)
            )
        ]


def photos(tmp_path: Path) -> list[Photo]:
    kept = tmp_path / "tg-BENCH.jpg"
    kept.write_bytes(b"\xff\xd8 the bench \xff\xd9")
    return [Photo("tg-BENCH", str(kept)), Photo("tg-FAR")]  # the second one too large to keep


def pins(payloads: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [payload for payload in payloads if payload.get("location")]


def test_the_initiative_keeps_the_spot_shared_in_the_intake(town: Town, tmp_path: Path) -> None:
    reference = hand_in(town, "bewoner", photos(tmp_path))
    initiative = town.initiative(reference)
    assert initiative.area == "ouddorp"
    assert initiative.answers[SHARED_LOCATION] == {"latitude": 51.815123, "longitude": 3.930456}
    assert len(initiative.photos) == 2


def test_the_team_notification_counts_them_and_shows_no_spot(town: Town, tmp_path: Path) -> None:
    reference = hand_in(town, "bewoner", photos(tmp_path))
    notification = rows(town, "team-west")[0]["text"]
    assert reference in notification
    counted = translations("nl").ngettext("{count} photo", "{count} photos", 2).format(count=2)
    sent_along = dutch("Sent along: {what}.").format(
        what=f"{counted}, {dutch('a spot on the map')}"
    )
    assert sent_along in notification
    assert f"toon {reference}" in notification  # where to see them
    assert not pins(rows(town, "team-west"))
    assert map_link(HARBOUR) not in "\n".join(town.inbox("team-west"))


def test_the_contact_who_takes_it_up_gets_the_spot_and_the_photos(
    town: Town, tmp_path: Path
) -> None:
    reference = hand_in(town, "bewoner", photos(tmp_path))
    town.say("anna", f"oppakken {reference}", chat="team-west")
    details, pin, first, second = rows(town, "anna")
    assert "Anna de Vries" in details["text"]  # the contact details come first
    assert pin["location"] == {"latitude": 51.815123, "longitude": 3.930456}
    assert reference in pin["text"]  # so that an erasure finds it
    assert "https://www.openstreetmap.org/?mlat=51.815123&mlon=3.930456" in pin["text"]
    assert first["file"]["name"] == f"{reference}-foto-1.jpg"
    assert "file" not in second  # not kept: named, not sent
    assert reference in second["text"]
    # Nothing of it in the team's chat beyond the count.
    assert len(pins(rows(town, "team-west"))) == 0


def test_toon_shows_them_in_a_private_chat_and_counts_them_in_the_team_chat(
    town: Town, tmp_path: Path
) -> None:
    reference = hand_in(town, "bewoner", photos(tmp_path))
    before = len(rows(town, "team-west"))
    town.say("anna", f"toon {reference}", chat="team-west")
    [shown] = rows(town, "team-west")[before:]
    assert "file" not in shown
    assert "location" not in shown
    assert dutch("a spot on the map") in shown["text"]
    town.say("anna", f"toon {reference}")
    details, pin, first, _second = rows(town, "anna")
    assert reference in details["text"]
    assert pin["location"]["latitude"] == 51.815123
    assert first["file"]["name"] == f"{reference}-foto-1.jpg"


def test_an_initiative_without_them_says_nothing_of_them(town: Town) -> None:
    reference = town.submit("buurman")
    town.say("anna", f"oppakken {reference}", chat="team-west")
    assert dutch("a spot on the map") not in "\n".join(town.inbox("team-west"))
    [details] = rows(town, "anna")
    assert "location" not in details
    assert "file" not in details


def test_forget_me_takes_the_spot_from_the_initiative_and_the_outbox(
    town: Town, tmp_path: Path
) -> None:
    reference = hand_in(town, "bewoner", photos(tmp_path))
    town.say("anna", f"oppakken {reference}", chat="team-west")
    assert pins(rows(town, "anna"))
    town.say("bewoner", "vergeet mij")
    town.say("bewoner", "", payload=YES)
    assert SHARED_LOCATION not in (town.initiative(reference).answers or {})
    assert not pins(rows(town, "anna"))
    assert not any(map_link(HARBOUR) in text for text in town.inbox("anna"))
