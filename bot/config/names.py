"""Keys as people read them: areas, themes, teams and help options by name."""

from dataclasses import dataclass

from bot.config.flows import Flow
from bot.config.settings import Config

EMPTY = "\u2014"
HELP_STEP = "help_wanted"


@dataclass(frozen=True)
class Names:
    config: Config
    flow: Flow

    def area(self, key: str) -> str:
        return next((area.name for area in self.config.areas if area.key == key), key)

    def theme(self, key: str, locale: str) -> str:
        return next((t.name.get(locale) for t in self.config.themes if t.key == key), key)

    def team(self, key: str | None) -> str:
        return next((team.name for team in self.config.teams if team.key == key), key or EMPTY)

    def help_wanted(self, keys: list[str], locale: str) -> str:
        return ", ".join(self.help_labels(keys, locale)) or EMPTY

    def help_labels(self, keys: list[str], locale: str) -> list[str]:
        """The help options by the names the flow gives them; a key it no longer has
        (an option removed since) as it is."""
        steps = [step for step in self.flow.steps if step.id == HELP_STEP]
        labels = {o.key: o.label.get(locale) for step in steps for o in step.options}
        return [labels.get(key, key) for key in keys]
