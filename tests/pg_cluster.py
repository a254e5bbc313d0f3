"""A PostgreSQL cluster of a test's own, to stop and start again: never the shared one.

It needs PostgreSQL's server programs (initdb, pg_ctl). They refuse to run as root,
so as root the cluster runs as the `postgres` user. Without them the test skips,
and fails where INITIATIEFBOT_REQUIRE_POSTGRES is set (CI).
"""

import contextlib
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import REQUIRE_POSTGRES_ENV

SERVER_PROGRAMS = sorted(Path("/usr/lib/postgresql").glob("*/bin"))


@dataclass(frozen=True)
class Cluster:
    folder: Path
    port: int
    programs: Path

    @property
    def url(self) -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/postgres"

    def start(self) -> None:
        options = f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off"
        self._run(
            "pg_ctl",
            "-D",
            str(self.folder / "data"),
            "-o",
            options,
            "-w",
            "-l",
            str(self.folder / "log"),
            "start",
        )

    def stop(self) -> None:
        """At once, as a crash or a pulled cable would: connections are cut."""
        self._run("pg_ctl", "-D", str(self.folder / "data"), "-m", "immediate", "-w", "stop")

    def _run(self, program: str, *args: str) -> None:
        command = [str(self.programs / program), *args]
        if os.geteuid() == 0:
            command = ["runuser", "-u", "postgres", "--", *command]
        subprocess.run(command, check=True, capture_output=True, timeout=60)


def _programs() -> Path:
    found = [folder for folder in SERVER_PROGRAMS if (folder / "pg_ctl").exists()]
    if found:
        return found[-1]
    reason = "no PostgreSQL server programs (initdb, pg_ctl) to make a cluster of its own"
    if os.environ.get(REQUIRE_POSTGRES_ENV):
        pytest.fail(f"{reason} ({REQUIRE_POSTGRES_ENV} is set, so this may not skip)")
    pytest.skip(reason)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@contextmanager
def own_cluster() -> Iterator[Cluster]:
    programs = _programs()
    folder = Path(tempfile.mkdtemp(prefix="initiatiefbot-pg-"))
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres", "postgres")
    cluster = Cluster(folder, _free_port(), programs)
    cluster._run("initdb", "-D", str(folder / "data"), "-A", "trust", "-U", "postgres", "--no-sync")
    cluster.start()
    try:
        yield cluster
    finally:
        with contextlib.suppress(subprocess.CalledProcessError):  # stopped already
            cluster.stop()
        shutil.rmtree(folder, ignore_errors=True)
