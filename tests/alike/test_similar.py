"""Similar initiatives, as residents and teams meet them: in the intake, in the team's
notice and in `toon`; shown nearby, not far away, not withdrawn, not long closed, and
with nothing personal of the other initiator."""

from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select, update

from bot.alike import filing
from bot.schedule.jobs import FollowUpJobs
from bot.vocabulary import Status
from storage.models import Initiative, SimilarCount, SimilarTerm
from tests.privacy.test_retention import JOB as RETENTION
from tests.town import Town, fire

SIMILAR_HEADING = "Andere inwoners hadden al een idee dat erop lijkt:"
HELP_QUESTION = "Waar heb je hulp bij nodig?"
PLAYGROUND = (
    "Speeltuin opknappen",
    "De speeltuin aan de Vijverstraat is oud, de glijbaan is kapot. Wij willen nieuwe "
    "speeltoestellen.",
)


def start_intake(town: Town, resident: str, title: str, story: str, area: str) -> None:
    """Up to the theme question."""
    for text in ["start", "ja", title, story, area]:
        town.say(resident, text)


def hand_in(town: Town, resident: str, title: str, story: str, area: str, theme: str) -> str:
    start_intake(town, resident, title, story, area)
    for text in [theme, "nee", "Anna de Vries", "nee", "nee", "anna@example.org", "ja"]:
        town.say(resident, text)
    receipt = next(text for text in reversed(town.inbox(resident)) if "Je nummer is " in text)
    reference = receipt.split("Je nummer is ")[1].split(".")[0]
    assert reference.startswith("2026-"), town.last(resident)
    return reference


def said_at_theme(town: Town, resident: str, theme: str) -> list[str]:
    """What the bot says when `resident` answers the theme question."""
    before = len(town.inbox(resident))
    town.say(resident, theme)
    return town.inbox(resident)[before:]


def test_a_resident_sees_a_similar_idea_nearby_before_the_next_question(town: Town) -> None:
    hand_in(town, "marieke", *PLAYGROUND, "Sommelsdijk", "cultuur-sport")
    start_intake(
        town, "youssef", "Speelplek voor de kinderen", "Er is geen speelplek in de wijk.", "3241"
    )

    similar, question = said_at_theme(town, "youssef", "cultuur-sport")

    assert similar.splitlines() == [
        SIMILAR_HEADING,
        "\u2022 \u201cSpeeltuin opknappen\u201d in Sommelsdijk (nieuw): ook over speelplek",
        "Je kunt gewoon verder met je eigen idee. Als het is ingestuurd, kun je vragen om "
        "kennis te maken met de mensen achter deze ideeën. Of om mee te doen.",
    ]
    assert question.startswith(HELP_QUESTION)
    # Nothing of Marieke but what she wrote as a title, and where.
    for personal in ("Anna de Vries", "anna@example.org", "Vijverstraat", "glijbaan"):
        assert personal not in similar


def test_far_away_withdrawn_and_long_finished_ones_are_not_shown(town: Town) -> None:
    far = hand_in(town, "r1", "Speeltuin in het dorp", PLAYGROUND[1], "Ouddorp", "cultuur-sport")
    withdrawn = hand_in(town, "r2", "Speeltuin bij de kerk", PLAYGROUND[1], "3241", "groen")
    long_done = hand_in(town, "r3", "Speeltuin aan de dijk", PLAYGROUND[1], "3241", "groen")
    lately_done = hand_in(town, "r4", "Speeltuin bij school", PLAYGROUND[1], "3241", "groen")
    now = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
    with town.db.transaction() as session:
        for reference, status, closed in (
            (withdrawn, Status.WITHDRAWN, now),
            (long_done, Status.DONE, now - timedelta(days=7 * 31)),
            (lately_done, Status.DONE, now - timedelta(days=60)),
        ):
            session.execute(
                update(Initiative)
                .where(Initiative.reference == reference)
                .values(status=status, updated_at=closed)
            )
    start_intake(town, "youssef", "Nieuwe speeltuin", "Een speeltuin voor de wijk.", "3241")

    similar = said_at_theme(town, "youssef", "cultuur-sport")[0]

    assert similar.splitlines()[1:-1] == [
        "\u2022 \u201cSpeeltuin bij school\u201d in Middelharnis (klaar): ook over speelplek"
    ]
    # Ouddorp is no neighbour of Middelharnis; its team sees it from there, though.
    town.say("anna", f"toon {far}", chat="team-west")
    assert "Lijkt op" not in town.last("team-west")


def test_nothing_alike_adds_no_message(town: Town) -> None:
    hand_in(town, "marieke", *PLAYGROUND, "Middelharnis", "cultuur-sport")
    start_intake(
        town,
        "youssef",
        "AED bij de sporthal",
        "Er hangt nergens een defibrillator in de buurt.",
        "Middelharnis",
    )

    said = said_at_theme(town, "youssef", "zorg")

    assert len(said) == 1
    assert said[0].startswith(HELP_QUESTION)


def test_a_title_that_may_name_someone_is_not_shown_to_residents(town: Town) -> None:
    reference = hand_in(
        town, "marieke", "Speeltuin bij familie Jansen", PLAYGROUND[1], "3245", "cultuur-sport"
    )
    start_intake(town, "youssef", "Speelplek", "Een speelplek voor de kleintjes.", "3241")

    similar = said_at_theme(town, "youssef", "cultuur-sport")[0]

    assert "Jansen" not in similar
    assert "\u2022 Een idee in Sommelsdijk (nieuw): ook over speelplek" in similar
    # The team reads titles anyway: it sees it whole.
    town.say("youssef", "nee")
    for text in ["Youssef", "nee", "nee", "youssef@example.org", "ja"]:
        town.say("youssef", text)
    assert f"{reference} \u201cSpeeltuin bij familie Jansen\u201d" in town.last("team-midden")
    # Nor in the offer to meet or join after his hand-in: by its number only.
    offer = town.last("youssef")
    assert offer.startswith("Wil je kennismaken met de initiatiefnemer")
    assert f"\u2022 dat idee: {reference}" in offer
    assert "Jansen" not in offer


def test_the_team_notice_and_toon_say_what_it_looks_like(town: Town) -> None:
    earlier = hand_in(town, "marieke", *PLAYGROUND, "Sommelsdijk", "cultuur-sport")
    later = hand_in(
        town, "youssef", "Speelplek", "Een speelplek voor de kinderen.", "3241", "cultuur-sport"
    )

    notice = town.last("team-midden")
    assert (
        "Lijkt op:\n"
        f"\u2022 {earlier} \u201cSpeeltuin opknappen\u201d, Sommelsdijk, nieuw: speelplek"
    ) in notice

    town.say("bram", f"toon {earlier}")
    shown = town.last("bram")
    assert f"Lijkt op:\n\u2022 {later} \u201cSpeelplek\u201d, Middelharnis, nieuw: speelplek" in (
        shown
    )


def test_a_new_title_is_found_by_its_new_words(town: Town) -> None:
    reference = hand_in(
        town, "marieke", "Iets voor de wijk", "Graag iets voor de wijk.", "3245", "anders"
    )
    town.say("bram", f"titel {reference} Speeltuin in de wijk")
    assert counts_agree(town)
    start_intake(town, "youssef", "Speelplek", "Een speelplek voor de kleintjes.", "3241")

    similar = said_at_theme(town, "youssef", "cultuur-sport")[0]

    assert "\u201cSpeeltuin in de wijk\u201d in Sommelsdijk" in similar


def test_forgetting_takes_the_words_out_of_the_index(town: Town) -> None:
    reference = hand_in(town, "marieke", *PLAYGROUND, "Sommelsdijk", "cultuur-sport")
    town.say("marieke", "vergeet mij")
    town.say("marieke", "ja")

    assert filed_terms(town, reference) == 0
    assert counts_agree(town)
    start_intake(town, "youssef", "Speelplek", "Een speelplek voor de kleintjes.", "3241")
    assert not said_at_theme(town, "youssef", "cultuur-sport")[0].startswith(SIMILAR_HEADING)


def test_a_withdrawn_initiative_is_taken_out_at_once(town: Town) -> None:
    reference = hand_in(town, "marieke", *PLAYGROUND, "Sommelsdijk", "cultuur-sport")
    town.say("marieke", f"intrekken {reference}")
    town.say("marieke", "", payload=f"withdraw:yes:{reference}")

    assert town.initiative(reference).status == Status.WITHDRAWN
    assert filed_terms(town, reference) == 0
    assert counts_agree(town)


def test_initiatives_from_before_the_index_are_filed_at_the_start(town: Town) -> None:
    hand_in(town, "marieke", *PLAYGROUND, "Sommelsdijk", "cultuur-sport")
    with town.db.transaction() as session:
        session.execute(SimilarTerm.__table__.delete())
        session.execute(SimilarCount.__table__.delete())
    start_intake(town, "youssef", "Speelplek", "Een speelplek voor de kleintjes.", "3241")
    assert not said_at_theme(town, "youssef", "cultuur-sport")[0].startswith(SIMILAR_HEADING)

    with town.db.transaction() as session:
        assert filing.file_the_rest(session) == 1
        assert filing.file_the_rest(session) == 0
    assert counts_agree(town)
    start_intake(town, "fatima", "Speelplek", "Een speelplek voor de kleintjes.", "3241")

    similar = said_at_theme(town, "fatima", "cultuur-sport")[0]
    assert similar.startswith(SIMILAR_HEADING)
    assert "Speeltuin opknappen" in similar


def test_a_word_of_someone_elses_story_finds_nothing(town: Town) -> None:
    """A surname in Marieke's story: typed by Eve, it must not tell her it is there."""
    story = "Mijn buurman Pietersen op nummer 12 zit graag buiten. Een bankje bij de haven."
    hand_in(town, "marieke", "Bankje bij de haven", story, "Sommelsdijk", "groen")
    start_intake(town, "eve", "Pietersen", "Iets voor Pietersen en de Vijverstraat.", "3245")

    said = said_at_theme(town, "eve", "groen")

    assert len(said) == 1
    assert said[0].startswith(HELP_QUESTION)


def test_the_list_comes_again_only_when_what_or_where_changed(town: Town) -> None:
    hand_in(town, "marieke", *PLAYGROUND, "Sommelsdijk", "cultuur-sport")
    start_intake(town, "youssef", "Speelplek", "Een speelplek voor de kleintjes.", "3241")
    assert said_at_theme(town, "youssef", "cultuur-sport")[0].startswith(SIMILAR_HEADING)

    town.say("youssef", "terug")
    assert len(said_at_theme(town, "youssef", "cultuur-sport")) == 1  # the same: not again
    town.say("youssef", "terug")
    town.say("youssef", "terug")
    before = len(town.inbox("youssef"))
    town.say("youssef", "Ouddorp")  # far from Sommelsdijk: looked for again, nothing found
    assert len(town.inbox("youssef")) == before + 1
    town.say("youssef", "terug")
    town.say("youssef", "Middelharnis")
    assert town.inbox("youssef")[before + 2].startswith(SIMILAR_HEADING)


def test_a_residents_own_initiative_is_not_shown_to_them(town: Town) -> None:
    hand_in(town, "marieke", *PLAYGROUND, "Sommelsdijk", "cultuur-sport")
    start_intake(town, "marieke", "Speelplek", "Nog een speelplek voor de kleintjes.", "3241")

    said = said_at_theme(town, "marieke", "cultuur-sport")

    assert len(said) == 1


def test_a_long_word_is_left_out(town: Town) -> None:
    story = "Een speeltuin. " + "a" * 70 + " https://example.org/" + "x" * 80
    reference = hand_in(town, "marieke", "Speeltuin", story, "Sommelsdijk", "cultuur-sport")

    assert filed_terms(town, reference) > 1
    assert counts_agree(town)


def test_finished_ones_are_taken_out_when_no_longer_shown(town: Town, jobs: FollowUpJobs) -> None:
    reference = hand_in(town, "marieke", *PLAYGROUND, "Sommelsdijk", "cultuur-sport")
    town.say("bram", f"claim {reference}")
    town.say("bram", f"sluiten {reference} klaar Het is gelukt")

    fire(town, jobs, RETENTION, datetime(2027, 3, 1, 9, 0, tzinfo=UTC))
    assert filed_terms(town, reference) > 1  # three months on: still shown
    fire(town, jobs, RETENTION, datetime(2027, 7, 1, 9, 0, tzinfo=UTC))
    assert filed_terms(town, reference) == 0  # seven months on
    assert counts_agree(town)


def filed_terms(town: Town, reference: str) -> int:
    with town.db.transaction() as session:
        return (
            session.scalar(
                select(func.count())
                .select_from(SimilarTerm)
                .join(Initiative)
                .where(Initiative.reference == reference)
            )
            or 0
        )


def counts_agree(town: Town) -> bool:
    """`similar_counts` says what counting `similar_terms` says, and no count is 0."""
    with town.db.transaction() as session:
        counted = {
            (term, area): number
            for term, area, number in session.execute(
                select(SimilarTerm.term, SimilarTerm.area, func.count()).group_by(
                    SimilarTerm.term, SimilarTerm.area
                )
            )
        }
        kept = {
            (term, area): number
            for term, area, number in session.execute(
                select(SimilarCount.term, SimilarCount.area, SimilarCount.initiatives)
            )
        }
    return counted == kept and all(kept.values())
