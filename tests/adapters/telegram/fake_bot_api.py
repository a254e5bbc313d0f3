"""A small imitation of the Telegram Bot API HTTP server, for tests.

The real python-telegram-bot talks HTTP to it through ``base_url`` and
``base_file_url``, so the adapter is tested with the library as it runs in
production, without patching anything. The server is strict where Telegram is
strict (HTML, lengths, button data, double answers), answers 429 and 5xx on
demand, and keeps what the bot did for tests to inspect. With ``flood_limits``
it also holds the bot to Telegram's broadcast limits: 30 messages a second in
all and one a second per chat, answering 429 with ``retry_after`` beyond them.

Deliberate limits: only the methods below exist (others answer 404 as unknown
methods do on Telegram); parse modes other than HTML are refused rather than
guessed at; a webhook is recorded but updates are not pushed to it (a test posts
``pending_updates()`` itself); user text gets no entities besides a leading
bot command.
"""

import asyncio
import contextlib
import copy
import enum
import itertools
import json
import re
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from types import TracebackType
from typing import Any, Self

from aiohttp import web

JSON = dict[str, Any]

MAX_TEXT = 4096  # in UTF-16 code units, after entities are parsed
MAX_CALLBACK_DATA = 64  # in bytes of UTF-8
MAX_DOWNLOAD = 20 * 1024 * 1024  # the Bot API hands out files up to 20 MB
# What the log shows for a request whose client hung up before it was read (as nginx logs it).
CLIENT_GONE = 499

# Updates a bot gets when it names none (or an empty list): Telegram leaves these out.
_NOT_BY_DEFAULT = frozenset({"chat_member", "message_reaction", "message_reaction_count"})

# Form fields that are free text: never JSON-decoded, or a text "123" would become a number.
_TEXT_FIELDS = frozenset(
    {
        "action",
        "business_connection_id",
        "callback_query_id",
        "caption",
        "description",
        "file_id",
        "inline_message_id",
        "ip_address",
        "language_code",
        "message_effect_id",
        "parse_mode",
        "secret_token",
        "short_description",
        "text",
        "url",
    }
)

_CHAT_ACTIONS = frozenset(
    {
        "typing",
        "upload_photo",
        "record_video",
        "upload_video",
        "record_voice",
        "upload_voice",
        "upload_document",
        "choose_sticker",
        "find_location",
        "record_video_note",
        "upload_video_note",
    }
)

_COMMAND_SCOPES = frozenset(
    {
        "default",
        "all_private_chats",
        "all_group_chats",
        "all_chat_administrators",
        "chat",
        "chat_administrators",
        "chat_member",
    }
)

# Exactly one of these makes an inline button do something; a bare text button is refused.
_BUTTON_ACTIONS = (
    "url",
    "callback_data",
    "web_app",
    "login_url",
    "switch_inline_query",
    "switch_inline_query_current_chat",
    "switch_inline_query_chosen_chat",
    "copy_text",
    "callback_game",
    "pay",
)

_COMMAND_AT_START = re.compile(r"/[A-Za-z0-9_]{1,64}(?:@[A-Za-z0-9_]{3,32})?")
_BOT_COMMAND_NAME = re.compile(r"[a-z0-9_]{1,32}")
_SECRET_TOKEN = re.compile(r"[A-Za-z0-9_-]{1,256}")

# HTML as Telegram reads it: these tags, and only these named entities.
_TAG_ENTITIES = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "a": "text_link",
    "code": "code",
    "pre": "pre",
    "span": "spoiler",
    "tg-spoiler": "spoiler",
    "blockquote": "blockquote",
}
_NAMED_ENTITIES = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
_HTML_ENTITY = re.compile(r"&(?:(lt|gt|amp|quot)|#([0-9]{1,7})|#[xX]([0-9A-Fa-f]{1,6}));")
_TAG_NAME = re.compile(r"[A-Za-z0-9-]*")
_ATTRIBUTE_NAME = re.compile(r"[A-Za-z0-9_-]+")
_UNQUOTED_VALUE = re.compile(r"[^\s>]*")

# What a proxy in front of the Bot API sends when the API behind it is away: not JSON.
_PROXY_PAGE = (
    "<html>\r\n<head><title>{status} {phrase}</title></head>\r\n<body>\r\n"
    "<center><h1>{status} {phrase}</h1></center>\r\n<hr><center>nginx</center>\r\n"
    "</body>\r\n</html>\r\n"
)
_PHRASES = {
    400: "Bad Request",
    401: "Unauthorized",
    403: "Forbidden",
    404: "Not Found",
    409: "Conflict",
    429: "Too Many Requests",
    500: "Internal Server Error",
    502: "Bad Gateway",
    503: "Service Unavailable",
    504: "Gateway Timeout",
}

_QUERY_TOO_OLD = "query is too old and response timeout expired or query ID is invalid"
_NOT_MODIFIED = (
    "message is not modified: specified new message content and reply markup "
    "are exactly the same as a current content and reply markup of the message"
)


class _Remembered(enum.Enum):
    LANGUAGE = "the user's language as last seen"


# The default language_code of what a user does: the one they had before ("nl" at first).
# Telegram sends the user's app language with every update, so it does not change from
# one message or button press to the next unless a test says so.
SAME_LANGUAGE = _Remembered.LANGUAGE
FIRST_LANGUAGE = "nl"
DEFAULT_FIRST_NAME = "Bewoner"


@dataclass
class Call:
    """One request to the API, as the server saw it.

    ``status`` is 0 while the call is still being answered (a long poll).
    """

    method: str
    params: dict[str, Any]
    at: float
    status: int = 0


class ApiError(Exception):
    """An error answer in Telegram's shape; raised inside handlers."""

    def __init__(self, status: int, description: str, parameters: JSON | None = None) -> None:
        super().__init__(description)
        self.status = status
        self.description = description
        self.parameters = parameters

    def response(self) -> web.Response:
        body: JSON = {"ok": False, "error_code": self.status, "description": self.description}
        if self.parameters:
            body["parameters"] = self.parameters
        return web.json_response(body, status=self.status)


def _bad(reason: str) -> ApiError:
    return ApiError(400, f"Bad Request: {reason}")


def _cant_parse(reason: str) -> ApiError:
    return _bad(f"can't parse entities: {reason}")


@dataclass
class _Fault:
    status: int
    retry_after: int | None
    description: str
    left: int
    migrate_to_chat_id: int | None = None


@dataclass
class _File:
    file_id: str
    file_unique_id: str
    file_path: str
    content: bytes

    def info(self) -> JSON:
        return {
            "file_id": self.file_id,
            "file_unique_id": self.file_unique_id,
            "file_size": len(self.content),
            "file_path": self.file_path,
        }


@dataclass
class _OpenTag:
    name: str
    start: int  # UTF-16 offset in the parsed text
    entity: JSON | None  # None: the tag makes no entity of its own


def utf16_length(text: str) -> int:
    """Telegram measures texts and entity offsets in UTF-16 code units."""
    return len(text.encode("utf-16-le")) // 2


def _byte_offset(source: str, index: int) -> int:
    # Telegram's parse errors point at a byte of the UTF-8 text.
    return len(source[:index].encode("utf-8"))


def _decode_entity(source: str, index: int) -> tuple[str, int]:
    """The character an HTML entity at `index` stands for, and the index after it."""
    match = _HTML_ENTITY.match(source, index)
    if match is None:
        # Telegram's documentation requires every "&" outside an entity to be escaped
        # (its parser happens to let some through); the fake holds to the documentation,
        # so a forgotten escape shows up in tests instead of as odd text in production.
        raise _cant_parse(f"Unsupported HTML entity at byte offset {_byte_offset(source, index)}")
    named, decimal, hexadecimal = match.groups()
    if named:
        return _NAMED_ENTITIES[named], match.end()
    code = int(decimal) if decimal else int(hexadecimal, 16)
    if code == 0 or code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
        raise _cant_parse(f"Invalid character code at byte offset {_byte_offset(source, index)}")
    return chr(code), match.end()


def _unescape(source: str, value: str, tag_at: int) -> str:
    """An attribute value with its entities decoded, as strictly as text."""
    out: list[str] = []
    index = 0
    while index < len(value):
        if value[index] == "&":
            try:
                char, index = _decode_entity(value, index)
            except ApiError:
                raise _cant_parse(
                    f"Unsupported HTML entity in an attribute at byte offset "
                    f"{_byte_offset(source, tag_at)}"
                ) from None
            out.append(char)
        else:
            out.append(value[index])
            index += 1
    return "".join(out)


def _attributes(source: str, index: int, tag: str, tag_at: int) -> tuple[dict[str, str], int]:
    """The attributes of a start tag from `index` on, and the index after its ">"."""
    found: dict[str, str] = {}
    unclosed = _cant_parse(f"Unclosed start tag at byte offset {_byte_offset(source, tag_at)}")
    while True:
        while index < len(source) and source[index].isspace():
            index += 1
        if index >= len(source):
            raise unclosed
        if source[index] == ">":
            return found, index + 1
        name = _ATTRIBUTE_NAME.match(source, index)
        if name is None:
            raise _cant_parse(
                f'Empty attribute name in the tag "{tag}" at byte offset '
                f"{_byte_offset(source, tag_at)}"
            )
        index = name.end()
        while index < len(source) and source[index].isspace():
            index += 1
        value = ""
        if index < len(source) and source[index] == "=":
            index += 1
            while index < len(source) and source[index].isspace():
                index += 1
            if index >= len(source):
                raise unclosed
            if source[index] in "\"'":
                close = source.find(source[index], index + 1)
                if close < 0:
                    raise unclosed
                value, index = source[index + 1 : close], close + 1
            else:
                bare = _UNQUOTED_VALUE.match(source, index)
                assert bare is not None  # the pattern also matches nothing
                value, index = bare.group(), bare.end()
        found[name.group().lower()] = _unescape(source, value, tag_at)


def _start_entity(name: str, attributes: dict[str, str], stack: list[_OpenTag]) -> JSON | None:
    kind = _TAG_ENTITIES[name]
    if name == "a":
        url = attributes.get("href", "")
        return {"type": kind, "url": url} if url else None
    if name == "code":
        language = attributes.get("class", "")
        parent = stack[-1] if stack else None
        if (
            language.startswith("language-")
            and parent is not None
            and parent.name == "pre"
            and parent.entity is not None
            and "language" not in parent.entity
        ):
            # <pre><code class="language-x"> is one pre entity with a language.
            parent.entity["language"] = language.removeprefix("language-")
            return None
    if name == "blockquote" and "expandable" in attributes:
        return {"type": "expandable_blockquote"}
    return {"type": kind}


def parse_html(source: str) -> tuple[str, list[JSON]]:
    """The plain text and entities of an HTML text, or the error Telegram would answer."""
    pieces: list[str] = []
    offset = 0
    stack: list[_OpenTag] = []
    entities: list[JSON] = []
    index = 0
    while index < len(source):
        char = source[index]
        if char == "&":
            char, index = _decode_entity(source, index)
            pieces.append(char)
            offset += utf16_length(char)
            continue
        if char != "<":
            pieces.append(char)
            offset += utf16_length(char)
            index += 1
            continue
        tag_at = index
        if source.startswith("</", index):
            close = source.find(">", index)
            if close < 0:
                raise _cant_parse(f"Unclosed end tag at byte offset {_byte_offset(source, tag_at)}")
            name = source[index + 2 : close].strip().lower()
            if not stack:
                raise _cant_parse(
                    f"Unexpected end tag at byte offset {_byte_offset(source, tag_at)}"
                )
            top = stack.pop()
            if name != top.name:
                raise _cant_parse(
                    f"Unmatched end tag at byte offset {_byte_offset(source, tag_at)}, "
                    f'expected "</{top.name}>", found "</{name}>"'
                )
            if top.entity is not None and offset > top.start:  # empty entities are dropped
                entities.append({"offset": top.start, "length": offset - top.start, **top.entity})
            index = close + 1
            continue
        name_match = _TAG_NAME.match(source, index + 1)
        assert name_match is not None  # the pattern also matches nothing
        name = name_match.group().lower()
        if name not in _TAG_ENTITIES:
            raise _cant_parse(
                f'Unsupported start tag "{name}" at byte offset {_byte_offset(source, tag_at)}'
            )
        attributes, index = _attributes(source, name_match.end(), name, tag_at)
        if name == "span" and attributes.get("class") != "tg-spoiler":
            raise _cant_parse(
                f'Tag "span" must have class "tg-spoiler" at byte offset '
                f"{_byte_offset(source, tag_at)}"
            )
        stack.append(_OpenTag(name, offset, _start_entity(name, attributes, stack)))
    if stack:
        raise _cant_parse(f'Can\'t find end tag corresponding to start tag "{stack[-1].name}"')
    entities.sort(key=lambda entity: (entity["offset"], -entity["length"]))
    return "".join(pieces), entities


def _inline_keyboard(markup: Any) -> JSON | None:
    """The inline keyboard a message will carry, or None for other (or no) markup."""
    if markup is None:
        return None
    if not isinstance(markup, dict):
        raise _bad("can't parse reply keyboard markup JSON object")
    if "inline_keyboard" not in markup:
        if not any(key in markup for key in ("keyboard", "remove_keyboard", "force_reply")):
            raise _bad("can't parse reply keyboard markup JSON object")
        return None  # a reply keyboard is not part of the Message Telegram returns
    rows = markup["inline_keyboard"]
    if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
        raise _bad('can\'t parse inline keyboard: field "inline_keyboard" must be an Array')
    for row in rows:
        for button in row:
            if not isinstance(button, dict) or not isinstance(button.get("text"), str):
                raise _bad('can\'t parse inline keyboard button: Field "text" must be a String')
            if sum(action in button for action in _BUTTON_ACTIONS) != 1:
                raise _bad(
                    "can't parse inline keyboard button: "
                    "Text buttons are unallowed in the inline keyboard"
                )
            if "callback_data" in button:
                data = button["callback_data"]
                if not isinstance(data, str) or not (
                    1 <= len(data.encode("utf-8")) <= MAX_CALLBACK_DATA
                ):
                    raise _bad("BUTTON_DATA_INVALID")
            if "url" in button and not (isinstance(button["url"], str) and button["url"]):
                raise _bad("BUTTON_URL_INVALID")
    return {"inline_keyboard": copy.deepcopy(rows)}


def _decode_field(name: str, value: Any) -> Any:
    """A form field as Telegram reads it: nested values and numbers arrive JSON-encoded."""
    if not isinstance(value, str) or name in _TEXT_FIELDS:
        return value
    try:
        return json.loads(value)
    except ValueError:
        return value  # a plain string such as "@channelname"


async def _read_params(request: web.Request) -> dict[str, Any]:
    """Query string, form or JSON body: Telegram takes parameters in each of these."""
    raw: dict[str, Any] = dict(request.query)
    if request.content_type == "application/json":
        try:
            body = await request.json()
        except ValueError:
            raise _bad("can't parse JSON object") from None
        if not isinstance(body, dict):
            raise _bad("can't parse JSON object")
        raw.update(body)
    elif request.content_type in ("application/x-www-form-urlencoded", "multipart/form-data"):
        for key, value in (await request.post()).items():
            if isinstance(value, web.FileField):
                content = value.file.read()
                raw[key] = {"filename": value.filename, "size": len(content), "content": content}
            elif isinstance(value, bytes):
                raw[key] = value.decode("utf-8", "replace")
            else:
                raw[key] = value
    return {key: _decode_field(key, value) for key, value in raw.items()}


def _integer(params: dict[str, Any], name: str, default: int | None = None) -> int:
    value = params.get(name, default)
    if value is None:
        raise _bad(f"{name} is empty")
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise _bad(f"wrong parameter {name} in request")
    try:
        return int(value)
    except ValueError:
        raise _bad(f"wrong parameter {name} in request") from None


def _number(params: dict[str, Any], name: str, default: float) -> float:
    value = params.get(name, default)
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise _bad(f"wrong parameter {name} in request")
    try:
        return float(value)
    except ValueError:
        raise _bad(f"wrong parameter {name} in request") from None


def _update_type(update: JSON) -> str:
    return next((key for key in update if key != "update_id"), "")


# Methods that put a message in a chat, which Telegram's flood limits count.
_SENDING = frozenset({"sendMessage", "sendDocument", "sendPhoto", "sendLocation"})
# What Telegram can make a photo of: it decodes the picture, so other bytes are refused.
_PICTURE_STARTS = (b"\xff\xd8", b"\x89PNG\r\n\x1a\n")


class _FloodLimits:
    """Telegram's limits for a bot: 30 messages in any second, one a second per chat."""

    PER_SECOND = 30
    PER_CHAT_SECONDS = 1.0

    def __init__(self) -> None:
        self._recent: list[float] = []  # send times within the last second
        self._per_chat: dict[object, float] = {}

    def wait(self, chat: object, now: float) -> int:
        """0 to let a message through (and count it), else the seconds to wait."""
        self._recent = [at for at in self._recent if now - at < 1.0]
        last = self._per_chat.get(chat)
        if len(self._recent) >= self.PER_SECOND or (
            last is not None and now - last < self.PER_CHAT_SECONDS
        ):
            return 1  # Telegram says whole seconds
        self._recent.append(now)
        self._per_chat[chat] = now
        return 0


class FakeBotApi:
    """The Bot API on 127.0.0.1 (a free port), for one bot with token `token`."""

    def __init__(self, token: str = "123456:TEST", flood_limits: bool = False) -> None:
        self.token = token
        self._flood = _FloodLimits() if flood_limits else None
        self.bot_user: JSON = {
            "id": 1000,
            "is_bot": True,
            "first_name": "Initiatiefbot",
            "username": "initiatief_test_bot",
        }
        self.calls: list[Call] = []
        self.confirmed_offset = 0
        # Menus by (scope type, language code); "" is the menu for every language.
        self.menus: dict[tuple[str, str], list[JSON]] = {}
        self.webhook: JSON = {}  # url, secret_token, ... of the last setWebhook
        self.internal_errors: list[BaseException] = []  # bugs of this fake, never Telegram's
        self.port = 0
        self._runner: web.AppRunner | None = None
        self._closing = False
        self._queue: list[JSON] = []  # unconfirmed updates, by update_id
        self._handed_out: list[JSON] = []
        self._next_update_id = 1
        self._allowed_updates: list[str] = []
        self._changed = asyncio.Event()
        self._poll_generation = 0
        self._chats: dict[int, JSON] = {}
        self._people: dict[int, tuple[str, str | None]] = {}  # first name, language
        self._forgotten: set[int] = set()
        self._chat_messages: dict[int, dict[int, JSON]] = {}  # chat -> message_id -> message
        self._next_message_id: dict[int, int] = {}
        self._photo_sizes: dict[int, list[JSON]] = {}  # the update that sent them -> the sizes
        self._sent: list[tuple[int, JSON]] = []
        self._documents: dict[tuple[int, int], bytes] = {}
        self._open_queries: set[str] = set()
        self._answered: list[JSON] = []
        self._query_ids = itertools.count(4_375_000_000_000_000_001)
        self._files: dict[str, _File] = {}
        self._file_numbers = itertools.count()
        self._faults: dict[str, list[_Fault]] = {}
        self._outage_until = 0.0
        self._outage_status = 502
        self._handlers: dict[str, Callable[[dict[str, Any]], Awaitable[Any]]] = {
            "getMe": self._get_me,
            "getUpdates": self._get_updates,
            "setWebhook": self._set_webhook,
            "deleteWebhook": self._delete_webhook,
            "getWebhookInfo": self._get_webhook_info,
            "sendMessage": self._send_message,
            "sendDocument": self._send_document,
            "sendPhoto": self._send_photo,
            "sendLocation": self._send_location,
            "editMessageText": self._edit_message_text,
            "editMessageReplyMarkup": self._edit_message_reply_markup,
            "answerCallbackQuery": self._answer_callback_query,
            "setMyCommands": self._set_my_commands,
            "getMyCommands": self._get_my_commands,
            "deleteMyCommands": self._delete_my_commands,
            "getFile": self._get_file,
            "sendChatAction": self._send_chat_action,
        }
        # Telegram reads method names without regard to case.
        self._methods = {name.lower(): name for name in self._handlers}

    # --- running -------------------------------------------------------------------------

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self._bound_port()}/bot"

    @property
    def base_file_url(self) -> str:
        return f"http://127.0.0.1:{self._bound_port()}/file/bot"

    def _bound_port(self) -> int:
        if not self.port:
            raise RuntimeError("FakeBotApi is not started: call start() or use `async with`")
        return self.port

    async def start(self) -> None:
        app = web.Application(client_max_size=50 * 1024 * 1024)  # Telegram takes 50 MB uploads
        app.router.add_route("*", "/bot{token}/{method}", self._on_api)
        app.router.add_get("/file/bot{token}/{path:.+}", self._on_file)
        # No access log: the calls are in `calls`. A short shutdown: long polls end on stop.
        runner = web.AppRunner(app, access_log=None, shutdown_timeout=1.0)
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        self._runner = runner
        self.port = int(runner.addresses[0][1])

    async def stop(self) -> None:
        self._closing = True
        self._notify()  # long polls answer at once instead of holding the shutdown up
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> Self:
        await self.start()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.stop()
        if exc is None and self.internal_errors:
            # A bug in the fake must not pass for a bug (or a success) of the bot.
            raise AssertionError(f"FakeBotApi failed internally: {self.internal_errors!r}")

    # --- what users do -------------------------------------------------------------------

    def user_says(
        self,
        user_id: int,
        text: str,
        *,
        chat_id: int | None = None,
        chat_type: str = "private",
        language_code: str | _Remembered | None = SAME_LANGUAGE,
        first_name: str = "Bewoner",
        reply_to_message_id: int | None = None,
    ) -> int:
        """A text message from a user; returns its update_id."""
        fields: JSON = {"text": text}
        command = _COMMAND_AT_START.match(text)
        if command:
            length = utf16_length(command.group())
            fields["entities"] = [{"offset": 0, "length": length, "type": "bot_command"}]
        chat = self._user_chat(user_id, chat_id, chat_type, first_name)
        if reply_to_message_id is not None:
            replied = self._chat_messages.get(chat["id"], {}).get(reply_to_message_id)
            if replied is None:
                raise ValueError(f"no message {reply_to_message_id} in chat {chat['id']}")
            fields["reply_to_message"] = self._without_reply(replied)
        return self._user_message(chat, fields, self._user(user_id, first_name, language_code))

    def user_presses(
        self,
        user_id: int,
        chat_id: int,
        message_id: int,
        data: str,
        *,
        language_code: str | _Remembered | None = SAME_LANGUAGE,
    ) -> int:
        """A press on an inline button of a message; returns the update_id."""
        chat = self._chat(chat_id)
        stored = self._chat_messages.get(chat_id, {}).get(message_id)
        # A message Telegram no longer has comes as an InaccessibleMessage (date 0).
        message = (
            copy.deepcopy(stored)
            if stored is not None
            else {"chat": copy.deepcopy(chat), "message_id": message_id, "date": 0}
        )
        query_id = str(next(self._query_ids))
        self._open_queries.add(query_id)
        query: JSON = {
            "id": query_id,
            "from": self._user(user_id, language_code=language_code),
            "message": message,
            "chat_instance": str((chat_id * 2_654_435_761) % 2**63),
            "data": data,
        }
        return self._queue_update({"callback_query": query})

    def user_shares_location(
        self, user_id: int, latitude: float, longitude: float, *, chat_id: int | None = None
    ) -> int:
        chat = self._user_chat(user_id, chat_id)
        fields: JSON = {"location": {"latitude": latitude, "longitude": longitude}}
        return self._user_message(chat, fields, self._user(user_id))

    def user_sends_photo(
        self,
        user_id: int,
        content: bytes,
        *,
        caption: str | None = None,
        chat_id: int | None = None,
    ) -> int:
        """A photo; Telegram sends it in sizes from small to large, the original last."""
        sizes = []
        for width, height, part in ((90, 68, 4), (320, 240, 2), (800, 600, 1)):
            # Smaller renditions are other files; here they are a shorter cut of the bytes,
            # so a test notices when the bot keeps a thumbnail instead of the photo.
            stored = self._store_file("photos", "jpg", content[: len(content) // part])
            sizes.append(
                {
                    "file_id": stored.file_id,
                    "file_unique_id": stored.file_unique_id,
                    "file_size": len(stored.content),
                    "width": width,
                    "height": height,
                }
            )
        return self._user_sends_sizes(user_id, sizes, caption, chat_id)

    def user_sends_photo_again(self, user_id: int, sent_as: int) -> int:
        """The picture of the update `sent_as` once more (forwarded, or sent in a new
        intake): Telegram gives it the same file_unique_id."""
        return self._user_sends_sizes(user_id, self._photo_sizes[sent_as], None, None)

    def _user_sends_sizes(
        self, user_id: int, sizes: list[JSON], caption: str | None, chat_id: int | None
    ) -> int:
        fields: JSON = {"photo": sizes}
        if caption is not None:
            fields["caption"] = caption
        chat = self._user_chat(user_id, chat_id)
        message_id = self._user_message(chat, fields, self._user(user_id))
        self._photo_sizes[message_id] = sizes
        return message_id

    def user_sends_sticker(self, user_id: int, *, chat_id: int | None = None) -> int:
        stored = self._store_file("stickers", "webp", b"RIFF\x00\x00\x00\x00WEBPVP8 fake")
        sticker: JSON = {
            "file_id": stored.file_id,
            "file_unique_id": stored.file_unique_id,
            "type": "regular",
            "width": 512,
            "height": 512,
            "is_animated": False,
            "is_video": False,
            "emoji": "\U0001f44d",
            "set_name": "FakeStickers",
            "file_size": len(stored.content),
        }
        chat = self._user_chat(user_id, chat_id)
        return self._user_message(chat, {"sticker": sticker}, self._user(user_id))

    def user_sends_voice(self, user_id: int, *, chat_id: int | None = None) -> int:
        stored = self._store_file("voice", "oga", b"OggS\x00\x02 fake voice")
        voice: JSON = {
            "file_id": stored.file_id,
            "file_unique_id": stored.file_unique_id,
            "duration": 3,
            "mime_type": "audio/ogg",
            "file_size": len(stored.content),
        }
        chat = self._user_chat(user_id, chat_id)
        return self._user_message(chat, {"voice": voice}, self._user(user_id))

    def queue_raw_update(self, update: JSON) -> int:
        """Queue an update as given (an update_id is added if it has none).

        An update whose id was confirmed before is delivered again until a later
        getUpdates confirms past it: this is how a test plays a lost confirmation.
        """
        update = copy.deepcopy(update)
        if "update_id" not in update:
            return self._queue_update(update)
        update_id = int(update["update_id"])
        self._next_update_id = max(self._next_update_id, update_id + 1)
        self._queue.append(update)
        self._queue.sort(key=lambda queued: int(queued["update_id"]))
        self._notify()
        return update_id

    # --- faults on demand ----------------------------------------------------------------

    def fail_next(
        self,
        method: str,
        *,
        status: int = 429,
        retry_after: int | None = None,
        times: int = 1,
        description: str = "",
        migrate_to_chat_id: int | None = None,
    ) -> None:
        """The next `times` calls of `method` get this error (and have no effect).

        With `migrate_to_chat_id` it is Telegram's 400 for a group that became that
        supergroup.
        """
        if migrate_to_chat_id is not None:
            status = 400
            description = "Bad Request: group chat was upgraded to a supergroup chat"
        if status == 429 and retry_after is None:
            retry_after = 1  # Telegram always says how long to wait
        if not description:
            phrase = _PHRASES.get(status, "Error")
            description = (
                f"Too Many Requests: retry after {retry_after}" if status == 429 else phrase
            )
        retry = retry_after if status == 429 else None
        fault = _Fault(status, retry, description, times, migrate_to_chat_id)
        self._faults.setdefault(method.lower(), []).append(fault)

    def outage(self, seconds: float, *, status: int = 502) -> None:
        """For `seconds`, every request gets `status` with an HTML page, as from a proxy."""
        self._outage_until = time.monotonic() + seconds
        self._outage_status = status

    def forget_chat(self, chat_id: int) -> None:
        """The bot was removed from the chat (or blocked by the user): sends to it fail."""
        self._forgotten.add(chat_id)

    # --- what tests inspect --------------------------------------------------------------

    def sent(self, chat_id: int | None = None) -> list[JSON]:
        """Messages sent successfully, as returned at the time, in order."""
        return [
            copy.deepcopy(message)
            for chat, message in self._sent
            if chat_id is None or chat == chat_id
        ]

    def messages(self, chat_id: int) -> list[JSON]:
        """Every message of the bot in the chat as it is now (after edits)."""
        return [
            copy.deepcopy(message)
            for message in self._chat_messages.get(chat_id, {}).values()
            if message.get("from", {}).get("id") == self.bot_user["id"]
        ]

    def count(self, chat_id: int) -> int:
        """How many messages of the bot are in the chat: `len(messages())`, without the
        copies, for tests that ask it of many chats many times."""
        return sum(
            message.get("from", {}).get("id") == self.bot_user["id"]
            for message in self._chat_messages.get(chat_id, {}).values()
        )

    def answered_callbacks(self) -> list[JSON]:
        """The parameters of each accepted answerCallbackQuery, in order."""
        return copy.deepcopy(self._answered)

    def pending_updates(self) -> list[JSON]:
        """Updates queued and not yet confirmed (handed out or not)."""
        return copy.deepcopy(self._queue)

    def handed_out(self) -> list[JSON]:
        """Every update getUpdates returned, in order; a redelivered one appears again."""
        return copy.deepcopy(self._handed_out)

    async def wait_until(
        self,
        condition: Callable[[], bool],
        timeout: float = 10.0,  # noqa: ASYNC109 - a deadline for the condition, not for I/O
    ) -> None:
        """Wait until `condition()` holds, looking every 0.02 s."""
        deadline = time.monotonic() + timeout
        while not condition():
            if self.internal_errors:
                raise AssertionError(f"FakeBotApi failed internally: {self.internal_errors!r}")
            if time.monotonic() >= deadline:
                recent = ", ".join(f"{c.method}:{c.status}" for c in self.calls[-8:])
                raise AssertionError(
                    f"condition {getattr(condition, '__qualname__', condition)!s} still false "
                    f"after {timeout} s; last calls: [{recent}]; "
                    f"{len(self._queue)} update(s) unconfirmed"
                )
            await asyncio.sleep(0.02)

    # --- HTTP ----------------------------------------------------------------------------

    async def _on_api(self, request: web.Request) -> web.StreamResponse:
        call = Call(request.match_info["method"], {}, time.monotonic())
        self.calls.append(call)
        try:
            response = await self._answer(request, call)
        except ConnectionResetError:
            # The bot hung up before its request was read (it was stopping): its right,
            # and no fault of this fake. Nobody is left to read an answer.
            call.status = CLIENT_GONE
            return web.Response(status=CLIENT_GONE)
        except Exception as error:
            self.internal_errors.append(error)
            response = ApiError(500, "Internal Server Error").response()
        call.status = response.status
        return response

    async def _answer(self, request: web.Request, call: Call) -> web.Response:
        unreadable: ApiError | None = None
        try:
            call.params = await _read_params(request)
        except ApiError as error:
            unreadable = error
        # In this order, as on Telegram: the proxy, the token, the request, the method.
        if self._outage_active():
            return self._proxy_page()
        if request.match_info["token"] != self.token:
            return ApiError(401, "Unauthorized").response()
        if unreadable is not None:
            return unreadable.response()
        method = self._methods.get(call.method.lower())
        if method is None:
            return ApiError(404, "Not Found").response()
        call.method = method
        if self._flood is not None and method in _SENDING:
            wait = self._flood.wait(call.params.get("chat_id"), time.monotonic())
            if wait:
                description = f"Too Many Requests: retry after {wait}"
                return ApiError(429, description, {"retry_after": wait}).response()
        faults = self._faults.get(method.lower())
        if faults:
            fault = faults[0]
            fault.left -= 1
            if fault.left <= 0:
                faults.pop(0)
            parameters: JSON | None = None
            if fault.retry_after:
                parameters = {"retry_after": fault.retry_after}
            if fault.migrate_to_chat_id is not None:
                parameters = {"migrate_to_chat_id": fault.migrate_to_chat_id}
            return ApiError(fault.status, fault.description, parameters).response()
        try:
            result = await self._handlers[method](call.params)
        except ApiError as error:
            return error.response()
        return web.json_response({"ok": True, "result": result})

    async def _on_file(self, request: web.Request) -> web.StreamResponse:
        if self._outage_active():
            return self._proxy_page()
        if request.match_info["token"] != self.token:
            return ApiError(401, "Unauthorized").response()
        path = request.match_info["path"]
        found = next((f for f in self._files.values() if f.file_path == path), None)
        if found is None:
            return ApiError(404, "Not Found").response()
        return web.Response(body=found.content, content_type="application/octet-stream")

    def _outage_active(self) -> bool:
        return time.monotonic() < self._outage_until

    def _proxy_page(self) -> web.Response:
        status = self._outage_status
        page = _PROXY_PAGE.format(status=status, phrase=_PHRASES.get(status, "Error"))
        return web.Response(status=status, text=page, content_type="text/html")

    # --- methods -------------------------------------------------------------------------

    async def _get_me(self, params: dict[str, Any]) -> JSON:
        return {
            **self.bot_user,
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
            "can_connect_to_business": False,
            "has_main_web_app": False,
        }

    async def _get_updates(self, params: dict[str, Any]) -> list[JSON]:
        if self.webhook.get("url"):
            raise ApiError(
                409,
                "Conflict: can't use getUpdates method while webhook is active; "
                "use deleteWebhook to delete the webhook first",
            )
        offset = _integer(params, "offset", 0)
        limit = min(max(_integer(params, "limit", 100), 1), 100)
        timeout = max(_number(params, "timeout", 0), 0.0)
        if "allowed_updates" in params:  # kept for later calls, as Telegram does
            allowed = params["allowed_updates"]
            self._allowed_updates = [str(kind) for kind in allowed or []]
        self._confirm(offset)
        # A newer getUpdates ends an older one that is still waiting, with a 409.
        self._poll_generation += 1
        generation = self._poll_generation
        self._notify()
        deadline = time.monotonic() + timeout
        while True:
            if generation != self._poll_generation:
                raise ApiError(
                    409,
                    "Conflict: terminated by other getUpdates request; "
                    "make sure that only one bot instance is running",
                )
            ready = self._deliverable(limit)
            left = deadline - time.monotonic()
            if ready or left <= 0 or self._closing:
                break
            changed = self._changed
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(changed.wait(), left)
        self._handed_out.extend(copy.deepcopy(ready))
        return ready

    def _confirm(self, offset: int) -> None:
        """Forget what an offset confirms (Telegram: ids below it; negative: all but the last)."""
        if offset > 0:
            self._queue = [u for u in self._queue if int(u["update_id"]) >= offset]
            self.confirmed_offset = max(self.confirmed_offset, offset)
        elif offset < 0:
            self._queue = self._queue[offset:]

    def _deliverable(self, limit: int) -> list[JSON]:
        allowed = set(self._allowed_updates)
        if allowed:
            wanted = [u for u in self._queue if _update_type(u) in allowed]
        else:
            wanted = [u for u in self._queue if _update_type(u) not in _NOT_BY_DEFAULT]
        # Telegram never stores updates the bot does not want, so they are dropped here.
        self._queue = wanted
        return copy.deepcopy(wanted[:limit])

    async def _set_webhook(self, params: dict[str, Any]) -> bool:
        url = str(params.get("url", ""))
        if url:
            if not url.startswith("https://"):
                raise _bad("bad webhook: An HTTPS URL must be provided for webhook")
            secret = params.get("secret_token")
            if secret is not None and not (
                isinstance(secret, str) and _SECRET_TOKEN.fullmatch(secret)
            ):
                raise _bad("bad webhook: secret token contains unallowed characters")
        if params.get("drop_pending_updates") is True:
            self._queue.clear()
        if "allowed_updates" in params:
            self._allowed_updates = [str(kind) for kind in params["allowed_updates"] or []]
        self.webhook = dict(params) if url else {}  # an empty url removes the webhook
        return True

    async def _delete_webhook(self, params: dict[str, Any]) -> bool:
        if params.get("drop_pending_updates") is True:
            self._queue.clear()
        self.webhook = {}
        return True

    async def _get_webhook_info(self, params: dict[str, Any]) -> JSON:
        info: JSON = {
            "url": str(self.webhook.get("url", "")),
            "has_custom_certificate": False,
            "pending_update_count": len(self._queue),
        }
        if info["url"]:
            info["max_connections"] = int(self.webhook.get("max_connections", 40))
            if self._allowed_updates:
                info["allowed_updates"] = list(self._allowed_updates)
        return info

    async def _send_message(self, params: dict[str, Any]) -> JSON:
        chat = self._target_chat(params)
        text, entities = self._message_text(params)
        markup = _inline_keyboard(params.get("reply_markup"))
        replied = self._replied(chat["id"], params)
        message_id = self._new_message_id(chat["id"])
        message = {**self._from_bot(chat, message_id), "text": text}
        if entities:
            message["entities"] = entities
        if replied is not None:
            message["reply_to_message"] = self._without_reply(replied)
        if markup is not None:
            message["reply_markup"] = markup
        self._chat_messages.setdefault(chat["id"], {})[message_id] = message
        self._sent.append((chat["id"], copy.deepcopy(message)))
        return copy.deepcopy(message)

    async def _send_document(self, params: dict[str, Any]) -> JSON:
        """A file uploaded with the request (as the bot sends them); the content is kept."""
        chat = self._target_chat(params)
        upload = params.get("document")
        if not isinstance(upload, dict) or not upload.get("filename"):
            raise _bad("there is no document in the request")
        if not upload["size"]:
            raise _bad("file must be non-empty")
        message_id = self._new_message_id(chat["id"])
        message = {
            **self._from_bot(chat, message_id),
            "document": {
                "file_id": f"document-{chat['id']}-{message_id}",
                "file_unique_id": f"u-{chat['id']}-{message_id}",
                "file_name": upload["filename"],
                "file_size": upload["size"],
            },
        }
        self._documents[(chat["id"], message_id)] = upload["content"]
        self._chat_messages.setdefault(chat["id"], {})[message_id] = message
        self._sent.append((chat["id"], copy.deepcopy(message)))
        return copy.deepcopy(message)

    async def _send_photo(self, params: dict[str, Any]) -> JSON:
        """A picture uploaded with the request, shown in the chat in sizes as Telegram
        makes them; the content is kept. Bytes that are no JPEG or PNG are refused, as
        Telegram refuses what it cannot decode."""
        chat = self._target_chat(params)
        upload = params.get("photo")
        if not isinstance(upload, dict) or not upload.get("filename"):
            raise _bad("there is no photo in the request")
        if not upload["content"].startswith(_PICTURE_STARTS):
            raise _bad("IMAGE_PROCESS_FAILED")
        message_id = self._new_message_id(chat["id"])
        sizes = [
            {
                "file_id": f"photo-{chat['id']}-{message_id}-{width}",
                "file_unique_id": f"u-{chat['id']}-{message_id}-{width}",
                "file_size": upload["size"],
                "width": width,
                "height": width * 3 // 4,
            }
            for width in (90, 320, 800)
        ]
        message = {**self._from_bot(chat, message_id), "photo": sizes}
        self._documents[(chat["id"], message_id)] = upload["content"]
        return self._kept_sent(chat, message)

    async def _send_location(self, params: dict[str, Any]) -> JSON:
        """A pin on the map; Telegram refuses a point that is not on the earth."""
        chat = self._target_chat(params)
        latitude = _number(params, "latitude", float("nan"))
        longitude = _number(params, "longitude", float("nan"))
        if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
            raise _bad("wrong latitude or longitude specified")
        message_id = self._new_message_id(chat["id"])
        where = {"latitude": latitude, "longitude": longitude}
        return self._kept_sent(chat, {**self._from_bot(chat, message_id), "location": where})

    def _kept_sent(self, chat: JSON, message: JSON) -> JSON:
        """A message the bot sent, kept as the chat shows it; a copy for the answer."""
        self._chat_messages.setdefault(chat["id"], {})[message["message_id"]] = message
        self._sent.append((chat["id"], copy.deepcopy(message)))
        return copy.deepcopy(message)

    def _from_bot(self, chat: JSON, message_id: int) -> JSON:
        """What every message the bot sends has: its id, sender, chat and date."""
        return {
            "message_id": message_id,
            "from": dict(self.bot_user),
            "chat": copy.deepcopy(chat),
            "date": int(time.time()),
        }

    def photos(self, chat_id: int) -> list[bytes]:
        """The pictures sent to a chat as photos, in order."""
        return [
            self._documents[(chat_id, message["message_id"])]
            for message in self.messages(chat_id)
            if "photo" in message
        ]

    def locations(self, chat_id: int) -> list[tuple[float, float]]:
        """The pins sent to a chat, as (latitude, longitude), in order."""
        return [
            (message["location"]["latitude"], message["location"]["longitude"])
            for message in self.messages(chat_id)
            if "location" in message
        ]

    def documents(self, chat_id: int) -> list[tuple[str, bytes]]:
        """The files sent to a chat, by name, with their content, in order."""
        return [
            (
                str(message["document"]["file_name"]),
                self._documents[(chat_id, message["message_id"])],
            )
            for message in self.messages(chat_id)
            if "document" in message
        ]

    async def _edit_message_text(self, params: dict[str, Any]) -> JSON:
        message = self._editable(params)
        text, entities = self._message_text(params)
        markup = self._edit_markup(params)
        unchanged = (
            text == message.get("text")
            and entities == message.get("entities", [])
            and markup == message.get("reply_markup")
        )
        if unchanged:
            raise _bad(_NOT_MODIFIED)
        message["text"] = text
        message.pop("entities", None)
        if entities:
            message["entities"] = entities
        return self._edited(message, markup)

    async def _edit_message_reply_markup(self, params: dict[str, Any]) -> JSON:
        message = self._editable(params)
        markup = self._edit_markup(params)
        if markup == message.get("reply_markup"):
            raise _bad(_NOT_MODIFIED)
        return self._edited(message, markup)

    async def _answer_callback_query(self, params: dict[str, Any]) -> bool:
        query_id = str(params.get("callback_query_id", ""))
        if query_id not in self._open_queries:
            raise _bad(_QUERY_TOO_OLD)
        self._open_queries.discard(query_id)
        self._answered.append(copy.deepcopy(params))
        return True

    async def _set_my_commands(self, params: dict[str, Any]) -> bool:
        commands = params.get("commands")
        if not isinstance(commands, list) or len(commands) > 100:
            raise _bad("can't parse commands JSON object")
        for command in commands:
            if not isinstance(command, dict):
                raise _bad("can't parse BotCommand")
            if not _BOT_COMMAND_NAME.fullmatch(str(command.get("command", ""))):
                raise _bad("BOT_COMMAND_INVALID")
            description = command.get("description")
            if not isinstance(description, str) or not 1 <= len(description) <= 256:
                raise _bad("command description is empty or too long")
        self.menus[self._menu_key(params)] = copy.deepcopy(commands)
        return True

    async def _get_my_commands(self, params: dict[str, Any]) -> list[JSON]:
        return copy.deepcopy(self.menus.get(self._menu_key(params), []))

    async def _delete_my_commands(self, params: dict[str, Any]) -> bool:
        self.menus.pop(self._menu_key(params), None)
        return True

    async def _get_file(self, params: dict[str, Any]) -> JSON:
        found = self._files.get(str(params.get("file_id", "")))
        if found is None:
            raise _bad("invalid file_id")
        if len(found.content) > MAX_DOWNLOAD:
            raise _bad("file is too big")
        return found.info()

    async def _send_chat_action(self, params: dict[str, Any]) -> bool:
        self._target_chat(params)
        if params.get("action") not in _CHAT_ACTIONS:
            raise _bad("wrong parameter action in request")
        return True

    # --- helpers -------------------------------------------------------------------------

    def _notify(self) -> None:
        """Wake every waiting long poll; each waits on the event it saw before sleeping."""
        changed, self._changed = self._changed, asyncio.Event()
        changed.set()

    def _queue_update(self, body: JSON) -> int:
        update_id = self._next_update_id
        self._next_update_id += 1
        self._queue.append({"update_id": update_id, **body})
        self._notify()
        return update_id

    def _user(
        self,
        user_id: int,
        first_name: str | None = None,
        language_code: str | _Remembered | None = SAME_LANGUAGE,
    ) -> JSON:
        """The User object of a person, with the name and language they had unless given."""
        name, language = self._people.get(user_id, (DEFAULT_FIRST_NAME, FIRST_LANGUAGE))
        if first_name is not None:
            name = first_name
        if not isinstance(language_code, _Remembered):
            language = language_code
        self._people[user_id] = (name, language)
        user: JSON = {"id": user_id, "is_bot": False, "first_name": name}
        if language is not None:
            user["language_code"] = language
        return user

    def _chat(self, chat_id: int, chat_type: str | None = None, first_name: str = "") -> JSON:
        """The chat with this id, made up (from the sign of the id) if never seen."""
        known = self._chats.get(chat_id)
        if known is not None and chat_type in (None, known["type"]):
            return known
        if chat_type is None:
            if chat_id > 0:
                chat_type = "private"
            else:
                # Supergroup ids look like -100xxxxxxxxxx; basic groups are short.
                chat_type = "supergroup" if chat_id <= -1_000_000_000_000 else "group"
        chat: JSON = {"id": chat_id, "type": chat_type}
        if chat_type == "private":
            chat["first_name"] = first_name or DEFAULT_FIRST_NAME
        else:
            chat["title"] = f"Groep {abs(chat_id)}"
        self._chats[chat_id] = chat
        return chat

    def _user_chat(
        self, user_id: int, chat_id: int | None, chat_type: str = "private", name: str = ""
    ) -> JSON:
        chat_id = user_id if chat_id is None else chat_id
        # A negative id is never a private chat, whatever the default of chat_type says.
        kind = chat_type if chat_id > 0 or chat_type != "private" else None
        chat = self._chat(chat_id, kind, name)
        # Someone writing in a chat means the bot is (back) in it.
        self._forgotten.discard(chat_id)
        return chat

    def _user_message(self, chat: JSON, fields: JSON, user: JSON) -> int:
        message_id = self._new_message_id(chat["id"])
        message: JSON = {
            "message_id": message_id,
            "from": user,
            "chat": copy.deepcopy(chat),
            "date": int(time.time()),
            **fields,
        }
        self._chat_messages.setdefault(chat["id"], {})[message_id] = message
        return self._queue_update({"message": copy.deepcopy(message)})

    def _new_message_id(self, chat_id: int) -> int:
        message_id = self._next_message_id.get(chat_id, 1)
        self._next_message_id[chat_id] = message_id + 1
        return message_id

    @staticmethod
    def _without_reply(message: JSON) -> JSON:
        # Telegram does not nest replies: a replied-to message carries no reply of its own.
        replied = copy.deepcopy(message)
        replied.pop("reply_to_message", None)
        return replied

    def _target_chat(self, params: dict[str, Any]) -> JSON:
        """The chat a method addresses, or the error Telegram gives for it."""
        if "chat_id" not in params or params["chat_id"] in ("", None):
            raise _bad("chat_id is empty")
        raw = params["chat_id"]
        if isinstance(raw, bool) or not isinstance(raw, int):
            raise _bad("chat not found")  # e.g. an @username of a chat the bot is not in
        if raw in self._forgotten:
            known = self._chats.get(raw)
            if known is None:
                raise _bad("chat not found")
            if known["type"] == "private":
                raise ApiError(403, "Forbidden: bot was blocked by the user")
            raise ApiError(403, f"Forbidden: bot was kicked from the {known['type']} chat")
        # Unknown ids are fine: admins configure groups the bot has not heard from yet.
        return self._chat(raw)

    def _message_text(self, params: dict[str, Any]) -> tuple[str, list[JSON]]:
        raw = params.get("text", "")
        if not isinstance(raw, str):
            raw = str(raw)
        parse_mode = str(params.get("parse_mode", "") or "")
        if parse_mode.lower() == "html":
            text, entities = parse_html(raw)
        elif parse_mode:
            # Markdown(V2) exist on Telegram but are not imitated here; refusing beats a
            # silently wrong text.
            raise _bad(f"unsupported parse_mode {parse_mode!r} in FakeBotApi (only HTML)")
        else:
            text = raw
            given = params.get("entities")
            entities = copy.deepcopy(given) if isinstance(given, list) else []
        if not text.strip():
            raise _bad("message text is empty")
        if utf16_length(text) > MAX_TEXT:
            raise _bad("message is too long")
        return text, entities

    def _replied(self, chat_id: int, params: dict[str, Any]) -> JSON | None:
        reply = params.get("reply_parameters")
        if isinstance(reply, dict):
            message_id = reply.get("message_id")
            lenient = reply.get("allow_sending_without_reply") is True
            target = reply.get("chat_id", chat_id)
            if isinstance(target, bool) or not isinstance(target, int):
                raise _bad("chat not found")
            chat_id = target
        elif params.get("reply_to_message_id") is not None:
            message_id = params["reply_to_message_id"]
            lenient = params.get("allow_sending_without_reply") is True
        else:
            return None
        if isinstance(message_id, bool) or not isinstance(message_id, int):
            raise _bad("message to be replied not found")
        found = self._chat_messages.get(chat_id, {}).get(message_id)
        if found is None and not lenient:
            raise _bad("message to be replied not found")
        return found

    def _editable(self, params: dict[str, Any]) -> JSON:
        if "inline_message_id" in params:
            raise _bad("inline messages are not imitated by FakeBotApi")
        chat = self._target_chat(params)
        message_id = _integer(params, "message_id")
        message = self._chat_messages.get(chat["id"], {}).get(message_id)
        if message is None:
            raise _bad("message to edit not found")
        if message.get("from", {}).get("id") != self.bot_user["id"]:
            raise _bad("message can't be edited")
        return message

    @staticmethod
    def _edit_markup(params: dict[str, Any]) -> JSON | None:
        # Without reply_markup an edit removes the inline keyboard, as on Telegram.
        given = params.get("reply_markup")
        markup = _inline_keyboard(given)
        if given is not None and markup is None:
            raise _bad("inline keyboard expected")
        return markup

    def _edited(self, message: JSON, markup: JSON | None) -> JSON:
        message.pop("reply_markup", None)
        if markup is not None:
            message["reply_markup"] = markup
        message["edit_date"] = int(time.time())
        return copy.deepcopy(message)

    @staticmethod
    def _menu_key(params: dict[str, Any]) -> tuple[str, str]:
        scope = params.get("scope") or {"type": "default"}
        if not isinstance(scope, dict) or scope.get("type") not in _COMMAND_SCOPES:
            raise _bad("wrong bot command scope type specified")
        return str(scope["type"]), str(params.get("language_code") or "")

    def _store_file(self, folder: str, extension: str, content: bytes) -> _File:
        number = next(self._file_numbers)
        stored = _File(
            file_id=f"AgACAgQAAxkB{number:06d}{folder[:2].upper()}",
            file_unique_id=f"AQAD{number:06d}",
            file_path=f"{folder}/file_{number}.{extension}",
            content=content,
        )
        self._files[stored.file_id] = stored
        return stored
