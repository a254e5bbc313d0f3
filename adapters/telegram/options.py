"""What the Telegram adapter needs to know, handed to it by the app (it reads no config)."""

from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from bot.messages import Menu


@dataclass(frozen=True)
class TelegramOptions:
    token: str
    mode: Literal["polling", "webhook"] = "polling"
    base_url: str = "https://api.telegram.org/bot"
    base_file_url: str = "https://api.telegram.org/file/bot"
    poll_timeout_seconds: int = 30
    webhook_url: str = ""
    webhook_listen: str = "127.0.0.1"
    webhook_port: int = 8443
    webhook_secret: str = ""
    photo_dir: Path = Path("data/photos")
    photo_max_bytes: int = 5_000_000
    messages_per_second: float = 30.0
    messages_per_chat_per_second: float = 1.0
    messages_per_group_per_minute: float = 20.0
    menus: tuple[Menu, ...] = field(default_factory=tuple)
    # Waits between tries when Telegram or the core is unavailable, doubling up to the last.
    first_retry_seconds: float = 1.0
    max_retry_seconds: float = 30.0
