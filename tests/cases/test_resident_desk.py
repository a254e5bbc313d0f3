"""A resident withdraws their initiative or adds to it; a contact gives it a new title.
Each lands on the trail and reaches whoever holds it."""

from pathlib import Path

from bot.cases import receipts, texts
from bot.messages import Incoming, Photo
from tests.town import Town


def kinds(town: Town, reference: str) -> list[str]:
    return [kind for kind, _, _ in town.trail(reference)]


def test_withdrawing_asks_first_and_no_keeps_it(town: Town) -> None:
    reference = town.submit("bewoner")
    town.say("bewoner", f"intrekken {reference}")
    assert town.initiative(reference).status == "submitted"  # nothing yet
    assert (
        town.last("bewoner") == receipts.withdraw_sure(reference, "Bankje bij de haven", "nl").text
    )
    town.say("bewoner", "", payload=f"withdraw:no:{reference}")
    assert town.initiative(reference).status == "submitted"
    assert town.last("bewoner") == receipts.withdraw_kept(reference, "nl")
    assert "withdrawn" not in kinds(town, reference)


def test_yes_withdraws_and_the_team_hears_of_it(town: Town) -> None:
    reference = town.submit("bewoner")
    town.say("bewoner", f"intrekken {reference}")
    assert town.say("bewoner", "", payload=f"withdraw:yes:{reference}")
    assert town.initiative(reference).status == "withdrawn"
    assert town.last("bewoner") == receipts.withdrawn(reference, "nl")
    assert town.last("team-west") == texts.withdrawn_by_resident(
        reference, "Bankje bij de haven", "nl"
    )
    assert town.trail(reference)[-1] == (
        "withdrawn",
        "resident",
        {"cause": "resident", "to": "team:west"},
    )
    # Pressed again: already closed, and said so.
    assert not town.say("bewoner", "", payload=f"withdraw:yes:{reference}")
    assert town.last("bewoner") == receipts.already_closed(reference, "nl")


def test_typed_yes_withdraws_a_claimed_one_and_its_contact_hears(town: Town) -> None:
    reference = town.submit("bewoner")
    town.say("anna", f"oppakken {reference}", chat="team-west")
    team_before = town.inbox("team-west")
    town.say("bewoner", f"intrekken {reference} ja")
    assert town.initiative(reference).status == "withdrawn"
    assert town.last("anna") == texts.withdrawn_by_resident(reference, "Bankje bij de haven", "nl")
    assert town.inbox("team-west") == team_before


def test_nobody_else_may_withdraw_and_learns_nothing(town: Town) -> None:
    reference = town.submit("bewoner")
    town.submit("buurman")
    assert not town.say("buurman", f"intrekken {reference} ja")
    assert town.last("buurman") == receipts.not_yours(reference, "nl")
    assert not town.say("buurman", "", payload=f"withdraw:yes:{reference}")  # forged
    assert not town.say("buurman", "intrekken 2026-9999 ja")
    assert town.last("buurman") == receipts.not_yours("2026-9999", "nl")
    assert town.initiative(reference).status == "submitted"
    assert "Bankje" not in town.last("buurman")


def test_a_closed_one_cannot_be_withdrawn_or_added_to(town: Town) -> None:
    reference = town.submit("bewoner")
    town.say("anna", f"sluiten {reference} klaar Gedaan.")
    assert not town.say("bewoner", f"intrekken {reference} ja")
    assert town.last("bewoner") == receipts.already_closed(reference, "nl")
    assert not town.say("bewoner", f"aanvullen {reference} Nog iets.")
    assert town.initiative(reference).status == "done"


def test_adding_text_reaches_the_team_then_the_contact(town: Town) -> None:
    reference = town.submit("bewoner")
    town.say("bewoner", f"aanvullen {reference} Het is bij de molen.")
    assert (
        town.last("team-west")
        == texts.added_by_resident(reference, "Het is bij de molen.", False, True, "nl").text
    )
    assert town.last("bewoner") == receipts.added(reference, "Kernteam West", "nl")
    town.say("anna", f"oppakken {reference}")
    town.say("bewoner", f"aanvullen {reference} En er staat een boom.")
    assert (
        town.last("anna")
        == texts.added_by_resident(reference, "En er staat een boom.", False, False, "nl").text
    )
    added = [data for kind, _, data in town.trail(reference) if kind == "added_by_resident"]
    assert added == [
        {"text": "Het is bij de molen.", "to": "team:west"},
        {"text": "En er staat een boom.", "to": "console:anna"},
    ]


def test_a_photo_with_the_command_as_caption_is_kept(town: Town, tmp_path: Path) -> None:
    reference = town.submit("bewoner")
    copy = tmp_path / "molen.jpg"
    copy.write_bytes(b"jpeg")
    photo = Photo("file-1", str(copy))
    incoming = Incoming(
        "console", "bewoner", "bewoner", "photo-1", f"aanvullen {reference}", photo=photo
    )
    assert town.service.handle(incoming).accepted
    assert town.initiative(reference).photos[-1] == {"file_id": "file-1", "path": str(copy)}
    assert town.trail(reference)[-1][2] == {"photo": True, "to": "team:west"}
    # The team's group reads that a photo came; the photo waits for who takes it up.
    assert town.last("team-west") == texts.added_by_resident(reference, "", True, True, "nl").text
    town.say("anna", f"oppakken {reference}", chat="team-west")
    assert f"Foto 1 van 1 bij {reference}" in town.inbox("anna")  # the file comes with it


def test_a_photo_past_the_most_is_not_kept(town: Town) -> None:
    reference = town.submit("bewoner")
    for number in range(6):  # max_photos is 5
        incoming = Incoming(
            "console",
            "bewoner",
            "bewoner",
            f"p{number}",
            f"aanvullen {reference}",
            photo=Photo(f"file-{number}"),
        )
        accepted = town.service.handle(incoming).accepted
    assert not accepted
    assert len(town.initiative(reference).photos) == 5
    assert town.last("bewoner") == receipts.too_many_photos(reference, 5, "nl")


def test_a_command_without_its_number_gets_the_usage(town: Town) -> None:
    town.submit("bewoner")
    assert not town.say("bewoner", "intrekken")
    assert town.last("bewoner") == receipts.resident_usage(receipts.ResidentVerb.WITHDRAW, "nl")


def test_in_an_intake_the_words_are_an_answer(town: Town) -> None:
    reference = town.submit("bewoner")
    town.say("bewoner", "nieuw")
    town.say("bewoner", "ja")
    town.say("bewoner", f"intrekken {reference} ja")  # the title of the new idea
    assert town.initiative(reference).status == "submitted"


def test_a_contact_gives_it_a_new_title_and_the_resident_hears(town: Town) -> None:
    reference = town.submit("bewoner")
    town.say("anna", f"oppakken {reference}")
    town.say("coordinator", f"titel {reference} Bankje bij de molen")
    assert town.initiative(reference).title == "Bankje bij de molen"
    assert town.last("bewoner") == receipts.retitled(reference, "Bankje bij de molen", "nl")
    assert town.last("team-west") == texts.retitled(reference, "Fleur", "Bankje bij de molen", "nl")
    assert town.trail(reference)[-1] == (
        "retitled",
        "console:coordinator",
        {"old": "Bankje bij de haven", "new": "Bankje bij de molen"},
    )
    town.say("anna", f"toon {reference}")
    assert "\u201cBankje bij de haven\u201d \u2192 \u201cBankje bij de molen\u201d" in town.last(
        "anna"
    )


def test_another_team_may_not_rename_nor_a_closed_one_be_renamed(town: Town) -> None:
    reference = town.submit("bewoner")
    assert not town.say("bram", f"titel {reference} Iets anders")
    town.say("anna", f"sluiten {reference} klaar Gedaan.")
    assert not town.say("anna", f"titel {reference} Iets anders")
    assert town.initiative(reference).title == "Bankje bij de haven"
    town.say("bewoner", f"titel {reference} Iets anders")  # a resident: just talk, relayed
    assert town.initiative(reference).title == "Bankje bij de haven"
