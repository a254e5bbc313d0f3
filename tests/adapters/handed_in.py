"""An initiative handed in before the bot starts, straight through `hand_in`: for tests
of what comes after the intake, so they do not depend on the intake's every question."""

from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

from bot.app import open_database
from bot.cases.handing_in import hand_in
from bot.config.flows import load_flow
from bot.config.names import Names
from bot.config.settings import Config
from bot.intake.contact import ContactDetail
from bot.intake.geo import SHARED_LOCATION, location_to_json
from bot.intake.turns import Submission
from bot.messages import Incoming, Location
from bot.outbox import rows

TITLE = "Bankje bij de haven"


def handed_in(
    config: Config,
    channel: str,
    chat_id: str,
    sender_id: str,
    photos: Sequence[Path] = (),
    location: Location | None = None,
) -> str:
    """Hand in an initiative in Ouddorp (team West) as that account, with our copies of
    `photos` and the `location` shared at the area question; its reference."""
    now = datetime.now(UTC)
    kept = [{"file_id": f"seeded-{path.name}", "path": str(path)} for path in photos]
    answers = {SHARED_LOCATION: location_to_json(location)} if location else {}
    submission = Submission(
        title=TITLE,
        description="Een bankje bij de haven, zodat ouderen even kunnen uitrusten.",
        area="ouddorp",
        theme="groen",
        help_wanted=("money",),
        name="Lies de Vries",
        contact=ContactDetail("phone", "+31612345678"),
        consented_at=now,
        privacy_version=config.municipality.privacy_version,
        locale="nl",
        answers=answers,
        photos=tuple(kept),
    )
    db = open_database(config)
    try:
        names = Names(config, load_flow(config.intake.flow))
        incoming = Incoming(channel, chat_id, sender_id, "seeded-hand-in", "ja")
        with db.transaction() as session:
            outcome = hand_in(session, names, incoming, submission, now)
            rows.write(session, outcome.notices, now)
        return outcome.replan[0]
    finally:
        db.engine.dispose()
