"""Who someone is to the bot: a contact in some teams, a coordinator, or a resident."""

from dataclasses import dataclass
from typing import Protocol

from bot.config.settings import Config

# How the trail names a team's chats, beside contacts' accounts, as the readers of a
# message: "team:<key>".
TEAM_READER = "team:"


def address(channel: str, ident: str) -> str:
    """The "channel:id" form used for accounts and chats in the config."""
    return f"{channel}:{ident}"


class HandedIn(Protocol):
    """Where an initiative came from: an initiative as stored has it."""

    @property
    def channel(self) -> str: ...

    @property
    def chat_id(self) -> str: ...


def initiator_chat(initiative: HandedIn) -> str:
    """The chat the initiative was handed in from, where its initiator is written to."""
    return address(initiative.channel, initiative.chat_id)


def split_address(value: str) -> tuple[str, str]:
    channel, _, ident = value.partition(":")
    return channel, ident


@dataclass(frozen=True, slots=True)
class Staff:
    account: str
    name: str
    teams: frozenset[str]
    coordinator: bool

    def may_act_for(self, team: str) -> bool:
        return self.coordinator or team in self.teams


def staff_member(config: Config, account: str) -> Staff | None:
    """The contact or coordinator behind `account`, or None for a resident."""
    teams = frozenset(t.key for t in config.teams for m in t.members if m.account == account)
    names = [m.name for t in config.teams for m in t.members if m.account == account]
    coordinator = [c.name for c in config.routing.coordinators if c.account == account]
    if not teams and not coordinator:
        return None
    return Staff(account, (coordinator or names)[0], teams, bool(coordinator))


def on_team(config: Config, account: str, team: str) -> bool:
    """Whether `account` may still act for `team` (by key): one of its contacts, or a
    coordinator. Someone removed from the config, or moved to another team, is not."""
    staff = staff_member(config, account)
    return staff is not None and staff.may_act_for(team)


def team_chat_owner(config: Config, chat: str) -> str | None:
    """The key of the team whose notify chat `chat` ("channel:id") is, if any."""
    return next((team.key for team in config.teams if chat in team.notify), None)


def chat_language(config: Config, chat: str, staff: Staff | None) -> str:
    """The language to write in to a chat of contacts: a team chat's own, else the
    contact's (see `language_of`), else the bot's default."""
    owner = team_chat_owner(config, chat)
    if owner is not None:
        return config.team(owner).language
    return language_of(config, staff.account) if staff else config.bot.default_language


def language_of(config: Config, account: str) -> str:
    """The language to write to a contact in privately: their (first) team's."""
    staff = staff_member(config, account)
    teams = sorted(staff.teams) if staff else []
    return config.team(teams[0]).language if teams else config.bot.default_language
