"""Examples to learn from, through the inbox on SQLite and PostgreSQL: a contact marks
an initiative done, its initiator says yes or no, and residents list them (all, of a
village, of a theme) or are offered them when they ask for help in the intake. Nothing
but title, village, theme and the contact's story reaches another resident."""

from bot.messages import OPENED
from tests.intake.chatting import DUTCH_INTAKE
from tests.town import Town

STORY = "Met de buren een bankje gebouwd en geplaatst. Het hout kwam van de houthandel."
TEAM = "team-midden"


def done_in_middelharnis(town: Town, resident: str, title: str = "Bankje bij de haven") -> str:
    """A resident's initiative in Middelharnis (Kernteam Midden), taken up by Bram and
    closed as done."""
    answers = [*DUTCH_INTAKE]
    answers[1] = title
    answers[3:5] = ["Middelharnis", "cultuur-sport"]
    for text in ["nieuw", *answers, "ja"]:
        town.say(resident, text)
    [notice] = [text for text in town.inbox(TEAM) if title in text][-1:]
    reference = notice.split()[2].rstrip(":")
    assert town.say("bram", f"oppakken {reference}", chat=TEAM)
    assert town.say("bram", f"sluiten {reference} klaar Mooi gedaan!", chat=TEAM)
    return reference


def shown_as_example(town: Town, resident: str, title: str = "Bankje bij de haven") -> str:
    reference = done_in_middelharnis(town, resident, title)
    assert town.say("bram", f"voorbeeld {reference} {STORY}", chat=TEAM)
    assert town.say(resident, "", payload=town.choices(resident)["Ja, dat is goed"])
    return reference


def test_a_close_as_done_says_how_to_mark_it(town: Town) -> None:
    reference = done_in_middelharnis(town, "els")
    assert f"voorbeeld {reference} een kort verhaal" in town.last(TEAM)


def test_the_initiator_sees_what_would_be_shown_and_says_yes(town: Town) -> None:
    reference = done_in_middelharnis(town, "els")
    closed_at = town.initiative(reference).updated_at

    assert town.say("bram", f"voorbeeld {reference} {STORY}", chat=TEAM)

    assert town.last(TEAM).startswith(f"Ik heb de initiatiefnemer van {reference} gevraagd")
    question = town.last("els")
    assert question.splitlines() == [
        "Je idee is klaar. Goed gedaan! Andere inwoners kunnen ervan leren. Mogen we het als "
        "voorbeeld laten zien? Ze zien alleen dit, zonder naam of gegevens:",
        f"\u2022 \u201cBankje bij de haven\u201d in Middelharnis (Cultuur en sport): {STORY}",
    ]
    town.say("kees", "voorbeelden")
    assert town.last("kees") == "Er zijn nog geen voorbeelden."  # not before her yes

    assert town.say("els", "", payload=town.choices("els")["Ja, dat is goed"])

    assert town.last("els") == "Dank je! Je idee staat nu bij de voorbeelden."
    assert town.last("bram") == (
        f"De initiatiefnemer van {reference} vindt het goed. Het staat nu bij de voorbeelden."
    )
    town.say("kees", "voorbeelden")
    listed = town.last("kees")
    assert listed.splitlines()[1] == (
        f"\u2022 \u201cBankje bij de haven\u201d in Middelharnis (Cultuur en sport): {STORY}"
    )
    for personal in ("Anna de Vries", "06", "12345678", reference):
        assert personal not in listed
    kinds = [kind for kind, _actor, _data in town.trail(reference)]
    assert kinds[-2:] == ["example_asked", "example_answered"]
    # Her closed initiative's last change stays the close: its retention clock runs on.
    assert town.initiative(reference).updated_at == closed_at


def test_a_no_keeps_it_out_of_the_list(town: Town) -> None:
    reference = done_in_middelharnis(town, "els")
    town.say("bram", f"voorbeeld {reference} {STORY}", chat=TEAM)

    assert town.say("els", "", payload=town.choices("els")["Nee, liever niet"])

    assert town.last("els") == "Goed, we laten het niet zien."
    asked = len(town.inbox("els"))
    assert not town.say("bram", f"voorbeeld {reference} Een ander verhaal.", chat=TEAM)
    assert town.last(TEAM).startswith(f"De initiatiefnemer van {reference} wil het liever niet")
    assert len(town.inbox("els")) == asked  # not asked again
    assert "liever niet als voorbeeld" in town.last("bram")
    town.say("kees", "voorbeelden")
    assert town.last("kees") == "Er zijn nog geen voorbeelden."
    # A second press changes nothing.
    assert not town.say("els", "", payload=town.choices("els")["Ja, dat is goed"])
    town.say("kees", "voorbeelden")
    assert town.last("kees") == "Er zijn nog geen voorbeelden."


def test_listing_by_village_or_theme(town: Town) -> None:
    shown_as_example(town, "els")

    town.say("kees", "voorbeelden middelharnis")
    assert town.last("kees").startswith("Ideeën voor Middelharnis die klaar zijn")
    town.say("kees", "voorbeelden sport")
    assert "Bankje bij de haven" in town.last("kees")
    town.say("kees", "voorbeelden Ouddorp")
    assert town.last("kees") == "Er zijn nog geen voorbeelden voor Ouddorp."
    town.say("kees", "voorbeelden verkeer")
    assert town.last("kees").startswith("Er zijn nog geen voorbeelden voor Verkeer")
    # Words after it that name no place or theme are no request for the list.
    town.say("kees", "voorbeelden xyzzy")
    assert "voorbeelden" not in town.last("kees").lower()


def test_a_message_that_begins_with_the_word_still_reaches_the_team(town: Town) -> None:
    shown_as_example(town, "els")
    town.say("els", "nieuw")
    answers = [*DUTCH_INTAKE]
    answers[3:5] = ["Middelharnis", "cultuur-sport"]
    for text in [*answers, "ja"]:
        town.say("els", text)
    before = len(town.inbox(TEAM))

    town.say("els", "Voorbeelden zag ik al in Ouddorp, daar staan er drie.")

    assert "Voorbeelden zag ik al in Ouddorp" in "\n".join(town.inbox(TEAM)[before:])


def test_only_a_done_initiative_of_ones_team_with_a_reachable_initiator(town: Town) -> None:
    answers = [*DUTCH_INTAKE]
    answers[3:5] = ["Middelharnis", "cultuur-sport"]
    for text in ["nieuw", *answers, "ja"]:
        town.say("piet", text)
    reference = town.inbox(TEAM)[-1].split()[2].rstrip(":")

    assert not town.say("bram", f"voorbeeld {reference} {STORY}", chat=TEAM)
    assert town.last(TEAM) == (
        "Alleen een initiatief dat als klaar is gesloten, kan een voorbeeld zijn."
    )
    assert not town.say("anna", f"voorbeeld {reference} {STORY}", chat="team-west")
    assert not town.say("bram", f"voorbeeld {reference} {'x' * 301}", chat=TEAM)
    assert "hooguit 300 tekens" in town.last(TEAM)


def test_a_story_that_names_the_initiator_or_a_number_is_refused(town: Town) -> None:
    reference = done_in_middelharnis(town, "els")  # handed in as Anna de Vries
    asked = len(town.inbox("els"))
    for story in (
        "Anna en haar buren bouwden het bankje.",
        "Bel 06-12345678 voor hulp.",
        "Met hulp van mevrouw Jansen van de overkant.",
    ):
        assert not town.say("bram", f"voorbeeld {reference} {story}", chat=TEAM)
        assert town.last(TEAM).startswith("Andere inwoners lezen dit verhaal.")
    assert len(town.inbox("els")) == asked  # she was not asked


def test_a_yes_under_an_older_question_does_not_approve_a_new_story(town: Town) -> None:
    reference = done_in_middelharnis(town, "els")
    town.say("bram", f"voorbeeld {reference} {STORY}", chat=TEAM)
    old_yes = town.choices("els")["Ja, dat is goed"]
    town.say("bram", f"voorbeeld {reference} Een heel ander verhaal.", chat=TEAM)

    assert not town.say("els", "", payload=old_yes)

    town.say("kees", "voorbeelden")
    assert town.last("kees") == "Er zijn nog geen voorbeelden."
    assert town.say("els", "", payload=town.choices("els")["Ja, dat is goed"])
    town.say("kees", "voorbeelden")
    assert "Een heel ander verhaal." in town.last("kees")


def test_nobody_else_answers_for_the_initiator(town: Town) -> None:
    reference = done_in_middelharnis(town, "els")
    town.say("bram", f"voorbeeld {reference} {STORY}", chat=TEAM)
    yes = town.choices("els")["Ja, dat is goed"]

    assert not town.say("kees", "", payload=yes)

    assert town.last("kees") == "Die vraag is niet meer open."
    town.say("kees", "voorbeelden")
    assert town.last("kees") == "Er zijn nog geen voorbeelden."


def test_the_intake_offers_examples_to_one_who_asks_for_help(town: Town) -> None:
    shown_as_example(town, "els")
    for text in ["nieuw", "ja", "Bankje bij de kerk", "Een bankje voor iedereen.", "3241"]:
        town.say("kees", text)
    before = len(town.inbox("kees"))

    town.say("kees", "help")

    offer, *rest = town.inbox("kees")[before:]
    assert offer.splitlines()[0] == "Ter inspiratie, ideeën van anderen die al klaar zijn:"
    assert "Bankje bij de haven" in offer
    assert rest[-1].startswith("Bij welk thema")  # and then the question again


def test_forgetting_the_initiator_takes_it_out(town: Town) -> None:
    shown_as_example(town, "els")
    town.say("els", "vergeet mij")
    town.say("els", "ja")
    town.say("kees", "voorbeelden")
    assert town.last("kees") == "Er zijn nog geen voorbeelden."


def test_a_chat_just_opened_lists_them_rather_than_taking_it_for_an_answer(
    town: Town,
) -> None:
    shown_as_example(town, "els")
    town.say("kees", "", payload=OPENED)  # the start opens an intake at its first question
    town.say("kees", "voorbeelden")
    assert town.last("kees").startswith("Ideeën die klaar zijn, om van te leren:")
    town.say("kees", "ja")  # and the intake is still there to answer
    assert town.last("kees").startswith("Wat is je idee?")
