"""The set-up both platforms' sign-up tests share: a coordinator on the platform, the
Dorpsraad's group among the follower's chats, and no return days from the config."""

from pathlib import Path

from tests.configs import set_key, without_return_days

DORPSRAAD = -1002  # the Telegram group of the follower Dorpsraad Ouddorp
FOLLOWER_CHATS = 'chats = ["console:dorpsraad-ouddorp"]'
COORDINATORS = 'coordinators = [{ account = "console:coordinator", name = "Fleur" }]'
WELCOME = "Fijn dat je je aanmeldt voor de terugkomdag van Goeree-Overflakkee."


def with_coordinator_and_no_config_days(path: Path, coordinator: str) -> None:
    """`coordinator` (an account) one of the coordinators, and on Telegram the
    Dorpsraad's group one of its chats; none of the example's return days, so the day
    planned in chat is number 1; no quiet hours, so what is due goes at once."""
    text = path.read_text(encoding="utf-8")
    assert COORDINATORS in text, "the coordinators are not as the example has them"
    added = COORDINATORS.replace("}]", f'}}, {{ account = "{coordinator}", name = "Fleur" }}]')
    text = text.replace(COORDINATORS, added)
    assert FOLLOWER_CHATS in text, "the followers are not as the example has them"
    if coordinator.startswith("telegram:"):
        text = text.replace(
            FOLLOWER_CHATS, FOLLOWER_CHATS.replace("]", f', "telegram:{DORPSRAAD}"]')
        )
    text = without_return_days(text)
    text = set_key(text, "[schedule]", "quiet_hours", '"00:00-00:00"')
    path.write_text(text, encoding="utf-8")
