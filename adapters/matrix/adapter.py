"""The Matrix adapter: our own sync loop, so nothing is marked read before it is committed.

nio saves its sync token before callbacks run (DESIGN.md), so `sync_forever` and
event callbacks are not used. Each `/sync` response is handled event by event
through the core, and only then is its `next_batch` saved; a crash before that
means the same response comes again, and the core ignores what it has seen.
A timeline Synapse cut short after downtime (`limited`) is paged back with
`/messages` to where the bot stopped reading, so everything is handled once.
The end-to-end chores `sync_forever` would do (key upload, query, claim and
to-device messages) are done after every sync.
"""

import asyncio
import hashlib
import io
import logging
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from dataclasses import replace
from functools import partial
from typing import Any, TypeVar

from aiohttp import ClientConnectionError
from nio import (
    AsyncClient,
    AsyncClientConfig,
    ErrorResponse,
    InviteInfo,
    InviteMemberEvent,
    JoinError,
    LoginError,
    MegolmEvent,
    MessageDirection,
    ReactionEvent,
    RoomCreateError,
    RoomGetEventError,
    RoomMemberEvent,
    RoomMessagesError,
    RoomPreset,
    RoomSendError,
    SyncError,
    SyncResponse,
    UploadError,
    WhoamiError,
)
from nio.events import Event
from nio.exceptions import EncryptionError, LocalProtocolError, OlmUnverifiedDeviceError

from adapters.matrix import render
from adapters.matrix.options import MatrixOptions
from adapters.matrix.reading import CHANNEL, from_event, replied_event_id
from adapters.matrix.session import (
    Login,
    forget_login,
    load_direct_rooms,
    load_login,
    load_private_rooms,
    load_sync_token,
    save_direct_rooms,
    save_login,
    save_private_rooms,
    save_sync_token,
)
from adapters.private import private_folder
from adapters.retrying import Backoff, hand_over, quietly, report_end, until_done, worded
from bot.messages import (
    OPENED,
    Attachment,
    Choice,
    Incoming,
    Outgoing,
    PageHandler,
    PlatformRefused,
    SendLater,
    Undeliverable,
)

log = logging.getLogger(__name__)
T = TypeVar("T")
CHOICES_REMEMBERED = 1000
# Residents told their direct chat is shared, remembered so each hears it once; a
# longer-running bot forgets the oldest (the homeserver drops a repeat within a day).
TOLD_REMEMBERED = 10_000
# How long an event that cannot be decrypted waits for its key.
LOCKED_SECONDS = 3600.0
# How often team rooms the bot could not join are tried again.
JOIN_AGAIN_SECONDS = 300.0
# How long a room the bot just made or joined may not be known, or show who is in it.
NEW_ROOM_SECONDS = 120.0
# A send that takes longer than this (nio waiting on itself) goes back to the outbox.
SEND_SECONDS = 60.0
# Enough of a room's timeline per sync that paging back is rare; members in full,
# because encrypting for a room needs every member's devices.
SYNC_FILTER = {"room": {"timeline": {"limit": 50}, "state": {"lazy_load_members": False}}}
PAGE = 100
# What a homeserver answers a login or token it will not accept (anything else, such as
# a 5xx or a rate limit, is tried again).
REFUSED_TOKEN = {"M_UNKNOWN_TOKEN", "M_MISSING_TOKEN", "M_FORBIDDEN", "M_USER_DEACTIVATED"}
UNREACHABLE_CHAT = {"M_FORBIDDEN", "M_NOT_FOUND"}
# For a resident whose direct chat now has someone else in it too: the core answers
# residents only in private, and cannot say so in a room it takes for a group (the
# adapter has no catalogue, so both languages, Dutch first).
SHARED_CHAT = (
    "In deze chat zit nu meer dan \u00e9\u00e9n persoon. Over je initiatief praat ik alleen "
    "met jou, in een eigen chat. Begin een nieuwe chat met mij om verder te gaan. "
    "(There is more than one person in this chat now. I talk about your initiative with "
    "you alone: start a new chat with me to go on.)"
)
ENCRYPTED_ROOM = {
    "type": "m.room.encryption",
    "state_key": "",
    "content": {"algorithm": "m.megolm.v1.aes-sha2"},
}


class HomeserverError(Exception):
    """The homeserver answered a request with an error; the message has its code."""


class MatrixAdapter:
    channel = CHANNEL

    def __init__(self, options: MatrixOptions) -> None:
        # nio logs Matrix ids at INFO and whole event contents (residents' words) in its
        # warnings about malformed events; only its errors are let through.
        logging.getLogger("nio").setLevel(logging.ERROR)
        self._options = options
        self.chats: frozenset[str] | None = None
        config = AsyncClientConfig(
            # nio would retry 429s and connection errors forever inside one call;
            # the outbox and our own loop retry instead, so a send cannot block.
            max_limit_exceeded=0,
            max_timeouts=0,
            request_timeout=options.request_timeout_seconds,
            store_sync_tokens=False,
            encryption_enabled=options.encryption,
        )
        self._client = AsyncClient(
            options.homeserver,
            options.user_id,
            store_path=str(options.store_dir),
            config=config,
        )
        self._handler: PageHandler | None = None
        self._task: asyncio.Task[None] | None = None
        self._ready = asyncio.Event()
        self._team_rooms: set[str] = set()
        self._room_of_alias: dict[str, str] = {}
        self._alias_of_room: dict[str, str] = {}
        # The actions of the bot's recent messages with choices, by event id: a number
        # in reply to one of them picks that action, as a button would.
        self._choices: OrderedDict[str, tuple[Choice, ...]] = OrderedDict()
        # The last question that got number reactions, per room.
        self._questions: dict[str, str] = {}
        # Waits between sends while the homeserver cannot be reached, doubling.
        self._unreachable = Backoff(options.first_retry_seconds, options.max_retry_seconds)
        self._direct_rooms = load_direct_rooms(options.store_dir)
        # Direct chats residents opened: whoever writes there once someone else is in
        # too is told to go on in a chat of their own.
        self._private_rooms = load_private_rooms(options.store_dir)
        # (room, sender) of residents in a shared direct chat: to tell, and told.
        self._to_tell: set[tuple[str, str]] = set()
        self._told: OrderedDict[tuple[str, str], None] = OrderedDict()
        self._synced_once = False
        # Rooms the bot made or joined lately, which nio may not know until a sync.
        self._new_rooms: dict[str, float] = {}
        self._last_join_try = 0.0
        # Encrypted events whose keys had not come yet (in memory only).
        self._locked: dict[str, tuple[str, MegolmEvent, float]] = {}

    async def start(self, handler: PageHandler) -> None:
        """Log in now when the homeserver answers, so a refused login stops the start."""
        self._handler = handler
        private_folder(self._options.store_dir)  # it holds the login and the keys
        try:
            await self._log_in()
        except (ClientConnectionError, TimeoutError) as error:
            log.warning(
                "matrix: %s not reachable at start (%s), trying again",
                self._options.homeserver,
                self._cause(error),
            )
        self._task = asyncio.create_task(self._run(), name="matrix")
        self._task.add_done_callback(report_end("matrix: the sync loop"))

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)
        await self._client.close()
        if self._ready.is_set():
            log.info("matrix: stopped")

    async def send(self, message: Outgoing) -> None:
        if not self._ready.is_set():
            raise SendLater(self._options.first_retry_seconds)
        room_id = await self._room_for(message.chat_id)
        # The outbox row as transaction id: the homeserver drops a repeat of a send
        # whose answer was lost, instead of showing the message twice.
        transaction = _transaction_id(message)
        event_id = await self._send_event(
            room_id, "m.room.message", render.content(message), transaction
        )
        if message.location is not None:  # the text holds the map link; this, the pin
            pin = render.location_content(message.location, message.text)
            await self._send_event(room_id, "m.room.message", pin, _part(transaction, "pin"))
        if message.attachment is not None:
            await self._send_file(room_id, message.attachment, transaction)
        if message.choices and not message.multiple:
            self._choices[event_id] = message.choices
            while len(self._choices) > CHOICES_REMEMBERED:
                self._choices.popitem(last=False)
        if self._options.reaction_shortcuts and render.reactions(message):
            await self._offer_reactions(room_id, event_id, render.reactions(message), transaction)

    async def _send_file(self, room_id: str, file: Attachment, transaction: str | None) -> None:
        """Upload the file (encrypted in an encrypted room), then send it (`render.file_content`).

        After a failure the whole message is tried again: its text event carries the
        same transaction id, so the homeserver does not show it twice.
        """
        room = self._client.rooms.get(room_id)
        encrypted = room is not None and room.encrypted
        try:
            async with asyncio.timeout(SEND_SECONDS):
                uploaded, keys = await self._client.upload(
                    io.BytesIO(file.content),
                    content_type=file.media_type,
                    filename=file.name,
                    encrypt=encrypted,
                    filesize=len(file.content),
                )
        except (ClientConnectionError, TimeoutError) as error:
            raise SendLater(self._unreachable.wait(), away=True) from error
        if isinstance(uploaded, UploadError):
            raise RuntimeError(f"the homeserver refused the upload: {uploaded.status_code}")
        content = render.file_content(file, uploaded.content_uri, keys)
        await self._send_event(room_id, "m.room.message", content, _part(transaction, "file"))

    async def _send_event(
        self, room_id: str, kind: str, content: dict[str, Any], transaction: str | None
    ) -> str:
        """Send one event; what the homeserver answers becomes a wait, a park or a failure."""
        try:
            async with asyncio.timeout(SEND_SECONDS):
                response = await self._client.room_send(
                    room_id,
                    kind,
                    content,
                    tx_id=transaction,
                    ignore_unverified_devices=self._options.send_to_unverified,
                )
        except OlmUnverifiedDeviceError as error:
            raise Undeliverable("unverified devices in the room (unverified_devices)") from error
        except (ClientConnectionError, TimeoutError) as error:
            self._unstick_key_sharing(room_id)
            raise SendLater(self._unreachable.wait(), away=True) from error
        except LocalProtocolError as error:
            if self._settled(room_id) and room_id not in self._client.rooms:
                raise Undeliverable("the bot is not in this room") from error
            # nio does not know the room yet (a room just made): after the next sync.
            raise SendLater(self._options.first_retry_seconds) from error
        if isinstance(response, RoomSendError):
            raise self._send_failure(response)
        self._unreachable.reset()
        return str(response.event_id)

    async def _room_for(self, chat_id: str) -> str:
        """The room of a chat: a room id, a team room's alias, or a contact's own id."""
        if chat_id.startswith("@"):
            room_id = await self._direct_room(chat_id)
            if self._contact_left(room_id, chat_id):
                # A new room the next time; this message is parked, not retried forever.
                self._forget_direct_room(chat_id)
                raise Undeliverable("the contact left the bot's private room")
            if self._shared(room_id, chat_id):
                # Someone else was let in: residents' details are for the contact alone.
                # A new private room is made, and the message waits for it.
                log.warning(
                    "matrix: a contact's private room has someone else in it; making a new one"
                )
                self._forget_direct_room(chat_id)
                room_id = await self._direct_room(chat_id)
            if not self._knows_invitee(room_id, chat_id):
                # Encrypted before our sync shows the contact invited, a message would
                # have a key nobody else gets: wait for that sync.
                raise SendLater(self._options.first_retry_seconds)
            return room_id
        return self._room_of_alias.get(chat_id, chat_id)

    def _settled(self, room_id: str) -> bool:
        """Our sync shows this room as it is: not one the bot made or joined just now."""
        since = self._new_rooms.get(room_id)
        fresh = since is not None and time.monotonic() - since < NEW_ROOM_SECONDS
        return self._synced_once and not fresh

    def _contact_left(self, room_id: str, user_id: str) -> bool:
        room = self._client.rooms.get(room_id)
        return self._settled(room_id) and room is not None and user_id not in room.users

    def _shared(self, room_id: str, user_id: str) -> bool:
        """Whether anyone besides the bot and `user_id` is in (or invited to) the room.
        A room our sync does not show in full yet can only hide someone, never add one."""
        room = self._client.rooms.get(room_id)
        return room is not None and bool(room.users.keys() - {self._options.user_id, user_id})

    def _forget_direct_room(self, user_id: str) -> None:
        del self._direct_rooms[user_id]
        save_direct_rooms(self._options.store_dir, self._direct_rooms)

    def _knows_invitee(self, room_id: str, user_id: str) -> bool:
        room = self._client.rooms.get(room_id)
        if room is None or user_id not in room.users:
            return False
        return room.encrypted or not self._options.encryption

    async def _direct_room(self, user_id: str) -> str:
        """The bot's private room with a contact, made the first time it writes to them."""
        known = self._direct_rooms.get(user_id)
        if known is not None:
            return known
        try:
            made = await self._client.room_create(
                is_direct=True,
                preset=RoomPreset.trusted_private_chat,
                invite=[user_id],
                initial_state=[ENCRYPTED_ROOM] if self._options.encryption else [],
            )
        except (ClientConnectionError, TimeoutError) as error:
            raise SendLater(self._unreachable.wait(), away=True) from error
        if isinstance(made, RoomCreateError):
            raise self._send_failure(made)
        self._direct_rooms[user_id] = made.room_id
        self._new_rooms[made.room_id] = time.monotonic()
        save_direct_rooms(self._options.store_dir, self._direct_rooms)
        return str(made.room_id)

    def _send_failure(self, response: ErrorResponse) -> Exception:
        code = response.status_code or ""
        if code == "M_LIMIT_EXCEEDED":
            return SendLater((response.retry_after_ms or 5000) / 1000)
        if code in UNREACHABLE_CHAT:
            return Undeliverable(f"the bot cannot send to this room ({code})")
        transport = getattr(response, "transport_response", None)
        if transport is not None and transport.status >= 500:
            return SendLater(self._unreachable.wait())
        return HomeserverError(code or "unknown error")

    def _unstick_key_sharing(self, room_id: str) -> None:
        """nio marks a room as sharing keys before it claims them, and clears the mark
        only on some failures; left behind, every later send to the room waits on it."""
        stuck = self._client.sharing_session.pop(room_id, None)
        if stuck is not None:
            stuck.set()

    async def _offer_reactions(
        self, room_id: str, event_id: str, keys: tuple[str, ...], transaction: str | None
    ) -> None:
        """Number reactions under a question, to tap instead of typing: nice to have only."""
        # Taken as answers from now on: a quick person may type the reaction first.
        self._questions[room_id] = event_id
        for index, key in enumerate(keys):
            suffix = f"{transaction}-{index}" if transaction else None
            content = render.reaction(event_id, key)
            try:
                await self._send_event(room_id, "m.reaction", content, suffix)
            except Exception as error:
                log.info("matrix: a reaction shortcut failed (%s)", type(error).__name__)
                return

    # --- logging in -------------------------------------------------------------------

    async def _log_in(self) -> None:
        """Restore the saved device, or log in once and save it: one device for good."""
        client, options = self._client, self._options
        if client.access_token:
            return
        saved = load_login(options.store_dir)
        if saved is not None and saved.user_id == options.user_id:
            client.restore_login(saved.user_id, saved.device_id, saved.access_token)
            return
        if options.access_token:
            client.access_token = options.access_token  # whoami needs it
            who = await client.whoami()
            if isinstance(who, WhoamiError) or not who.device_id:
                client.access_token = ""
                if isinstance(who, WhoamiError) and who.status_code not in REFUSED_TOKEN:
                    raise HomeserverError(f"whoami: {who.status_code}")  # tried again
                raise PlatformRefused(
                    "Matrix refused the access token in INITIATIEFBOT_MATRIX_ACCESS_TOKEN"
                )
            login = Login(options.user_id, who.device_id, options.access_token)
            client.access_token = ""
            client.restore_login(login.user_id, login.device_id, login.access_token)
        elif options.password:
            response = await client.login(options.password, device_name=options.device_name)
            if isinstance(response, LoginError):
                if response.status_code not in REFUSED_TOKEN:
                    raise HomeserverError(f"login: {response.status_code}")  # tried again
                raise PlatformRefused(
                    f"Matrix refused the login of {options.user_id} "
                    f"(INITIATIEFBOT_MATRIX_PASSWORD): {response.status_code}"
                )
            login = Login(options.user_id, response.device_id, response.access_token)
        else:
            raise PlatformRefused(
                "matrix.enabled: set INITIATIEFBOT_MATRIX_PASSWORD or "
                "INITIATIEFBOT_MATRIX_ACCESS_TOKEN"
            )
        save_login(options.store_dir, login)
        log.info("matrix: logged in as a new device")

    # --- the sync loop ----------------------------------------------------------------

    async def _run(self) -> None:
        await self._until_done("logging in", self._log_in)
        # Our keys before anyone writes to us: a message encrypted for a device whose
        # keys were not up yet cannot be read by it, ever.
        await self._key_chores()
        await self._until_done("joining the team rooms", self._join_team_rooms)
        self._ready.set()
        encryption = "on" if self._options.encryption else "off"
        log.info("matrix: connected to %s (encryption %s)", self._options.homeserver, encryption)
        token = load_sync_token(self._options.store_dir)
        # nio keeps no rooms across restarts (only keys), so the first sync asks for
        # every room's full state: who is in it and whether it is encrypted.
        full_state = True
        while True:
            response = await self._until_done("syncing", partial(self._sync, token, full_state))
            full_state = False
            await self._key_chores()
            # Read once, handed over until the core takes it: read again, what it did
            # (events whose keys came late, invites answered) would not come a second time.
            page = await self._until_done("reading events", partial(self._read, response, token))
            await self._until_done("handling events", partial(self._hand_over, page))
            await self._tell_shared_chats()
            # Only now: a restart reads on from here.
            token = response.next_batch
            save_sync_token(self._options.store_dir, token)
            self._synced_once = True
            if time.monotonic() - self._last_join_try > JOIN_AGAIN_SECONDS:
                await self._until_done("joining the team rooms", self._join_team_rooms)

    async def _sync(self, since: str | None, full_state: bool) -> SyncResponse:
        # nio puts no time limit on a full-state sync: a hung homeserver would hang us.
        async with asyncio.timeout(
            self._options.sync_timeout_seconds + self._options.request_timeout_seconds
        ):
            response = await self._client.sync(
                timeout=self._options.sync_timeout_seconds * 1000,
                since=since,
                sync_filter=SYNC_FILTER,
                full_state=full_state,
            )
        if isinstance(response, SyncError):
            if response.status_code == "M_UNKNOWN_TOKEN":
                # The device was logged out (by an admin, or a password change): log in
                # again with the password next time, as a new device.
                log.error("matrix: the homeserver no longer knows the bot's login")
                forget_login(self._options.store_dir)
                self._client.access_token = ""
                await self._log_in()
            raise HomeserverError(f"sync: {response.status_code}")
        return response

    async def _key_chores(self) -> None:
        """What `sync_forever` would do for end-to-end encryption after each sync."""
        client = self._client
        if client.olm is None:
            return
        answers: list[object] = []
        try:
            if client.outgoing_to_device_messages:
                answers += await client.send_to_device_messages()
            if client.should_upload_keys:
                answers.append(await client.keys_upload())
            if client.should_query_keys:
                answers.append(await client.keys_query())
            if client.should_claim_keys:
                answers.append(await client.keys_claim(client.get_users_for_key_claiming()))
        except (ClientConnectionError, TimeoutError, LocalProtocolError) as error:
            log.warning("matrix: key exchange failed (%s), next sync", type(error).__name__)
        for answer in answers:
            if isinstance(answer, ErrorResponse):  # nio answers errors, it does not raise
                log.warning("matrix: key exchange refused (%s)", answer.status_code)

    async def _join_team_rooms(self) -> None:
        """Join the team rooms not joined yet; one that refuses is tried again later."""
        self._last_join_try = time.monotonic()
        for room in self._options.team_rooms:
            if room in self._team_rooms or room in self._room_of_alias:
                continue
            response = await self._client.join(room)
            if isinstance(response, JoinError):
                # Most likely not invited yet; its messages wait (and park) till then.
                log.error("matrix: cannot join team room %s (%s)", room, response.status_code)
                continue
            self._team_rooms.add(response.room_id)
            if room.startswith("#"):
                self._room_of_alias[room] = response.room_id
                self._alias_of_room[response.room_id] = room

    async def _read(self, response: SyncResponse, since: str | None) -> list[tuple[str, Incoming]]:
        """Everything a sync brings for the core, as one page in order, each event with
        its label: residents opening a chat, then each room's events."""
        page: list[tuple[str, Incoming]] = []
        for room_id, invite in response.rooms.invite.items():
            opened = await self._answer_invite(room_id, invite)
            if opened is not None:
                page.append((f"matrix: invite to {room_id}", opened))
        # At the first start what was said before the bot existed is not replayed.
        if since is not None:
            for room_id, joined in response.rooms.join.items():
                events = list(joined.timeline.events)
                if joined.timeline.limited and joined.timeline.prev_batch:
                    events = await self._missed(room_id, joined.timeline.prev_batch, since) + events
                for event in self._since_joined(events):
                    incoming = await self._heard(room_id, event)
                    if incoming is not None:
                        page.append((f"matrix: event {event.event_id}", incoming))
            page += await self._unlock_late()
        return page

    async def _hand_over(self, page: list[tuple[str, Incoming]]) -> None:
        """See `hand_over`: raises CoreUnavailable, and the page is handed over again."""
        assert self._handler is not None, "start() first"
        labels = [label for label, _ in page]
        incoming = [event for _, event in page]
        await hand_over(self._handler, incoming, labels, self._options.first_retry_seconds)

    async def _unlock_late(self) -> list[tuple[str, Incoming]]:
        """Events whose keys have come since, for the core; after an hour, given up."""
        unlocked: list[tuple[str, Incoming]] = []
        for event_id, (room_id, event, since) in list(self._locked.items()):
            try:
                opened: Event = self._client.decrypt_event(event)
            except EncryptionError:
                opened = event  # still no key
            if not isinstance(opened, MegolmEvent):
                del self._locked[event_id]
                incoming = await self._heard(room_id, opened)
                if incoming is not None:
                    unlocked.append((f"matrix: event {event_id}", incoming))
            elif time.monotonic() - since > LOCKED_SECONDS:
                del self._locked[event_id]
                log.error("matrix: event %s never became readable; given up", event_id)
        return unlocked

    def _since_joined(self, events: list[Event]) -> list[Event]:
        """What was said before the bot joined a room is history, not for it to answer."""
        me = self._options.user_id
        joins = [
            index
            for index, event in enumerate(events)
            if isinstance(event, RoomMemberEvent)
            and event.state_key == me
            and event.membership == "join"
            and event.prev_membership != "join"  # a changed display name is no join
        ]
        return events[joins[-1] + 1 :] if joins else events

    async def _missed(self, room_id: str, before: str, since: str) -> list[Event]:
        """The events Synapse left out of a limited timeline, oldest first."""
        found: list[Event] = []
        start = before
        while True:
            page = await self._client.room_messages(
                room_id, start=start, end=since, direction=MessageDirection.back, limit=PAGE
            )
            if isinstance(page, RoomMessagesError):
                raise HomeserverError(f"messages: {page.status_code}")
            found.extend(page.chunk)
            if not page.chunk or not page.end or page.end == start:
                return list(reversed(found))
            start = page.end

    async def _answer_invite(self, room_id: str, invite: InviteInfo) -> Incoming | None:
        """Join or decline; a resident opening a direct chat is, for the core, an opened
        chat to greet."""
        me = self._options.user_id
        invitation = next(
            (
                event
                for event in invite.invite_state
                if isinstance(event, InviteMemberEvent)
                and event.state_key == me
                and event.membership == "invite"
            ),
            None,
        )
        if invitation is None:
            return None
        team_room = self._configured(room_id)
        if not team_room and not self._may_invite(invitation.sender):
            await self._client.room_leave(room_id)
            log.info("matrix: declined an invite from a homeserver not in invites_from")
            return None
        joined = await self._client.join(room_id)
        if isinstance(joined, JoinError):
            # The inviter left, or the room is gone: nothing to answer, and no reason to
            # hold up every other room by trying again.
            # (A resident's room id is theirs: it stays out of the log.)
            log.warning("matrix: could not join a room invited to (%s)", joined.status_code)
            await quietly("matrix: declining the invite", self._client.room_leave(room_id))
            return None
        self._new_rooms[room_id] = time.monotonic()
        if team_room:
            self._team_rooms.add(room_id)
            return None
        if not (invitation.content or {}).get("is_direct"):
            return None
        self._private_rooms.add(room_id)
        save_private_rooms(self._options.store_dir, self._private_rooms)
        # A resident opened a chat with the bot: greet them, as a start would.
        return Incoming(
            channel=CHANNEL,
            chat_id=room_id,
            sender_id=invitation.sender,
            event_id=f"invite:{room_id}",
            payload=OPENED,
        )

    def _configured(self, room_id: str) -> bool:
        return room_id in self._options.team_rooms or room_id in self._alias_of_room

    def _may_invite(self, inviter: str) -> bool:
        allowed = self._options.invites_from
        return not allowed or inviter.partition(":")[2] in allowed

    async def _heard(self, room_id: str, event: Event) -> Incoming | None:
        """The event as the core reads it; None for one without anything to read (yet)."""
        if isinstance(event, MegolmEvent):
            # Its key has not arrived; ask the sender's devices for it, and try again
            # after the syncs that follow (keys often come a moment later).
            log.warning("matrix: event %s could not be decrypted yet", event.event_id)
            self._locked[event.event_id] = (room_id, event, time.monotonic())
            await quietly("matrix: asking for a room key", self._client.request_room_key(event))
            return None
        source = self._reaction_as_answer(room_id, event) or event.source
        group = self._is_group(room_id)
        chat_id = self._alias_of_room.get(room_id, room_id)
        replied = await self._replied_text(room_id, source)
        incoming = from_event(source, chat_id, self._options.user_id, group, replied)
        if incoming is None:
            return None
        if group and room_id in self._private_rooms:
            self._to_tell.add((room_id, incoming.sender_id))
        room = self._client.rooms.get(room_id)
        if room is not None:  # the name the room shows them by, for a return day's list
            incoming = replace(incoming, sender_name=room.user_name(incoming.sender_id) or "")
        return self._as_pressed(source, incoming)

    def _reaction_as_answer(self, room_id: str, event: Event) -> dict[str, Any] | None:
        """A number reaction on the room's last question reads as typing that number."""
        if not isinstance(event, ReactionEvent):
            return None
        number = render.reaction_number(event.key)
        if number is None or self._questions.get(room_id) != event.reacts_to:
            return None
        return {
            "type": "m.room.message",
            "sender": event.sender,
            "event_id": event.event_id,
            "content": {"msgtype": "m.text", "body": str(number)},
        }

    def _as_pressed(self, source: dict[str, Any], incoming: Incoming) -> Incoming:
        """A number in reply to a message of the bot's picks that message's choice, as
        a button would: in a team room an action, in a private chat an answer to an
        older message (an invitation, a check-in) while another question is open.

        Only as a reply: in a team room a bare "1" may be meant for a colleague, and in
        a private chat the core reads it as the answer to the question it is at.
        """
        replied = replied_event_id(source.get("content") or {})
        choices = self._choices.get(replied or "", ())
        number = incoming.text.strip()
        # Checked for digits before it is read as a number, and only a short one: a
        # message of thousands of digits is too long for Python's int().
        if incoming.payload or not choices or not (number.isascii() and number.isdigit()):
            return incoming
        if len(number) > len(str(len(choices))):
            return incoming
        if not 1 <= int(number) <= len(choices):
            return incoming
        return replace(incoming, payload=choices[int(number) - 1].key)

    def _is_group(self, room_id: str) -> bool:
        """Team rooms are groups, and so is any room with more than one person besides
        the bot in it or invited: a direct chat too, once a resident invites someone.
        The core takes residents' messages only in private, so one person's `mijn
        gegevens` never shows another's data, and their `vergeet mij` erases only their own.
        """
        if room_id in self._team_rooms:
            return True
        room = self._client.rooms.get(room_id)
        return room is not None and len(room.users.keys() - {self._options.user_id}) > 1

    async def _tell_shared_chats(self) -> None:
        """Tell each resident once who wrote in their direct chat after someone else
        came in, that the bot goes on in a chat of their own. Nice to have: a failure is
        only logged, and the homeserver drops a repeat of the same transaction."""
        for room_id, sender in sorted(self._to_tell - self._told.keys()):
            self._told[(room_id, sender)] = None
            while len(self._told) > TOLD_REMEMBERED:
                self._told.popitem(last=False)
            notice = Outgoing(CHANNEL, room_id, SHARED_CHAT)
            digest = hashlib.sha256(f"{room_id} {sender}".encode()).hexdigest()[:16]
            await quietly(
                "matrix: telling a resident their chat is shared",
                self._send_event(
                    room_id,
                    "m.room.message",
                    render.content(notice),
                    f"initiatiefbot-shared-{digest}",
                ),
            )
        self._to_tell.clear()

    async def _replied_text(self, room_id: str, source: dict[str, Any]) -> str:
        """The text of the bot's own message that `source` replies to, else ""."""
        event_id = replied_event_id(source.get("content") or {})
        if event_id is None:
            return ""
        try:
            response = await self._client.room_get_event(room_id, event_id)
            if isinstance(response, RoomGetEventError):
                return ""
            original = response.event
            if isinstance(original, MegolmEvent):
                original = self._client.decrypt_event(original)
        except Exception as error:
            # Read as a plain message rather than lost: the reply's text still counts.
            log.info("matrix: the message replied to was not read (%s)", type(error).__name__)
            return ""
        if getattr(original, "sender", "") != self._options.user_id:
            return ""
        return str((original.source.get("content") or {}).get("body", ""))

    async def _until_done(self, what: str, call: Callable[[], Awaitable[T]]) -> T:
        first, most = self._options.first_retry_seconds, self._options.max_retry_seconds
        what = f"matrix: {what} at {self._options.homeserver}"
        return await until_done(what, call, first, most, describe=self._cause)

    def _cause(self, error: Exception) -> str:
        secrets = (self._options.password, self._options.access_token, self._client.access_token)
        return worded(error, secrets)


def _transaction_id(message: Outgoing) -> str | None:
    """The outbox row, and a digest of the text: a database restored or made anew
    numbers its rows from the start again, and Synapse remembers ids for a day."""
    if not message.outbox_id:
        return None
    digest = hashlib.sha256(message.text.encode()).hexdigest()[:16]
    return f"initiatiefbot-{message.outbox_id}-{digest}"


def _part(transaction: str | None, part: str) -> str | None:
    """The transaction id of an event sent after a message's text, as part of it."""
    return f"{transaction}-{part}" if transaction else None
