"""The fake Bot API answers the real python-telegram-bot as Telegram would.

Every test drives the server over HTTP with `telegram.Bot`, so the fake is
checked against the library's own parsing of requests and answers. PTB drops
"Bad Request: " from an error's description and capitalises the rest, hence the
case-insensitive `(?i)` matches.
"""

import asyncio
import html
import time
from collections.abc import Awaitable, Callable
from datetime import timedelta

import pytest
from telegram import (
    Bot,
    BotCommand,
    BotCommandScopeAllPrivateChats,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Message,
)
from telegram.constants import ParseMode
from telegram.error import (
    BadRequest,
    Conflict,
    EndPointNotFound,
    Forbidden,
    InvalidToken,
    NetworkError,
    RetryAfter,
)

from tests.adapters.telegram.fake_bot_api import FakeBotApi, parse_html, utf16_length

RESIDENT = 42
ANNA = 501
GROUP = -1001

Scenario = Callable[[FakeBotApi, Bot], Awaitable[None]]


def run(scenario: Scenario) -> None:
    """Run `scenario` against a fresh server, with a started Bot pointed at it."""

    async def main() -> None:
        async with FakeBotApi() as api:
            bot = Bot(api.token, base_url=api.base_url, base_file_url=api.base_file_url)
            async with bot:  # initialize asks getMe
                await scenario(api, bot)

    asyncio.run(main())


def keyboard(*rows: tuple[str, str]) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(text, callback_data=data)] for text, data in rows]
    )


# --- getMe, tokens, unknown methods ---------------------------------------------------------


def test_the_bot_knows_itself_through_get_me() -> None:
    async def scenario(api: FakeBotApi, bot: Bot) -> None:
        assert (bot.id, bot.username, bot.first_name) == (
            1000,
            "initiatief_test_bot",
            "Initiatiefbot",
        )
        assert [call.method for call in api.calls] == ["getMe"]
        assert api.calls[0].status == 200

    run(scenario)


def test_a_wrong_token_is_unauthorized_and_an_unknown_method_not_found() -> None:
    async def scenario() -> None:
        async with FakeBotApi() as api:
            stranger = Bot("654321:WRONG", base_url=api.base_url, base_file_url=api.base_file_url)
            with pytest.raises(InvalidToken):
                async with stranger:  # closes its connections again when getMe fails
                    pass
            assert [(c.method, c.status) for c in api.calls] == [("getMe", 401)]
            bot = Bot(api.token, base_url=api.base_url, base_file_url=api.base_file_url)
            async with bot:
                with pytest.raises(EndPointNotFound):
                    await bot.do_api_request("sendHologram", api_kwargs={"chat_id": 1})
            assert (api.calls[-1].method, api.calls[-1].status) == ("sendHologram", 404)

    asyncio.run(scenario())


# --- getUpdates -----------------------------------------------------------------------------


def test_get_updates_hands_out_until_an_offset_confirms() -> None:
    async def scenario(api: FakeBotApi, bot: Bot) -> None:
        first = api.user_says(RESIDENT, "hallo")
        second = api.user_says(RESIDENT, "nog iets")
        assert second == first + 1
        updates = await bot.get_updates()
        assert [u.update_id for u in updates] == [first, second]
        assert updates[0].message is not None
        assert updates[0].message.text == "hallo"
        assert updates[0].message.chat.type == "private"
        assert updates[0].message.from_user is not None
        assert updates[0].message.from_user.language_code == "nl"
        # Nothing is confirmed yet, so the same updates come again.
        assert [u.update_id for u in await bot.get_updates()] == [first, second]
        assert [u.update_id for u in await bot.get_updates(limit=1)] == [first]
        # An offset confirms (and forgets) every update below it.
        assert [u.update_id for u in await bot.get_updates(offset=first + 1)] == [second]
        assert api.confirmed_offset == first + 1
        assert [u["update_id"] for u in api.pending_updates()] == [second]
        assert await bot.get_updates(offset=second + 1) == ()
        assert api.pending_updates() == []
        assert api.confirmed_offset == second + 1
        handed_out = [u["update_id"] for u in api.handed_out()]
        assert handed_out == [first, second, first, second, first, second]

    run(scenario)


def test_a_long_poll_waits_and_wakes_up_for_a_new_update() -> None:
    async def scenario(api: FakeBotApi, bot: Bot) -> None:
        started = time.monotonic()
        assert await bot.get_updates(timeout=0) == ()
        assert time.monotonic() - started < 0.3  # no timeout: at once
        started = time.monotonic()
        assert await bot.get_updates(timeout=timedelta(seconds=0.4)) == ()
        assert time.monotonic() - started >= 0.35  # held for the timeout
        poll = asyncio.create_task(bot.get_updates(timeout=5))
        await asyncio.sleep(0.2)
        assert not poll.done()
        said = time.monotonic()
        update_id = api.user_says(RESIDENT, "daar ben ik")
        updates = await asyncio.wait_for(poll, 2)
        assert time.monotonic() - said < 0.5  # woken, not timed out
        assert [u.update_id for u in updates] == [update_id]

    run(scenario)


def test_a_newer_get_updates_ends_an_older_one_with_a_conflict() -> None:
    async def scenario(api: FakeBotApi, bot: Bot) -> None:
        # A second instance of the bot: one Bot polls over a single connection.
        other = Bot(api.token, base_url=api.base_url, base_file_url=api.base_file_url)
        async with other:
            older = asyncio.create_task(bot.get_updates(timeout=5))
            await asyncio.sleep(0.2)
            assert await other.get_updates(timeout=0) == ()
            with pytest.raises(Conflict, match=r"(?i)terminated by other getUpdates"):
                await asyncio.wait_for(older, 2)

    run(scenario)


def test_allowed_updates_leave_other_kinds_out() -> None:
    async def scenario(api: FakeBotApi, bot: Bot) -> None:
        sent = await bot.send_message(RESIDENT, "Kies", reply_markup=keyboard(("Ja", "yes")))
        api.user_says(RESIDENT, "tekst")
        pressed = api.user_presses(RESIDENT, RESIDENT, sent.message_id, "yes")
        updates = await bot.get_updates(allowed_updates=["callback_query"])
        assert [u.update_id for u in updates] == [pressed]
        assert [u["update_id"] for u in api.pending_updates()] == [pressed]

    run(scenario)


def test_stop_ends_a_waiting_long_poll_at_once() -> None:
    async def scenario() -> None:
        api = FakeBotApi()
        await api.start()
        bot = Bot(api.token, base_url=api.base_url, base_file_url=api.base_file_url)
        async with bot:
            poll = asyncio.create_task(bot.get_updates(timeout=30))
            await asyncio.sleep(0.2)
            started = time.monotonic()
            await api.stop()
            assert await asyncio.wait_for(poll, 2) == ()
            assert time.monotonic() - started < 1.5

    asyncio.run(scenario())


# --- what users send ------------------------------------------------------------------------


def test_commands_replies_and_groups_look_as_on_telegram() -> None:
    async def scenario(api: FakeBotApi, bot: Bot) -> None:
        notice = await bot.send_message(GROUP, "2026-0001 Bankje bij de haven")
        assert notice.chat.type == "group"
        api.user_says(
            ANNA, "/oppakken@initiatief_test_bot 2026-0001", chat_id=GROUP, chat_type="group"
        )
        api.user_says(
            ANNA, "Ik bel", chat_id=GROUP, chat_type="group", reply_to_message_id=notice.message_id
        )
        command, reply = await bot.get_updates()
        assert command.message is not None
        assert command.message.chat.id == GROUP
        assert command.message.chat.type == "group"
        [entity] = command.message.entities
        assert (entity.type, entity.offset, entity.length) == ("bot_command", 0, 29)
        assert reply.message is not None
        replied = reply.message.reply_to_message
        assert replied is not None
        assert replied.from_user is not None
        assert (replied.from_user.id, replied.text) == (1000, "2026-0001 Bankje bij de haven")
        # A message's id counts per chat, the users' and the bot's alike.
        assert [reply.message.message_id, notice.message_id] == [3, 1]
        with pytest.raises(ValueError, match="no message 99"):
            api.user_says(ANNA, "?", chat_id=GROUP, chat_type="group", reply_to_message_id=99)

    run(scenario)


def test_a_user_keeps_their_app_language_until_a_test_changes_it() -> None:
    async def scenario(api: FakeBotApi, bot: Bot) -> None:
        asked = await bot.send_message(RESIDENT, "Akkoord?", reply_markup=keyboard(("Ja", "yes")))
        api.user_says(RESIDENT, "/start", language_code="en")
        api.user_presses(RESIDENT, RESIDENT, asked.message_id, "yes")
        api.user_shares_location(RESIDENT, 51.8, 3.9)
        api.user_says(RESIDENT, "geen taal", language_code=None)
        api.user_says(ANNA, "hallo", chat_id=GROUP, chat_type="group")
        said, pressed, located, bare, other = await bot.get_updates()
        people = [u.effective_user for u in (said, pressed, located, bare, other)]
        assert [p.language_code if p else "?" for p in people] == ["en", "en", "en", None, "nl"]

    run(scenario)


def test_location_sticker_and_voice_arrive_as_their_kinds() -> None:
    async def scenario(api: FakeBotApi, bot: Bot) -> None:
        api.user_shares_location(RESIDENT, 51.8125, 3.931)
        api.user_sends_sticker(RESIDENT)
        api.user_sends_voice(RESIDENT)
        located, sticker, voice = (u.message for u in await bot.get_updates())
        assert located is not None
        assert located.location is not None
        assert (located.location.latitude, located.location.longitude) == (51.8125, 3.931)
        assert sticker is not None
        assert sticker.sticker is not None
        assert sticker.text is None
        assert voice is not None
        assert voice.voice is not None
        assert voice.voice.mime_type == "audio/ogg"

    run(scenario)


def test_a_photo_can_be_downloaded_in_its_largest_size() -> None:
    async def scenario(api: FakeBotApi, bot: Bot) -> None:
        content = b"\xff\xd8 a photo of a bench \xff\xd9"
        api.user_sends_photo(RESIDENT, content, caption="Hier")
        [update] = await bot.get_updates()
        assert update.message is not None
        sizes = update.message.photo
        assert len(sizes) >= 2
        assert [size.file_size for size in sizes] == sorted(size.file_size or 0 for size in sizes)
        assert sizes[-1].file_size == len(content)
        assert update.message.caption == "Hier"
        largest = await bot.get_file(sizes[-1].file_id)
        assert largest.file_size == len(content)
        assert await largest.download_as_bytearray() == bytearray(content)
        thumbnail = await bot.get_file(sizes[0].file_id)
        assert await thumbnail.download_as_bytearray() != bytearray(content)
        with pytest.raises(BadRequest, match=r"(?i)invalid file_id"):
            await bot.get_file("no-such-file")

    run(scenario)


# --- sendMessage ----------------------------------------------------------------------------


def test_send_message_with_an_inline_keyboard_round_trips() -> None:
    async def scenario(api: FakeBotApi, bot: Bot) -> None:
        markup = keyboard(("Oppakken", "claim:2026-0001"), ("Later", "later:2026-0001"))
        message = await bot.send_message(
            GROUP,
            "<b>Nieuw</b> idee: bankje &lt;haven&gt;",
            parse_mode=ParseMode.HTML,
            reply_markup=markup,
        )
        assert isinstance(message, Message)
        assert message.text == "Nieuw idee: bankje <haven>"
        assert [(e.type, e.offset, e.length) for e in message.entities] == [("bold", 0, 5)]
        assert message.from_user is not None
        assert (message.from_user.id, message.from_user.is_bot) == (1000, True)
        assert (message.chat.id, message.message_id) == (GROUP, 1)
        assert message.reply_markup == markup
        assert message.text_html == "<b>Nieuw</b> idee: bankje &lt;haven&gt;"
        again = await bot.send_message(GROUP, "tweede")
        elsewhere = await bot.send_message(RESIDENT, "elders")
        assert (again.message_id, elsewhere.message_id) == (2, 1)
        assert [m["text"] for m in api.sent(GROUP)] == ["Nieuw idee: bankje <haven>", "tweede"]
        assert len(api.sent()) == 3
        assert api.messages(GROUP)[0]["reply_markup"] == markup.to_dict()
        [call] = [c for c in api.calls if c.method == "sendMessage"][:1]
        assert call.params["reply_markup"] == markup.to_dict()  # nested JSON is decoded
        assert call.params["chat_id"] == GROUP
        # A press brings the message back with its keyboard.
        api.user_presses(ANNA, GROUP, message.message_id, "claim:2026-0001")
        [update] = await bot.get_updates()
        query = update.callback_query
        assert query is not None
        assert query.data == "claim:2026-0001"
        assert query.from_user.id == ANNA
        assert isinstance(query.message, Message)
        assert query.message.reply_markup == markup
        assert query.message.text == "Nieuw idee: bankje <haven>"

    run(scenario)


@pytest.mark.parametrize(
    "text",
    [
        "<script>alert(1)</script>",
        "1 < 2",
        "Jansen & Zn",
        "&nbsp;",
        "<b>vet",
        "<b><i>schuin</b></i>",
        "niets</b>",
        '<span class="rood">x</span>',
        "regel<br>regel",
        '<a href="https://example.org">open',
    ],
)
def test_html_that_telegram_refuses_is_a_bad_request(text: str) -> None:
    async def scenario(api: FakeBotApi, bot: Bot) -> None:
        with pytest.raises(BadRequest, match=r"(?i)parse entities"):
            await bot.send_message(RESIDENT, text, parse_mode=ParseMode.HTML)
        assert api.sent() == []
        assert api.calls[-1].status == 400

    run(scenario)


def test_escaped_html_arrives_exactly_as_typed_and_tags_become_entities() -> None:
    async def scenario(api: FakeBotApi, bot: Bot) -> None:
        typed = "<b>Nergensdorp</b> & 'co' \"zo\" <script>"
        message = await bot.send_message(RESIDENT, html.escape(typed), parse_mode=ParseMode.HTML)
        assert message.text == typed
        assert message.entities == ()
        assert api.messages(RESIDENT)[0]["text"] == typed

    run(scenario)


def test_the_html_parser_reads_telegrams_tags() -> None:
    text, entities = parse_html(
        "\U0001f600 <b>vet</b> <a href='https://example.org/?a=1&amp;b=2'>link</a> "
        '<pre><code class="language-python">x = 1</code></pre> '
        '<span class="tg-spoiler">geheim</span> <blockquote expandable>citaat</blockquote>'
    )
    assert text == "\U0001f600 vet link x = 1 geheim citaat"
    assert entities == [
        {"offset": 3, "length": 3, "type": "bold"},  # the emoji counts 2 in UTF-16
        {"offset": 7, "length": 4, "type": "text_link", "url": "https://example.org/?a=1&b=2"},
        {"offset": 12, "length": 5, "type": "pre", "language": "python"},
        {"offset": 18, "length": 6, "type": "spoiler"},
        {"offset": 25, "length": 6, "type": "expandable_blockquote"},
    ]
    assert parse_html("&#x27;&#39;&quot;&lt;&gt;&amp;")[0] == "''\"<>&"


def test_a_text_too_long_for_telegram_is_a_bad_request() -> None:
    async def scenario(api: FakeBotApi, bot: Bot) -> None:
        await bot.send_message(RESIDENT, "x" * 4096)
        with pytest.raises(BadRequest, match=r"(?i)message is too long"):
            await bot.send_message(RESIDENT, "x" * 4097)
        emoji = "\U0001f600" * 2049  # 2049 characters, but 4098 UTF-16 code units
        assert utf16_length(emoji) == 4098
        with pytest.raises(BadRequest, match=r"(?i)message is too long"):
            await bot.send_message(RESIDENT, emoji)
        # The limit is on the text after the markup is parsed.
        await bot.send_message(RESIDENT, "<b>" + "x" * 4096 + "</b>", parse_mode=ParseMode.HTML)
        await bot.send_message(RESIDENT, "&amp;" * 4096, parse_mode=ParseMode.HTML)
        with pytest.raises(BadRequest, match=r"(?i)message text is empty"):
            await bot.send_message(RESIDENT, "<b> </b>", parse_mode=ParseMode.HTML)
        assert len(api.sent(RESIDENT)) == 3

    run(scenario)


def test_callback_data_over_64_bytes_is_a_bad_request() -> None:
    async def scenario(api: FakeBotApi, bot: Bot) -> None:
        await bot.send_message(RESIDENT, "past", reply_markup=keyboard(("Ja", "x" * 64)))
        for data in ("x" * 65, "\u00e9" * 33):  # the second: 33 characters, 66 bytes
            with pytest.raises(BadRequest, match=r"(?i)BUTTON_DATA_INVALID"):
                await bot.send_message(RESIDENT, "te lang", reply_markup=keyboard(("Ja", data)))
        bare = InlineKeyboardMarkup([[InlineKeyboardButton("Alleen tekst")]])
        with pytest.raises(BadRequest, match=r"(?i)Text buttons are unallowed"):
            await bot.send_message(RESIDENT, "kaal", reply_markup=bare)
        assert [m["text"] for m in api.sent()] == ["past"]

    run(scenario)


def test_unknown_chats_are_accepted_and_forgotten_ones_refuse() -> None:
    async def scenario(api: FakeBotApi, bot: Bot) -> None:
        configured = await bot.send_message(-1001234567890, "hallo team")
        assert configured.chat.type == "supergroup"
        api.user_says(ANNA, "/chatid", chat_id=GROUP, chat_type="group")
        api.forget_chat(GROUP)
        with pytest.raises(Forbidden, match=r"(?i)kicked from the group chat"):
            await bot.send_message(GROUP, "hallo?")
        api.user_says(RESIDENT, "hoi")
        api.forget_chat(RESIDENT)
        with pytest.raises(Forbidden, match=r"(?i)blocked by the user"):
            await bot.send_chat_action(RESIDENT, "typing")
        api.forget_chat(-5)
        with pytest.raises(BadRequest, match=r"(?i)chat not found"):
            await bot.send_message(-5, "niemand")
        assert [m["text"] for m in api.sent()] == ["hallo team"]

    run(scenario)


# --- editing and callbacks ------------------------------------------------------------------


def test_edit_message_text_changes_what_the_chat_shows() -> None:
    async def scenario(api: FakeBotApi, bot: Bot) -> None:
        asked = await bot.send_message(RESIDENT, "Akkoord?", reply_markup=keyboard(("Ja", "yes")))
        edited = await bot.edit_message_text(
            "Akkoord?\n\n<b>\u00bb Ja</b>", RESIDENT, asked.message_id, parse_mode=ParseMode.HTML
        )
        assert isinstance(edited, Message)
        assert edited.edit_date is not None
        assert edited.reply_markup is None  # an edit without a keyboard removes it
        [shown] = api.messages(RESIDENT)
        assert shown["text"] == "Akkoord?\n\n\u00bb Ja"
        assert "reply_markup" not in shown
        assert api.sent(RESIDENT)[0]["text"] == "Akkoord?"  # as it was sent
        with pytest.raises(BadRequest, match=r"(?i)message is not modified"):
            await bot.edit_message_text(
                "Akkoord?\n\n<b>\u00bb Ja</b>",
                RESIDENT,
                asked.message_id,
                parse_mode=ParseMode.HTML,
            )
        await bot.edit_message_reply_markup(
            RESIDENT, asked.message_id, reply_markup=keyboard(("Nee", "no"))
        )
        assert api.messages(RESIDENT)[0]["reply_markup"] == keyboard(("Nee", "no")).to_dict()
        with pytest.raises(BadRequest, match=r"(?i)message to edit not found"):
            await bot.edit_message_text("weg", RESIDENT, 99)
        api.user_says(RESIDENT, "van mij")
        with pytest.raises(BadRequest, match=r"(?i)can't be edited"):
            await bot.edit_message_text("van de bot", RESIDENT, asked.message_id + 1)

    run(scenario)


def test_a_callback_query_can_be_answered_once() -> None:
    async def scenario(api: FakeBotApi, bot: Bot) -> None:
        asked = await bot.send_message(RESIDENT, "Akkoord?", reply_markup=keyboard(("Ja", "yes")))
        api.user_presses(RESIDENT, RESIDENT, asked.message_id, "yes")
        [update] = await bot.get_updates()
        assert update.callback_query is not None
        query_id = update.callback_query.id
        assert await bot.answer_callback_query(query_id, text="Gekozen") is True
        with pytest.raises(BadRequest, match=r"(?i)query is too old"):
            await bot.answer_callback_query(query_id, text="Nog eens")
        with pytest.raises(BadRequest, match=r"(?i)query ID is invalid"):
            await bot.answer_callback_query("12345")
        assert api.answered_callbacks() == [{"callback_query_id": query_id, "text": "Gekozen"}]

    run(scenario)


def test_a_press_on_a_message_telegram_no_longer_has_is_inaccessible() -> None:
    async def scenario(api: FakeBotApi, bot: Bot) -> None:
        api.user_presses(ANNA, GROUP, 7, "claim:2026-0001")
        [update] = await bot.get_updates()
        assert update.callback_query is not None
        message = update.callback_query.message
        assert message is not None
        assert not message.is_accessible  # sent as an InaccessibleMessage, date 0
        assert (message.chat.id, message.message_id) == (GROUP, 7)

    run(scenario)


# --- faults ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "as_timedelta",
    [
        pytest.param(True, id="PTB_TIMEDELTA"),
        # Without the opt-in PTB 22 warns on every RetryAfter (even inside the library);
        # the project's filterwarnings=error would turn that into the error here.
        pytest.param(
            False,
            id="int",
            marks=pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning"),
        ),
    ],
)
def test_429_raises_retry_after_with_the_wait_and_only_once(
    monkeypatch: pytest.MonkeyPatch, as_timedelta: bool
) -> None:
    if as_timedelta:
        monkeypatch.setenv("PTB_TIMEDELTA", "true")
    else:
        monkeypatch.delenv("PTB_TIMEDELTA", raising=False)

    async def scenario(api: FakeBotApi, bot: Bot) -> None:
        api.fail_next("sendMessage", status=429, retry_after=7)
        with pytest.raises(RetryAfter) as refused:
            await bot.send_message(RESIDENT, "hoi")
        wait = refused.value.retry_after
        if as_timedelta:
            assert wait == timedelta(seconds=7)
        else:
            assert isinstance(wait, int)
            assert wait == 7
        assert api.sent() == []  # a refused call has no effect
        await bot.send_message(RESIDENT, "hoi")
        statuses = [c.status for c in api.calls if c.method == "sendMessage"]
        assert statuses == [429, 200]
        assert [m["text"] for m in api.sent()] == ["hoi"]

    run(scenario)


def test_fail_next_hits_only_its_method_and_only_so_many_times() -> None:
    async def scenario(api: FakeBotApi, bot: Bot) -> None:
        api.fail_next("setMyCommands", status=500, times=2)
        commands = [BotCommand("nieuw", "Een nieuw idee")]
        for _ in range(2):
            with pytest.raises(NetworkError, match=r"(?i)Internal Server Error") as failed:
                await bot.set_my_commands(commands)
            assert type(failed.value) is NetworkError
        assert await bot.get_updates() == ()  # other methods go on working
        assert await bot.set_my_commands(commands) is True
        statuses = [c.status for c in api.calls if c.method == "setMyCommands"]
        assert statuses == [500, 500, 200]

    run(scenario)


def test_an_outage_answers_like_a_proxy_and_ends_after_its_seconds() -> None:
    async def scenario(api: FakeBotApi, bot: Bot) -> None:
        api.outage(0.6)
        started = time.monotonic()
        with pytest.raises(NetworkError, match=r"(?i)Bad Gateway") as failed:
            await bot.send_message(RESIDENT, "hallo")
        assert type(failed.value) is NetworkError  # not a BadRequest, its subclass
        with pytest.raises(NetworkError):
            await bot.get_updates()
        assert [c.status for c in api.calls[1:]] == [502, 502]
        assert api.sent() == []
        await asyncio.sleep(max(0.0, 0.65 - (time.monotonic() - started)))
        await bot.send_message(RESIDENT, "hallo")
        assert [m["text"] for m in api.sent()] == ["hallo"]

    run(scenario)


# --- webhook and menus ----------------------------------------------------------------------


def test_a_webhook_is_recorded_and_blocks_get_updates_until_deleted() -> None:
    async def scenario(api: FakeBotApi, bot: Bot) -> None:
        with pytest.raises(BadRequest, match=r"(?i)HTTPS URL"):
            await bot.set_webhook("http://bot.example/hook")
        await bot.set_webhook("https://bot.example/hook", secret_token="geheim-token_1")
        hooked = [c.params for c in api.calls if c.method == "setWebhook"][-1]
        assert (hooked["url"], hooked["secret_token"]) == (
            "https://bot.example/hook",
            "geheim-token_1",
        )
        info = await bot.get_webhook_info()
        assert info.url == "https://bot.example/hook"
        with pytest.raises(Conflict, match=r"(?i)webhook is active"):
            await bot.get_updates()
        api.user_says(RESIDENT, "hoi")
        assert (await bot.get_webhook_info()).pending_update_count == 1
        await bot.delete_webhook()
        assert len(await bot.get_updates()) == 1

    run(scenario)


def test_menus_are_kept_per_scope_and_language() -> None:
    async def scenario(api: FakeBotApi, bot: Bot) -> None:
        dutch = [BotCommand("nieuw", "Een nieuw idee")]
        english = [BotCommand("new", "A new idea")]
        private = BotCommandScopeAllPrivateChats()
        await bot.set_my_commands(dutch, scope=private)
        await bot.set_my_commands(english, scope=private, language_code="en")
        assert api.menus[("all_private_chats", "")] == [
            {"command": "nieuw", "description": "Een nieuw idee"}
        ]
        assert api.menus[("all_private_chats", "en")] == [
            {"command": "new", "description": "A new idea"}
        ]
        assert await bot.get_my_commands(scope=private, language_code="en") == tuple(english)
        with pytest.raises(BadRequest, match=r"(?i)BOT_COMMAND_INVALID"):
            await bot.set_my_commands([BotCommand("Nieuw!", "fout")])
        await bot.delete_my_commands(scope=private, language_code="en")
        assert ("all_private_chats", "en") not in api.menus

    run(scenario)


# --- the helpers tests use ------------------------------------------------------------------


def test_wait_until_says_clearly_what_did_not_happen() -> None:
    async def scenario(api: FakeBotApi, bot: Bot) -> None:
        api.user_says(RESIDENT, "hoi")
        await api.wait_until(lambda: len(api.pending_updates()) == 1, timeout=0.5)
        with pytest.raises(AssertionError, match=r"still false after 0\.1 s.*getMe:200"):
            await api.wait_until(lambda: bool(api.sent()), timeout=0.1)

    run(scenario)


def test_a_raw_update_is_delivered_again_until_confirmed_past() -> None:
    async def scenario(api: FakeBotApi, bot: Bot) -> None:
        first = api.user_says(RESIDENT, "/start")
        await bot.get_updates()
        await bot.get_updates(offset=first + 1)
        assert api.pending_updates() == []
        [handed] = [u for u in api.handed_out() if u["update_id"] == first]
        assert api.queue_raw_update(handed) == first
        later = api.user_says(RESIDENT, "ja")
        assert later == first + 1
        assert [u.update_id for u in await bot.get_updates()] == [first, later]
        assert [u.update_id for u in await bot.get_updates(offset=later)] == [later]

    run(scenario)


# --- flood limits ---------------------------------------------------------------------------


def test_flood_limits_allow_thirty_a_second_and_one_a_second_per_chat() -> None:
    async def scenario() -> None:
        async with FakeBotApi(flood_limits=True) as api:
            bot = Bot(api.token, base_url=api.base_url, base_file_url=api.base_file_url)
            async with bot:
                await bot.send_message(RESIDENT, "een")
                with pytest.raises(RetryAfter) as again:
                    await bot.send_message(RESIDENT, "nog een, te snel")
                assert again.value.retry_after in (1, timedelta(seconds=1))
                results = await asyncio.gather(
                    *(bot.send_message(1000 + n, "iedereen") for n in range(40)),
                    return_exceptions=True,
                )
                refused = [r for r in results if isinstance(r, RetryAfter)]
                assert len(refused) == 40 - 29  # 30 in the second, "een" included
                await asyncio.sleep(1.05)
                await bot.send_message(RESIDENT, "een seconde later")
            assert [m["text"] for m in api.messages(RESIDENT)] == ["een", "een seconde later"]

    asyncio.run(scenario())


def test_a_photo_and_a_pin_are_shown_as_telegram_shows_them() -> None:
    jpeg = b"\xff\xd8 a bench \xff\xd9"

    async def scenario(api: FakeBotApi, bot: Bot) -> None:
        photo = await bot.send_photo(ANNA, jpeg)
        assert [size.width for size in photo.photo] == [90, 320, 800]
        pin = await bot.send_location(ANNA, 51.81234, 3.91234)
        assert pin.location is not None
        assert (pin.location.latitude, pin.location.longitude) == (51.81234, 3.91234)
        assert api.photos(ANNA) == [jpeg]
        assert api.locations(ANNA) == [(51.81234, 3.91234)]
        with pytest.raises(BadRequest, match=r"(?i)image_process_failed"):
            await bot.send_photo(ANNA, b"no picture at all")
        with pytest.raises(BadRequest, match=r"(?i)wrong latitude"):
            await bot.send_location(ANNA, 91.0, 3.9)

    run(scenario)
