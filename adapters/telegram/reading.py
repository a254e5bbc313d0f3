"""Telegram updates as the core's `Incoming`: who said what, where.

In a group the bot hears only its own commands and replies to its own messages
(what Telegram's privacy mode delivers anyway); in a private chat it hears
everything and says what it cannot read.
"""

from dataclasses import dataclass

from telegram import CallbackQuery, Chat, Message, User

from bot.messages import OPENED, START_PREFIX, UNREADABLE, Incoming, Location, Photo

CHANNEL = "telegram"
GROUPS = (Chat.GROUP, Chat.SUPERGROUP)


@dataclass(frozen=True, slots=True)
class Me:
    """The bot's own account, to recognise replies to it and commands meant for it."""

    id: int
    username: str


def from_message(message: Message, me: Me, event_id: str, photo: Photo | None) -> Incoming | None:
    """The `Incoming` for a message, or None when the bot should not hear it."""
    sender = message.from_user
    if sender is None or sender.is_bot or message.chat.type not in (Chat.PRIVATE, *GROUPS):
        return None
    group = message.chat.type in GROUPS
    replied = message.reply_to_message
    to_me = replied is not None and replied.from_user is not None and replied.from_user.id == me.id
    text, payload = message.text or "", ""
    if text.startswith("/"):
        command = _command(text, me)
        if command is None:
            return None  # a command for another bot in the group
        text, payload = command
    elif group and not to_me:
        return None  # chatter among the people in a group
    elif not group and message.location is not None:
        where = Location(message.location.latitude, message.location.longitude)
        return _incoming(message, sender, event_id, "", group, location=where)
    elif not group and photo is not None:
        # A caption says what the photo is, or "aanvullen 2026-0012": it is kept.
        return _incoming(message, sender, event_id, message.caption or "", group, photo=photo)
    elif not group and not text and message.effective_attachment is not None:
        payload = UNREADABLE
    elif not text:
        return None  # a service message: someone joined, a title changed
    replied_text = (replied.text or "") if to_me and replied is not None else ""
    return _incoming(message, sender, event_id, text, group, payload, replied_text)


def _command(text: str, me: Me) -> tuple[str, str] | None:
    """A command's text without "@botname", and the payload "/start" stands for."""
    word, _space, rest = text.partition(" ")
    name, _at, addressee = word.partition("@")
    if addressee and addressee.lower() != me.username.lower():
        return None
    if name.lower() == "/start":
        slug = rest.strip()
        return "", START_PREFIX + slug if slug else OPENED
    return f"{name} {rest}".strip(), ""


def _incoming(
    message: Message,
    sender: User,
    event_id: str,
    text: str,
    group: bool,
    payload: str = "",
    replied_text: str = "",
    location: Location | None = None,
    photo: Photo | None = None,
) -> Incoming:
    return Incoming(
        channel=CHANNEL,
        chat_id=str(message.chat.id),
        sender_id=str(sender.id),
        event_id=event_id,
        text=text,
        payload=payload,
        language=sender.language_code or "",
        group=group,
        replied_text=replied_text,
        location=location,
        photo=photo,
        sender_name=sender.full_name,
    )


def from_press(query: CallbackQuery, event_id: str, payload: str) -> Incoming:
    """The `Incoming` for a pressed button, with the payload it stands for."""
    message = query.message
    chat_id = message.chat.id if message is not None else query.from_user.id
    group = message is not None and message.chat.type in GROUPS
    return Incoming(
        channel=CHANNEL,
        chat_id=str(chat_id),
        sender_id=str(query.from_user.id),
        event_id=event_id,
        payload=payload,
        language=query.from_user.language_code or "",
        group=group,
    )
