"""The Telegram adapter: our own update loop, so nothing is confirmed before it is committed.

PTB's Updater confirms updates once they are queued in memory, so it is not
used (DESIGN.md). Polling asks `getUpdates` from the last committed offset on;
a webhook answers 200 only after the core has committed. A repeated update
carries the same event id and the core ignores it.
"""

import asyncio
import hashlib
import logging
import os
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import timedelta
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar
from urllib.parse import urlsplit

from telegram import (
    Bot,
    BotCommand,
    BotCommandScopeAllGroupChats,
    BotCommandScopeAllPrivateChats,
    CallbackQuery,
    Chat,
    InlineKeyboardMarkup,
    InputFile,
    LinkPreviewOptions,
    Message,
    Update,
)
from telegram.constants import ParseMode
from telegram.error import (
    BadRequest,
    ChatMigrated,
    Conflict,
    Forbidden,
    InvalidToken,
    NetworkError,
    RetryAfter,
    TelegramError,
)

from adapters.private import private_file, private_folder
from adapters.retrying import Backoff, hand_over, quietly, report_end, until_done, worded
from adapters.telegram import render
from adapters.telegram.answers import NotFound, QuietRequest, shown_url
from adapters.telegram.limits import FloodLimits
from adapters.telegram.options import TelegramOptions
from adapters.telegram.reading import CHANNEL, Me, from_message, from_press
from bot.messages import (
    Attachment,
    Handled,
    Incoming,
    Outgoing,
    PageHandler,
    Photo,
    PlatformRefused,
    SendLater,
    Undeliverable,
)

if TYPE_CHECKING:
    from aiohttp import web

log = logging.getLogger(__name__)
ALLOWED_UPDATES = ["message", "callback_query"]
NO_PREVIEW = LinkPreviewOptions(is_disabled=True)
# How long a webhook update waits for the bot to know itself before it is refused.
CONNECT_WAIT_SECONDS = 10.0
# Keyboards ticked since Telegram last sent them to us, remembered per message.
KEYBOARDS_REMEMBERED = 1000
T = TypeVar("T")


class TelegramAdapter:
    channel = CHANNEL

    def __init__(self, options: TelegramOptions) -> None:
        # httpx logs every request URL at INFO, and Bot API URLs hold the bot's token.
        logging.getLogger("httpx").setLevel(logging.WARNING)
        # PTB 22 still hands out durations such as RetryAfter.retry_after as numbers and
        # warns at every read that they become timedeltas; this documented switch opts in
        # now, so the adapter reads one type. An operator's own setting is left alone.
        os.environ.setdefault("PTB_TIMEDELTA", "true")
        self._options = options
        self.chats: frozenset[str] | None = None
        self._bot = Bot(
            options.token,
            base_url=options.base_url,
            base_file_url=options.base_file_url,
            request=QuietRequest(connection_pool_size=8),
            get_updates_request=QuietRequest(),
        )
        # Where the bot talks to, as the log may show it: without the token.
        self._url = shown_url(options.base_url, options.token)
        self._limits = FloodLimits(
            options.messages_per_second,
            options.messages_per_chat_per_second,
            options.messages_per_group_per_minute,
        )
        self._connected = asyncio.Event()
        self._me = Me(0, "")
        self._handler: PageHandler | None = None
        self._task: asyncio.Task[None] | None = None
        self._webhook: web.AppRunner | None = None
        # One update at a time, in order, whichever way they arrive.
        self._one_at_a_time = asyncio.Lock()
        # Parts of a long message already sent, so a retry does not repeat them.
        self._parts_sent: dict[tuple[str, int], int] = {}
        # A press carries the keyboard as Telegram last showed it, which lags behind
        # quick taps; the newest ticked keyboard of each message is kept here.
        self._keyboards: OrderedDict[tuple[int, int], InlineKeyboardMarkup] = OrderedDict()
        # Waits between sends while Telegram cannot be reached, doubling.
        self._unreachable = Backoff(options.first_retry_seconds, options.max_retry_seconds)

    async def start(self, handler: PageHandler) -> None:
        """Check the token and open the webhook port now, so a mistake stops the start."""
        self._handler = handler
        try:
            await self._connect()
        except InvalidToken:
            raise PlatformRefused(
                "Telegram refused the bot token: check INITIATIEFBOT_TELEGRAM_TOKEN"
            ) from None
        except NotFound as error:
            raise PlatformRefused(
                f"{error} at {self._url}: check telegram.base_url "
                "(and that INITIATIEFBOT_TELEGRAM_TOKEN is a whole bot token)"
            ) from None
        except TelegramError as error:  # Telegram away: the loop keeps trying
            log.warning(
                "telegram: %s not reachable at start (%s), trying again",
                self._url,
                self._cause(error),
            )
        if self._options.mode == "webhook":
            await self._open_webhook_port()
        self._task = asyncio.create_task(self._run(), name="telegram")
        self._task.add_done_callback(report_end("telegram: the update loop"))

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)
        if self._webhook is not None:
            await self._webhook.cleanup()
        await self._bot.shutdown()  # closes its HTTP connections, also after a failed start
        if self._connected.is_set():
            log.info("telegram: stopped (@%s)", self._me.username)

    async def send(self, message: Outgoing) -> None:
        if not self._connected.is_set():
            raise SendLater(self._options.first_retry_seconds)
        buttons = render.fits_buttons(message)
        markup = render.keyboard(message) if buttons else None
        pieces = render.parts(message.text if buttons else render.numbered(message))
        chat_id = int(message.chat_id)
        key = (message.chat_id, hash((message.text, message.choices)))
        sends: list[Callable[[], Awaitable[object]]] = [
            partial(
                self._bot.send_message,
                chat_id,
                piece,
                parse_mode=ParseMode.HTML,
                reply_markup=markup if index == len(pieces) - 1 else None,
                link_preview_options=NO_PREVIEW,
            )
            for index, piece in enumerate(pieces)
        ]
        if message.location is not None:  # after the text, as a pin on a map
            where = message.location
            sends.append(partial(self._bot.send_location, chat_id, where.latitude, where.longitude))
        if message.attachment is not None:  # after the text, as a message of its own
            sends.append(partial(self._send_file, chat_id, message.attachment))
        for index in range(self._parts_sent.get(key, 0), len(sends)):
            await self._limits.take_turn(chat_id)
            await self._send_part(chat_id, sends[index])
            self._parts_sent[key] = index + 1
        self._parts_sent.pop(key, None)

    async def _send_file(self, chat_id: int, file: Attachment) -> None:
        """A photo shown as a picture in the chat; any other file as a document. A picture
        Telegram will not take as a photo (odd proportions, a damaged file) goes as a
        document instead, so that it still arrives."""
        if render.is_photo(file):
            try:
                await self._bot.send_photo(chat_id, InputFile(file.content, filename=file.name))
                return
            except BadRequest as error:
                if not render.refused_as_photo(error.message):
                    raise
                log.info("telegram: a picture was refused as a photo, sent as a document")
        await self._bot.send_document(chat_id, InputFile(file.content, filename=file.name))

    async def _send_part(self, chat_id: int, send: Callable[[], Awaitable[object]]) -> None:
        """One message; what Telegram answers becomes a wait, a park or a counted failure."""
        try:
            await send()
        except RetryAfter as error:
            raise SendLater(_seconds(error)) from error
        except ChatMigrated as error:
            # A group became a supergroup: the config must name the new chat.
            log.error(
                "telegram: chat %d is now telegram:%d; put that id in the config",
                chat_id,
                error.new_chat_id,
            )
            raise Undeliverable(f"chat moved to {error.new_chat_id}") from error
        except Forbidden as error:
            raise Undeliverable("the bot was blocked or removed from the chat") from error
        except BadRequest as error:
            if "chat not found" in error.message.lower():
                raise Undeliverable("no such chat") from error
            raise  # our mistake, such as bad markup: a counted failure
        except NetworkError as error:
            # Telegram or the network is away (5xx, timeouts): wait, do not count tries.
            raise SendLater(self._unreachable.wait(), away=True) from error
        self._unreachable.reset()

    async def _connect(self) -> None:
        await self._bot.initialize()  # asks getMe
        self._me = Me(self._bot.bot.id, self._bot.bot.username or "")
        self._connected.set()
        log.info("telegram: connected as @%s (%s mode)", self._me.username, self._options.mode)

    async def _run(self) -> None:
        if not self._connected.is_set():
            await self._until_done("connecting", self._connect)
        await self._set_menus()
        if self._options.mode == "webhook":
            await self._set_webhook()
        else:
            await self._poll()

    async def _poll(self) -> None:
        await self._until_done("leaving webhook mode", self._bot.delete_webhook)
        offset: int | None = None
        while True:
            updates = await self._until_done(
                "getting updates",
                partial(
                    self._bot.get_updates,
                    offset=offset,
                    timeout=self._options.poll_timeout_seconds,
                    allowed_updates=ALLOWED_UPDATES,
                ),
            )
            if updates:
                await self._deliver(updates, keep_trying=True)
                # Only now: the next getUpdates confirms the page to Telegram.
                offset = updates[-1].update_id + 1

    async def _open_webhook_port(self) -> None:
        options = self._options

        async def on_update(data: dict[str, object]) -> None:
            # Event ids name the bot, so none is handled before we know who we are;
            # a timeout here answers 500 and Telegram delivers the update again.
            await asyncio.wait_for(self._connected.wait(), CONNECT_WAIT_SECONDS)
            await self._deliver([Update.de_json(data, self._bot)])

        # aiohttp, which serves the webhook, is loaded only in webhook mode.
        from adapters.telegram.webhook import listen

        path = urlsplit(options.webhook_url).path or "/"
        try:
            self._webhook = await listen(
                options.webhook_listen,
                options.webhook_port,
                path,
                options.webhook_secret,
                on_update,
            )
        except OSError as error:
            where = f"{options.webhook_listen}:{options.webhook_port}"
            raise PlatformRefused(
                f"telegram.webhook_port: cannot listen on {where} ({error.strerror or error})"
            ) from None

    async def _set_webhook(self) -> None:
        options = self._options
        await self._until_done(
            "setting the webhook",
            lambda: self._bot.set_webhook(
                options.webhook_url,
                secret_token=options.webhook_secret,
                allowed_updates=ALLOWED_UPDATES,
                max_connections=1,  # one at a time: a chat's updates stay in order
            ),
        )

    async def _deliver(self, updates: Sequence[Update], keep_trying: bool = False) -> None:
        """Read a page of updates once, then hand it to the core, one page at a time, in
        order; see `hand_over`. While the core is unavailable, polling (`keep_trying`)
        hands the same page over again: read again, a ticked option would be ticked a
        second time. A webhook's update raises CoreUnavailable instead, and Telegram
        sends it again."""
        async with self._one_at_a_time:
            arrived = [await self._read(update) for update in updates]
            page = [found for found in arrived if found is not None]
            handing = partial(self._hand_over, page)
            if keep_trying:
                await self._until_done("handling updates", handing)
            else:
                await handing()

    async def _hand_over(self, page: Sequence["_Arrived"]) -> None:
        labels = [f"telegram: update {found.update_id}" for found in page]
        handled = await hand_over(
            self._handler_or_fail(),
            [found.incoming for found in page],
            labels,
            self._options.first_retry_seconds,
        )
        for found, result in zip(page, handled, strict=True):
            if result is not None:  # skipped: nothing to tidy or answer
                await self._after(found, result)

    def _handler_or_fail(self) -> PageHandler:
        assert self._handler is not None, "start() first"
        return self._handler

    async def _read(self, update: Update) -> "_Arrived | None":
        """What an update brings for the core, or None when it brings nothing (a ticked
        option of a multiple choice is kept here until its "done" is pressed)."""
        event_id = f"{self._me.id}:{update.update_id}"
        if update.callback_query is not None:
            return await self._pressed(update, update.callback_query, event_id)
        message = update.message
        if message is None:
            return None
        photo, fresh_copy = None, None
        if message.photo and message.chat.type == Chat.PRIVATE:
            photo, fresh_copy = await self._keep_photo(message)
        incoming = from_message(message, self._me, event_id, photo)
        if incoming is None:
            return None
        return _Arrived(update.update_id, incoming, fresh_copy=fresh_copy)

    async def _pressed(
        self, update: Update, query: CallbackQuery, event_id: str
    ) -> "_Arrived | None":
        """A button: a multiple choice toggles here; anything else goes to the core."""
        # A message older than 48 hours comes as a stub (date 0): no text, no buttons, no edits.
        original = query.message
        message = original if isinstance(original, Message) and original.is_accessible else None
        where = (message.chat.id, message.message_id) if message is not None else None
        markup = self._keyboards.get(where) if where is not None else None
        if markup is None and message is not None:
            markup = message.reply_markup
        data = query.data or ""
        ticking = markup is not None and render.is_multiple(markup) and data != render.DONE
        flipped = render.toggled(markup, data) if ticking and markup is not None else None
        if where is not None and message is not None and flipped is not None:
            self._remember_keyboard(where, flipped)
            await quietly(
                "telegram: ticking an option", message.edit_reply_markup(flipped), TelegramError
            )
            await quietly("telegram: answering a button", query.answer(), TelegramError)
            return None
        payload, labels = data, [render.label_of(markup, data)]
        if data == render.DONE and markup is not None:
            payload, labels = render.checked(markup)
        pressed = _Pressed(query, message, where, labels)
        return _Arrived(update.update_id, from_press(query, event_id, payload), pressed=pressed)

    async def _after(self, arrived: "_Arrived", handled: Handled) -> None:
        """Once committed: a photo the core did not keep goes, a button is answered."""
        if arrived.fresh_copy is not None and not handled.accepted:
            arrived.fresh_copy.unlink(missing_ok=True)
        pressed = arrived.pressed
        if pressed is None:
            return
        await quietly(
            "telegram: answering a button",
            pressed.query.answer(handled.note[:200] or None),
            TelegramError,
        )
        # Only a button the message really had marks it answered (a forged one may still
        # be accepted, such as a start link's payload, but answers no question there).
        message = pressed.message
        if handled.accepted and any(pressed.labels) and message is not None:
            if message.chat.type != Chat.PRIVATE:
                return
            if pressed.where is not None:
                self._keyboards.pop(pressed.where, None)
            # The question now reads as answered, and its buttons are gone.
            answered = render.answered(message.text or "", pressed.labels)
            await quietly(
                "telegram: marking a question answered",
                message.edit_text(answered, parse_mode=ParseMode.HTML, reply_markup=None),
                TelegramError,
            )

    def _remember_keyboard(self, where: tuple[int, int], markup: InlineKeyboardMarkup) -> None:
        self._keyboards[where] = markup
        self._keyboards.move_to_end(where)
        while len(self._keyboards) > KEYBOARDS_REMEMBERED:
            self._keyboards.popitem(last=False)

    async def _keep_photo(self, message: Message) -> tuple[Photo, Path | None]:
        """The largest size's file id, a copy of the largest size within the cap, and
        that copy's path if this call made it (to remove if the core does not keep it).
        """
        largest = message.photo[-1]
        cap = self._options.photo_max_bytes
        fitting = [size for size in message.photo if size.file_size and size.file_size <= cap]
        if not fitting:
            return Photo(largest.file_id), None
        best = fitting[-1]
        path = self._options.photo_dir / f"{_photo_name(message, best.file_unique_id)}.jpg"
        if path.exists():
            return Photo(largest.file_id, str(path)), None
        try:
            private_folder(path.parent)
            partial_copy = path.with_suffix(".part")
            file = await best.get_file()
            with private_file(partial_copy) as copy:
                await file.download_to_memory(copy)
            partial_copy.replace(path)  # never a half-written photo under the real name
        except (TelegramError, OSError) as error:
            # The file id is enough to fetch it later; the resident need not wait.
            failure = type(error).__name__
            log.warning("telegram: photo not copied (%s); its file id is kept", failure)
            return Photo(largest.file_id), None
        return Photo(largest.file_id, str(path)), path

    async def _set_menus(self) -> None:
        """The "/" command lists; Telegram shows the one of the person's app language."""
        for menu in self._options.menus:
            scope = (
                BotCommandScopeAllPrivateChats()
                if menu.audience == "private"
                else BotCommandScopeAllGroupChats()
            )
            commands = [BotCommand(word, text) for word, text in menu.commands]
            languages = [menu.language, None] if menu.language == "nl" else [menu.language]
            for language in languages:  # Dutch is also the list for any other language
                await quietly(
                    "telegram: setting the command menu",
                    self._bot.set_my_commands(commands, scope=scope, language_code=language),
                    TelegramError,
                )

    async def _until_done(self, what: str, call: Callable[[], Awaitable[T]]) -> T:
        first, most = self._options.first_retry_seconds, self._options.max_retry_seconds
        what = f"telegram: {what} at {self._url}"
        return await until_done(what, call, first, most, _asked_wait, self._cause)

    def _cause(self, error: Exception) -> str:
        return worded(error, (self._options.token,))


def _asked_wait(error: Exception) -> float | None:
    """How long Telegram asked us to wait, if it did."""
    if isinstance(error, RetryAfter):
        return _seconds(error)
    if isinstance(error, Conflict):
        log.error("telegram: another instance polls this bot, or a webhook is set")
    return None


def _seconds(error: RetryAfter) -> float:
    # A timedelta with PTB_TIMEDELTA (see the adapter), a number if an operator unset it.
    value = error.retry_after
    return value.total_seconds() if isinstance(value, timedelta) else float(value)


@dataclass(frozen=True)
class _Pressed:
    """A pressed button, to answer once its event is committed."""

    query: CallbackQuery
    message: Message | None  # None: too old for Telegram to show or edit
    where: tuple[int, int] | None  # (chat id, message id)
    labels: list[str]  # the options pressed, as the message showed them


@dataclass(frozen=True)
class _Arrived:
    """One update, read: its event for the core, and what to do once it is committed."""

    update_id: int
    incoming: Incoming
    fresh_copy: Path | None = None  # a photo copied for this update
    pressed: _Pressed | None = None


def _photo_name(message: Message, file_unique_id: str) -> str:
    """One file per message that sent it: the same picture forwarded by two residents,
    or sent in two intakes, has one file_unique_id, and erasing one copy must not take
    the other's. A redelivered message names the same file, so it is not fetched twice;
    the name is a hash, so no account or file id shows in the folder."""
    sent = f"{message.chat_id}:{message.message_id}:{file_unique_id}"
    return hashlib.sha256(sent.encode()).hexdigest()[:32]
