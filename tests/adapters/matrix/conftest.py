"""One real Synapse for the whole session, from `.venv-synapse` (installed by `make test`).

Without it the Matrix tests skip, unless INITIATIEFBOT_REQUIRE_SYNAPSE is set
(as in CI), when they fail instead.
"""

import os
import subprocess
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.adapters.matrix.synapse import Account, Synapse
from tests.conftest import ROOT

SYNAPSE_PYTHON = ROOT / ".venv-synapse" / "bin" / "python"
REQUIRE_SYNAPSE_ENV = "INITIATIEFBOT_REQUIRE_SYNAPSE"


def _synapse_python() -> Path:
    """The interpreter Synapse runs on; skips without one, fails where CI requires it."""
    reason = ""
    if not SYNAPSE_PYTHON.exists():
        reason = "no Synapse: run `make test` to install it in .venv-synapse"
    else:
        probe = subprocess.run(
            [str(SYNAPSE_PYTHON), "-c", "import synapse.app.homeserver"],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        if probe.returncode:
            last = (probe.stderr.strip().splitlines() or ["?"])[-1]
            reason = f"no Synapse: .venv-synapse cannot import it ({last}); run `make test`"
    if reason:
        if os.environ.get(REQUIRE_SYNAPSE_ENV):
            pytest.fail(f"{reason} ({REQUIRE_SYNAPSE_ENV} is set, so this may not skip)")
        pytest.skip(reason)
    return SYNAPSE_PYTHON


@pytest.fixture(scope="session")
def synapse(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Synapse]:
    """The homeserver, started once: it is slow to start and every test makes its own users."""
    server = Synapse(tmp_path_factory.mktemp("synapse"), _synapse_python())
    server.start()
    yield server
    server.stop()


@pytest.fixture(autouse=True)
def _synapse_up(request: pytest.FixtureRequest) -> None:
    """A test that stopped the homeserver and failed before starting it spoils no other."""
    if "synapse" in request.fixturenames:
        server: Synapse = request.getfixturevalue("synapse")
        server.start()


@pytest.fixture
def localpart() -> Callable[[str], str]:
    """Makes `name` unique on the session's homeserver: `anna` becomes `anna-1a2b3c4d`."""
    suffix = uuid.uuid4().hex[:8]
    return lambda name: f"{name}-{suffix}"


@pytest.fixture
def account(synapse: Synapse, localpart: Callable[[str], str]) -> Callable[..., Account]:
    """Registers a new user for this test: `account("anna")`, `account("admin", admin=True)`."""

    def register(name: str, admin: bool = False) -> Account:
        return synapse.register(localpart(name), admin=admin)

    return register
