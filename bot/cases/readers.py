"""Who reads what is said about an initiative, and in which language.

The initiator reads in the language of their conversation, which they may switch
after handing in: `follow_language` keeps their initiatives in step with it, so
every message to them (the desk's, the follow-ups', the privacy warnings') is
composed in `initiative.locale`. A contact reads in their own language
(`accounts.language_of`), a team chat in its team's.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from bot.accounts import TEAM_READER, language_of
from bot.cases import departures
from bot.cases.routing import team_of
from bot.config.settings import Config
from bot.notices import Notice, Reply
from storage import queries
from storage.models import Initiative


def follow_language(session: Session, channel: str, sender_id: str, locale: str) -> None:
    """The resident's conversation is in `locale` now: so are all their initiatives."""
    queries.set_locale(session, channel, sender_id, locale)


@dataclass(frozen=True, slots=True)
class Holder:
    """Whoever holds an initiative: the contact who took it up (and still has it after a
    close), else its team's chats."""

    name: str  # as the initiator is told: the contact's first name, or the team's name
    chats: tuple[tuple[str, str], ...]  # ("channel:id", the language to write there in)
    to: str  # for the trail: the contact's account, or "team:<key>"
    claimed: bool
    # To send before anything else: the team hears that the contact who held it left
    # (`departures.let_go`).
    news: tuple[Notice, ...] = ()

    def tell(self, message: Callable[[str], Reply]) -> list[Notice]:
        """`message`, made in each reader's language, for each of their chats."""
        return [Notice(chat, message(locale)) for chat, locale in self.chats]


def holder(session: Session, config: Config, initiative: Initiative, now: datetime) -> Holder:
    """Whoever holds `initiative` now, to be told something: never a contact who left its
    team, whom `departures.let_go` first takes it from."""
    news = tuple(departures.let_go(session, config, initiative, now))
    if initiative.claimed_by:
        contact = initiative.claimed_by
        contact_reads = ((contact, language_of(config, contact)),)
        return Holder(initiative.claimed_by_name or "", contact_reads, contact, True, news)
    team = team_of(config, initiative.team)
    team_reads = tuple((chat, str(team.language)) for chat in team.notify)
    return Holder(team.name, team_reads, f"{TEAM_READER}{team.key}", False, news)
