"""The Telegram adapter on python-telegram-bot: residents in private chats, teams in groups.

Import `adapters.telegram.adapter` for the adapter itself: it loads the library, which a
bot without Telegram does without.
"""

import os

# PTB 22 still hands out durations such as RetryAfter.retry_after as numbers and warns
# on every read that they become timedeltas; this documented switch opts in now, so
# the adapter reads one type and the warning (an error under pytest) never fires.
os.environ.setdefault("PTB_TIMEDELTA", "true")
