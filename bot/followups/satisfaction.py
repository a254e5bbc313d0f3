"""The satisfaction question after a close: a score from 1 to 5, pressed or typed, and then
perhaps a few words about it.

It is a follow-up (`rules.plan`), asked once per initiative the morning after its
close as done, not feasible or running, and the trail says where it stands: asked,
scored ("rated", data "score"), commented. A score is
taken while the question is open (`OPEN_FOR`); after it, the resident's next free
text within `COMMENT_WITHIN` is their comment. Anything else they type goes its usual
way, to their contact: nothing a person types is thrown away here.

Runs inside the transaction of the incoming message.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from bot.accounts import address, initiator_chat
from bot.cases import on_behalf
from bot.followups import after_texts
from bot.followups.answers import SCORES
from bot.followups.rules import Facts
from bot.intake.intent import intent, is_question, words
from bot.matching import normalize
from bot.messages import Incoming
from bot.notices import Notice, Outcome, Reply
from bot.vocabulary import OPEN, Actor, TrailKind
from storage import queries
from storage.models import Initiative, InitiativeEvent

OPEN_FOR = timedelta(days=14)
# The question goes the morning after the close (later only when the bot was down): a
# close longer ago than this has no question open any more.
NOT_ASKED_AFTER = OPEN_FOR + timedelta(days=7)
COMMENT_WITHIN = timedelta(days=2)
# The trail data of a score and of a comment ("text", as erasure knows typed words).
SCORE = "score"
COMMENT = "text"
LOW = frozenset({1, 2})  # a score the coordinators' digest names
_SCORE_WORDS = {
    **{str(score): score for score in SCORES},
    **dict(zip(("een", "twee", "drie", "vier", "vijf"), SCORES, strict=True)),
    **dict(zip(("one", "two", "three", "four", "five"), SCORES, strict=True)),
}
# "4", "vier", "4 sterren", "4/5", "4 van de 5", "4 out of 5", "4!", "ik geef het een 4",
# "een vier", as `normalize` leaves them ("4/5" is "4 5"); or only stars.
_TYPED_SCORE = re.compile(
    r"^(?:ik geef (?:het |jullie |je |u |de hulp |it |you )?)?(?:een |a )?"
    r"(?P<score>[a-z0-9]+)"
    r"(?: (?:van de |uit |out of |of )?(?P<of>5|10)| sterren| ster| stars?| punten)?$"
)
_STAR = re.compile(r"\u2b50\ufe0f?|\U0001f31f|\u2605|\*")
# A school grade (6 to 10, or "8/10"): Dutch residents grade out of ten.
GRADES = range(6, 11)


def score_of(text: str) -> int | None:
    """The score a typed message is, when it is nothing but one from 1 to 5 ("+1" is
    someone coming along to a return day, not a score)."""
    if text.strip().startswith("+"):
        return None
    stars = "".join(text.split())
    if stars and not _STAR.sub("", stars):
        count = len(_STAR.findall(stars))
        return count if count in SCORES else None
    found = _TYPED_SCORE.match(normalize(text))
    if found is None or found.group("of") == "10":
        return None
    return _SCORE_WORDS.get(found.group("score"))


def graded(text: str) -> bool:
    """A grade out of ten rather than a score: "8", "een 7", "8/10"."""
    found = _TYPED_SCORE.match(normalize(text))
    if found is None or not found.group("score").isdigit():
        return False
    return found.group("of") == "10" or int(found.group("score")) in GRADES


def says_something(text: str) -> bool:
    """Words about the help: not a yes or no, thanks, a greeting, a score or a question
    (which is for the contact)."""
    said = normalize(text)
    thanks = said in words().softeners or said in words().greetings
    return bool(said) and not (
        thanks or intent(text) is not None or is_question(text) or score_of(text) or graded(text)
    )


@dataclass(frozen=True, slots=True)
class Standing:
    """Where one initiative's satisfaction question stands, read off its trail."""

    asked_at: datetime | None = None
    rated_at: datetime | None = None
    commented: bool = False

    @classmethod
    def of(cls, trail: Sequence[InitiativeEvent]) -> "Standing":
        moments = {event.kind: event.at for event in trail}  # the last of each kind
        return cls(
            moments.get(TrailKind.RATING_ASKED),
            moments.get(TrailKind.RATED),
            TrailKind.RATING_COMMENTED in moments,
        )

    def open_for_score(self, now: datetime) -> bool:
        return (
            self.asked_at is not None and self.rated_at is None and now <= self.asked_at + OPEN_FOR
        )

    def open_for_comment(self, now: datetime) -> bool:
        return (
            self.rated_at is not None
            and not self.commented
            and now <= self.rated_at + COMMENT_WITHIN
        )


def question(initiative: Initiative, case: Facts) -> list[Notice]:
    """The follow-up's message; none when there is no initiator's chat to write to: its
    data was erased meanwhile, or it was handed in on their behalf (the rules plan
    nothing for such a one; this holds when its trail does not say so)."""
    if not on_behalf.initiator_has_a_chat(initiative):
        return []
    reply = after_texts.rating_question(initiative.reference, initiative.locale)
    return [Notice(initiator_chat(initiative), reply)]


def rate(session: Session, initiative: Initiative, score: int, now: datetime) -> Outcome:
    """The score on the trail; the initiator thanked, and invited to say more. The close
    stays when it was (the retention counts from it): only the trail grows."""
    queries.add_event(session, initiative, TrailKind.RATED, Actor.RESIDENT, now, {SCORE: score})
    return Outcome(
        [Notice(initiator_chat(initiative), Reply(after_texts.rated(initiative.locale)))]
    )


def typed(session: Session, incoming: Incoming, text: str, now: datetime) -> Outcome | None:
    """A resident's free text, outside an intake, as their score or their comment when
    a satisfaction question of theirs is open for it; None otherwise (a photo's caption
    too: the photo is no answer)."""
    if incoming.photo is not None:
        return None
    # Closed or running: whether a question is open the trail says (a pause may have
    # put it off for weeks after the close).
    recent = [
        initiative
        for initiative in queries.initiatives_of(session, incoming.channel, incoming.sender_id)
        if initiative.status not in OPEN
    ]
    if not recent:
        return None
    trails = queries.trails(session, [initiative.id for initiative in recent])
    standings = [(Standing.of(trails.get(i.id, [])), i) for i in recent]
    scoring = [(s.asked_at, i) for s, i in standings if s.open_for_score(now) and s.asked_at]
    chat = address(incoming.channel, incoming.chat_id)
    if scoring:
        score = score_of(text)
        latest = max(scoring, key=lambda pair: pair[0])[1]
        if score is not None:
            return rate(session, latest, score, now)
        if graded(text):
            return Outcome.said(chat, after_texts.one_to_five(latest.locale))
    commenting = [(s.rated_at, i) for s, i in standings if s.open_for_comment(now) and s.rated_at]
    # Only words about the help: "bedankt", "nee" or a question goes its usual way.
    if not commenting or not says_something(text):
        return None
    initiative = max(commenting, key=lambda pair: pair[0])[1]
    queries.add_event(
        session, initiative, TrailKind.RATING_COMMENTED, Actor.RESIDENT, now, {COMMENT: text}
    )
    return Outcome.said(chat, after_texts.commented(initiative.locale))
