"""The config's rules that span several entries: unique keys, names and postcodes, routes
and return days that name what exists, and chats that reach only those meant.

Each check gives (key path, message) pairs; `settings.load_config` names their lines.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from bot.config import chats
from bot.config.tomllines import Path as KeyPath
from bot.matching import normalize

if TYPE_CHECKING:  # the models import these checks to run them
    from bot.config.settings import (
        Area,
        Config,
        MatrixSettings,
        ReturnDaySettings,
        Team,
        TelegramSettings,
        Theme,
    )


def cross_checks(config: Config) -> list[tuple[KeyPath, str]]:
    """Rules that span several entries: unique keys, names, aliases and postcodes."""
    problems: list[tuple[KeyPath, str]] = []
    sections: tuple[tuple[str, Sequence[Area | Theme | Team]], ...] = (
        ("areas", config.areas),
        ("themes", config.themes),
        ("teams", config.teams),
    )
    for section, entries in sections:
        seen_keys: set[str] = set()
        seen_names: dict[str, str] = {}
        for index, entry in enumerate(entries):
            if entry.key in seen_keys:
                problems.append(((section, index, "key"), f"duplicate key {entry.key!r}"))
            seen_keys.add(entry.key)
            for name in {normalize(n) for n in entry.names()}:
                owner = seen_names.setdefault(name, entry.key)
                if owner != entry.key:
                    problems.append(
                        ((section, index), f"name or alias {name!r} is also used by {owner!r}")
                    )
    seen_postcodes: dict[str, str] = {}
    for index, area in enumerate(config.areas):
        for position, postcode in enumerate(area.postcodes):
            owner = seen_postcodes.setdefault(postcode, area.key)
            if owner != area.key:
                problems.append(
                    (("areas", index, "postcodes", position), f"{postcode} is also in {owner!r}")
                )
    return (
        problems
        + _routing_checks(config)
        + group_chat_checks(config)
        + follower_checks(config)
        + _telegram_checks(config.telegram)
        + _matrix_checks(config.matrix)
        + _fallback_theme_check(config)
        + _neighbour_checks(config)
    )


def _neighbour_checks(config: Config) -> list[tuple[KeyPath, str]]:
    keys = {area.key for area in config.areas}
    return [
        (("areas", index, "neighbours", position), _not_a_neighbour(area.key, neighbour))
        for index, area in enumerate(config.areas)
        for position, neighbour in enumerate(area.neighbours)
        if neighbour == area.key or neighbour not in keys
    ]


def _not_a_neighbour(key: str, neighbour: str) -> str:
    if neighbour == key:
        return "an area is no neighbour of itself"
    return f"no area has the key {neighbour!r}"


def _fallback_theme_check(config: Config) -> list[tuple[KeyPath, str]]:
    wanted = config.intake.fallback_theme
    if wanted and wanted not in {theme.key for theme in config.themes}:
        return [(("intake", "fallback_theme"), f"no theme has the key {wanted!r}")]
    return []


def _telegram_checks(telegram: TelegramSettings) -> list[tuple[KeyPath, str]]:
    if telegram.enabled and telegram.mode == "webhook" and not telegram.webhook_url:
        return [(("telegram", "webhook_url"), "webhook mode needs the public https URL")]
    return []


def _matrix_checks(matrix: MatrixSettings) -> list[tuple[KeyPath, str]]:
    if not matrix.enabled:
        return []
    return [
        (("matrix", key), f"Matrix needs the {what}")
        for key, what in (("homeserver", "homeserver's URL"), ("user_id", "bot's Matrix id"))
        if not getattr(matrix, key)
    ]


def group_chat_checks(config: Config) -> list[tuple[KeyPath, str]]:
    """Each team chat and follower chat is a group of its own: a notification in a
    person's private chat, or in a chat shared with another team or follower, reaches
    people it is not meant for (a follower may not read a team's personal data)."""
    owned: list[tuple[KeyPath, str, str]] = [
        (("teams", index, "notify", position), chat, f"team {team.key!r}")
        for index, team in enumerate(config.teams)
        for position, chat in enumerate(team.notify)
    ]
    owned += [
        (("followers", index, "chats", position), chat, f"followers[{index + 1}]")
        for index, follower in enumerate(config.followers)
        for position, chat in enumerate(follower.chats)
    ]
    people = _private_chats(config)
    problems: list[tuple[KeyPath, str]] = []
    owners: dict[str, str] = {}
    for where, chat, owner in owned:
        private = chats.not_a_group(chat, people)
        if private:
            problems.append((where, private))
        first = owners.setdefault(chat, owner)
        if first != owner:
            problems.append((where, f"{chat} is also the chat of {first}; give each its own"))
    return problems


def follower_checks(config: Config) -> list[tuple[KeyPath, str]]:
    """Each follower has a name of its own, follows areas that exist, and lists each
    area and chat once (whose chats they are: `group_chat_checks`)."""
    problems: list[tuple[KeyPath, str]] = []
    areas = {area.key for area in config.areas}
    names: dict[str, int] = {}
    for index, follower in enumerate(config.followers):
        where: KeyPath = ("followers", index)
        earlier = names.setdefault(normalize(follower.name), index)
        if earlier != index:
            problems.append(((*where, "name"), f"also the name of followers[{earlier + 1}]"))
        problems.extend(_twice(where, "areas", follower.areas))
        problems.extend(
            ((*where, "areas", position), f"unknown area {key!r}")
            for position, key in enumerate(follower.areas)
            if key not in areas
        )
        problems.extend(_twice(where, "chats", follower.chats))
    return problems


def _twice(where: KeyPath, key: str, values: Sequence[str]) -> list[tuple[KeyPath, str]]:
    """A value listed a second time in one entry's list."""
    return [
        ((*where, key, position), f"{value!r} is listed twice")
        for position, value in enumerate(values)
        if value in values[:position]
    ]


def _private_chats(config: Config) -> set[str]:
    """The accounts of the config's contacts and coordinators, and the console's own:
    for `chats.not_a_group`."""
    people = [*config.routing.coordinators, *(p for team in config.teams for p in team.members)]
    accounts = {person.account for person in people}
    accounts.add(f"console:{config.console.account.removeprefix('console:')}")
    return accounts


def _routing_checks(config: Config) -> list[tuple[KeyPath, str]]:
    """Routes and the fallback must name things that exist; every team must be reachable."""
    problems: list[tuple[KeyPath, str]] = []
    teams = {team.key for team in config.teams}
    known = {"areas": {a.key for a in config.areas}, "themes": {t.key for t in config.themes}}
    for index, team in enumerate(config.teams):
        if not team.notify:
            problems.append(
                (("teams", index, "notify"), "a team needs at least one chat to notify")
            )
    for index, route in enumerate(config.routes):
        if route.team not in teams:
            problems.append((("routes", index, "team"), f"unknown team {route.team!r}"))
        for section in ("areas", "themes"):
            for position, key in enumerate(getattr(route, section)):
                if key not in known[section]:
                    problems.append(
                        (("routes", index, section, position), f"unknown {section[:-1]} {key!r}")
                    )
    followers = {follower.name for follower in config.followers}
    for index, day in enumerate(config.return_days):
        problems.extend(_return_day_checks(index, day, teams, known, followers))
    if config.routing.fallback_team not in teams:
        problems.append(
            (("routing", "fallback_team"), f"unknown team {config.routing.fallback_team!r}")
        )
    return problems


def _return_day_checks(
    index: int,
    day: ReturnDaySettings,
    teams: set[str],
    known: dict[str, set[str]],
    followers: set[str],
) -> list[tuple[KeyPath, str]]:
    where: KeyPath = ("return_days", index)
    problems: list[tuple[KeyPath, str]] = []
    if sum(bool(part) for part in (day.areas, day.themes, day.team)) > 1:
        problems.append((where, "invite by areas, by themes or a team, not several at once"))
    if day.team and day.team not in teams:
        problems.append(((*where, "team"), f"unknown team {day.team!r}"))
    for section in ("areas", "themes"):
        for position, key in enumerate(getattr(day, section)):
            if key not in known[section]:
                problems.append(((*where, section, position), f"unknown {section[:-1]} {key!r}"))
    for position, name in enumerate(day.followers):
        if name not in followers:
            problems.append(((*where, "followers", position), f"no [[followers]] named {name!r}"))
    problems.extend(_twice(where, "followers", day.followers))
    accounts = [person.account for person in day.participants]
    problems.extend(_twice(where, "participants", accounts))
    for position, account in enumerate(accounts):
        channel, _, ident = account.partition(":")
        if channel == "telegram" and not ident.lstrip("-").isdigit():
            problems.append(
                (
                    (*where, "participants", position, "account"),
                    "a Telegram account is a number (the bot cannot write to a @username);"
                    " /chatid shows it",
                )
            )
    by_kind = day.areas or day.themes or day.team
    if not day.all_initiators and by_kind:
        problems.append(
            (
                (*where, "all_initiators"),
                "false says no initiators, but areas, themes or team name some",
            )
        )
    if not day.all_initiators and not (by_kind or accounts or day.followers or day.signup):
        problems.append(
            (
                (*where, "all_initiators"),
                "with false, the day invites nobody: add participants, followers or signup",
            )
        )
    return problems
