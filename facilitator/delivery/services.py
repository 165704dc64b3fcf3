"""What one running app holds: settings, the database, live connections, limits.

Kept on ``app.extensions`` (not module globals) so that tests can make
several apps, each with its own database.
"""
from __future__ import annotations

import hmac
from dataclasses import dataclass, field
from pathlib import Path

from flask import current_app, has_request_context, request

from facilitator.db import Database
from facilitator.core import codes, cohost, screens
from facilitator.delivery.auth import Connections
from facilitator.delivery.cluster import Cluster
from facilitator.delivery.doorway import Doorway
from facilitator.delivery.limits import RateLimiter
from facilitator.delivery.presence import PresenceThrottle
from facilitator.i18n import N_
from facilitator.settings import Settings, read_or_create_secret, write_secret


@dataclass
class Services:
    settings: Settings
    db: Database
    # One process on its own, or several sharing Redis (realtime.cluster).
    cluster: Cluster = field(default_factory=Cluster)
    connections: Connections = field(default_factory=Connections)
    # Requests of a grouped action waiting to be handled together (facilitator.grouping).
    combiners: dict = field(default_factory=dict)
    # The digests of the long lists each event's big screens were last sent (realtime.screen_lists).
    screen_lists: dict = field(default_factory=dict)
    # Refreshes of the views that show who is here (realtime.presence).
    presence: PresenceThrottle = field(default_factory=PresenceThrottle)
    # What joining and connecting phones are told of their event, kept between commits.
    doorway: Doorway = field(default_factory=Doorway)

    def __post_init__(self) -> None:
        # Another process's writes would not be seen here: with several, nothing is kept.
        self.doorway.enabled = not self.cluster.shared
        self.db.after_commit.append(self.doorway.changed)
        # The limits are the cluster's: with several processes they are counted
        # in Redis, so a phone cannot refill them by reconnecting elsewhere.
        limit = self.cluster.limiter
        # Posting and voting: generous for a person, a wall for a script.
        self.post_limiter = limit(
            "post", rate=1.0, burst=10, message=N_("You are sending very quickly; wait a moment and try again.")
        )
        # Every message a person sends, whatever it is and over however many
        # connections (any other connection counts by itself). Checked before a
        # frame is decoded, and the excess is dropped unanswered (delivery/gate.py).
        self.message_limiter = limit(
            "message", rate=20.0, burst=60, message=N_("Too many messages at once; wait a moment and try again.")
        )
        # Frames a connection may have dropped before it is disconnected: a phone
        # a moment over its allowance stays, one at twice its rate for seconds
        # goes. A connection lives on one process: its strikes stay here.
        self.message_strikes = RateLimiter(rate=20.0, burst=100, message="")
        # Wrong event codes and failed joins, per address: codes cannot be guessed.
        self.join_failures = limit(
            "join_failures", rate=0.2, burst=10,
            message=N_("Too many attempts with codes that do not work. Wait a minute and try again."),
        )
        # Joins per address, so a script cannot fill the big screen's roster with
        # made-up people. On the venue's LAN every phone has an address of its own;
        # hosted, a whole room may share the venue's one NAT address, and when the
        # facilitator says "scan the code now" everyone joins within a minute or
        # two. A room of 200 fits in the burst; after it, one a second is someone
        # walking in every second all event long. The laptop itself is not counted
        # (its own browser, bench/): whoever runs there can read the data dir anyway.
        self.joins = limit(
            "joins", rate=1.0, burst=200,
            message=N_("Many people have just joined from this network. Wait a few seconds and try again."),
        )

    @property
    def console_secret_path(self) -> Path:
        return self.settings.data_dir / "console.key"

    def console_secret(self) -> str:
        # Read each time: `facilitator secret rotate` may have changed it.
        return read_or_create_secret(self.console_secret_path)

    def rotate_console_secret(self) -> str:
        return write_secret(self.console_secret_path)

    def is_console_secret(self, candidate: object) -> bool:
        if not isinstance(candidate, str) or not candidate or len(candidate) > 200:
            return False
        return hmac.compare_digest(candidate.encode(), self.console_secret().encode())

    @property
    def links_key_path(self) -> Path:
        return self.settings.data_dir / "links.key"

    def links_key(self) -> str:
        """The key the big screens' links are made with (core/screens.py); never in a backup or an archive."""
        return read_or_create_secret(self.links_key_path)

    def screen_link_path(self, event) -> str:
        return screens.link_path(event, self.links_key())

    def cohost_url(self, event) -> str | None:
        """The co-host link with its secret, for a phone (the laptop's address, as the join link),
        or None when the event has none (core/cohost.py)."""
        path = cohost.link_path(event, self.links_key())
        return f"{self.base_url()}{path}" if path else None

    def base_url(self) -> str:
        if self.settings.base_url:
            return self.settings.base_url.rstrip("/")
        if has_request_context():
            return request.host_url.rstrip("/")
        return f"http://127.0.0.1:{self.settings.port}"

    def join_url(self, code: str) -> str:
        return f"{self.base_url()}/j/{code}"

    def short_join_address(self, code: str) -> str:
        """The address people can type, shown under the QR code."""
        base = self.base_url().split("://", 1)[-1]
        return f"{base}/j/{codes.display(code)}"

    def console_url(self) -> str:
        # The secret travels in the fragment: browsers never send it to the
        # server, so it never appears in a request line or an access log.
        return f"{self.base_url()}/console#key={self.console_secret()}"


def services() -> Services:
    return current_app.extensions["facilitator"]
