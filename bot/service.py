"""The shell around the conversation core: one incoming message, one transaction.

It records the event id (a repeat is ignored), advances the conversation,
stores what was submitted with its trail, and writes every reply to the
outbox. Only after commit may the adapter confirm the event to its platform.
"""

import logging
from collections.abc import Callable
from datetime import datetime

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from bot.config import Config
from bot.conversation import respond
from bot.messages import Incoming
from bot.outbox import to_payload
from bot.receipts import confirmation, my_initiatives
from bot.state import Setting, State
from bot.turns import Effect, Reply, ShowMine, Submission
from storage import queries
from storage.db import Database
from storage.models import Conversation, Initiative

log = logging.getLogger(__name__)
# Two writers on one conversation (another process, a redelivery) make the
# later transaction fail its version check; it is then simply run again.
ATTEMPTS = 5

Clock = Callable[[], datetime]


class IntakeService:
    def __init__(self, db: Database, config: Config, setting: Setting, clock: Clock) -> None:
        self._db = db
        self._config = config
        self._setting = setting
        self._clock = clock

    def handle(self, incoming: Incoming) -> bool:
        """Handle and commit `incoming`; False when it was handled before."""
        for attempt in range(1, ATTEMPTS + 1):
            try:
                with self._db.transaction() as session:
                    return self._handle(session, incoming)
            except (StaleDataError, IntegrityError):
                if attempt == ATTEMPTS:
                    raise
                log.debug("conflict on %s event, trying again", incoming.channel)
        raise AssertionError("unreachable")

    def _handle(self, session: Session, incoming: Incoming) -> bool:
        now = self._clock()
        if not queries.mark_processed(session, incoming.channel, incoming.event_id, now):
            log.debug("%s event seen before, ignored", incoming.channel)
            return False
        row = queries.find_conversation(
            session, incoming.channel, incoming.chat_id, incoming.sender_id
        )
        state = State.from_json(row.state) if row else State(self._setting.default_locale)
        turn = respond(self._setting, state, incoming.text, now)
        replies: list[Reply] = []
        for effect in turn.effects:
            replies.extend(self._carry_out(session, incoming, effect, now))
        replies.extend(turn.replies)
        if row is None:
            session.add(
                Conversation(
                    channel=incoming.channel,
                    chat_id=incoming.chat_id,
                    sender_id=incoming.sender_id,
                    state=turn.state.to_json(),
                    updated_at=now,
                )
            )
        else:
            row.state = turn.state.to_json()
            row.updated_at = now
        for reply in replies:
            queries.enqueue(session, incoming.channel, incoming.chat_id, to_payload(reply), now)
        return True

    def _carry_out(
        self, session: Session, incoming: Incoming, effect: Effect, now: datetime
    ) -> list[Reply]:
        match effect:
            case ShowMine(locale=locale):
                mine = queries.initiatives_of(session, incoming.channel, incoming.sender_id)
                return [Reply(my_initiatives(mine, self._config.bot.zone, locale))]
            case Submission():
                reference = self._submit(session, incoming, effect, now)
                text = confirmation(
                    self._config, reference, effect.title, effect.theme, effect.locale
                )
                return [Reply(text)]

    def _submit(
        self, session: Session, incoming: Incoming, submission: Submission, now: datetime
    ) -> str:
        year = now.astimezone(self._config.bot.zone).year
        reference = f"{year}-{queries.next_reference_number(session, year):04d}"
        contact = submission.contact
        initiative = Initiative(
            reference=reference,
            channel=incoming.channel,
            chat_id=incoming.chat_id,
            sender_id=incoming.sender_id,
            locale=submission.locale,
            title=submission.title,
            description=submission.description,
            area=submission.area,
            theme=submission.theme,
            help_wanted=list(submission.help_wanted),
            name=submission.name,
            contact_kind=contact.kind if contact else None,
            contact=contact.value if contact else None,
            answers=dict(submission.answers),
            status="submitted",
            consented_at=submission.consented_at,
            created_at=now,
            updated_at=now,
        )
        session.add(initiative)
        session.flush()
        queries.add_event(session, initiative, "submitted", "resident", now)
        log.info(
            "initiative %s submitted (area %s, theme %s)",
            reference,
            submission.area,
            submission.theme,
        )
        return reference
