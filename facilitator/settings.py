"""One place that reads options, the environment and the data dir.

Everything the server needs to know about where it runs is a field of
:class:`Settings`; the CLI builds one from its flags, tests build one by hand.
"""
from __future__ import annotations

import os
import secrets
from dataclasses import dataclass, field, replace
from pathlib import Path

import platformdirs

ASYNC_MODES = ("eventlet", "gevent", "threading")
# Chosen by bench/ (docs/performance.md): eventlet, as the design asks, until
# a measurement says otherwise.
DEFAULT_ASYNC_MODE = "eventlet"


class StartupError(Exception):
    """Something about where or how the server runs that stops it: one sentence saying what to fix."""


_SOURCE_ROOT = Path(__file__).resolve().parent.parent


def asset_dir(name: str) -> Path:
    """``templates`` or ``participant_ui``: beside the package in a checkout, inside it in a wheel."""
    source = _SOURCE_ROOT / name
    if source.is_dir():
        return source
    return Path(__file__).resolve().parent / "_assets" / name


def default_data_dir() -> Path:
    return Path(platformdirs.user_data_dir("circle-and-cafe", appauthor=False))


def check_async_mode(mode: str) -> None:
    if mode not in ASYNC_MODES:
        raise StartupError(
            f"FACILITATOR_ASYNC_MODE (or --async-mode) is {mode!r}, which is not an async mode: "
            f"choose {', '.join(ASYNC_MODES[:-1])} or {ASYNC_MODES[-1]}."
        )


@dataclass(frozen=True)
class Settings:
    data_dir: Path = field(default_factory=default_data_dir)
    database_url: str | None = None
    async_mode: str = DEFAULT_ASYNC_MODE
    host: str = "0.0.0.0"
    port: int = 8080
    public_url: str | None = None
    tls_cert: str | None = None
    tls_key: str | None = None
    # Redis URL for Socket.IO's message queue: only needed when several server
    # processes share one event (a hosted deployment), never on a laptop.
    message_queue: str | None = None
    # With public_url: the reverse proxy's address(es), comma-separated; only
    # its X-Forwarded-For is believed.
    trusted_proxy: str = "127.0.0.1,::1"
    # Inbound Socket.IO frames are small JSON objects; refuse anything larger.
    max_http_buffer_size: int = 64 * 1024
    # The base address phones use, worked out at start-up (LAN address or
    # --public-url); None until then.
    base_url: str | None = None
    testing: bool = False

    @classmethod
    def from_env(cls, **overrides) -> "Settings":
        env = os.environ
        values: dict = {}
        if env.get("FACILITATOR_DATA_DIR"):
            values["data_dir"] = Path(env["FACILITATOR_DATA_DIR"])
        if env.get("FACILITATOR_DATABASE_URL"):
            values["database_url"] = env["FACILITATOR_DATABASE_URL"]
        if env.get("FACILITATOR_ASYNC_MODE"):
            values["async_mode"] = env["FACILITATOR_ASYNC_MODE"]
        if env.get("FACILITATOR_PUBLIC_URL"):
            values["public_url"] = env["FACILITATOR_PUBLIC_URL"]
        if env.get("FACILITATOR_TRUSTED_PROXY"):
            values["trusted_proxy"] = env["FACILITATOR_TRUSTED_PROXY"]
        if env.get("FACILITATOR_MESSAGE_QUEUE"):
            values["message_queue"] = env["FACILITATOR_MESSAGE_QUEUE"]
        values.update({k: v for k, v in overrides.items() if v is not None})
        if "data_dir" in values:
            values["data_dir"] = Path(values["data_dir"]).expanduser()
        settings = cls(**values)
        check_async_mode(settings.async_mode)
        return settings

    def with_(self, **changes) -> "Settings":
        return replace(self, **changes)

    @property
    def effective_database_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite:///{self.data_dir / 'facilitator.sqlite3'}"

    @property
    def base_url_path(self) -> Path:
        """Where `facilitator run` notes the address phones use, for `event create`."""
        return self.data_dir / "base_url"

    def remember_base_url(self, url: str) -> None:
        self.ensure_data_dir()
        tmp = self.base_url_path.with_suffix(".tmp")
        tmp.write_text(url.rstrip("/") + "\n")
        os.replace(tmp, self.base_url_path)

    def remembered_base_url(self) -> str | None:
        """The base address the last `facilitator run` on this data dir printed, if any."""
        try:
            value = self.base_url_path.read_text().strip()
        except OSError:
            return None
        return value or None

    def ensure_data_dir(self) -> Path:
        """The data folder, made private to its owner (0700) if it is made now.

        A folder that already exists keeps the permissions its owner gave it:
        `--data-dir` may name a shared or carefully set up folder. One that
        cannot be written stops the server with a sentence saying so.
        """
        try:
            if not self.data_dir.is_dir():
                self.data_dir.mkdir(mode=0o700, parents=True)
            probe = self.data_dir / ".writable"
            probe.touch()
            probe.unlink()
        except OSError as exc:
            raise StartupError(
                f"The data folder {self.data_dir} cannot be written ({exc.strerror or exc}): "
                "fix its permissions, or choose another with --data-dir (or FACILITATOR_DATA_DIR)."
            ) from None
        return self.data_dir


def read_or_create_secret(path: Path, nbytes: int = 32) -> str:
    """A secret kept in the data dir: made once, readable only by its owner."""
    if path.exists():
        value = path.read_text().strip()
        if value:
            return value
    return write_secret(path, nbytes)


def write_secret(path: Path, nbytes: int = 32) -> str:
    value = secrets.token_urlsafe(nbytes)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as fh:
        fh.write(value + "\n")
    os.replace(tmp, path)
    return value
