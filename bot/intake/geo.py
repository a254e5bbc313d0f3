"""Which area a shared location lies in: inside an area's polygon, else the nearest centre;
and how the location itself is kept.

Areas are villages a few kilometres across, so plain geometry on degrees is
precise enough for the polygon test; distances use the haversine formula.

A location shared at the area question (so after the resident's consent) is kept
with the initiative, in its answers under `SHARED_LOCATION`: the contact who takes
it up sees the spot on a map. It goes wherever the answers go (an erasure empties them).
"""

import math
from collections.abc import Mapping, Sequence
from typing import Any

from bot.config.settings import Area, Point
from bot.messages import Location

EARTH_RADIUS_KM = 6371.0
# The key of the shared location in an initiative's answers; no step of a flow is
# called this (a step's answer is kept under its id).
SHARED_LOCATION = "shared_location"


def area_at(areas: Sequence[Area], where: Location, radius_km: float) -> str | None:
    """The key of the area `where` lies in, or of the nearest centre within `radius_km`."""
    point = (where.latitude, where.longitude)
    for area in areas:
        if area.polygon and _inside(point, area.polygon):
            return area.key
    distances = [(distance_km(point, area.centre), area.key) for area in areas if area.centre]
    nearest = min(distances, default=None)
    if nearest is None or nearest[0] > radius_km:
        return None
    return nearest[1]


def distance_km(a: Point, b: Point) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(h))


def _inside(point: Point, polygon: Sequence[Point]) -> bool:
    """Even-odd rule: a ray from the point crosses the edge an odd number of times."""
    lat, lon = point
    inside = False
    for (lat1, lon1), (lat2, lon2) in zip(polygon, [*polygon[1:], polygon[0]], strict=True):
        if (lat1 > lat) != (lat2 > lat):
            crossing = lon1 + (lat - lat1) * (lon2 - lon1) / (lat2 - lat1)
            if lon < crossing:
                inside = not inside
    return inside


def location_to_json(where: Location) -> dict[str, float]:
    return {"latitude": where.latitude, "longitude": where.longitude}


def location_from_json(stored: Any) -> Location | None:
    """The location kept as `location_to_json` made it; None for anything else (nothing
    kept, or answers an erasure emptied)."""
    if not isinstance(stored, Mapping):
        return None
    try:
        return Location(float(stored["latitude"]), float(stored["longitude"]))
    except (KeyError, TypeError, ValueError):
        return None


def shared_location(answers: Mapping[str, Any] | None) -> Location | None:
    """The location the resident shared in the intake, from an initiative's answers."""
    return location_from_json((answers or {}).get(SHARED_LOCATION))
