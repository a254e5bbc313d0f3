"""Coordinators block an abusive account, and lift the block again.

    blokkeer 2026-0042 [reden]      block the initiator of that initiative
    blokkeer telegram:12345 [reden] block that account
    deblokkeer …                    lift it
    geblokkeerd                     the blocked accounts

A blocked account's messages are ignored without an answer; contacts and
coordinators cannot be blocked (the config names them).
"""

import re
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from bot.accounts import Staff, address, chat_language, staff_member
from bot.cases.commands import REFERENCE
from bot.config.settings import Config
from bot.notices import Outcome
from bot.texts.i18n import translations
from storage import queries

BLOCK_WORDS = ("blokkeer", "block")
UNBLOCK_WORDS = ("deblokkeer", "unblock")
LIST_WORDS = ("geblokkeerd", "blocked")
# An account as stored: "channel:id" in at most 255 characters.
ADDRESS = re.compile(r"^(console|telegram|matrix):\S{1,240}$")


@dataclass(frozen=True, slots=True)
class BlockCommand:
    do: str  # block | unblock | list
    target: str = ""  # a reference or an account address
    reason: str = ""


def parse_block_command(text: str) -> BlockCommand | None:
    first, _, rest = text.strip().partition(" ")
    word = first.lower().lstrip("/").split("@")[0]
    target, _, reason = rest.strip().partition(" ")
    if word in LIST_WORDS and not rest.strip():
        return BlockCommand("list")
    if word in BLOCK_WORDS:
        return BlockCommand("block", target, reason.strip())
    if word in UNBLOCK_WORDS:
        return BlockCommand("unblock", target)
    return None


def act(
    session: Session, config: Config, staff: Staff, chat: str, command: BlockCommand, now: datetime
) -> Outcome:
    """Block, unblock or list, for a coordinator; the answer goes to `chat`."""
    done, text = _carried_out(
        session, config, staff, command, now, chat_language(config, chat, staff)
    )
    return Outcome.said(chat, text) if done else Outcome.refused(chat, text)


def _carried_out(
    session: Session,
    config: Config,
    staff: Staff,
    command: BlockCommand,
    now: datetime,
    locale: str,
) -> tuple[bool, str]:
    """Whether anything was done, and what to answer the coordinator."""
    _ = translations(locale).gettext
    if not staff.coordinator:
        return False, _("Only coordinators block accounts.")
    if command.do == "list":
        blocked = queries.blocked_accounts(session)
        if not blocked:
            return True, _("No accounts are blocked.")
        lines = [_("Blocked accounts:")]
        lines += [f"\u2022 {row.account} ({row.reason or '-'})" for row in blocked]
        return True, "\n".join(lines)
    account = _account(session, command.target)
    if account is None:
        return False, _(
            "Name the initiative or the account: \u201cblock 2026-0042 reason\u201d or "
            "\u201cblock telegram:12345 reason\u201d."
        )
    if staff_member(config, account) is not None:
        return False, _("{account} is a contact or coordinator in the config.").format(
            account=account
        )
    if command.do == "block":
        if not queries.block(session, account, staff.account, command.reason, now):
            return False, _("{account} was blocked already.").format(account=account)
        return True, _(
            "{account} is blocked: the bot ignores its messages. To undo: \u201cunblock "
            "{account}\u201d."
        ).format(account=account)
    if not queries.unblock(session, account):
        return False, _("{account} was not blocked.").format(account=account)
    return True, _("{account} is no longer blocked.").format(account=account)


def _account(session: Session, target: str) -> str | None:
    if ADDRESS.match(target):
        return target
    if REFERENCE.match(target):
        initiative = queries.find_initiative(session, target)
        return address(initiative.channel, initiative.sender_id) if initiative else None
    return None
