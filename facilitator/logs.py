"""Where the server writes what happened: a rotating file in the data folder, and a quiet terminal.

The file keeps everything worth reading after an event (start-up, events
opened, errors with their tracebacks, slow actions, purges); the terminal
shows the facilitator only what needs them now. Neither ever holds personal
data: log messages name actions, event codes and counts, never names, card
texts, tokens or secrets, and the database engine hides statement
parameters from its error messages (``Database``).
"""
from __future__ import annotations

import logging
import logging.handlers
import sys
import warnings
from pathlib import Path

LOG_FILE = "facilitator.log"
# Five files of 2 MB: weeks of events, and never a full disk.
MAX_BYTES = 2 * 1024 * 1024
BACKUPS = 5
FILE_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def quiet_third_party_warnings() -> None:
    """No library's warning reaches a facilitator's terminal (eventlet's deprecation notice, say).

    Called first thing, before anything imports the async library. Warnings
    are sent to the log instead; until the log is set up they go nowhere.
    """
    warnings.simplefilter("ignore")
    logging.captureWarnings(True)
    logging.getLogger("py.warnings").addHandler(logging.NullHandler())
    logging.getLogger("py.warnings").propagate = False


class _OnlyOurs(logging.Filter):
    """The terminal hears the toolkit's own messages, and anyone's errors."""

    def filter(self, record: logging.LogRecord) -> bool:
        return record.name.startswith("facilitator") or record.levelno >= logging.ERROR


class _Brief(logging.Formatter):
    """One line for the terminal; the traceback is in the log file."""

    def __init__(self, log_path: Path | None):
        super().__init__("%(levelname)s: %(message)s")
        self.log_path = log_path

    def format(self, record: logging.LogRecord) -> str:
        line = f"{record.levelname.lower()}: {record.getMessage()}"
        if record.exc_info and self.log_path is not None:
            line += f" (details in {self.log_path})"
        return line


def configure(data_dir: Path | None, *, verbose: bool = False, name: str | None = None) -> Path | None:
    """Log to ``data_dir/logs/facilitator.log`` and, briefly, to the terminal; returns the file's path.

    ``name``: another file in ``logs/`` (each of several processes sharing a
    data folder writes its own, so that rotating one never breaks another).

    ``verbose`` shows the toolkit's informational messages on the terminal too
    and keeps debug messages in the file.
    """
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, "_facilitator", False):
            root.removeHandler(handler)
            handler.close()
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    path: Path | None = None
    if data_dir is not None:
        folder = Path(data_dir) / "logs"
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        path = folder / (name or LOG_FILE)
        to_file = logging.handlers.RotatingFileHandler(path, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8")
        path.chmod(0o600)
        to_file.setFormatter(logging.Formatter(FILE_FORMAT))
        to_file._facilitator = True  # type: ignore[attr-defined]
        root.addHandler(to_file)
    to_terminal = logging.StreamHandler(sys.stderr)
    to_terminal.setLevel(logging.INFO if verbose else logging.WARNING)
    to_terminal.addFilter(_OnlyOurs())
    to_terminal.setFormatter(_Brief(path))
    to_terminal._facilitator = True  # type: ignore[attr-defined]
    root.addHandler(to_terminal)
    # Library warnings (deprecations and the like) go to the file, not the terminal.
    warnings_log = logging.getLogger("py.warnings")
    warnings_log.propagate = True
    warnings.simplefilter("default")
    # A request log line per poll in threading mode would drown the rest, and
    # Alembic says which dialect it uses at every start.
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    logging.getLogger("alembic").setLevel(logging.WARNING)
    return path
