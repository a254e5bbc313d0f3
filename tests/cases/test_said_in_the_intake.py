"""The questions a resident asked in the intake, what they wrote beside the questions
and where exactly: kept on the initiative, shown to the team, in "toon" and in the
export, and gone with an erasure."""

from datetime import UTC, datetime

from sqlalchemy import select

from bot.cases import texts
from bot.cases.handing_in import hand_in
from bot.cli import export
from bot.config.names import Names
from bot.intake.contact import ContactDetail
from bot.intake.turns import Submission
from bot.messages import Incoming
from bot.outbox import rows
from bot.privacy import erasure
from storage import queries
from storage.db import Database
from storage.models import Initiative
from tests.town import Town

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
QUESTIONS = ("Wie betaalt het bankje?", "Mag ik zelf verven?")
NOTES = ("Mijn buurman helpt ook mee.",)


def handed_in(db: Database, names: Names, place: str | None = "bij de molen") -> str:
    submission = Submission(
        title="Bankje bij de haven",
        description="Een bankje om uit te rusten.",
        area="ouddorp",
        theme="groen",
        help_wanted=("money",),
        name="Anna de Vries",
        contact=ContactDetail("phone", "+31612345678"),
        consented_at=NOW,
        privacy_version="2026-1",
        locale="nl",
        questions=QUESTIONS,
        notes=NOTES,
        place_detail=place,
    )
    incoming = Incoming("console", "bewoner", "bewoner", "e-hand-in", "ja")
    with db.transaction() as session:
        outcome = hand_in(session, names, incoming, submission, NOW)
        rows.write(session, outcome.notices, NOW)
        return session.scalars(select(Initiative.reference)).one()


def test_the_team_reads_the_questions_notes_and_place(db: Database, names: Names) -> None:
    reference = handed_in(db, names)
    town = Town(db, None)  # type: ignore[arg-type]  # only reading
    [notice] = town.inbox("team-west")
    assert "Kern: Ouddorp (bij de molen)" in notice
    questions_heading, notes_heading = texts.Said(QUESTIONS, NOTES).lines("nl")[::3]
    questions = notice.index(questions_heading)
    assert notice.index(QUESTIONS[0]) > questions
    assert notice.index(QUESTIONS[1]) > questions
    assert notice.index(NOTES[0]) > notice.index(notes_heading) > questions
    trail = town.trail(reference)
    assert [kind for kind, _, _ in trail] == [
        "submitted",
        "question_asked",
        "question_asked",
        "note",
        "routed",
    ]
    assert trail[1][2] == {"text": QUESTIONS[0]}
    assert town.initiative(reference).answers["place_detail"] == "bij de molen"


def test_without_them_the_notification_has_no_empty_blocks(db: Database, names: Names) -> None:
    reference = handed_in(db, names, place=None)
    town = Town(db, None)  # type: ignore[arg-type]
    [notice] = town.inbox("team-west")
    assert "Kern: Ouddorp \u00b7" in notice
    assert reference in notice


def test_toon_and_the_export_show_them(db: Database, names: Names, town: Town) -> None:
    reference = handed_in(town.db, names)
    town.say("anna", f"toon {reference}")
    shown = town.last("anna")
    assert "Ouddorp (bij de molen)" in shown
    assert all(text in shown for text in (*QUESTIONS, *NOTES))
    with town.db.transaction() as session:
        initiatives = queries.all_initiatives(session)
        trails = queries.trails(session)
        [row] = export.records(names, initiatives, trails)
    assert row["place_detail"] == "bij de molen"
    assert row["questions"] == list(QUESTIONS)
    assert row["notes"] == list(NOTES)
    csv = export.as_csv([row])
    assert "Wie betaalt het bankje?; Mag ik zelf verven?" in csv
    assert "bij de molen" in csv


def test_an_erasure_takes_them_too(db: Database, names: Names) -> None:
    reference = handed_in(db, names)
    with db.transaction() as session:
        erasure.forget_person(session, names.config, "console", "bewoner", NOW)
    town = Town(db, None)  # type: ignore[arg-type]
    initiative = town.initiative(reference)
    assert initiative.answers == {}
    said = [data for kind, _, data in town.trail(reference) if kind in ("question_asked", "note")]
    assert said == [{}, {}, {}]  # the kinds stay for statistics, the words go


def test_an_erasure_takes_the_titles_before_and_after_a_change(town: Town) -> None:
    reference = town.submit("bewoner")
    town.say("anna", f"titel {reference} Bankje bij de molen")
    town.say("bewoner", "vergeet mij")
    town.say("bewoner", "ja")
    retitled = [data for kind, _, data in town.trail(reference) if kind == "retitled"]
    assert retitled == [{}]
