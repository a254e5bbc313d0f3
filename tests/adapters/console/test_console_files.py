"""Files the console hands over, such as a resident's `mijn-gegevens.json`, are for the
bot's user alone: 0600 in a 0700 folder, whatever the umask."""

import asyncio
from pathlib import Path

import pytest

from adapters.console import ConsoleAdapter
from bot.messages import Attachment, Outgoing
from tests.adapters.console.program import INTAKE, chat
from tests.adapters.modes import PRIVATE_FILE, PRIVATE_FOLDER, mode


@pytest.mark.usefixtures("open_umask")
def test_my_data_file_is_readable_by_the_bot_alone(tmp_path: Path) -> None:
    files = tmp_path / "data" / "files"
    files.mkdir(parents=True, mode=0o755)  # as an older version left it
    transcript = chat(tmp_path, None, [*INTAKE, "mijn gegevens"])
    saved = files / "mijn-gegevens.json"
    assert str(Path("data") / "files" / "mijn-gegevens.json") in transcript
    assert "Anna de Vries" in saved.read_text(encoding="utf-8")
    assert (mode(files), mode(saved)) == (PRIVATE_FOLDER, PRIVATE_FILE)


@pytest.mark.usefixtures("open_umask")
def test_a_file_kept_again_replaces_the_old_one_and_stays_private(tmp_path: Path) -> None:
    files = tmp_path / "files"
    files.mkdir(mode=0o755)
    old = files / "mijn-gegevens.json"
    old.write_text("an older, longer export of someone's data")
    old.chmod(0o644)
    with (tmp_path / "out.txt").open("w+", encoding="utf-8") as writer:
        console = ConsoleAdapter("lies", "lies", writer, writer, files)
        export = Attachment("../mijn-gegevens.json", "application/json", b"{}")
        asyncio.run(console.send(Outgoing("console", "lies", "Je gegevens", attachment=export)))
    assert old.read_bytes() == b"{}"
    assert (mode(files), mode(old)) == (PRIVATE_FOLDER, PRIVATE_FILE)
