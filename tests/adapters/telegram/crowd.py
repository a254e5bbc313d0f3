"""Many residents handing in an initiative over Telegram at once, each saying the
next line once the bot has answered the one before."""

from functools import partial

from tests.adapters.console.program import INTAKE
from tests.adapters.telegram.fake_bot_api import FakeBotApi
from tests.adapters.telegram.harness import texts

SCRIPT = ["/start", *INTAKE]
# The bot's messages after each turn, counted from the start: the welcome and the
# consent question, then one question a turn, and the receipt.
EXPECTED = [2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]
# What each of those messages says, in this order, in every resident's chat.
IN_ORDER = (
    "Welkom!",
    "Ga je daarmee akkoord?",
    "Wat is je idee?",
    "Vertel wat meer",
    "In welk dorp of welke wijk",
    "Bij welk thema",
    "Waar heb je hulp",
    "Wat is je naam?",
    "Doe je dit samen met een groep",
    "Wie doen er al mee?",
    "Op welk telefoonnummer",
    "Klopt alles?",
    "Dank je wel!",
)
RECEIPT = IN_ORDER[-1]


async def resident(api: FakeBotApi, user: int, wait: float) -> None:
    for line, answered in zip(SCRIPT, EXPECTED, strict=True):
        api.user_says(user, line)
        await api.wait_until(partial(_has, api, user, answered), wait)


def _has(api: FakeBotApi, user: int, count: int) -> bool:
    return api.count(user) >= count


def steps_shown(api: FakeBotApi, user: int) -> list[int]:
    """Which step of `IN_ORDER` each of the bot's messages in the chat is, in the order
    shown; every step once and in order is `list(range(len(IN_ORDER)))`."""
    found = [
        next((step for step, part in enumerate(IN_ORDER) if part in text), -1)
        for text in texts(api, user)
    ]
    return [step for step in found if step >= 0]


EVERY_STEP_IN_ORDER = list(range(len(IN_ORDER)))


def without_repeats(steps: list[int]) -> tuple[list[int], int]:
    """`steps` with a message shown twice in a row taken out, and how many were."""
    kept = [step for at, step in enumerate(steps) if at == 0 or step != steps[at - 1]]
    return kept, len(steps) - len(kept)
