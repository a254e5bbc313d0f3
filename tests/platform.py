"""A platform for tests: records what it is sent and fails when told to."""

from dataclasses import dataclass, field

from bot.messages import Outgoing, PageHandler


class PlatformDown(Exception):
    pass


@dataclass
class RecordingPlatform:
    channel: str = "console"
    chats: frozenset[str] | None = None
    sent: list[Outgoing] = field(default_factory=list)
    failing_chats: set[str] = field(default_factory=set)
    tries: int = 0

    async def start(self, handler: PageHandler) -> None:
        self.handler = handler

    async def stop(self) -> None:
        pass

    async def send(self, message: Outgoing) -> None:
        self.tries += 1
        if message.chat_id in self.failing_chats:
            raise PlatformDown(f"chat {message.chat_id} unreachable")
        self.sent.append(message)

    def texts(self, chat_id: str) -> list[str]:
        return [m.text for m in self.sent if m.chat_id == chat_id]
