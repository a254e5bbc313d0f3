"""The bot's Matrix session on disk: its device login and how far it has read.

Both files are replaced atomically, so a crash leaves the old or the new one,
never half of either. The login holds an access token: only the owner may read it.
"""

import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path

from adapters.private import private_file, private_folder

LOGIN_FILE = "login.json"
SYNC_TOKEN_FILE = "sync_token"
DIRECT_ROOMS_FILE = "direct_rooms.json"
PRIVATE_ROOMS_FILE = "private_rooms.json"


@dataclass(frozen=True)
class Login:
    user_id: str
    device_id: str
    access_token: str


def load_login(store_dir: Path) -> Login | None:
    try:
        data = json.loads((store_dir / LOGIN_FILE).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    return Login(str(data["user_id"]), str(data["device_id"]), str(data["access_token"]))


def save_login(store_dir: Path, login: Login) -> None:
    _replace(store_dir / LOGIN_FILE, json.dumps(asdict(login)))


def forget_login(store_dir: Path) -> None:
    (store_dir / LOGIN_FILE).unlink(missing_ok=True)


def load_sync_token(store_dir: Path) -> str | None:
    try:
        return (store_dir / SYNC_TOKEN_FILE).read_text(encoding="utf-8").strip() or None
    except FileNotFoundError:
        return None


def save_sync_token(store_dir: Path, token: str) -> None:
    _replace(store_dir / SYNC_TOKEN_FILE, token)


def load_direct_rooms(store_dir: Path) -> dict[str, str]:
    """The private room the bot opened with each contact, by their Matrix id."""
    try:
        rooms = json.loads((store_dir / DIRECT_ROOMS_FILE).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    return {str(user): str(room) for user, room in rooms.items()}


def save_direct_rooms(store_dir: Path, rooms: dict[str, str]) -> None:
    _replace(store_dir / DIRECT_ROOMS_FILE, json.dumps(rooms, sort_keys=True))


def load_private_rooms(store_dir: Path) -> set[str]:
    """The rooms residents opened as a direct chat with the bot."""
    try:
        rooms = json.loads((store_dir / PRIVATE_ROOMS_FILE).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return set()
    return {str(room) for room in rooms}


def save_private_rooms(store_dir: Path, rooms: set[str]) -> None:
    _replace(store_dir / PRIVATE_ROOMS_FILE, json.dumps(sorted(rooms)))


def _replace(path: Path, text: str) -> None:
    private_folder(path.parent)
    partial = path.with_suffix(".part")
    with private_file(partial) as file:
        file.write(text.encode("utf-8"))
        file.flush()
        os.fsync(file.fileno())
    partial.replace(path)
