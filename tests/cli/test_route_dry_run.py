"""`initiatiefbot route`: an administrator tests the routing without submitting anything."""

import io

import pytest

from bot.cli import admin
from bot.config.settings import Config, Route

pytestmark = pytest.mark.pure


def dry_run(config: Config, area: str, theme: str) -> str:
    out = io.StringIO()
    admin.dry_run_route(config, area, theme, out)
    return out.getvalue()


def test_names_keys_aliases_and_postcodes_are_understood(config: Config) -> None:
    expected = (
        "team: Kernteam West (west)\n"
        "rule: route 2 (areas: ouddorp, goedereede, stellendam; themes: any)\n"
    )
    assert dry_run(config, "Ouddorp", "groen en natuur") == expected
    assert dry_run(config, "havenhoofd", "natuur") == expected
    assert dry_run(config, "3253", "Green spaces and nature") == expected


def test_the_rule_that_matched_is_shown(config: Config) -> None:
    assert dry_run(config, "Dirksland", "Duurzaamheid") == (
        "team: Duurzaamheidsloket (duurzaam)\nrule: route 1 (areas: any; themes: duurzaamheid)\n"
    )


def test_the_fallback_is_named(config: Config) -> None:
    only_west = config.model_copy(update={"routes": [Route(team="west", areas=("ouddorp",))]})
    assert dry_run(only_west, "Melissant", "wonen") == (
        "team: Team Bewonersinitiatieven (algemeen)\n"
        "rule: no route matched, so the fallback team ([routing] fallback_team)\n"
    )


@pytest.mark.parametrize(("area", "theme"), [("Rotterdam", "groen"), ("Ouddorp", "vliegen")])
def test_an_unknown_name_is_an_error_listing_the_known_ones(
    config: Config, area: str, theme: str
) -> None:

    with pytest.raises(admin.AdminError, match="known: "):
        dry_run(config, area, theme)
