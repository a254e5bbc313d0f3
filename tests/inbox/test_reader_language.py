"""Each message in its reader's language: a resident who switches language after
handing in hears from then on in the new one; the contact keeps their own."""

from tests.town import Town


def test_a_resident_who_switches_to_english_hears_in_english_from_then_on(town: Town) -> None:
    reference = town.submit("bewoner")
    assert town.initiative(reference).locale == "nl"

    town.say("bewoner", "language")
    assert town.initiative(reference).locale == "en"

    town.say("anna", f"oppakken {reference}", chat="team-west")
    told = town.last("bewoner")
    assert "Anna" in told
    assert "is taking up your initiative" in told
    assert "opgepakt" not in told
    assert "opgepakt" in town.last("team-west")  # the team's chat stays Dutch


def test_switching_back_follows_too(town: Town) -> None:
    reference = town.submit("bewoner")
    town.say("bewoner", "language")
    assert town.initiative(reference).locale == "en"
    town.say("bewoner", "taal")
    assert town.initiative(reference).locale == "nl"
