"""Return-day commands, audiences, RSVP buttons and reminder times, as pure functions."""

from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.cases.texts import contact_help
from bot.cases.timerules import time_rules
from bot.config.settings import Config, ConfigError, Span, load_config
from bot.returndays.commands import (
    Audience,
    Do,
    ReturnDayCommand,
    Rsvp,
    Unusable,
    parse_audience,
    parse_command,
    parse_rsvp,
    reminder_times,
)
from tests.configs import example

pytestmark = pytest.mark.pure

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
WHEN = datetime(2027, 1, 20, 19, 30)  # noqa: DTZ001 - commands carry local wall-clock times


@pytest.mark.parametrize(
    ("text", "command"),
    [
        ("terugkomdag", ReturnDayCommand(Do.LIST)),
        ("/returnday", ReturnDayCommand(Do.LIST)),
        ("terugkomdag 7", ReturnDayCommand(Do.SHOW, 7)),
        ("terugkomdag 7 annuleer", ReturnDayCommand(Do.CANCEL, 7)),
        ("returnday 7 cancel", ReturnDayCommand(Do.CANCEL, 7)),
        (
            "terugkomdag 7 verzet 20-01-2027 19.30",
            ReturnDayCommand(Do.MOVE, 7, WHEN),
        ),
        (
            "returnday 7 move 2027-01-20 19:30 Town hall",
            ReturnDayCommand(Do.MOVE, 7, WHEN, "Town hall"),
        ),
        (
            "terugkomdag 2027-01-20 19:30 Dorpshuis Ouddorp voor alle",
            ReturnDayCommand(Do.PLAN, 0, WHEN, "Dorpshuis Ouddorp", Audience("all")),
        ),
        (
            "returnday 20-01-2027 19:30 Room for four for area ouddorp, Stellendam",
            ReturnDayCommand(
                Do.PLAN, 0, WHEN, "Room for four", Audience("areas", ("ouddorp", "stellendam"))
            ),
        ),
        (
            "terugkomdag 2027-01-20 19:30 Diekhuus voor thema groen",
            ReturnDayCommand(Do.PLAN, 0, WHEN, "Diekhuus", Audience("themes", ("groen",))),
        ),
        (
            "terugkomdag 2027-01-20 19:30 Gemeentehuis voor team Kernteam West",
            ReturnDayCommand(Do.PLAN, 0, WHEN, "Gemeentehuis", Audience("team", ("west",))),
        ),
        (
            "terugkomdag 2027-01-20 19:30 Diekhuus voor deelnemers",
            ReturnDayCommand(Do.PLAN, 0, WHEN, "Diekhuus", Audience("named")),
        ),
        (
            "terugkomdag 2027-01-20 19:30 Diekhuus voor kern Ouddorp en volgers dorpsraad ouddorp",
            ReturnDayCommand(
                Do.PLAN,
                0,
                WHEN,
                "Diekhuus",
                Audience("areas", ("ouddorp",), ("Dorpsraad Ouddorp",)),
            ),
        ),
        (
            "returnday 2027-01-20 19:30 Town hall for followers Dorpsraad Ouddorp",
            ReturnDayCommand(
                Do.PLAN, 0, WHEN, "Town hall", Audience("named", (), ("Dorpsraad Ouddorp",))
            ),
        ),
        (
            "terugkomdag 7 deelnemer telegram:123456 Anna  de Vries",
            ReturnDayCommand(Do.ADD_PERSON, 7, account="telegram:123456", name="Anna de Vries"),
        ),
        (
            "terugkomdag 7 deelnemer @anna:example.org Anna",
            ReturnDayCommand(Do.ADD_PERSON, 7, account="matrix:@anna:example.org", name="Anna"),
        ),
        (
            "returnday 7 participant remove matrix:@anna:example.org",
            ReturnDayCommand(Do.REMOVE_PERSON, 7, account="matrix:@anna:example.org"),
        ),
        ("terugkomdag 7 deelnemer telegram:@anna Anna", Unusable("person")),  # a username
        ("terugkomdag 7 deelnemer anna Anna", Unusable("person")),  # which platform?
        ("terugkomdag 7 deelnemer weg telegram:123 Anna", Unusable("person")),
        ("terugkomdag 7 deelnemer telegram:123 " + "Anna " * 30, Unusable("person")),
        ("terugkomdag 7 aanmelden", ReturnDayCommand(Do.SIGNUP, 7)),
        ("terugkomdag 7 aanmelden dicht", ReturnDayCommand(Do.CLOSE_SIGNUP, 7)),
        ("returnday 7 signup close", ReturnDayCommand(Do.CLOSE_SIGNUP, 7)),
        ("terugkomdag 7 aanmelden morgen", Unusable("number")),
        ("terugkomdag 7 plaatsen 25", ReturnDayCommand(Do.CAPACITY, 7, capacity=25)),
        ("returnday 7 places none", ReturnDayCommand(Do.CAPACITY, 7, capacity=None)),
        ("terugkomdag 7 plaatsen 0", Unusable("capacity")),
        ("terugkomdag 7 plaatsen 20000", Unusable("capacity")),
        ("terugkomdag 7 plaatsen veel", Unusable("capacity")),
        (
            "terugkomdag 2027-01-20 19:30 Diekhuus voor kern Ouddorp en team west",
            Unusable("audience"),  # one kind of audience, besides followers
        ),
        ("terugkomdag 2027-01-20 19:30 Diekhuus voor volgers Atlantis", Unusable("audience")),
        (
            "terugkomdag 2027-01-20 19:30 Diekhuus voor deelnemers en volgers van kern Ouddorp",
            ReturnDayCommand(
                Do.PLAN, 0, WHEN, "Diekhuus", Audience("named", (), ("Dorpsraad Ouddorp",))
            ),
        ),
        (  # nobody follows Stellendam
            "terugkomdag 2027-01-20 19:30 Diekhuus voor volgers van kern Stellendam",
            Unusable("audience"),
        ),
        ("terugkomdag morgen", Unusable("when")),
        ("terugkomdag 2027-02-30 19:30 Diekhuus voor alle", Unusable("when")),
        ("terugkomdag 2027-01-20 19:30 voor alle", Unusable("when")),  # no place
        ("terugkomdag 2027-01-20 19:30 Diekhuus", Unusable("audience")),
        ("terugkomdag 2027-01-20 19:30 Diekhuus voor kern Atlantis", Unusable("audience")),
        ("terugkomdag 2027-01-20 19:30 Diekhuus voor team west, oost", Unusable("audience")),
        ("terugkomdag 7 verzet morgen", Unusable("when")),
        ("terugkomdag 7 iets", Unusable("number")),
        ("terugkomdag 2027-01-20 19:30 " + "Zaal " * 41 + "voor alle", Unusable("place")),
        ("terugkomdag 7 verzet 2027-01-20 19:30 " + "x" * 201, Unusable("place")),
        ("terugkomdag 99999999999999999999", Unusable("when")),  # no number a day can have
        ("terugkomdag \u00b2", Unusable("when")),  # a digit to Python, not to us
        ("terugkomdagen", None),
        ("wanneer is de terugkomdag?", None),
    ],
)
def test_commands(config: Config, text: str, command: ReturnDayCommand | Unusable | None) -> None:
    assert parse_command(text, config) == command


def test_audiences_match_names_with_typos(config: Config) -> None:
    assert parse_audience("kern Oudorp", config) == Audience("areas", ("ouddorp",))
    assert parse_audience("iedereen", config) == Audience("all")
    assert parse_audience("kern", config) is None


def test_a_place_named_with_en_stays_whole(config: Config) -> None:
    """ "en" splits an audience only before a kind's word."""
    areas = config.model_copy(
        update={
            "areas": [
                *config.areas,
                config.areas[0].model_copy(
                    update={"key": "gh", "name": "Goedereede en Havenhoofd", "aliases": ()}
                ),
            ]
        }
    )
    assert parse_audience("kern Goedereede en Havenhoofd", areas) == Audience("areas", ("gh",))


@pytest.mark.parametrize(
    ("payload", "rsvp"),
    [
        ("rsvp:7:yes", Rsvp(7, "yes")),
        ("rsvp:7:maybe", Rsvp(7, "maybe")),
        ("rsvp:7:perhaps", None),
        ("rsvp:x:yes", None),
        ("rsvp:7", None),
        ("rsvp:99999999999999999999:yes", None),
        ("rsvp:\u00b2:yes", None),
        ("rsvp:-1:yes", None),
        ("claim:2026-0001", None),
    ],
)
def test_rsvp_buttons_are_read_strictly(payload: str, rsvp: Rsvp | None) -> None:
    assert parse_rsvp(payload) == rsvp


def test_reminders_keep_the_local_hour_and_avoid_quiet_hours(config: Config) -> None:
    rules = time_rules(config)
    week, day = Span(7, "days"), Span(1, "days")
    evening = datetime(2027, 4, 1, 19, 30, tzinfo=AMSTERDAM)  # summer time since 28 March
    [(_, first), (_, second)] = reminder_times(evening, [week, day], rules)
    assert first == datetime(2027, 3, 25, 19, 30, tzinfo=AMSTERDAM)  # still winter time then
    assert second == datetime(2027, 3, 31, 19, 30, tzinfo=AMSTERDAM)
    early = datetime(2027, 4, 1, 7, 30, tzinfo=AMSTERDAM)
    [(_, before_breakfast)] = reminder_times(early, [day], rules)
    assert before_breakfast == datetime(2027, 3, 31, 8, 0, tzinfo=AMSTERDAM)


@pytest.mark.parametrize(
    "text",
    [
        "terugkomdag 2027-01-20 19:30 Diekhuis voor alle\ndoel: Samen terugkijken.\n"
        "programma:\n19.30 inloop\n  20.00 terugblik  \n",
        "terugkomdag 2027-01-20 19:30 Diekhuis voor alle doel: Samen terugkijken. "
        "Programma: 19.30 inloop\n20.00 terugblik",
        "returnday 2027-01-20 19:30 Diekhuis for all\nPurpose:Samen terugkijken.\n"
        "program: 19.30 inloop\n\n20.00 terugblik",
    ],
)
def test_a_plan_with_a_purpose_and_a_programme(config: Config, text: str) -> None:
    assert parse_command(text, config) == ReturnDayCommand(
        Do.PLAN,
        0,
        WHEN,
        "Diekhuis",
        Audience("all"),
        purpose="Samen terugkijken.",
        programme="19.30 inloop\n20.00 terugblik",
    )


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("terugkomdag 2027-01-20 19:30 Diekhuis voor alle\ndoel: " + "x" * 1001, "text"),
        ("terugkomdag 7 doel: Samen terugkijken.", "number"),
        ("terugkomdag doel: Samen terugkijken.", "when"),
        ("terugkomdag 2027-01-20 19:30 Diekhuis voor alle\nSamen terugkijken.", "audience"),
    ],
)
def test_texts_in_the_wrong_place_or_too_long(config: Config, text: str, why: str) -> None:
    assert parse_command(text, config) == Unusable(why)


def test_a_return_day_naming_unknown_areas_or_several_audiences_does_not_load(
    tmp_path: Path,
) -> None:
    text = example().replace(
        'areas = []\nthemes = []\nteam = ""', 'areas = ["atlantis"]\nteam = "west"'
    )
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as raised:
        load_config(path)
    problems = str(raised.value)
    assert "return_days[1]: invite by areas, by themes or a team, not several at once" in problems
    assert "return_days[1].areas[1]: unknown area 'atlantis'" in problems


@pytest.mark.parametrize("locale", ["nl", "en"])
def test_the_contacts_help_shows_a_return_day_command_that_works(
    config: Config, locale: str
) -> None:
    """Its example date lies six weeks ahead of the day the help is asked: copied as it
    stands, it is never refused as in the past."""
    line = contact_help(locale, coordinator=False, today=date(2027, 3, 1)).splitlines()[-1]
    example = line.split("\u201c")[1].split("\u201d")[0]  # the first quoted example
    assert example.startswith(("terugkomdag ", "returnday "))
    in_six_weeks = datetime(2027, 4, 12, 19, 30)  # noqa: DTZ001 - local wall-clock time
    assert parse_command(
        example.replace("place", "Diekhuus").replace("plaats", "Diekhuus"), config
    ) == (ReturnDayCommand(Do.PLAN, 0, in_six_weeks, "Diekhuus", Audience("all")))


def test_a_return_day_naming_unknown_followers_or_a_person_twice_does_not_load(
    tmp_path: Path,
) -> None:
    anna = '{ account = "console:anna", name = "Anna" }'
    text = example().replace(
        'followers = ["Dorpsraad Ouddorp"]',
        f'followers = ["Atlantis"]\nparticipants = [{anna}, {anna}]',
    )
    path = tmp_path / "config.toml"
    path.write_text(text.replace("capacity = 60", "capacity = 0"), encoding="utf-8")
    with pytest.raises(ConfigError) as raised:
        load_config(path)
    assert "return_days[1].capacity: Input should be greater than or equal to 1" in str(
        raised.value
    )
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as raised:
        load_config(path)
    problems = str(raised.value)
    assert "return_days[1].followers[1]: no [[followers]] named 'Atlantis'" in problems
    assert "return_days[1].participants[2]: 'console:anna' is listed twice" in problems


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (
            'participants = [{ account = "telegram:@anna", name = "Anna" }]',
            "return_days[1].participants[1].account: a Telegram account is a number",
        ),
        (
            'all_initiators = false\nteam = "west"',
            "return_days[1].all_initiators: false says no initiators, but areas, themes or "
            "team name some",
        ),
        (
            "all_initiators = false\nsignup = false",
            "return_days[1].all_initiators: with false, the day invites nobody",
        ),
    ],
)
def test_a_return_day_that_cannot_reach_whom_it_names_does_not_load(
    tmp_path: Path, change: str, problem: str
) -> None:
    day = '[[return_days]]\nkey = "los"\nat = 2027-03-11T19:30:00\nplace = "Diekhuus"\n'
    path = tmp_path / "config.toml"
    text = example()
    at = text.index("\n[routing]\n") + 1
    path.write_text(text[:at] + day + change + "\n\n" + text[at:], encoding="utf-8")
    with pytest.raises(ConfigError) as raised:
        load_config(path)
    assert problem.replace("[1]", "[3]", 1) in str(raised.value)
