"""The bot's Matrix login and rooms on disk are for the bot's user alone (0600 files in
a 0700 folder), whatever the umask, also in a folder an older version made."""

from pathlib import Path

import pytest

from adapters.matrix.session import Login, load_login, save_login, save_sync_token
from tests.adapters.modes import PRIVATE_FILE, PRIVATE_FOLDER, mode


@pytest.mark.usefixtures("open_umask")
def test_the_login_and_the_sync_token_are_readable_by_the_bot_alone(tmp_path: Path) -> None:
    store = tmp_path / "matrix"
    store.mkdir(mode=0o755)
    login = Login("@bot:example.org", "DEVICE", "secret-token")
    save_login(store, login)
    save_sync_token(store, "s72594_4483_1934")
    assert load_login(store) == login
    modes = {path.name: mode(path) for path in store.iterdir()}
    assert modes == {"login.json": PRIVATE_FILE, "sync_token": PRIVATE_FILE}
    assert mode(store) == PRIVATE_FOLDER
