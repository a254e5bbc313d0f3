"""Which team gets an initiative, and why: the first matching route, else the fallback."""

from dataclasses import dataclass

from bot.config.settings import Config, Team


@dataclass(frozen=True, slots=True)
class Decision:
    team: str
    route: int | None  # 1-based number of the route that matched; None: the fallback

    def explain(self, config: Config, area: str, theme: str) -> str:
        """E.g. "area Ouddorp, theme Groen en natuur, route 2"."""
        area_name = next((a.name for a in config.areas if a.key == area), area)
        theme_name = next((t.name.nl for t in config.themes if t.key == theme), theme)
        rule = f"route {self.route}" if self.route else "fallback team"
        return f"area {area_name}, theme {theme_name}, {rule}"


def route(config: Config, area: str, theme: str) -> Decision:
    for number, candidate in enumerate(config.routes, start=1):
        if (not candidate.areas or area in candidate.areas) and (
            not candidate.themes or theme in candidate.themes
        ):
            return Decision(candidate.team, number)
    return Decision(config.routing.fallback_team, None)


def team_of(config: Config, routed_to: str | None) -> Team:
    """The team an initiative is with: the one it was routed or forwarded to, else (for
    one stored before it had a team) the fallback team."""
    return config.team(routed_to or config.routing.fallback_team)
