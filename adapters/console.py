"""The console: one person's chat in a terminal, or a script piped into it.

Each line read is one message, from `account` in `chat`: a resident in their
own chat, or a contact in a team chat (`chat --as console:anna --chat team-west`).
The terminal shows the messages for that chat and for the account's private
chat, so every role of the bot can be played on one machine. Choices are shown
numbered; a bare number presses that choice of the last message, like a button.
With piped input the lines are echoed, so the output reads as a transcript,
and the adapter closes at the end of the input.

Piped lines count against the resident's flood limit like typed ones: the console
shows the bot as residents meet it. A line the bot did not take is never dropped
in silence: without an answer of the bot, the console says so.
"""

import asyncio
import logging
import threading
import uuid
from pathlib import Path
from typing import TextIO

from adapters.private import private_file, private_folder
from bot.messages import OPENED, Attachment, Choice, Incoming, Outgoing, PageHandler

log = logging.getLogger(__name__)
CHANNEL = "console"
SORRY = (
    "Sorry, er ging iets mis. Stuur je bericht zo nog eens. "
    "(Sorry, something went wrong. Please send your message again in a moment.)"
)
# For a line the bot took no notice of and did not answer (over the flood limit, chatter
# in a team chat): the terminal would show nothing at all.
NOT_TAKEN = "(Deze regel is niet verwerkt. This line was not handled.)"
PROMPT = "> "


class ConsoleAdapter:
    channel = CHANNEL

    def __init__(
        self,
        account: str,
        chat: str,
        reader: TextIO,
        writer: TextIO,
        files_dir: Path | None = None,
    ) -> None:
        self._account = account
        self._files_dir = files_dir
        self._chat = chat
        self.chats: frozenset[str] | None = frozenset({account, chat})
        self._reader = reader
        self._writer = writer
        self._interactive = reader.isatty()
        self._closed = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self._last_choices: tuple[Choice, ...] = ()
        self._last_chat_shown = chat
        # The prompt waits for a line: a message arriving now starts on a line of its own.
        self._prompting = False
        # Messages shown in the chat typed in, to know whether a line got an answer.
        self._answers_shown = 0

    async def start(self, handler: PageHandler) -> None:
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
        lines = []
        if message.chat_id != self._last_chat_shown:
            lines.append(f"\u2500\u2500 {message.chat_id} \u2500\u2500")
            self._last_chat_shown = message.chat_id
        lines.append(message.text)
        lines += [
            f"  {number}. {choice.label}" for number, choice in enumerate(message.choices, start=1)
        ]
        if message.attachment is not None:
            lines.append(self._keep(message.attachment))
        if message.chat_id == self._chat:
            self._answers_shown += 1
            if message.choices:
                self._last_choices = message.choices
        # Off the prompt line (what was typed on it stays there), and the prompt again after.
        before, after = ("\n", PROMPT) if self._prompting else ("", "")
        self._writer.write(before + "\n".join(lines) + "\n\n" + after)
        self._writer.flush()

    def _keep(self, attachment: Attachment) -> str:
        """A terminal cannot hand over a file: it is saved, and its path shown."""
        if self._files_dir is None:
            return f"\U0001f4ce {attachment.name}"
        path = private_folder(self._files_dir) / Path(attachment.name).name  # never outside it
        with private_file(path) as file:  # such as someone's `mijn-gegevens.json`
            file.write(attachment.content)
        return f"\U0001f4ce {path}"

    async def _read(self, handler: PageHandler) -> None:
        lines = self._lines()
        try:
            if self._chat == self._account:
                await self._deliver(handler, "", OPENED)
            while True:
                if self._interactive:
                    self._writer.write(PROMPT)
                    self._writer.flush()
                    self._prompting = True
                line = await lines.get()
                self._prompting = False
                if line is None:
                    break
                text = line.rstrip("\r\n")
                if not self._interactive:
                    self._writer.write(f"{PROMPT}{text}\n")
                await self._deliver(handler, text)
        finally:
            self._closed.set()

    def _lines(self) -> "asyncio.Queue[str | None]":
        """Lines from a daemon thread, so Ctrl-C never waits for a blocked read."""
        loop = asyncio.get_running_loop()
        queue: asyncio.Queue[str | None] = asyncio.Queue()

        def pump() -> None:
            try:
                for line in iter(self._reader.readline, ""):
                    loop.call_soon_threadsafe(queue.put_nowait, line)
            finally:  # also when reading fails: the session ends instead of waiting forever
                loop.call_soon_threadsafe(queue.put_nowait, None)

        threading.Thread(target=pump, name="console-input", daemon=True).start()
        return queue

    async def _deliver(self, handler: PageHandler, text: str, payload: str = "") -> None:
        """Hand a line to the core; its answers are shown (sent) before the handler returns."""
        shown = self._answers_shown
        try:
            [handled] = await handler([self._incoming(text, payload)])
            if isinstance(handled, Exception):
                raise handled
        except Exception:
            # The message was not committed; the person can simply send it again.
            log.exception("console message could not be handled")
            self._say(SORRY)
            return
        if self._answers_shown > shown:
            return  # answered: a refusal's note (for a platform's button) says it again
        if handled.note:  # what a platform shows at the pressed button
            self._say(f"({handled.note})")
        elif not handled.accepted:
            self._say(NOT_TAKEN)

    def _say(self, line: str) -> None:
        self._writer.write(line + "\n\n")
        self._writer.flush()

    def _incoming(self, text: str, payload: str) -> Incoming:
        number = text.strip()
        # (A number of thousands of digits is no choice, and Python would not read it.)
        pressed = number.isascii() and number.isdigit() and len(number) <= 4
        if not payload and pressed and 1 <= int(number) <= len(self._last_choices):
            payload = self._last_choices[int(number) - 1].key
        return Incoming(
            channel=CHANNEL,
            chat_id=self._chat,
            sender_id=self._account,
            event_id=uuid.uuid4().hex,
            text=text,
            payload=payload,
            sender_name=self._account,
        )
