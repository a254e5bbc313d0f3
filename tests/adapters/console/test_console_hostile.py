"""The hostile corpus through the console, as bytes on standard input: the program
answers every line, escapes nothing it need not, and ends cleanly."""

import os
import subprocess
from pathlib import Path

from tests.adapters.console.program import INTAKE, PROGRAM
from tests.configs import example, set_key
from tests.hostile import HOSTILE, too_long

# What a terminal or a pipe can send that is no text at all.
BROKEN_BYTES = (b"\xff\xfe kapotte utf-8 \xc3\x28", b"\xed\xa0\x80 een surrogaat als utf-8")


def test_hostile_lines_are_answered_and_the_conversation_goes_on(
    tmp_path: Path, store: str | None
) -> None:
    config = tmp_path / "config.toml"
    config.write_text(set_key(example(), "[limits]", "messages_per_minute", "1000"))
    lines = [
        *(text.replace("\r", " ").replace("\n", " ") for text in HOSTILE),
        "stop",
    ]
    data = b"".join(
        [
            *(f"{line}\n".encode("utf-8", "surrogatepass") for line in lines),
            *(raw + b"\n" for raw in BROKEN_BYTES),
            *(f"{line}\n".encode() for line in ["stop", "nieuw", *INTAKE]),
        ]
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("INITIATIEFBOT_")}
    # Strict UTF-8 decoding, as on a desktop with a UTF-8 locale (C alone is lenient).
    env.update({"LC_ALL": "C.UTF-8", "PYTHONIOENCODING": "utf-8:strict"})
    if store:
        env["INITIATIEFBOT_DATABASE_URL"] = store
    done = subprocess.run(
        [PROGRAM, "chat", "--config", str(config)],
        input=data,
        capture_output=True,
        cwd=tmp_path,
        env=env,
        timeout=60,
        check=False,
    )
    out = done.stdout.decode("utf-8", "replace")
    assert done.returncode == 0, done.stderr.decode()[-2000:]
    assert "Traceback" not in done.stderr.decode()
    assert "er ging iets mis" not in out.lower()  # no message fell over
    assert out.count("Dat bericht is te lang voor mij") == sum(too_long(t) for t in HOSTILE)
    assert "Dank je wel!" in out  # the intake after all of it went through
