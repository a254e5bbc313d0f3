"""Two teams and a coordinator on one platform, for the tests of a forward as Telegram and
Matrix show it: Carla in team Oost with Oost's own chat there, and Fleur, the coordinator,
with an account there. What each of them reads is the same on both platforms."""

from pathlib import Path

from tests.configs import set_key

OOST = 'members = [{ account = "console:carla", name = "Carla" }]\nnotify = ["console:team-oost"]'
COORDINATORS = 'coordinators = [{ account = "console:coordinator", name = "Fleur" }]'

# How a team's notice of a forward begins.
ARRIVED = "Doorgestuurd naar jullie team"
# Why West sends it on, why Oost wants it back, and what the coordinator decides.
NOT_OURS = "Ligt net over de grens"
BACK = "Hoort bij Ouddorp"
DECIDED = "Het gaat om de haven van Ouddorp"


def with_oost_and_coordinator(path: Path, carla: str, oost_chat: str, fleur: str) -> None:
    """Change the config at `path`: `carla` (an account) in team Oost, `oost_chat` one of
    Oost's chats, `fleur` one of the coordinator's accounts; no quiet hours, so what they
    say goes out whatever the hour the test runs."""
    text = path.read_text(encoding="utf-8")
    oost = OOST.replace("}]", f'}}, {{ account = "{carla}", name = "Carla" }}]', 1)
    oost = oost.replace('"]', f'", "{oost_chat}"]')
    coordinators = COORDINATORS.replace("}]", f'}}, {{ account = "{fleur}", name = "Fleur" }}]')
    changed = text.replace(OOST, oost).replace(COORDINATORS, coordinators)
    assert changed.count(carla) == 1, "team Oost is not as the example has it"
    assert changed.count(fleur) == 1, "the coordinators are not as the example has them"
    changed = set_key(changed, "[schedule]", "quiet_hours", '"00:00-00:00"')
    path.write_text(changed, encoding="utf-8")


def arrived(reference: str, title: str, by: str, reason: str) -> list[str]:
    """The lines of a team's notice of a forward that say what came and who sent it why."""
    return [
        f"{ARRIVED}: {reference} \u201c{title}\u201d",
        f"{by} stuurde het naar jullie team: {reason}",
        f"Typ \u201coppakken {reference}\u201d om het op te pakken.",
    ]


def moved(reference: str) -> str:
    """What the initiator is told, once, when West sends it to Oost."""
    return (
        f"Je initiatief {reference} past beter bij Kernteam Oost. Daarom kijkt Kernteam Oost "
        "er nu naar. Je hoeft niets te doen. Je hoort van ons als iemand het oppakt."
    )


def referral(reference: str, title: str) -> list[str]:
    """The coordinator's message when Oost wants to send it back: the lines that say what
    happened before, who wants what now, and how to decide."""
    return [
        f"{reference} \u201c{title}\u201d is al 1 keer doorgestuurd. Nu wil iemand het weer "
        "doorsturen. Jij beslist welk team het oppakt.",
        f"Anna (Kernteam West) stuurde het naar Kernteam Oost: {NOT_OURS}",
        f"\u2022 nu: Carla (Kernteam Oost) wil het naar Kernteam West sturen: {BACK}",
        f"Tot je beslist, blijft het bij Kernteam Oost. Typ \u201cdoorsturen {reference} TEAM "
        "reden\u201d om het naar een team te sturen.",
    ]


def referred(reference: str) -> str:
    """What Oost reads when its forward goes to the coordinators instead."""
    return (
        f"{reference} is al eerder doorgestuurd. Daarom beslissen de co\u00f6rdinatoren nu "
        "welk team het krijgt. Zij kennen de reden. Tot dan blijft het bij Kernteam Oost."
    )
