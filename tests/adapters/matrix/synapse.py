"""A real Synapse homeserver on 127.0.0.1 for the Matrix tests, run from its own virtualenv.

Everything lives in one work dir: config, signing key, SQLite database, media
and the log. Federation, presence and stats are off and every rate limit is
relaxed, so tests can register, log in, create rooms and send as fast as they
like. `stop()` then `start()` keeps port and data: the same server comes back,
as after an outage.
"""

import base64
import hashlib
import hmac
import json
import os
import secrets
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

START_TIMEOUT_SECONDS = 60.0
STOP_TIMEOUT_SECONDS = 15.0
LOG_TAIL_LINES = 40

# Far above anything a test does; Synapse's defaults make 20 sends take a minute.
_RELAXED = {"per_second": 10_000, "burst_count": 10_000}
_RATE_LIMITS: dict[str, Any] = {
    "rc_message": _RELAXED,
    "rc_registration": _RELAXED,
    "rc_registration_token_validity": _RELAXED,
    "rc_login": {"address": _RELAXED, "account": _RELAXED, "failed_attempts": _RELAXED},
    "rc_joins": {"local": _RELAXED, "remote": _RELAXED},
    "rc_joins_per_room": _RELAXED,
    "rc_invites": {"per_room": _RELAXED, "per_user": _RELAXED, "per_issuer": _RELAXED},
    "rc_third_party_invite": _RELAXED,
    "rc_3pid_validation": _RELAXED,
    "rc_admin_redaction": _RELAXED,
    "rc_key_requests": _RELAXED,
    "rc_room_creation": _RELAXED,
    "rc_media_create": _RELAXED,
    "rc_presence": {"per_user": _RELAXED},
    "rc_delayed_event_mgmt": _RELAXED,
    "rc_reports": _RELAXED,
    "rc_user_directory": _RELAXED,
    "rc_profile": _RELAXED,
}


@dataclass(frozen=True, slots=True)
class Account:
    """A user registered on the test homeserver, with the device its registration made."""

    user_id: str
    password: str
    access_token: str
    device_id: str

    @property
    def localpart(self) -> str:
        return self.user_id.removeprefix("@").split(":", 1)[0]


class SynapseError(RuntimeError):
    """The homeserver did not start, stop or answer as a test needs."""


class Synapse:
    """One homeserver process; `python` is the interpreter of the venv Synapse is installed in."""

    def __init__(self, work_dir: Path, python: Path, server_name: str = "initiatief.test") -> None:
        self.work_dir = work_dir
        self.python = python
        self.server_name = server_name
        self.port = _free_port()
        self._secret = secrets.token_urlsafe(24)
        self._process: subprocess.Popen[bytes] | None = None
        self._log: BinaryIO | None = None
        self._opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
        self._configure()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def config_path(self) -> Path:
        return self.work_dir / "homeserver.yaml"

    @property
    def log_path(self) -> Path:
        return self.work_dir / "homeserver.log"

    @property
    def running(self) -> bool:
        return self._process is not None and self._process.poll() is None

    def start(self) -> None:
        """Start the server and return once its client API answers."""
        if self.running:
            return
        self._log = self.log_path.open("ab")
        self._process = subprocess.Popen(
            [str(self.python), "-m", "synapse.app.homeserver", "-c", str(self.config_path)],
            cwd=self.work_dir,
            stdin=subprocess.DEVNULL,
            stdout=self._log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + START_TIMEOUT_SECONDS
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                code = self._process.returncode
                self._release()
                raise SynapseError(f"Synapse exited with {code} while starting\n{self.log_tail()}")
            if self._answers():
                return
            time.sleep(0.1)
        self.stop()
        raise SynapseError(
            f"Synapse did not answer on {self.url} within {START_TIMEOUT_SECONDS:.0f} s\n"
            f"{self.log_tail()}"
        )

    def stop(self) -> None:
        """Stop the server as an operator would (SIGTERM), killing it if it hangs."""
        process = self._process
        if process is None:
            return
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(STOP_TIMEOUT_SECONDS)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        self._release()

    def register(self, localpart: str, admin: bool = False) -> Account:
        """A new user through the shared-secret admin API, logged in on one new device."""
        password = secrets.token_urlsafe(12)
        nonce = self._request("GET", "/_synapse/admin/v1/register")["nonce"]
        body = {
            "nonce": nonce,
            "username": localpart,
            "password": password,
            "admin": admin,
            "mac": _registration_mac(self._secret, nonce, localpart, password, admin),
        }
        answer = self._request("POST", "/_synapse/admin/v1/register", body)
        return Account(
            user_id=answer["user_id"],
            password=password,
            access_token=answer["access_token"],
            device_id=answer["device_id"],
        )

    def log_tail(self, lines: int = LOG_TAIL_LINES) -> str:
        if not self.log_path.exists():
            return "(no homeserver.log)"
        text = self.log_path.read_text(encoding="utf-8", errors="replace")
        return "\n".join(text.splitlines()[-lines:])

    def _release(self) -> None:
        self._process = None
        if self._log is not None:
            self._log.close()
            self._log = None

    def _answers(self) -> bool:
        try:
            with self._opener.open(f"{self.url}/_matrix/client/versions", timeout=1) as answer:
                return bool(answer.status == 200)
        except (OSError, urllib.error.URLError):
            return False

    def _request(self, method: str, path: str, body: dict[str, Any] | None = None) -> Any:
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(
            self.url + path,
            data=data,
            method=method,
            headers={"Content-Type": "application/json"},
        )
        try:
            with self._opener.open(request, timeout=30) as answer:
                return json.load(answer)
        except urllib.error.HTTPError as error:
            detail = error.read().decode(errors="replace")
            error.close()
            raise SynapseError(f"{method} {path}: {error.code} {detail}") from None

    def _configure(self) -> None:
        """Write config and signing key once; later starts reuse them with the data."""
        self.work_dir.mkdir(parents=True, exist_ok=True)
        (self.work_dir / "media").mkdir(exist_ok=True)
        seed = base64.b64encode(os.urandom(32)).decode().rstrip("=")
        (self.work_dir / "signing.key").write_text(f"ed25519 a_test {seed}\n", encoding="utf-8")
        config: dict[str, Any] = {
            "server_name": self.server_name,
            "public_baseurl": f"{self.url}/",
            "pid_file": str(self.work_dir / "homeserver.pid"),
            "listeners": [
                {
                    "port": self.port,
                    "bind_addresses": ["127.0.0.1"],
                    "type": "http",
                    "tls": False,
                    "x_forwarded": False,
                    "resources": [{"names": ["client"], "compress": False}],
                }
            ],
            "database": {
                "name": "sqlite3",
                "args": {"database": str(self.work_dir / "homeserver.db")},
            },
            "media_store_path": str(self.work_dir / "media"),
            "signing_key_path": str(self.work_dir / "signing.key"),
            "registration_shared_secret": self._secret,
            "macaroon_secret_key": secrets.token_urlsafe(24),
            "form_secret": secrets.token_urlsafe(24),
            "enable_registration": False,
            "bcrypt_rounds": 4,
            "report_stats": False,
            "enable_metrics": False,
            "trusted_key_servers": [],
            "suppress_key_server_warning": True,
            # No outbound federation, no federation listener, nothing leaves 127.0.0.1.
            "federation_domain_whitelist": [],
            "allow_public_rooms_over_federation": False,
            "presence": {"enabled": False},
            "url_preview_enabled": False,
            "enable_media_repo": True,
            **_RATE_LIMITS,
        }
        # JSON is YAML, and needs no YAML library here.
        self.config_path.write_text(json.dumps(config, indent=2), encoding="utf-8")


def _registration_mac(secret: str, nonce: str, user: str, password: str, admin: bool) -> str:
    mac = hmac.new(secret.encode(), digestmod=hashlib.sha1)
    mac.update(
        b"\x00".join(
            part.encode() for part in (nonce, user, password, "admin" if admin else "notadmin")
        )
    )
    return mac.hexdigest()


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port
