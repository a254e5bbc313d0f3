"""Residents put in touch through the inbox, on SQLite and PostgreSQL: meeting the
initiator of a similar idea (yes and yes, yes and no, no answer in 14 days) and joining
someone's idea. Nothing of one resident reaches the other before both said yes."""

from datetime import timedelta

from sqlalchemy import func, select

from bot.schedule.jobs import FollowUpJobs
from storage.models import Connection
from tests.privacy.test_retention import JOB as RETENTION
from tests.town import Clock, Town, fire

PLAYGROUND = (
    "Speeltuin opknappen",
    "De speeltuin aan de Vijverstraat is oud, de glijbaan is kapot. Wij willen nieuwe "
    "speeltoestellen.",
)
PLAYING = ("Speelplek voor de kinderen", "Er is geen speelplek in de wijk.")
MARIEKE = ("Marieke Smit", "m.smit@example.org")
YOUSSEF = ("Youssef El Amrani", "y.elamrani@example.org")


def hand_in(
    town: Town, resident: str, idea: tuple[str, str], person: tuple[str, str], area: str
) -> str:
    title, story = idea
    name, email = person
    for text in ["start", "ja", title, story, area, "cultuur-sport", "nee", name, "nee", "nee"]:
        town.say(resident, text)
    town.say(resident, email)
    town.say(resident, "ja")
    receipt = next(text for text in reversed(town.inbox(resident)) if "Je nummer is " in text)
    return receipt.split("Je nummer is ")[1].split(".")[0]


def press(town: Town, account: str, label: str) -> bool:
    """`account` presses the button that starts with `label` under their last question."""
    buttons = town.choices(account)
    [key] = [key for shown, key in buttons.items() if shown.startswith(label)]
    return town.say(account, "", payload=key)


def wishes(town: Town) -> int:
    with town.db.transaction() as session:
        return session.scalar(select(func.count()).select_from(Connection)) or 0


def asked_to_meet(town: Town) -> tuple[str, str]:
    """Marieke's playground and Youssef's idea like it; Youssef asks to meet her and
    lets her have his name and e-mail address."""
    marieke = hand_in(town, "marieke", PLAYGROUND, MARIEKE, "Sommelsdijk")
    youssef = hand_in(town, "youssef", PLAYING, YOUSSEF, "3241")
    offer = town.last("youssef")
    assert offer.startswith("Wil je kennismaken met de initiatiefnemer van een van deze")
    assert f"\u201cSpeeltuin opknappen\u201d: {marieke}" in offer
    assert press(town, "youssef", "Kennismaken: Speeltuin opknappen")
    assert "Wat mag ik van jou doorgeven als die ja zegt?" in town.last("youssef")
    before = len(town.inbox("marieke"))
    assert press(town, "youssef", "Mijn naam en y.elamrani@example.org")
    assert town.last("youssef").startswith("Ik heb het gevraagd.")
    [question] = town.inbox("marieke")[before:]
    assert question.startswith(
        "Iemand met een idee dat erop lijkt, wil graag met je kennismaken over je idee "
        "\u201cSpeeltuin opknappen\u201d. Het idee van die persoon: \u201cSpeelplek voor de "
        "kinderen\u201d in Middelharnis."
    )
    for personal in (*YOUSSEF, "Youssef", "geen speelplek"):
        assert personal not in question
    return marieke, youssef


def test_both_say_yes_and_are_introduced_with_what_each_shares(town: Town) -> None:
    marieke, youssef = asked_to_meet(town)
    before = len(town.inbox("youssef"))

    assert press(town, "marieke", "Ja, alleen mijn naam")

    [to_youssef] = town.inbox("youssef")[before:]
    assert to_youssef.splitlines() == [
        "Goed nieuws! De initiatiefnemer van \u201cSpeeltuin opknappen\u201d wil ook graag "
        "kennismaken: Marieke Smit.",
        "De ander heeft jouw gegevens en kan contact met je opnemen.",
    ]
    assert town.last("marieke").splitlines() == [
        "Ik heb je voorgesteld aan Youssef El Amrani. Die had een idee dat op het jouwe lijkt.",
        "Je kunt Youssef El Amrani bereiken via y.elamrani@example.org.",
    ]
    assert MARIEKE[1] not in "".join(town.inbox("youssef"))  # she chose her name alone
    assert ("introduced", "resident", {"with": youssef}) in town.trail(marieke)
    assert ("introduced", "resident", {"with": marieke}) in town.trail(youssef)
    # Pressed again, or asked again: nothing more happens.
    assert not town.say("marieke", "", payload=next(iter(town.choices("marieke").values())))
    town.say("youssef", f"kennismaken {marieke}")
    assert town.last("youssef") == (
        "Ik heb je al voorgesteld aan de initiatiefnemer van \u201cSpeeltuin opknappen\u201d."
    )


def test_a_no_ends_it_quietly(town: Town) -> None:
    marieke, youssef = asked_to_meet(town)
    before = len(town.inbox("youssef"))

    assert press(town, "marieke", "Nee, liever niet")

    assert town.last("marieke").startswith("Goed. Ik geef niets door.")
    assert town.inbox("youssef")[before:] == []  # not told: as quiet as no answer
    kinds = {kind for kind, _actor, _data in town.trail(marieke) + town.trail(youssef)}
    assert "introduced" not in kinds
    # Asking again does not ask her again, nor tell him she said no.
    marieke_before = len(town.inbox("marieke"))
    town.say("youssef", f"kennismaken {marieke}")
    assert town.last("youssef").startswith("Ik heb het al gevraagd over")
    assert len(town.inbox("marieke")) == marieke_before


def test_no_answer_in_14_days_ends_it_and_the_wish_is_deleted(
    town: Town, clock: Clock, jobs: FollowUpJobs
) -> None:
    marieke, _youssef = asked_to_meet(town)
    before = len(town.inbox("youssef"))
    clock.now += timedelta(days=14, minutes=1)

    assert not press(town, "marieke", "Ja, alleen mijn naam")

    assert town.last("marieke") == "Deze vraag is voorbij. Er is niets doorgegeven."
    assert town.inbox("youssef")[before:] == []
    assert wishes(town) == 1
    fire(town, jobs, RETENTION, clock.now + timedelta(days=1))
    assert wishes(town) == 0
    kinds = {kind for kind, _actor, _data in town.trail(marieke)}
    assert "introduced" not in kinds


def test_one_who_joins_with_a_yes_gets_the_news(town: Town) -> None:
    marieke = hand_in(town, "marieke", PLAYGROUND, MARIEKE, "Sommelsdijk")
    town.say("piet", f"ik doe mee {marieke}")
    assert town.last("piet") == (
        f"Welke naam mag ik doorgeven? Typ \u201cik doe mee {marieke}\u201d en dan je naam. "
        f"Bijvoorbeeld: ik doe mee {marieke} Anna"
    )
    town.say("piet", f"Ik doe mee {marieke} Piet de Boer")
    assert list(town.choices("piet")) == ["Alleen mijn naam: Piet de Boer", "Stop, niet vragen"]
    before = len(town.inbox("marieke"))
    assert press(town, "piet", "Alleen mijn naam")
    [question] = town.inbox("marieke")[before:]
    assert question.startswith(
        "Iemand wil graag meedoen met je idee \u201cSpeeltuin opknappen\u201d."
    )
    assert "Piet" not in question

    assert press(town, "marieke", "Ja, met mijn naam en m.smit@example.org")

    assert town.last("piet").splitlines() == [
        "Goed nieuws! Je doet nu mee met \u201cSpeeltuin opknappen\u201d. Je krijgt vanaf nu "
        "ook het nieuws erover. De initiatiefnemer is Marieke Smit.",
        "Je kunt Marieke Smit bereiken via m.smit@example.org.",
    ]
    assert town.last("marieke").startswith(
        "Piet de Boer doet nu mee met je idee \u201cSpeeltuin opknappen\u201d"
    )
    assert ("joined", "resident", {}) in town.trail(marieke)
    # The initiative's news reaches him too.
    team = town.initiative(marieke).team
    assert town.say("bram", f"oppakken {marieke}", chat=f"team-{team}")
    assert town.last("piet") == town.last("marieke")
    assert "Bram" in town.last("piet")
    # Of a close he hears the outcome; the contact's words are for her alone.
    town.say(
        "bram",
        f"sluiten {marieke} klaar Marieke, het geld staat op je rekening.",
        chat=f"team-{team}",
    )
    assert town.last("piet") == (
        f"Het initiatief {marieke} waar je aan meedoet, is afgesloten: het is gelukt."
    )
    assert "rekening" in town.last("marieke")


def test_nobody_answers_for_someone_else_nor_asks_about_their_own_idea(town: Town) -> None:
    marieke, youssef = asked_to_meet(town)
    question_key = town.choices("marieke")["Ja, alleen mijn naam"]

    assert not town.say("youssef", "", payload=question_key)  # a forged press
    assert not town.say("kees", "", payload=question_key)

    assert town.last("youssef").startswith("Deze vraag is voorbij.")
    town.say("marieke", f"kennismaken {marieke}")
    assert town.last("marieke") == f"{marieke} is je eigen idee."
    town.say("kees", "kennismaken 2026-0999")
    assert town.last("kees").startswith("Ik kan geen lopend idee vinden met nummer 2026-0999.")
    town.say("kees", f"kennismaken {youssef}")
    assert town.last("kees").startswith("Om kennis te maken, stel ik ook jouw eigen idee voor.")
    assert {kind for kind, _a, _d in town.trail(marieke)}.isdisjoint({"introduced", "joined"})


def test_forgetting_one_side_takes_their_name_out_of_the_others_chat(town: Town) -> None:
    marieke, _youssef = asked_to_meet(town)
    press(town, "marieke", "Ja, met mijn naam en m.smit@example.org")
    town.say("piet", f"ik doe mee {marieke} Piet de Boer")
    press(town, "piet", "Alleen mijn naam")
    press(town, "marieke", "Ja, met mijn naam en m.smit@example.org")
    assert any("Youssef El Amrani" in text for text in town.inbox("marieke"))

    town.say("youssef", "vergeet mij")
    town.say("youssef", "ja")

    for text in town.inbox("marieke"):
        assert "Youssef" not in text
        assert "y.elamrani@example.org" not in text
    assert any("Piet de Boer" in text for text in town.inbox("marieke"))  # not his to take

    town.say("marieke", "vergeet mij")
    town.say("marieke", "ja")

    for text in town.inbox("piet"):
        assert "Marieke" not in text
        assert "m.smit@example.org" not in text


def test_forgetting_either_side_takes_the_wishes_away(town: Town) -> None:
    marieke, _youssef = asked_to_meet(town)
    town.say("piet", f"ik doe mee {marieke} Piet")
    press(town, "piet", "Alleen mijn naam")
    assert wishes(town) == 2

    town.say("youssef", "vergeet mij")
    town.say("youssef", "ja")
    assert wishes(town) == 1

    town.say("marieke", "vergeet mij")
    town.say("marieke", "ja")
    assert wishes(town) == 0


def test_one_person_asks_at_most_six_initiators_in_14_days(town: Town, clock: Clock) -> None:
    ideas = [
        hand_in(town, f"r{number}", (f"Bankje {number}", "Een bankje."), MARIEKE, "Ouddorp")
        for number in range(7)
    ]
    for reference in ideas[:6]:
        town.say("kees", f"ik doe mee {reference} Kees")
        assert press(town, "kees", "Alleen mijn naam")
    asked = len(town.inbox("r6"))

    town.say("kees", f"ik doe mee {ideas[6]} Kees")

    assert town.last("kees").startswith(
        "Je hebt de afgelopen 14 dagen al 6 initiatiefnemers iets gevraagd."
    )
    assert len(town.inbox("r6")) == asked
    clock.now += timedelta(days=14, minutes=1)
    town.say("kees", f"ik doe mee {ideas[6]} Kees")
    assert press(town, "kees", "Alleen mijn naam")
    assert len(town.inbox("r6")) == asked + 1
