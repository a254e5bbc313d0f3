"""Areas name their neighbours (similar initiatives are looked for there too): both
ways from one side, and only areas that exist, never themselves."""

from pathlib import Path

import pytest

from bot.config.settings import load_config
from tests.configs import problems, set_key
from tests.conftest import EXAMPLE_CONFIG

pytestmark = pytest.mark.pure

EXAMPLE = EXAMPLE_CONFIG.read_text(encoding="utf-8")
OUDDORP = 'neighbours = ["goedereede"]'


def test_a_neighbour_named_on_one_side_is_a_neighbour_of_both() -> None:
    config = load_config(EXAMPLE_CONFIG)

    assert config.near("ouddorp") == ("ouddorp", "goedereede")
    assert config.near("goedereede") == ("goedereede", "ouddorp", "stellendam")
    assert config.near("somewhere-removed") == ("somewhere-removed",)


def test_an_unknown_neighbour_is_named_with_its_key(tmp_path: Path) -> None:
    assert OUDDORP in EXAMPLE
    text = EXAMPLE.replace(OUDDORP, 'neighbours = ["goedereede", "goederede"]')

    [problem] = problems(tmp_path, text)

    assert problem.startswith("areas[1].neighbours[2]: no area has the key 'goederede'")


def test_an_area_is_no_neighbour_of_itself(tmp_path: Path) -> None:
    [problem] = problems(tmp_path, EXAMPLE.replace(OUDDORP, 'neighbours = ["ouddorp"]'))

    assert problem.startswith("areas[1].neighbours[1]: an area is no neighbour of itself")


@pytest.mark.parametrize("months", ["-1", "13", '"6 months"'])
def test_finished_within_months_is_a_number_of_months_up_to_a_year(
    tmp_path: Path, months: str
) -> None:
    text = set_key(EXAMPLE, "[similar]", "finished_within_months", months)

    [problem] = problems(tmp_path, text)

    assert problem.startswith("similar.finished_within_months: ")
