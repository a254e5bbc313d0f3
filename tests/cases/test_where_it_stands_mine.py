"""`mijn`, typed by the resident, shows where each initiative stands (issue 20, point 2):
through the real inbox, on SQLite and PostgreSQL."""

from tests.town import Town


def test_mine_names_the_team_the_contact_and_the_promised_day(town: Town) -> None:
    reference = town.submit("bewoner")
    assert town.say("bewoner", "mijn")
    waiting = town.last("bewoner")
    assert reference in waiting
    assert "Kernteam West" in waiting  # nobody yet: the team looks at it
    assert "maandag 30 november" in waiting  # five working days after handing in

    assert town.say("anna", f"oppakken {reference}", chat="team-west")
    assert town.say("bewoner", "mijn")
    taken_up = town.last("bewoner")
    assert "Anna" in taken_up
    assert "maandag 30 november" not in taken_up  # kept: nothing more to promise
