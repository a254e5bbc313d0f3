"""Folders and files that hold residents' data (photos, `mijn-gegevens.json`, a login):
readable by the bot's own user only, whatever the umask says.

`mkdir(mode=...)` and `open(...)` are masked by the umask, and neither changes a
folder or file that is already there; so the mode is set explicitly as well.
"""

import os
from pathlib import Path
from typing import BinaryIO

FOLDER_MODE = 0o700
FILE_MODE = 0o600


def private_folder(folder: Path) -> Path:
    """`folder`, made if missing (with its parents), and closed to everyone else."""
    folder.mkdir(parents=True, exist_ok=True, mode=FOLDER_MODE)
    folder.chmod(FOLDER_MODE)
    return folder


def private_file(path: Path) -> BinaryIO:
    """`path` opened for writing from the start; only its owner may read it, also when
    it was there before."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
    try:
        os.fchmod(descriptor, FILE_MODE)
    except OSError:
        os.close(descriptor)
        raise
    return os.fdopen(descriptor, "wb")
