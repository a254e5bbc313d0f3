"""Who may read a file or folder the bot wrote: its permission bits."""

import stat
from pathlib import Path

# Residents' data on disk: the bot's own user alone may read it.
PRIVATE_FOLDER = 0o700
PRIVATE_FILE = 0o600


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)
