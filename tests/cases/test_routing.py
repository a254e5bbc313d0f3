"""Routing tables: first match wins, empty lists match anything, else the fallback."""

from pathlib import Path

import pytest

from bot.cases.routing import Decision, route
from bot.config.settings import Config, Route
from tests.configs import problems
from tests.conftest import EXAMPLE_CONFIG

pytestmark = pytest.mark.pure

EXAMPLE = EXAMPLE_CONFIG.read_text(encoding="utf-8")


def with_routes(config: Config, *routes: Route) -> Config:
    return config.model_copy(update={"routes": list(routes)})


def test_the_example_routes_every_kern_by_area(config: Config) -> None:
    for area in config.areas:
        assert route(config, area.key, "groen").route is not None, area.key


def test_the_first_matching_route_wins(config: Config) -> None:
    assert route(config, "ouddorp", "duurzaamheid") == Decision("duurzaam", 1)
    assert route(config, "ouddorp", "groen") == Decision("west", 2)
    assert route(config, "den-bommel", "zorg") == Decision("oost", 4)


def test_an_empty_list_matches_any_area_or_theme(config: Config) -> None:
    routed = with_routes(
        config,
        Route(team="oost", areas=("ouddorp",), themes=("wonen",)),
        Route(team="midden", themes=("wonen",)),
        Route(team="west", areas=("ouddorp",)),
    )
    assert route(routed, "ouddorp", "wonen") == Decision("oost", 1)
    assert route(routed, "melissant", "wonen") == Decision("midden", 2)
    assert route(routed, "ouddorp", "groen") == Decision("west", 3)


def test_without_a_matching_route_the_fallback_team_gets_it(config: Config) -> None:
    routed = with_routes(config, Route(team="west", areas=("ouddorp",)))
    assert route(routed, "melissant", "groen") == Decision("algemeen", None)
    assert route(with_routes(config), "ouddorp", "groen") == Decision("algemeen", None)


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            ('team = "west"\n\n[[routes]]', 'team = "noord"\n\n[[routes]]'),
            "routes[2].team: unknown team 'noord'",
        ),
        (
            ('areas = ["ouddorp", "goedereede"', 'areas = ["oudorp", "goedereede"'),
            "routes[2].areas[1]: unknown area 'oudorp'",
        ),
        (
            ('themes = ["duurzaamheid"]', 'themes = ["energie"]'),
            "routes[1].themes[1]: unknown theme 'energie'",
        ),
        (
            ('notify = ["console:team-oost"]', "notify = []"),
            "teams[3].notify: a team needs at least one chat",
        ),
        (('key = "midden"', 'key = "west"'), "teams[2].key: duplicate key 'west'"),
        (
            ('fallback_team = "algemeen"', 'fallback_team = "iedereen"'),
            "routing.fallback_team: unknown team 'iedereen'",
        ),
        (
            ('account = "console:anna"', 'account = "anna"'),
            "teams[1].members[1].account: String should match",
        ),
        (
            ('notify = ["console:team-west"]', 'notify = ["whatsapp:team-west"]'),
            "teams[1].notify[1]: String should match",
        ),
    ],
)
def test_check_config_refuses_routing_that_cannot_work(
    tmp_path: Path, change: tuple[str, str], expected: str
) -> None:

    text = EXAMPLE.replace(*change, 1)
    assert text != EXAMPLE
    found = problems(tmp_path, text)
    assert any(problem.startswith(expected) for problem in found), found


def test_a_routing_problem_names_its_line(tmp_path: Path) -> None:
    text = EXAMPLE.replace('themes = ["duurzaamheid"]', 'themes = ["energie"]')
    [problem] = problems(tmp_path, text)
    line = next(n for n, row in enumerate(text.splitlines(), 1) if '"energie"]' in row)
    assert problem.endswith(f"(line {line})")
