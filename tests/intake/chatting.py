"""A resident talking to the pure conversation core, with a clock the test moves."""

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from bot.intake.conversation import Turn, respond
from bot.intake.state import Setting, State
from bot.intake.turns import Effect
from bot.messages import Handled
from bot.notices import Reply

START = datetime(2026, 3, 10, 9, 30, tzinfo=UTC)


@dataclass
class Resident:
    setting: Setting
    state: State = field(default_factory=lambda: State("nl"))
    now: datetime = START
    last: Turn | None = None

    def says(self, text: str, after: timedelta = timedelta(seconds=20), payload: str = "") -> str:
        """Send `text` (or press `payload`); returns everything the bot answered, as one text."""
        self.now += after
        self.last = respond(self.setting, self.state, text, self.now, payload)
        self.state = self.last.state
        return "\n".join(reply.text for reply in self.last.replies)

    @property
    def replies(self) -> tuple[Reply, ...]:
        assert self.last is not None
        return self.last.replies

    @property
    def handled(self) -> Handled:
        assert self.last is not None
        return self.last.handled

    @property
    def effects(self) -> tuple[Effect, ...]:
        assert self.last is not None
        return self.last.effects

    def choice_labels(self) -> list[str]:
        return [choice.label for reply in self.replies for choice in reply.choices]


DUTCH_INTAKE = [
    "ja",
    "Bankje bij de haven",
    "Een bankje bij de haven, zodat ouderen even kunnen uitrusten.",
    "1",
    "groen",
    "1, 3",
    "Anna de Vries",
    "nee",  # no group
    "nee",  # brings nothing yet
    "06-12345678",
]


def answered(setting: Setting, count: int) -> Resident:
    """A resident who started an intake and gave the first `count` answers."""
    resident = Resident(setting)
    resident.says("nieuw")
    for answer in DUTCH_INTAKE[:count]:
        resident.says(answer)
    return resident
