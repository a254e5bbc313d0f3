"""What the Matrix adapter needs to know, handed to it by the app (it reads no config)."""

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class MatrixOptions:
    homeserver: str
    user_id: str
    password: str = ""
    access_token: str = ""
    # Login, sync token and encryption keys: the same device after every restart.
    store_dir: Path = Path("data/matrix")
    device_name: str = "initiatiefbot"
    encryption: bool = True
    # Send to devices nobody verified (every resident's phone, in practice).
    send_to_unverified: bool = True
    # Homeservers whose users may invite the bot; empty: anyone.
    invites_from: tuple[str, ...] = ()
    # Team rooms from the config, by room id (!…) or alias (#…).
    team_rooms: tuple[str, ...] = ()
    reaction_shortcuts: bool = False
    sync_timeout_seconds: int = 30
    request_timeout_seconds: float = 20.0
    # Waits between tries when the homeserver or the core is unavailable, doubling.
    first_retry_seconds: float = 1.0
    max_retry_seconds: float = 30.0
