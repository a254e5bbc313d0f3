"""The console: a resident's chat in a terminal, or a script piped into it.

Each line read is one message. Choices are shown numbered. With piped input the
lines are echoed, so the output reads as a transcript, and the adapter closes
at the end of the input.
"""

import asyncio
import logging
import threading
import uuid
from typing import TextIO

from bot.messages import Incoming, IncomingHandler, Outgoing

log = logging.getLogger(__name__)
CHANNEL = "console"
SORRY = (
    "Sorry, er ging iets mis. Stuur je bericht zo nog eens. "
    "(Sorry, something went wrong. Please send your message again in a moment.)"
)
# Sent when the chat opens, as a messenger sends /start: it begins an intake or
# shows the question an earlier session stopped at.
OPENING = "start"


class ConsoleAdapter:
    channel = CHANNEL

    def __init__(self, account: str, reader: TextIO, writer: TextIO) -> None:
        self._account = account
        self._reader = reader
        self._writer = writer
        self._interactive = reader.isatty()
        self._closed = asyncio.Event()
        self._task: asyncio.Task[None] | None = None

    async def start(self, handler: IncomingHandler) -> None:
        self._task = asyncio.create_task(self._read(handler))

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)

    async def wait_closed(self) -> None:
        """Return when the input has ended."""
        await self._closed.wait()
        if self._task is not None:
            await self._task

    async def send(self, message: Outgoing) -> None:
        lines = [message.text]
        lines += [
            f"  {number}. {choice.label}" for number, choice in enumerate(message.choices, start=1)
        ]
        self._writer.write("\n".join(lines) + "\n\n")
        self._writer.flush()

    async def _read(self, handler: IncomingHandler) -> None:
        lines = self._lines()
        try:
            await self._deliver(handler, OPENING)
            while True:
                if self._interactive:
                    self._writer.write("> ")
                    self._writer.flush()
                line = await lines.get()
                if line is None:
                    break
                text = line.rstrip("\r\n")
                if not self._interactive:
                    self._writer.write(f"> {text}\n")
                await self._deliver(handler, text)
        finally:
            self._closed.set()

    def _lines(self) -> "asyncio.Queue[str | None]":
        """Lines from a daemon thread, so Ctrl-C never waits for a blocked read."""
        loop = asyncio.get_running_loop()
        queue: asyncio.Queue[str | None] = asyncio.Queue()

        def pump() -> None:
            for line in iter(self._reader.readline, ""):
                loop.call_soon_threadsafe(queue.put_nowait, line)
            loop.call_soon_threadsafe(queue.put_nowait, None)

        threading.Thread(target=pump, name="console-input", daemon=True).start()
        return queue

    async def _deliver(self, handler: IncomingHandler, text: str) -> None:
        try:
            await handler(self._incoming(text))
        except Exception:
            # The message was not committed; the resident can simply send it again.
            log.exception("console message could not be handled")
            self._writer.write(SORRY + "\n\n")
            self._writer.flush()

    def _incoming(self, text: str) -> Incoming:
        return Incoming(
            channel=CHANNEL,
            chat_id=self._account,
            sender_id=self._account,
            event_id=uuid.uuid4().hex,
            text=text,
        )
