"""`erase REF`: one initiative's personal data erased, as its initiator asked by phone or
at the desk; on SQLite and PostgreSQL."""

import io
from datetime import UTC, datetime

import pytest

from bot.cli import admin
from bot.config.settings import Config
from bot.privacy import texts as privacy_texts
from tests.town import Town

LATER = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)


def erase(town: Town, config: Config, reference: str) -> str:
    out = io.StringIO()
    admin.erase(town.db, config, reference, LATER, out)
    return out.getvalue()


def test_an_open_one_is_withdrawn_its_team_and_contact_told_and_erased(
    town: Town, config: Config
) -> None:
    reference = town.submit("bewoner")
    town.say("anna", f"oppakken {reference}", chat="team-west")

    said = erase(town, config, reference)

    assert said.startswith(f"{reference}: withdrawn (its team was told) and erased: ")
    initiative = town.initiative(reference)
    assert (initiative.status, initiative.name, initiative.contact, initiative.title) == (
        "withdrawn",
        None,
        None,
        "",
    )
    assert initiative.erased_at == LATER
    told = privacy_texts.withdrawn_on_request(reference, "nl")
    assert town.last("team-west") == told
    assert town.last("anna") == told
    # The messages that named it went: the notification with the claim buttons, and
    # Anna's copy of the resident's phone number.
    assert not any("Bankje bij de haven" in text for text in town.inbox("team-west"))
    assert not any("0612345678" in text.replace(" ", "") for text in town.inbox("anna"))


def test_a_closed_one_is_erased_without_news(town: Town, config: Config) -> None:
    reference = town.submit("bewoner")
    town.say("anna", f"sluiten {reference} klaar Het bankje staat er.", chat="team-west")
    before = town.inbox("team-west")
    assert erase(town, config, reference).startswith(f"{reference}: erased: ")
    assert town.initiative(reference).status == "done"
    assert len(town.inbox("team-west")) < len(before)  # what named it went; nothing new came


def test_unknown_and_already_erased_are_refused(town: Town, config: Config) -> None:
    with pytest.raises(admin.AdminError, match="there is no initiative 2026-9999"):
        erase(town, config, "2026-9999")
    reference = town.submit("bewoner")
    erase(town, config, reference)
    with pytest.raises(admin.AdminError, match="erased already"):
        erase(town, config, reference)
