"""Telegram's flood limits, kept on our side so Telegram rarely has to say "retry after".

About 30 messages a second in all, one a second in a private chat and twenty a
minute in a group. A chat that is out of turn is not waited for: the send is
postponed (`SendLater`), so the dispatcher goes on with other chats meanwhile.
"""

from aiolimiter import AsyncLimiter

from bot.messages import SendLater

FORGET_AFTER = 5000  # chats remembered before idle ones are dropped


class FloodLimits:
    def __init__(
        self, per_second: float, per_chat_per_second: float, per_group_per_minute: float
    ) -> None:
        # Buckets of one, refilled evenly: aiolimiter would otherwise let a full
        # bucket (30 messages, or a group's 20) out at once, which Telegram refuses.
        self._overall = AsyncLimiter(1.0, 1.0 / per_second)
        self._per_chat_per_second = per_chat_per_second
        self._per_group_per_minute = per_group_per_minute
        self._chats: dict[int, AsyncLimiter] = {}

    async def take_turn(self, chat_id: int) -> None:
        """Wait for the overall limit; raise `SendLater` if this chat must wait its turn."""
        chat = self._chat(chat_id)
        if not chat.has_capacity():
            raise SendLater(chat.time_period / chat.max_rate)
        await self._overall.acquire()
        await chat.acquire()

    def _chat(self, chat_id: int) -> AsyncLimiter:
        limiter = self._chats.get(chat_id)
        if limiter is None:
            if len(self._chats) >= FORGET_AFTER:
                # A chat whose bucket has run empty has nothing to remember.
                self._chats = {
                    chat: bucket
                    for chat, bucket in self._chats.items()
                    if not bucket.has_capacity(bucket.max_rate)
                }
            # Group and supergroup ids are negative, private chats positive.
            if chat_id < 0:
                limiter = AsyncLimiter(1.0, 60.0 / self._per_group_per_minute)
            else:
                limiter = AsyncLimiter(1.0, 1.0 / self._per_chat_per_second)
            self._chats[chat_id] = limiter
        return limiter
