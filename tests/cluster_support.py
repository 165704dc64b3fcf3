"""A hosted deployment on this machine: nginx, Redis, PostgreSQL and several `facilitator run` processes.

Redis runs as a redis-server of the test's own (a free port, no disk), so
that restarting it disturbs nobody else; PostgreSQL gets a schema of its own
in the development database; nginx (Debian's, installed by `make test`) runs
with a configuration in a temporary folder, on its own port. A missing
service fails the test; it never skips.
"""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import time
import uuid
from pathlib import Path

import pytest
import requests
import sqlalchemy as sa

from .support import ServerProcess, free_port, wait_for

PG_URL = os.environ.get("FACILITATOR_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
REDIS_SERVER = shutil.which("redis-server") or "/usr/bin/redis-server"


def need(path: str, what: str) -> None:
    if not os.path.exists(path):
        pytest.fail(f"{what} is needed at {path}: run `make test` as root, or apt-get install {what}.")


# Sticky sessions for the polling transport (every request of a session must
# reach the process that holds it), while a fresh WebSocket, a connection of
# its own, may go to the least busy process. docs/deploy.md explains it.
NGINX_CONF = """\
{user}
worker_processes 1;
daemon off;
pid {tmp}/nginx.pid;
error_log {tmp}/error.log warn;
events {{ worker_connections 16384; }}
http {{
    access_log off;
    client_body_temp_path {tmp}/body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;

    # Upgrade a WebSocket; keep other connections to the processes open for reuse.
    map $http_upgrade $connection_upgrade {{ default upgrade; '' ''; }}
    map "$arg_transport:$arg_sid" $facilitator_pool {{
        default facilitator_sticky;
        "websocket:" facilitator_spread;
    }}
    upstream facilitator_sticky {{
        hash $remote_addr consistent;
{servers}
        keepalive 32;
    }}
    upstream facilitator_spread {{
        least_conn;
{servers}
        keepalive 32;
    }}
    server {{
        listen 127.0.0.1:{port};
        proxy_http_version 1.1;
        proxy_set_header Host $http_host;
        proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
        proxy_set_header X-Forwarded-Proto $scheme;
        proxy_set_header X-Forwarded-Host $http_host;
        proxy_next_upstream error timeout;
        # A process busy with a join storm accepts late: wait for it rather than fail the phone.
        proxy_connect_timeout 10s;
        location /socket.io/ {{
            proxy_pass http://$facilitator_pool;
            proxy_set_header Upgrade $http_upgrade;
            proxy_set_header Connection $connection_upgrade;
            proxy_buffering off;
            proxy_read_timeout 60s;
        }}
        location / {{
            proxy_pass http://facilitator_sticky;
            proxy_set_header Connection "";
        }}
    }}
}}
"""


class Nginx:
    def __init__(self, tmp: Path, backends: list[int]):
        need(NGINX, "nginx")
        self.tmp = tmp
        self.port = free_port()
        self.backends = backends
        self.proc: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> "Nginx":
        self.tmp.mkdir(parents=True, exist_ok=True)
        servers = "\n".join(f"        server 127.0.0.1:{p} max_fails=3 fail_timeout=10s;" for p in self.backends)
        user = "user root;" if os.geteuid() == 0 else ""
        conf = self.tmp / "nginx.conf"
        conf.write_text(NGINX_CONF.format(user=user, tmp=self.tmp, servers=servers, port=self.port))
        self.proc = subprocess.Popen([NGINX, "-c", str(conf), "-p", str(self.tmp), "-e", str(self.tmp / "error.log")],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)

        def up():
            if self.proc.poll() is not None:
                raise RuntimeError("nginx exited: " + self.proc.stderr.read())
            try:
                return requests.get(self.url + "/healthz", timeout=1).ok
            except requests.RequestException:
                return False

        wait_for(up, timeout=15, message="nginx answers")
        return self

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGQUIT)
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()


class Redis:
    """A redis-server of our own: no disk, its own port; it can be stopped and started again."""

    def __init__(self, tmp: Path):
        need(REDIS_SERVER, "redis-server")
        self.tmp = tmp
        self.port = free_port()
        self.proc: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> "Redis":
        self.tmp.mkdir(parents=True, exist_ok=True)
        self.proc = subprocess.Popen(
            [REDIS_SERVER, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
             "--dir", str(self.tmp)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        wait_for(lambda: self.client().ping() if self._answers() else False, timeout=10, message="redis answers")
        return self

    def _answers(self) -> bool:
        import redis

        try:
            return bool(self.client().ping())
        except redis.RedisError:
            return False

    def client(self):
        import redis

        return redis.Redis(port=self.port, decode_responses=True, socket_timeout=2)

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(10)


class PostgresSchema:
    """A schema of its own in the development database, dropped afterwards."""

    def __init__(self):
        self.name = f"cluster_{uuid.uuid4().hex[:10]}"
        try:
            self.admin = sa.create_engine(PG_URL)
            with self.admin.begin() as conn:
                conn.execute(sa.text(f'CREATE SCHEMA "{self.name}"'))
        except sa.exc.OperationalError as exc:
            pytest.fail(f"PostgreSQL is needed at {PG_URL}: {exc}")
        self.url = f"{PG_URL}?options=-csearch_path%3D{self.name}"

    def engine(self):
        return sa.create_engine(self.url)

    def drop(self) -> None:
        with self.admin.begin() as conn:
            conn.execute(sa.text(f'DROP SCHEMA "{self.name}" CASCADE'))
        self.admin.dispose()


class Deployment:
    """N server processes sharing a data folder (their keys), PostgreSQL and Redis, behind nginx."""

    def __init__(self, tmp: Path, processes: int = 3):
        self.tmp = tmp
        self.data_dir = tmp / "data"
        self.redis = Redis(tmp / "redis")
        self.pg = PostgresSchema()
        ports = [free_port() for _ in range(processes)]
        self.nginx = Nginx(tmp / "nginx", ports)
        self.servers = [ServerProcess(self.data_dir, port=p) for p in ports]
        self.engine = None

    @property
    def url(self) -> str:
        return self.nginx.url

    def env(self) -> dict:
        return {
            "FACILITATOR_DATABASE_URL": self.pg.url,
            "FACILITATOR_MESSAGE_QUEUE": self.redis.url,
            "FACILITATOR_PUBLIC_URL": self.nginx.url,
            # Quick to notice a dead process, for the tests (the defaults are 2 s and 10 s).
            "FACILITATOR_HEARTBEAT_SECONDS": "0.5",
            "FACILITATOR_LEASE_SECONDS": "3",
        }

    def cli(self, *args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [self.servers[0].python, "-m", "facilitator", *args, "--data-dir", str(self.data_dir)],
            cwd=self.servers[0].cwd, capture_output=True, text=True, timeout=60, env={**os.environ, **self.env()},
        )

    def start(self) -> "Deployment":
        self.redis.start()
        upgraded = self.cli("db", "upgrade")
        assert upgraded.returncode == 0, upgraded.stderr
        for server in self.servers:
            server.env = self.env()
        for server in self.servers:
            server.start()
        self.nginx.start()
        self.engine = self.pg.engine()
        return self

    def stop(self) -> None:
        self.nginx.stop()
        for server in self.servers:
            server.stop()
        self.redis.stop()
        if self.engine is not None:
            self.engine.dispose()
        self.pg.drop()

    def scalars(self, statement) -> list:
        with self.engine.connect() as conn:
            return list(conn.scalars(statement))

    @property
    def console_secret(self) -> str:
        return (self.data_dir / "console.key").read_text().strip()

    def screen_auth(self, code: str) -> dict:
        from facilitator.core import screens
        from facilitator.core.models import Event

        with self.engine.connect() as conn:
            row = conn.execute(sa.select(Event.id, Event.code, Event.screen_nonce).where(Event.code == code)).one()
        event = Event(id=row.id, code=row.code, screen_nonce=row.screen_nonce)
        key = (self.data_dir / "links.key").read_text().strip()
        return {"role": "screen", "event": code, "secret": screens.secret(event, key)}

    def join(self, code: str, name: str) -> str:
        res = requests.post(f"{self.url}/api/e/{code}/join", json={"name": name, "anonymous": False}, timeout=5)
        assert res.ok, res.text
        return res.cookies[f"fc_p_{code}"]

    def connections_per_process(self) -> dict[str, int]:
        """Each live process's count of participant connections, as it wrote it in Redis."""
        r = self.redis.client()
        out = {}
        for pid in r.smembers("facilitator:processes"):
            if r.exists(f"facilitator:alive:{pid}"):
                out[pid] = sum(int(v) for v in r.hgetall(f"facilitator:presence:{pid}").values())
        return out


def wait_until(condition, timeout: float = 10.0, message: str = ""):
    return wait_for(condition, timeout=timeout, message=message)


def elapsed_since(start: float) -> float:
    return time.monotonic() - start
