"""What the console shows for each line: a refusal once, a line the bot did not take
never in silence, and a message from another session soon, on a line of its own."""

import os
import pty
import select
import subprocess
import time
from pathlib import Path

from tests.adapters.console.program import INTAKE, PROGRAM, chat
from tests.conftest import EXAMPLE_CONFIG

NOT_TAKEN = "(Deze regel is niet verwerkt. This line was not handled.)"
# How soon a message written by another session must show (the issue asks 1-2 s; the
# rest is slack for a loaded test machine).
ARRIVES_WITHIN = 4.0


def test_lines_over_the_flood_limit_are_each_marked_not_taken(tmp_path: Path) -> None:
    # The opening of the chat counts too: the 20th line is the 21st message.
    lines = [f"regel {number}" for number in range(1, 26)]
    transcript = chat(tmp_path, None, lines)
    answers = transcript.split("> regel ")
    assert "Wacht even een minuut" in answers[20]
    assert transcript.count("Wacht even een minuut") == 1
    assert all(NOT_TAKEN in answer for answer in answers[21:])
    assert not any(NOT_TAKEN in answer for answer in answers[:20])


def test_a_refusal_is_shown_once(tmp_path: Path) -> None:
    chat(tmp_path, None, INTAKE)
    team = ("--as", "console:anna", "--chat", "team-west")
    transcript = chat(tmp_path, None, ["oppakken 2026-0001", "oppakken 2026-0001"], *team)
    assert transcript.count("al opgepakt door Anna") == 1


def test_a_message_from_another_session_shows_soon_on_a_line_of_its_own(tmp_path: Path) -> None:
    chat(tmp_path, None, INTAKE)
    chat(tmp_path, None, ["1"], "--as", "console:anna", "--chat", "team-west")
    with Terminal(tmp_path, "--as", "console:anna") as anna:
        anna.read_until("> ")
        chat(tmp_path, None, ["Mag ik u bellen?"])  # the resident, in a session of her own
        written = time.monotonic()
        shown = anna.read_until("Mag ik u bellen?", ARRIVES_WITHIN)
        assert time.monotonic() - written < ARRIVES_WITHIN
        after = anna.read_until("> ")
    # Not glued to the prompt: the prompt line ends before the message starts, and the
    # prompt is shown again under it.
    assert shown.startswith("\n"), shown
    assert after.endswith("\n\n> "), after


class Terminal:
    """`initiatiefbot chat` at a terminal (a pseudo-terminal), as a person types in it."""

    def __init__(self, cwd: Path, *seat: str) -> None:
        self._cwd, self._seat = cwd, seat
        self._seen = ""
        self._read = 0  # where the last fragment waited for ends

    def __enter__(self) -> "Terminal":
        self._fd, child = pty.openpty()
        env = {k: v for k, v in os.environ.items() if not k.startswith("INITIATIEFBOT_")}
        self._program = subprocess.Popen(
            [PROGRAM, "chat", "--config", str(EXAMPLE_CONFIG), *self._seat],
            stdin=child,
            stdout=child,
            stderr=subprocess.DEVNULL,
            cwd=self._cwd,
            env=env,
        )
        os.close(child)
        return self

    def __exit__(self, *_: object) -> None:
        self._program.terminate()
        self._program.wait(timeout=30)
        os.close(self._fd)

    def read_until(self, fragment: str, within: float = 20.0) -> str:
        """What was shown from the end of the last fragment waited for to the end of this
        one, once it is shown."""
        start = self._read
        deadline = time.monotonic() + within
        while fragment not in self._seen[start:]:
            left = deadline - time.monotonic()
            assert left > 0, f"{fragment!r} not shown within {within} s: {self._seen[start:]!r}"
            ready, _, _ = select.select([self._fd], [], [], left)
            if ready:
                self._seen += os.read(self._fd, 4096).decode("utf-8", "replace")
        self._read = self._seen.index(fragment, start) + len(fragment)
        return self._seen[start : self._read].replace("\r\n", "\n")
