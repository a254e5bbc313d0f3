"""One measured figure, its target, and the table and JSON file they end up in."""

import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path


@dataclass(frozen=True)
class Figure:
    name: str
    value: float
    unit: str
    target: str  # as printed, e.g. ">= 1000" or "< 25"; "" when there is none
    met: bool | None  # None: no target
    how: str = ""

    def row(self) -> str:
        verdict = {True: "met", False: "MISSED", None: ""}[self.met]
        return f"{self.name:<52} {self.value:>12,.1f} {self.unit:<10} {self.target:<10} {verdict}"


def at_least(name: str, value: float, unit: str, floor: float, how: str) -> Figure:
    return Figure(name, value, unit, f">= {floor:g}", value >= floor, how)


def below(name: str, value: float, unit: str, ceiling: float, how: str) -> Figure:
    return Figure(name, value, unit, f"< {ceiling:g}", value < ceiling, how)


def plain(name: str, value: float, unit: str, how: str) -> Figure:
    return Figure(name, value, unit, "", None, how)


def table(figures: Sequence[Figure]) -> str:
    lines = [f"{'figure':<52} {'value':>12} {'unit':<10} {'target':<10}", "-" * 92]
    for figure in figures:
        lines.append(figure.row())
        if figure.how:
            lines.append(f"    {figure.how}")
    return "\n".join(lines)


def write(figures: Sequence[Figure], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    entries = [
        {k: v for k, v in asdict(f).items() if k in ("name", "value", "unit", "target", "met")}
        for f in figures
    ]
    path.write_text(json.dumps(entries, indent=2) + "\n", encoding="utf-8")
