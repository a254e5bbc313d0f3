"""Residents who talk as people do, through the real service and a database: each
handed-in initiative holds exactly what its maker meant.

Every script is a list of (the question the resident is at, what they type). The
question is checked before each message, so a script that goes astray fails where
it does, naming the question the bot asked instead.
"""

import itertools
from dataclasses import dataclass

from sqlalchemy import select

from bot.messages import Incoming
from storage.models import Conversation, Initiative, OutboxMessage
from tests.town import Town

_events = itertools.count(1)
# The question a resident is at before a message; None: no intake under way.
Script = list[tuple[str | None, str]]


@dataclass
class Neighbour:
    """One resident in their own console chat, their app set to `language`."""

    town: Town
    account: str
    language: str = ""

    def step(self) -> str | None:
        with self.town.db.transaction() as session:
            row = session.scalars(
                select(Conversation).where(Conversation.sender_id == self.account)
            ).first()
            if row is None:
                return None
            step: str | None = row.state.get("step")
            return step

    def says(self, text: str) -> str:
        """Send `text`; returns what the bot answered in this chat."""
        before = len(self.town.inbox(self.account))
        incoming = Incoming(
            "console",
            self.account,
            self.account,
            f"scripted-{next(_events)}",
            text,
            language=self.language,
        )
        self.town.service.handle(incoming)
        return "\n".join(self.town.inbox(self.account)[before:])

    def follows(self, script: Script) -> None:
        for number, (at, text) in enumerate(script, start=1):
            step = self.step()
            assert step == at, (
                f"{self.account}, message {number} {text!r}: expected to be at {at}, "
                f"but the bot is at {step}; it last said: {self.town.last(self.account)!r}"
            )
            self.says(text)
        assert self.step() is None, f"{self.account}: the intake is still at {self.step()}"

    def initiative(self) -> Initiative:
        with self.town.db.transaction() as session:
            found = session.scalars(
                select(Initiative)
                .where(Initiative.sender_id == self.account)
                .order_by(Initiative.id.desc())
            ).first()
        assert found is not None, f"{self.account} handed in nothing"
        return found

    def notification(self, reference: str) -> str:
        """What the team was told of the initiative."""
        with self.town.db.transaction() as session:
            rows = session.scalars(
                select(OutboxMessage)
                .where(OutboxMessage.chat_id != self.account)
                .order_by(OutboxMessage.id)
            ).all()
            texts = [str(row.payload.get("text", "")) for row in rows]
        told = [text for text in texts if reference in text]
        assert told, f"no team was told of {reference}"
        return told[0]


def place_detail(initiative: Initiative) -> str | None:
    detail = (initiative.answers or {}).get("place_detail")
    return detail if isinstance(detail, str) and detail else None


def test_a_resident_who_tells_the_idea_first_keeps_it_and_takes_the_suggested_title(
    town: Town,
) -> None:
    marijke = Neighbour(town, "marijke")
    marijke.follows(
        [
            (None, "hoi! ik wil graag een speeltuintje in onze wijk"),
            ("consent", "ja hoor"),
            ("title", "ja"),  # the title made from the idea
            ("area", "Middelharnis, de Oostplaat"),
            ("theme", "speeltuin"),
            ("help_wanted", "vrijwilligers"),
            ("name", "Marijke Tanis"),
            ("group", "nee"),
            ("brings", "nee"),
            ("contact", "06 12345678"),
            ("confirm", "ja"),
        ]
    )
    initiative = marijke.initiative()
    assert "speeltuin" in initiative.title.lower()
    assert len(initiative.title) <= 80
    assert initiative.title.strip().lower() not in ("ja", "ja hoor")
    assert initiative.description is not None
    assert "speeltuintje in onze wijk" in initiative.description
    assert initiative.area == "middelharnis"
    assert place_detail(initiative) == "de Oostplaat"
    assert initiative.theme == "cultuur-sport"
    assert initiative.help_wanted == ["contacts"]
    assert initiative.name == "Marijke Tanis"
    assert (initiative.contact_kind, initiative.contact) == ("phone", "+31612345678")
    assert initiative.locale == "nl"


def test_a_yes_at_the_title_is_no_title(town: Town) -> None:
    henk = Neighbour(town, "henk")
    henk.follows(
        [
            (None, "nieuw"),
            ("consent", "ja"),
            ("title", "akkoord"),  # a second yes: not the title
            ("title", "Bankje bij de haven"),
            ("description", "Een bankje bij de haven, zodat ouderen even kunnen zitten."),
            ("area", "Ouddorp bij de molen"),
            ("theme", "ouderen"),
            ("help_wanted", "advies en geld"),
            ("name", "Henk Mijnders"),
            ("group", "nee"),
            ("brings", "nee"),
            ("contact", "henk1957@live.nl"),
            ("confirm", "klopt"),
        ]
    )
    initiative = henk.initiative()
    assert initiative.title == "Bankje bij de haven"
    assert initiative.description == "Een bankje bij de haven, zodat ouderen even kunnen zitten."
    assert initiative.area == "ouddorp"
    assert place_detail(initiative) == "bij de molen"
    assert initiative.theme == "zorg"
    assert sorted(initiative.help_wanted) == ["advice", "money"]
    assert initiative.name == "Henk Mijnders"
    assert (initiative.contact_kind, initiative.contact) == ("email", "henk1957@live.nl")
    assert "akkoord" not in (initiative.title + (initiative.description or "")).lower()


def test_a_question_asked_along_the_way_reaches_the_team_and_is_no_answer(town: Town) -> None:
    gerda = Neighbour(town, "gerda")
    gerda.follows(
        [
            (None, "nieuw"),
            ("consent", "ja"),
            ("title", "kost dit geld?"),
            ("title", "Jeu de boules baan"),
            ("description", "Een jeu de boules baan bij het dorpshuis voor de club."),
            ("area", "3247"),
            ("theme", "sport"),
            ("help_wanted", "1, 3"),
            ("name", "Gerda Breen"),
            ("group", "nee"),
            ("brings", "nee"),
            ("contact", "0187-123456"),
            ("confirm", "verstuur maar"),
        ]
    )
    initiative = gerda.initiative()
    assert initiative.title == "Jeu de boules baan"
    assert initiative.description == "Een jeu de boules baan bij het dorpshuis voor de club."
    assert initiative.area == "dirksland"
    assert place_detail(initiative) is None
    assert initiative.theme == "cultuur-sport"
    assert sorted(initiative.help_wanted) == ["advice", "permit"]
    assert initiative.name == "Gerda Breen"
    assert (initiative.contact_kind, initiative.contact) == ("phone", "+31187123456")
    assert "kost dit geld?" in gerda.notification(initiative.reference)
    assert any(
        kind == "question_asked" and data.get("text") == "kost dit geld?"
        for kind, _actor, data in town.trail(initiative.reference)
    )


def test_a_resident_who_changes_their_mind_hands_in_what_they_settled_on(town: Town) -> None:
    teun = Neighbour(town, "teun")
    teun.follows(
        [
            (None, "nieuw"),
            ("consent", "prima"),
            ("title", "Bloembakken in de Voorstraat"),
            ("description", "Meer bloembakken in de Voorstraat, dat maakt het dorp gezelliger."),
            ("area", "Sommelsdijk"),
            ("theme", "verkeer"),
            ("help_wanted", "terug"),  # that theme was wrong
            ("theme", "groen"),
            ("help_wanted", "overslaan"),
            ("name", "Teun Mosselman"),
            ("group", "nee"),
            ("brings", "nee"),
            ("contact", "+31 6 12345678"),
            ("confirm", "de titel klopt niet"),
            ("title", "Meer bloemen in de Voorstraat"),
            ("confirm", "ja klopt"),
        ]
    )
    initiative = teun.initiative()
    assert initiative.title == "Meer bloemen in de Voorstraat"
    assert initiative.description == (
        "Meer bloembakken in de Voorstraat, dat maakt het dorp gezelliger."
    )
    assert initiative.area == "sommelsdijk"
    assert place_detail(initiative) is None
    assert initiative.theme == "groen"
    assert initiative.help_wanted == []
    assert initiative.name == "Teun Mosselman"
    assert (initiative.contact_kind, initiative.contact) == ("phone", "+31612345678")


def test_not_knowing_the_theme_or_the_help_is_fine(town: Town) -> None:
    corrie = Neighbour(town, "corrie")
    corrie.follows(
        [
            (None, "nieuw"),
            ("consent", "ja graag"),
            ("title", "Samen eten in het dorpshuis"),
            (
                "description",
                "Elke week samen eten in het dorpshuis voor wie niet graag alleen eet.",
            ),
            ("area", "in Dirksland, Schoolstraat"),
            ("theme", "weet ik niet"),
            ("help_wanted", "weet ik niet"),
            ("name", "Corrie Kroon"),
            ("group", "nee"),
            ("brings", "nee"),
            ("contact", "corrie_kroon@yahoo.com"),
            ("confirm", "👍"),
        ]
    )
    initiative = corrie.initiative()
    assert initiative.title == "Samen eten in het dorpshuis"
    assert initiative.description == (
        "Elke week samen eten in het dorpshuis voor wie niet graag alleen eet."
    )
    assert initiative.area == "dirksland"
    assert place_detail(initiative) == "Schoolstraat"
    assert initiative.theme == "anders"
    assert initiative.help_wanted == []
    assert initiative.name == "Corrie Kroon"
    assert (initiative.contact_kind, initiative.contact) == ("email", "corrie_kroon@yahoo.com")


ENGLISH_SCRIPT: Script = [
    ("consent", "yes"),
    ("title", "A bench by the harbour"),
    ("description", "So older people can rest for a while after their walk."),
    ("area", "Ouddorp"),
    ("theme", "no idea"),
    ("help_wanted", "nothing"),
    ("name", "John Smith"),
    ("group", "no"),
    ("brings", "nothing yet"),
    ("contact", "john.smith@example.com"),
    ("confirm", "yes, send it"),
]


def _handed_in_in_english(initiative: Initiative) -> None:
    assert initiative.locale == "en"
    assert initiative.title == "A bench by the harbour"
    assert initiative.description == "So older people can rest for a while after their walk."
    assert initiative.area == "ouddorp"
    assert place_detail(initiative) is None
    assert initiative.theme == "anders"
    assert initiative.help_wanted == []
    assert initiative.name == "John Smith"
    assert (initiative.contact_kind, initiative.contact) == ("email", "john.smith@example.com")


def test_someone_whose_app_speaks_english_hands_in_in_english(town: Town) -> None:
    john = Neighbour(town, "john", language="en-GB")
    john.follows([(None, "new"), *ENGLISH_SCRIPT])
    _handed_in_in_english(john.initiative())


def test_someone_who_asks_for_english_hands_in_in_english(town: Town) -> None:
    john = Neighbour(town, "john-nl-phone", language="nl")
    john.follows([(None, "language"), (None, "new"), *ENGLISH_SCRIPT])
    _handed_in_in_english(john.initiative())
