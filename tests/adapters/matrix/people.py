"""People on the test homeserver: a resident or a contact as the bot sees them from Element.

A `Person` is a real matrix-nio client with end-to-end encryption on and one
device of its own, kept in a store dir. It syncs in the background from the
moment it is started, so what the bot sends piles up in `timeline` whether or
not a test is waiting for it. Its sync loop is also the reference for what a
hand-written nio loop must do for E2E (`_after_sync`, `_keep_keys`).

    async with Person(synapse.url, synapse.register("anna"), tmp_path / "anna") as anna:
        room = await anna.open_dm(bot_user_id, encrypted=True)
        await anna.say(room, "Hallo")
        question = await anna.wait_for(room, "Wat is je naam")
"""

import asyncio
import contextlib
import json
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import Any, Self

import aiohttp
from nio import (
    AsyncClient,
    AsyncClientConfig,
    EncryptionError,
    ErrorResponse,
    Event,
    JoinResponse,
    LoginResponse,
    MegolmEvent,
    RoomCreateResponse,
    RoomPreset,
    RoomSendResponse,
    SyncResponse,
)

from tests.adapters.matrix.synapse import Account

SYNC_TIMEOUT_MS = 5_000
RETRY_SECONDS = 0.2
WAIT_SECONDS = 10.0
_ENCRYPTION = {
    "type": "m.room.encryption",
    "state_key": "",
    "content": {"algorithm": "m.megolm.v1.aes-sha2"},
}


class Person:
    """One Matrix user on one device, as a test drives them; start with `async with`."""

    def __init__(self, homeserver: str, account: Account, store_dir: Path) -> None:
        self.account = account
        self.store_dir = store_dir
        self.client = AsyncClient(
            homeserver,
            account.user_id,
            store_path=str(store_dir),
            config=AsyncClientConfig(
                encryption_enabled=True,
                store_sync_tokens=True,
                # Back within a second after a homeserver outage, not after nio's 60 s.
                max_timeout_retry_wait_time=1.0,
                request_timeout=SYNC_TIMEOUT_MS / 1000 + 15,
            ),
        )
        self.timeline: dict[str, list[Event]] = {}
        """Per room, the events of others in arrival order; undecryptable ones as MegolmEvent."""
        self.invites: list[str] = []
        self._taken: set[str] = set()
        self._changed = asyncio.Condition()
        self._loop: asyncio.Task[None] | None = None

    @property
    def user_id(self) -> str:
        return self.account.user_id

    @property
    def device_id(self) -> str:
        return str(self.client.device_id)

    async def __aenter__(self) -> Self:
        try:
            await self.start()
        except BaseException:
            await self.close()
            raise
        return self

    async def __aexit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.close()

    async def start(self) -> None:
        """Log in (the same device again if this store dir had one), publish keys, sync."""
        self.store_dir.mkdir(parents=True, exist_ok=True)
        saved = self.store_dir / "login.json"
        if saved.exists():
            login = json.loads(saved.read_text(encoding="utf-8"))
            self.client.restore_login(self.user_id, login["device_id"], login["access_token"])
        else:
            answer = await self.client.login(self.account.password, device_name="test person")
            if not isinstance(answer, LoginResponse):
                raise RuntimeError(f"{self.user_id} cannot log in: {answer}")
            saved.write_text(
                json.dumps({"device_id": answer.device_id, "access_token": answer.access_token}),
                encoding="utf-8",
            )
        # Keys first: whoever encrypts to this device needs them before our first sync ends.
        await self._keep_keys()
        # Full state: nio keeps no rooms in its store, only the sync token and the keys.
        await self._sync_once(timeout_ms=0, full_state=True)
        self._loop = asyncio.create_task(self._run(), name=f"sync {self.user_id}")

    async def close(self) -> None:
        """Stop syncing and close the connections; re-raises what killed the sync loop."""
        loop, self._loop = self._loop, None
        try:
            if loop is not None:
                loop.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await loop
        finally:
            await self.client.close()
            if self.client.store is not None:
                self.client.store.database.close()

    async def open_room(
        self,
        invite: list[str],
        *,
        encrypted: bool,
        direct: bool = False,
        name: str | None = None,
    ) -> str:
        """A private room with `invite` invited; returns once this client has synced it."""
        answer = await self.client.room_create(
            name=name,
            is_direct=direct,
            preset=RoomPreset.trusted_private_chat if direct else RoomPreset.private_chat,
            invite=invite,
            initial_state=[_ENCRYPTION] if encrypted else [],
        )
        if not isinstance(answer, RoomCreateResponse):
            raise RuntimeError(f"{self.user_id} cannot create a room: {answer}")
        room_id: str = answer.room_id

        def synced() -> bool:
            room = self.client.rooms.get(room_id)
            return (
                room is not None
                and room.encrypted == encrypted
                and all(user in room.users for user in invite)
            )

        # A sync can end halfway through the creation; a message encrypted before the
        # invites are seen has a key that nobody else gets.
        await self._until(synced, f"room {room_id} with its invites synced")
        return room_id

    async def open_dm(self, other: str, *, encrypted: bool) -> str:
        """A direct chat as Element starts one: trusted private, is_direct, `other` invited."""
        return await self.open_room([other], encrypted=encrypted, direct=True)

    async def join(self, room_id: str) -> None:
        answer = await self.client.join(room_id)
        if not isinstance(answer, JoinResponse):
            raise RuntimeError(f"{self.user_id} cannot join {room_id}: {answer}")
        await self._until(lambda: room_id in self.client.rooms, f"room {room_id} joined")

    async def wait_for_invite(
        self,
        timeout: float = WAIT_SECONDS,  # noqa: ASYNC109 - a deadline for the condition, not for I/O
    ) -> str:
        """The oldest invite not yet waited for."""
        await self._until(lambda: bool(self.invites), "an invite", timeout)
        return self.invites.pop(0)

    async def say(self, room_id: str, text: str, reply_to: str | None = None) -> str:
        """Send a plain text message, encrypted if the room is, as a reply to `reply_to`
        if given (as Element does: without a quoted fallback); returns its event id."""
        content: dict[str, Any] = {"msgtype": "m.text", "body": text}
        if reply_to is not None:
            content["m.relates_to"] = {"m.in_reply_to": {"event_id": reply_to}}
        return await self._send(room_id, "m.room.message", content)

    async def react(self, room_id: str, event_id: str, key: str) -> str:
        """An m.reaction as nio sends it: unencrypted even in an encrypted room."""
        relation = {"rel_type": "m.annotation", "event_id": event_id, "key": key}
        return await self._send(room_id, "m.reaction", {"m.relates_to": relation})

    def messages(self, room_id: str) -> list[str]:
        """Bodies of the readable messages of others in the room, oldest first."""
        return [body for event in self.timeline.get(room_id, []) if (body := _body(event))]

    async def wait_for(
        self,
        room_id: str,
        fragment: str,
        timeout: float = WAIT_SECONDS,  # noqa: ASYNC109 - a deadline for the condition, not for I/O
    ) -> Event:
        """The oldest message of another with `fragment` in its body not returned before.

        Each message is returned at most once, so waiting twice for the same
        text waits for it to be sent twice. Encrypted messages whose keys are
        late are retried as keys arrive.
        """
        try:
            await self._until(
                lambda: self._unseen(room_id, fragment) is not None,
                f"a message with {fragment!r} in {room_id}",
                timeout,
            )
        except AssertionError as error:
            events = self.timeline.get(room_id, [])
            locked = sum(isinstance(event, MegolmEvent) for event in events)
            raise AssertionError(
                f"{error}; got {self.messages(room_id)} and {locked} undecryptable"
            ) from None
        event = self._unseen(room_id, fragment)
        assert event is not None
        self._taken.add(event.event_id)
        return event

    def _unseen(self, room_id: str, fragment: str) -> Event | None:
        for event in self.timeline.get(room_id, []):
            body = _body(event)
            if body and fragment in body and event.event_id not in self._taken:
                return event
        return None

    async def _send(self, room_id: str, kind: str, content: dict[str, Any]) -> str:
        await self._until(lambda: room_id in self.client.rooms, f"room {room_id} synced")
        # A resident on Element trusts devices without verifying them.
        answer = await self.client.room_send(room_id, kind, content, ignore_unverified_devices=True)
        if not isinstance(answer, RoomSendResponse):
            raise RuntimeError(f"{self.user_id} cannot send to {room_id}: {answer}")
        event_id: str = answer.event_id
        return event_id

    async def _until(
        self, ready: Callable[[], bool], what: str, seconds: float = WAIT_SECONDS
    ) -> None:
        loop = self._loop

        def stopped() -> bool:
            return loop is not None and loop.done()

        try:
            async with asyncio.timeout(seconds), self._changed:
                await self._changed.wait_for(lambda: ready() or stopped())
        except TimeoutError:
            raise AssertionError(f"{self.user_id} waited {seconds} s for {what}") from None
        if not ready():
            cause = None if loop is None or loop.cancelled() else loop.exception()
            raise RuntimeError(f"the sync loop of {self.user_id} stopped") from cause

    async def _run(self) -> None:
        try:
            while True:
                try:
                    await self._sync_once(timeout_ms=SYNC_TIMEOUT_MS)
                except (aiohttp.ClientError, OSError, TimeoutError):
                    # nio retries connection errors itself; anything else that gets
                    # through is tried again here, as a client would.
                    await asyncio.sleep(RETRY_SECONDS)
        except Exception:
            async with self._changed:
                self._changed.notify_all()
            raise

    async def _sync_once(self, timeout_ms: int, full_state: bool = False) -> None:
        answer = await self.client.sync(timeout=timeout_ms, full_state=full_state or None)
        if not isinstance(answer, SyncResponse):
            await asyncio.sleep(RETRY_SECONDS)
            return
        await self._after_sync(answer)

    async def _after_sync(self, answer: SyncResponse) -> None:
        """What nio's sync_forever does between syncs, and what a test needs to see.

        nio's `sync()` only decrypts what it has keys for and queues to-device
        messages; sending them, uploading one-time keys, querying changed
        devices and claiming keys for new Olm sessions is up to the loop.
        """
        await self._keep_keys()
        for room_id in answer.rooms.invite:
            if room_id not in self.invites:
                self.invites.append(room_id)
        for room_id, room in answer.rooms.join.items():
            events = self.timeline.setdefault(room_id, [])
            events.extend(event for event in room.timeline.events if event.sender != self.user_id)
        self._decrypt_late()
        async with self._changed:
            self._changed.notify_all()

    async def _keep_keys(self) -> None:
        client = self.client
        answers: list[Any] = []
        if client.outgoing_to_device_messages:
            answers += await client.send_to_device_messages()
        if client.should_upload_keys:
            answers.append(await client.keys_upload())
        if client.should_query_keys:
            answers.append(await client.keys_query())
        if client.should_claim_keys:
            answers.append(await client.keys_claim(client.get_users_for_key_claiming()))
        # nio returns these failures instead of raising; unnoticed, they show up much
        # later as messages nobody can read.
        for answer in answers:
            if isinstance(answer, ErrorResponse):
                raise RuntimeError(f"{self.user_id} on {self.device_id}: {answer}")

    def _decrypt_late(self) -> None:
        """Messages that came before their room key, decrypted in place once it is here."""
        for room_id, events in self.timeline.items():
            for index, event in enumerate(events):
                if not isinstance(event, MegolmEvent):
                    continue
                event.room_id = room_id
                try:
                    events[index] = self.client.decrypt_event(event)
                except EncryptionError:
                    continue


def _body(event: Event) -> str:
    body = getattr(event, "body", "")
    return body if isinstance(body, str) and not isinstance(event, MegolmEvent) else ""
