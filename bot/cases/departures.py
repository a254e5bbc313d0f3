"""Contacts who left a team: the initiatives they held go back to it.

A contact removed from the config, or moved to another team, holds nothing of
that team any more, and nothing more is sent to them about it. The config only
changes with a restart, so at start (`let_go_of_all`) every open initiative they
held is free again for its team, which is told so; and every message for whoever
holds an initiative checks again (`let_go`, through `readers.holder`), for a
closed one too, or when the start did not run (another process).

Runs inside the caller's transaction; the notices are for its outbox.
"""

import logging
from datetime import datetime

from sqlalchemy.orm import Session

from bot.accounts import on_team
from bot.cases import texts
from bot.cases.routing import team_of
from bot.config.names import EMPTY
from bot.config.settings import Config
from bot.notices import Notice
from bot.vocabulary import OPEN, Actor, Status, TrailKind
from storage import queries
from storage.models import Initiative

log = logging.getLogger(__name__)
# On the trail's "released" entry, why the bot released it.
LEFT_THE_TEAM = {"cause": "left the team"}


def let_go(session: Session, config: Config, initiative: Initiative, now: datetime) -> list[Notice]:
    """Take `initiative` from a contact who is no longer on its team: an open one is free
    again and its team hears so; a closed one keeps the name of who had it, but what its
    initiator writes now goes to the team, which may answer. Nothing when it is held by
    someone still on the team, or by nobody."""
    contact, team = initiative.claimed_by, team_of(config, initiative.team)
    if contact is None or on_team(config, contact, team.key):
        return []
    name = initiative.claimed_by_name or EMPTY
    initiative.claimed_by = None
    queries.add_event(session, initiative, TrailKind.RELEASED, Actor.BOT, now, LEFT_THE_TEAM)
    log.info(
        "initiative %s back with %s: its contact left the team", initiative.reference, team.key
    )
    if initiative.status not in OPEN:  # a close stays as it was, and when (retention);
        return []  # a running one runs on: not the team's open work again
    initiative.status, initiative.claimed_by_name = Status.SUBMITTED, None
    initiative.updated_at = now
    notice = texts.contact_left(name, initiative.reference, initiative.title, team.language)
    return [Notice(chat, notice) for chat in team.notify]


def let_go_of_all(session: Session, config: Config, now: datetime) -> list[Notice]:
    """At start: every open initiative held by someone no longer on its team goes back
    to the team (`let_go`). The closed ones wait until their initiator writes."""
    claimed = {Status.CLAIMED}
    notices: list[Notice] = []
    for account, team in queries.claimants(session, claimed):
        if on_team(config, account, team_of(config, team).key):
            continue
        for initiative in queries.held_by(session, claimed, account, team):
            notices.extend(let_go(session, config, initiative, now))
    return notices
