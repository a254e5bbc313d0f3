"""Routing, notifications and what contacts do with them, on SQLite and PostgreSQL."""

from concurrent.futures import ThreadPoolExecutor

from bot.config.names import Names
from bot.inbox.service import Inbox
from bot.intake.state import Setting
from storage.db import Database
from tests.town import Clock, Town

PHONE_FORMS = ("06 12345678", "0612345678", "+31612345678", "06-12345678")


def test_a_new_initiative_reaches_its_teams_chat_without_contact_details(town: Town) -> None:
    reference = town.submit("bewoner")
    [notice] = town.inbox("team-west")
    assert f"Nieuw initiatief {reference}: \u201cBankje bij de haven\u201d" in notice
    assert "Kern: Ouddorp \u00b7 Thema: Groen en natuur" in notice
    assert "Hulp gevraagd: Advies, Vergunning" in notice
    assert "Waarom jullie team: kern Ouddorp, thema Groen en natuur, route 2" in notice
    assert "Anna de Vries" not in notice
    assert not any(form in notice for form in PHONE_FORMS)
    assert town.inbox("team-midden") == []
    assert town.initiative(reference).team == "west"
    assert town.trail(reference)[1][0] == "routed"
    assert town.initiative(reference).privacy_version == "2026-1"  # what was consented to


def test_the_theme_route_above_the_area_routes_wins(town: Town) -> None:
    reference = town.submit("bewoner", area="Ouddorp", theme="duurzaamheid")
    assert town.initiative(reference).team == "duurzaam"
    assert reference in town.last("duurzaamheidsloket")


def test_a_long_description_is_shortened_in_the_notification(town: Town) -> None:
    town.say("bewoner", "start")
    for text in ["ja", "Speeltuin", "x" * 1500]:
        town.say("bewoner", text)
    for text in ["1", "1", "overslaan", "Piet", "nee", "nee", "piet@example.nl", "ja"]:
        town.say("bewoner", text)
    notice = town.last("team-west")
    assert "x" * 399 + "\u2026" in notice  # description_preview_chars = 400
    assert "x" * 400 not in notice


def test_a_member_claims_by_button_and_everyone_hears_of_it(town: Town) -> None:
    reference = town.submit("bewoner")
    assert town.say("anna", "", chat="team-west", payload=f"claim:{reference}")

    initiative = town.initiative(reference)
    assert (initiative.status, initiative.claimed_by, initiative.claimed_by_name) == (
        "claimed",
        "console:anna",
        "Anna",
    )
    assert town.last("team-west") == f"Anna heeft {reference} opgepakt."
    private = town.last("anna")
    assert "Anna de Vries" in private
    assert "06 12345678" in private
    assert "Goed nieuws: Anna van Kernteam West" in town.last("bewoner")
    assert [kind for kind, _, _ in town.trail(reference)] == ["submitted", "routed", "claimed"]
    town.say("bewoner", "mijn")
    assert "een contactpersoon is ermee bezig" in town.last("bewoner")


def test_a_second_claim_is_told_who_has_it(town: Town) -> None:
    reference = town.submit("bewoner")
    town.say("anna", f"oppakken {reference}", chat="team-west")
    town.say("coordinator", f"oppakken {reference}")
    assert town.last("coordinator") == f"{reference} is al opgepakt door Anna."
    assert town.initiative(reference).claimed_by == "console:anna"


def test_two_contacts_claiming_at_once_one_wins(town: Town) -> None:
    references = [town.submit(f"bewoner{n}") for n in range(4)]

    def claim(who_and_reference: tuple[str, str]) -> bool:
        who, reference = who_and_reference
        return town.say(who, f"claim {reference}")

    attempts = [(who, ref) for ref in references for who in ("anna", "coordinator")]
    with ThreadPoolExecutor(max_workers=4) as pool:
        won = dict(zip(attempts, pool.map(claim, attempts), strict=True))
    for reference in references:
        assert [won[("anna", reference)], won[("coordinator", reference)]].count(True) == 1
        initiative = town.initiative(reference)
        assert initiative.status == "claimed"
        claims = [e for e in town.trail(reference) if e[0] == "claimed"]
        assert len(claims) == 1
        assert claims[0][1] == initiative.claimed_by
    refusals = [m for who in ("anna", "coordinator") for m in town.inbox(who) if "al opgepakt" in m]
    assert len(refusals) == len(references)


def test_another_team_is_refused_and_nothing_changes(town: Town) -> None:
    reference = town.submit("bewoner")
    town.say("bram", f"oppakken {reference}")
    assert town.last("bram") == (
        f"Alleen Kernteam West en de co\u00f6rdinatoren kunnen iets doen met {reference}."
    )
    town.say("bram", "", chat="team-midden", payload=f"claim:{reference}")
    assert "Alleen Kernteam West" in town.last("team-midden")
    assert town.initiative(reference).status == "submitted"
    assert len(town.trail(reference)) == 2


def test_someone_outside_every_team_is_refused_in_a_team_chat(town: Town) -> None:
    reference = town.submit("bewoner")
    town.say("indringer", f"oppakken {reference}", chat="team-west")
    assert (
        town.last("team-west")
        == "Alleen contactpersonen van een team en co\u00f6rdinatoren kunnen dat doen."
    )
    before = town.inbox("team-west")
    town.say("indringer", "gezellig hier", chat="team-west")
    town.say("anna", "goedemorgen allemaal", chat="team-west")
    assert town.inbox("team-west") == before  # the bot ignores chatter in a team chat
    assert town.initiative(reference).status == "submitted"


def test_a_resident_typing_a_contact_command_changes_nothing(town: Town) -> None:
    reference = town.submit("bewoner")
    town.say("bewoner", f"oppakken {reference}")
    assert town.initiative(reference).status == "submitted"
    # Nothing claimed: the words are passed on to the team like any other.
    assert town.last("bewoner") == f"Je bericht over {reference} is doorgegeven aan Kernteam West."


def test_forged_and_stale_buttons_change_nothing(town: Town) -> None:
    reference = town.submit("bewoner")
    town.say("anna", "", chat="team-west", payload="claim:2026-9999")
    assert town.last("team-west") == "Ik kan initiatief 2026-9999 niet vinden."
    town.say("anna", "", chat="team-west", payload="claim:../../etc")
    assert "bijvoorbeeld" in town.last("team-west")
    town.say("anna", "", chat="team-west", payload="close:" + reference)
    town.say("anna", f"sluiten {reference} klaar Gelukt", chat="team-west")
    town.say("anna", "", chat="team-west", payload=f"claim:{reference}")
    assert town.last("team-west") == f"{reference} is afgesloten; er is niets veranderd."
    assert town.initiative(reference).status == "done"


def test_release_lets_another_take_it_up(town: Town) -> None:
    reference = town.submit("bewoner")
    town.say("anna", f"claim {reference}")
    town.say("anna", f"release {reference}")
    assert "vrijgegeven" in town.last("team-west")
    assert town.initiative(reference).status == "submitted"
    town.say("coordinator", f"claim {reference}")
    assert town.initiative(reference).claimed_by_name == "Fleur"


def test_forwarding_tells_the_new_team_why_and_the_resident_where(town: Town) -> None:
    reference = town.submit("bewoner")
    town.say("anna", f"claim {reference}")
    town.say("anna", f"doorsturen {reference} oost Ligt net over de grens")

    initiative = town.initiative(reference)
    assert (initiative.team, initiative.status, initiative.claimed_by) == (
        "oost",
        "submitted",
        None,
    )
    notice = town.last("team-oost")
    assert notice.startswith(f"Doorgestuurd naar jullie team: {reference} \u201cBankje")
    assert "Anna (Kernteam West) stuurde het naar jullie team: Ligt net over de grens" in notice
    assert "Nieuw initiatief" not in notice
    assert "Waarom jullie team" not in notice
    assert town.last("team-west") == f"Anna heeft {reference} doorgestuurd naar Kernteam Oost."
    assert town.last("bewoner") == (
        f"Je initiatief {reference} past beter bij Kernteam Oost. Daarom kijkt Kernteam Oost "
        "er nu naar. Je hoeft niets te doen. Je hoort van ons als iemand het oppakt."
    )
    assert town.trail(reference)[-1] == (
        "forwarded",
        "console:anna",
        {"from": "west", "to": "oost", "reason": "Ligt net over de grens"},
    )
    town.say("anna", f"claim {reference}")
    assert "Alleen Kernteam Oost" in town.last("anna")


def test_forwarding_to_an_unknown_team_names_the_teams(town: Town) -> None:
    reference = town.submit("bewoner")
    town.say("anna", f"doorsturen {reference} noord reden")
    assert "Het team \u201cnoord\u201d ken ik niet. Teams: west (Kernteam West)" in town.last(
        "anna"
    )
    assert town.initiative(reference).team == "west"


def test_comment_and_close_with_a_message_for_the_resident(town: Town) -> None:
    reference = town.submit("bewoner")
    town.say("anna", f"notitie {reference} Gebeld met de haven")
    assert town.last("anna") == f"Notitie toegevoegd aan {reference}."
    town.say("anna", f"sluiten {reference} niet-haalbaar Er is geen plek op de kade.")
    assert town.initiative(reference).status == "not_feasible"
    assert town.last("bewoner") == (
        f"Je initiatief {reference} is afgesloten: het is niet haalbaar.\n"
        "Bericht van Anna: Er is geen plek op de kade."
    )
    kinds = [(kind, data) for kind, _, data in town.trail(reference)][2:]
    assert kinds == [
        ("commented", {"text": "Gebeld met de haven"}),
        ("closed", {"outcome": "not_feasible", "text": "Er is geen plek op de kade."}),
    ]


def test_contact_and_resident_write_to_each_other_through_the_bot(town: Town) -> None:
    reference = town.submit("bewoner")
    town.say("bewoner", "Is er al nieuws?")  # nobody took it up yet: the team reads it
    assert town.last("bewoner") == f"Je bericht over {reference} is doorgegeven aan Kernteam West."
    assert "Is er al nieuws?" in town.last("team-west")

    town.say("anna", f"claim {reference}")
    town.say("anna", f"antwoord {reference} Ik bel je morgen om tien uur.")
    assert town.last("bewoner") == (
        f"Bericht van Anna (Kernteam West) over je initiatief {reference}:\n"
        "Ik bel je morgen om tien uur.\nJe kunt hier gewoon terugschrijven."
    )
    town.say("bewoner", "Prima, tot morgen!")
    assert town.last("bewoner") == f"Je bericht over {reference} is doorgegeven aan Anna."
    assert "Prima, tot morgen!" in town.last("anna")
    relays = [(kind, data) for kind, _, data in town.trail(reference) if kind.startswith("relayed")]
    assert relays == [
        ("relayed_to_contact", {"text": "Is er al nieuws?", "to": "team:west"}),
        ("relayed_to_resident", {"text": "Ik bel je morgen om tien uur."}),
        ("relayed_to_contact", {"text": "Prima, tot morgen!", "to": "console:anna"}),
    ]


def test_open_lists_the_teams_initiatives_oldest_first_and_show_the_trail(town: Town) -> None:
    first = town.submit("bewoner1")
    second = town.submit("bewoner2", area="Stellendam")
    town.submit("bewoner3", area="Melissant")
    town.say("anna", f"claim {second}")
    town.say("anna", "open", chat="team-west")
    listing = town.last("team-west")
    assert listing.index(first) < listing.index(second)
    assert "opgepakt door Anna" in listing
    assert "Melissant" not in listing
    town.say("anna", f"toon {second}")
    shown = town.last("anna")
    assert "Status: opgepakt door Anna" in shown
    assert (
        "\u00b7 de bot: naar Kernteam West gestuurd: "
        "kern Stellendam, thema Groen en natuur, route 2" in shown
    )
    assert "\u00b7 Anna (Kernteam West): opgepakt" in shown
    assert "console:" not in shown
    assert not any(form in shown for form in PHONE_FORMS)


def test_a_coordinator_sees_every_open_initiative(town: Town) -> None:
    town.submit("bewoner1")
    town.submit("bewoner2", area="Melissant")
    town.say("coordinator", "open")
    listing = town.last("coordinator")
    assert "Ouddorp" in listing
    assert "Melissant" in listing


def test_a_team_that_speaks_english_is_notified_in_english(
    db: Database, names: Names, setting: Setting
) -> None:
    config = names.config
    teams = [
        t.model_copy(update={"language": "en"}) if t.key == "west" else t for t in config.teams
    ]
    english_west = Names(config.model_copy(update={"teams": teams}), names.flow)
    town = Town(db, Inbox(db, english_west, setting, Clock()))
    reference = town.submit("bewoner")
    notice = town.last("team-west")
    assert f"New initiative {reference}" in notice
    assert "Why your team: area Ouddorp, theme Green spaces and nature, route 2" in notice
    town.say("anna", f"claim {reference}", chat="team-west")
    assert town.last("team-west") == f"Anna has taken up {reference}."
    assert "Goed nieuws" in town.last("bewoner")  # the resident keeps their own language
