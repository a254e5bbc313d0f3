"""A municipality that addresses its residents with "u" gets it everywhere: in the
questions of the flow, in the bot's own texts and in the texts of its config."""

import asyncio
import itertools
from collections.abc import Iterator

import pytest

from bot.app import App
from bot.config.flows import Flow
from bot.config.settings import Config
from bot.messages import Incoming
from bot.texts.i18n import set_dutch_address
from storage.db import Database
from tests.platform import RecordingPlatform

_ids = itertools.count()


@pytest.fixture
def polite(config: Config) -> Iterator[Config]:
    municipality = config.municipality.model_copy(update={"address": "u"})
    yield config.model_copy(update={"municipality": municipality})
    set_dutch_address("je")  # the choice is the process's: the next test starts plain


def test_every_text_a_resident_reads_says_u(db: Database, polite: Config, flow: Flow) -> None:
    platform = RecordingPlatform()
    app = App(polite, flow, db, {"console": platform})

    async def intake() -> None:
        for text in [
            "nieuw",
            "ja",
            "kost dit geld?",
            "Bankje bij de haven",
            "Een bankje voor ouderen.",
            "Ouddorp",
            "groen",
            "nee",
            "Anna",
            "nee",
            "nee",
            "0612345678",
            "ja",
        ]:
            await app.handle_page_and_send(
                [Incoming("console", "anna", "anna", f"u-{next(_ids)}", text)]
            )

    asyncio.run(intake())
    said = "\n".join(platform.texts("anna"))
    assert "Gaat u daarmee akkoord?" in said  # the flow's question
    assert "Wat is uw idee?" in said
    assert "Goede vraag. Ik geef hem door aan uw contactpersoon." in said  # the bot's own
    assert "Heeft u geld nodig voor uw plan?" in said  # the FAQ of the config
    assert "contact met u op" in said  # next steps of the config
    words = said.replace("\u201c", " ").replace("\u201d", " ").split()
    assert not {"je", "jij", "jouw"} & {word.strip(".,:;?!()").lower() for word in words}
