"""Bewaartermijnen: the daily run that warns of, and then erases, personal data whose
retention period ended.

- A closed initiative keeps its personal data `after_close` from its last change
  (closing, as a rule). `warn_before` that, its initiator is told; the data never
  goes sooner than `warn_before` after the warning, so a late warning (the bot was
  down) still gives the resident their time. One that runs on by itself is not
  closed (`vocabulary.CLOSED`): its data stays while it runs, for its yearly
  question, and its clock starts when it stops (its close as done).
- A conversation untouched for `abandoned_after` is deleted. Only one that still
  holds an intake the resident can go on with is worth a warning; an intake older
  than `[intake] keep_unfinished_days` is gone for the resident already.
  The photos of an intake that expired go at once: the resident is told it was removed.
- Messages the outbox sent or gave up on, and answers to return days, are kept
  `abandoned_after` (for "mijn gegevens" and for troubleshooting), then deleted.
- The ids of handled platform events are kept `EVENTS_KEPT`, then forgotten.
- A wish to meet or join another's initiative goes `WISH_DAYS` after it was asked,
  whatever the answer; only a yes to join stays, as long as the initiative's data.

Every run that deletes anything writes kinds and counts to the deletion log, and has
the database's own old copies of what went wiped after it commits.
"""

import logging
from collections import Counter
from dataclasses import replace
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from bot.accounts import address, initiator_chat
from bot.alike import filing
from bot.cases.timerules import TimeRules
from bot.config.settings import Config
from bot.followups import daily
from bot.followups.plans import FollowUp, Planned
from bot.intake.state import State
from bot.notices import Notice, Reply
from bot.outbox import rows as outbox
from bot.privacy import erasure
from bot.privacy import texts as privacy_texts
from bot.vocabulary import CLOSED, WISH_DAYS
from storage import connections, housekeeping, queries, traces
from storage.models import Conversation, Initiative

log = logging.getLogger(__name__)

CHANNEL = "retention"  # the pseudo channel its days are kept under
CAUSE = "retention"
DAILY = "daily"
# Candidates are found with a margin; the exact rule is applied to each.
MARGIN = timedelta(days=2)
# A platform delivers an event again within a day or so (Telegram keeps updates 24 hours,
# a Matrix sync token is resent at once): its id is kept far longer than that.
EVENTS_KEPT = timedelta(days=30)


class Retention:
    """The daily retention run: warns of and erases personal data whose time is up."""

    def __init__(self, config: Config, rules: TimeRules) -> None:
        self._config = config
        self._settings = config.retention
        self._rules = rules
        self._keep_unfinished = timedelta(days=config.intake.keep_unfinished_days)

    def planned(self, session: Session, now: datetime) -> list[Planned]:
        at = daily.next_run(session, CHANNEL, self._settings.run_at, self._rules, now)
        return [Planned(at, FollowUp.RETENTION, DAILY)]

    def run(self, session: Session, due: datetime, now: datetime) -> int:
        """The day `due` falls on, once: warn, erase, log; how many warnings it wrote."""
        if not daily.take_day(session, CHANNEL, due, self._rules, now):
            return 0
        counts: Counter[str] = Counter()
        notices = [
            *self._closed_initiatives(session, now, counts),
            *self._conversations(session, now, counts),
        ]
        kept_until = self._before(now, "abandoned_after")
        counts["message"] += queries.delete_messages_done_before(session, kept_until)
        counts["return_day_answer"] += queries.delete_answers_to_days_before(session, kept_until)
        counts["return_day_person"] += queries.delete_people_of_days_before(session, kept_until)
        # Wishes to meet or join that ended (a yes to join stays: a co-initiator).
        wished_before = now - timedelta(days=WISH_DAYS)
        counts["connection"] += connections.delete_ended_before(session, wished_before)
        erasure.log_counts(session, CAUSE, counts, now)
        if sum(counts.values()):
            log.info("retention run erased %s", erasure.summary(counts))
            traces.wipe_after_commit(session, erasure.TOUCHED)
        # Not erased, only no longer looked through for similar initiatives.
        filing.unfile_long_finished(session, self._config, now)
        forgotten = housekeeping.prune_processed(session, now - EVENTS_KEPT)
        log.debug("retention run forgot %d handled event ids", forgotten)
        return outbox.write(session, notices, now)

    def _closed_initiatives(
        self, session: Session, now: datetime, counts: Counter[str]
    ) -> list[Notice]:
        notices: list[Notice] = []
        latest = self._before(self._after(now, "warn_before"), "after_close") + MARGIN
        for initiative in queries.unerased_closed_before(session, sorted(CLOSED), latest):
            expires = self._after(initiative.updated_at, "after_close")
            if not self._may_go(expires, initiative.erasure_warned_at, now):
                if initiative.erasure_warned_at is None and now >= self._warn_at(expires):
                    initiative.erasure_warned_at = now
                    notices.append(self._warning(initiative, max(expires, self._grace(now))))
                continue
            erasure.erase_initiative(session, initiative, now, counts, delete=False)
        return notices

    def _conversations(self, session: Session, now: datetime, counts: Counter[str]) -> list[Notice]:
        notices: list[Notice] = []
        warned_of = self._before(self._after(now, "warn_before"), "abandoned_after") + MARGIN
        # Untouched long enough to be warned of, or to hold an intake that expired.
        latest = max(warned_of, now - self._keep_unfinished)
        for conversation in queries.conversations_untouched_since(session, latest):
            expires = self._after(conversation.updated_at, "abandoned_after")
            state = State.from_json(conversation.state)
            worth_a_warning = self._intake_alive(state, now)
            warned = conversation.erasure_warned_at
            if worth_a_warning and not self._may_go(expires, warned, now):
                if warned is None and now >= self._warn_at(expires):
                    conversation.erasure_warned_at = now
                    notices.append(self._conversation_warning(conversation, state, expires, now))
                continue
            if now >= expires:
                erasure.delete_conversation(session, conversation, counts)
            elif state.step is not None and state.photos:
                self._drop_photos(session, conversation, state, counts)
        return notices

    def _drop_photos(
        self, session: Session, conversation: Conversation, state: State, counts: Counter[str]
    ) -> None:
        """An expired intake's photos; the rest stays until the conversation goes, so
        that the resident, back, hears their intake was removed."""
        erasure.remove_photos(session, state.photos, counts)
        conversation.state = replace(state, photos=()).to_json()

    def _may_go(self, expires: datetime, warned: datetime | None, now: datetime) -> bool:
        """Past its time, and warned `warn_before` ago."""
        return now >= expires and warned is not None and now >= self._after(warned, "warn_before")

    def _intake_alive(self, state: State, now: datetime) -> bool:
        touched = state.touched_at
        return (
            state.step is not None
            and touched is not None
            and now - touched <= (self._keep_unfinished)
        )

    def _warning(self, initiative: Initiative, on: datetime) -> Notice:
        zone = self._config.bot.zone
        text = privacy_texts.closed_initiative_expires(
            initiative.reference, on, zone, initiative.locale
        )
        return Notice(initiator_chat(initiative), Reply(text))

    def _conversation_warning(
        self, conversation: Conversation, state: State, expires: datetime, now: datetime
    ) -> Notice:
        on = max(expires, self._grace(now))
        text = privacy_texts.conversation_expires(on, self._config.bot.zone, state.locale)
        return Notice(address(conversation.channel, conversation.chat_id), Reply(text))

    def _grace(self, now: datetime) -> datetime:
        return self._after(now, "warn_before")

    def _warn_at(self, expires: datetime) -> datetime:
        return self._before(expires, "warn_before")

    def _after(self, moment: datetime, key: str) -> datetime:
        return self._rules.after(moment, self._settings.span(key))

    def _before(self, moment: datetime, key: str) -> datetime:
        return self._rules.before(moment, self._settings.span(key))
