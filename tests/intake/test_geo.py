"""Which area a shared location lies in: the polygon first, else the nearest centre in reach."""

import pytest
from pydantic import ValidationError

from bot.config.settings import Area, Config, Point
from bot.intake.geo import area_at, distance_km
from bot.messages import Location

pytestmark = pytest.mark.pure

RADIUS_KM = 5.0
AMSTERDAM = Location(52.37, 4.89)


def centre_of(config: Config, key: str) -> Point:
    [area] = [area for area in config.areas if area.key == key]
    assert area.centre is not None
    return area.centre


def test_a_point_in_the_ouddorp_outline_is_ouddorp_though_goedereede_is_nearer(
    config: Config,
) -> None:
    # The east edge of the Ouddorp sketch: nearer to Goedereede's centre than to Ouddorp's.
    point = (51.818, 3.958)
    assert distance_km(point, centre_of(config, "goedereede")) < distance_km(
        point, centre_of(config, "ouddorp")
    )
    assert area_at(config.areas, Location(*point), RADIUS_KM) == "ouddorp"


def test_the_polygon_wins_over_a_nearer_centre_whatever_the_order() -> None:
    outline = Area(
        key="binnen",
        name="Binnen",
        centre=(52.5, 4.5),  # far away: only the outline can find this area
        polygon=((52.0, 4.0), (52.1, 4.0), (52.1, 4.1), (52.0, 4.1)),
    )
    neighbour = Area(key="buur", name="Buur", centre=(52.05, 4.099))
    where = Location(52.05, 4.098)
    assert area_at([neighbour, outline], where, RADIUS_KM) == "binnen"
    assert area_at([outline, neighbour], where, RADIUS_KM) == "binnen"
    # Just outside the outline the nearest centre counts again.
    assert area_at([outline, neighbour], Location(52.05, 4.101), RADIUS_KM) == "buur"


def test_a_point_near_middelharnis_is_middelharnis(config: Config) -> None:
    # Sommelsdijk's centre is only 1 km west: the nearer centre must win.
    assert area_at(config.areas, Location(51.757, 4.168), RADIUS_KM) == "middelharnis"
    assert area_at(config.areas, Location(51.758, 4.148), RADIUS_KM) == "sommelsdijk"


def test_a_point_far_away_is_in_no_area(config: Config) -> None:
    assert area_at(config.areas, AMSTERDAM, RADIUS_KM) is None
    assert area_at(config.areas, AMSTERDAM, 50.0) is None
    # Stad aan 't Haringvliet is the nearest centre, some 80 km away.
    assert area_at(config.areas, AMSTERDAM, 100.0) == "stad-aan-t-haringvliet"


def test_the_radius_is_respected() -> None:
    village = Area(key="dorp", name="Dorp", centre=(51.0, 4.0))
    four_km_north = Location(51.0 + 4.0 / 111.195, 4.0)
    assert distance_km((51.0, 4.0), (four_km_north.latitude, 4.0)) == pytest.approx(4.0, abs=0.01)
    assert area_at([village], four_km_north, 5.0) == "dorp"
    assert area_at([village], four_km_north, 4.1) == "dorp"
    assert area_at([village], four_km_north, 3.9) is None


def test_areas_without_centre_or_outline_are_never_found() -> None:
    assert area_at([Area(key="leeg", name="Leeg")], Location(51.0, 4.0), 100.0) is None
    assert area_at([], Location(51.0, 4.0), 100.0) is None


def test_distance_between_ouddorp_and_middelharnis(config: Config) -> None:
    ouddorp, middelharnis = centre_of(config, "ouddorp"), centre_of(config, "middelharnis")
    assert distance_km(ouddorp, middelharnis) == pytest.approx(17.0, abs=0.7)
    assert distance_km(middelharnis, ouddorp) == pytest.approx(distance_km(ouddorp, middelharnis))
    assert distance_km(ouddorp, ouddorp) == 0.0


def test_distance_of_one_degree() -> None:
    # One degree of latitude is about 111.2 km; of longitude at 60 degrees, half that.
    assert distance_km((51.0, 4.0), (52.0, 4.0)) == pytest.approx(111.19, abs=0.05)
    assert distance_km((60.0, 4.0), (60.0, 5.0)) == pytest.approx(55.6, abs=0.1)
    # The long way round is not taken: across the date line is short.
    assert distance_km((0.0, 179.5), (0.0, -179.5)) == pytest.approx(111.19, abs=0.05)


# A U open to the north: two arms (longitude 4.0-4.1 and 4.2-4.3) joined at the bottom.
U_SHAPE = Area(
    key="hoefijzer",
    name="Hoefijzer",
    polygon=(
        (51.0, 4.0),
        (51.3, 4.0),
        (51.3, 4.1),
        (51.1, 4.1),
        (51.1, 4.2),
        (51.3, 4.2),
        (51.3, 4.3),
        (51.0, 4.3),
    ),
)


@pytest.mark.parametrize(
    ("latitude", "longitude", "inside"),
    [
        (51.2, 4.05, True),  # west arm
        (51.2, 4.25, True),  # east arm
        (51.05, 4.15, True),  # the bottom that joins them
        (51.2, 4.15, False),  # in the notch between the arms
        (51.25, 4.15, False),  # deeper in the notch
        (51.35, 4.05, False),  # above the west arm
        (50.95, 4.15, False),  # below the bottom
        (51.2, 3.95, False),  # west of everything
        (51.2, 4.35, False),  # east of everything
    ],
)
def test_a_concave_outline(latitude: float, longitude: float, inside: bool) -> None:
    found = area_at([U_SHAPE], Location(latitude, longitude), RADIUS_KM)
    assert found == ("hoefijzer" if inside else None)


def test_a_polygon_needs_three_points() -> None:
    with pytest.raises(ValidationError, match="at least 3 points"):
        Area(key="lijn", name="Lijn", polygon=((51.0, 4.0), (51.1, 4.1)))


@pytest.mark.parametrize("point", [(91.0, 4.0), (51.0, 181.0), (-90.5, 0.0)])
def test_a_point_off_the_globe_is_refused(point: tuple[float, float]) -> None:
    with pytest.raises(ValidationError):
        Area(key="nergens", name="Nergens", centre=point)
