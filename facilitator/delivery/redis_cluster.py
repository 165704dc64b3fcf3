"""Several server processes sharing Redis: limits, leases, presence per process, control messages.

Only a hosted deployment (``FACILITATOR_MESSAGE_QUEUE``) imports this module.
Socket.IO's own messages between processes go through Flask-SocketIO's Redis
client manager (:class:`WatchfulRedisManager`); what Socket.IO cannot do by
itself goes through :class:`RedisCluster`:

- Rate limits: one token bucket per key in Redis, updated by a Lua script
  (one round trip, atomic), with Redis's own clock so processes on several
  machines agree.
- Presence: the database counts each person's live connections. Every
  process also counts its own in ``presence:<process>`` and renews a lease
  every :data:`HEARTBEAT` seconds; when a process dies (kill -9, a crashed
  machine) its lease lapses and another process takes its connections off
  the database's counts.
- Control messages: ``everywhere(name, ...)`` runs a registered function on
  every process, each for its own connections.

A Redis outage is not the end of the event: each process keeps serving its
own phones (emits reach local clients before they are published), limits
fall back to this process's memory, the log and the console say so, and
when Redis answers again every process sends its own clients a fresh
snapshot and recounts its connections.
"""
from __future__ import annotations

import json
import logging
import os
import socket
import threading
import time
import uuid
from collections import Counter

import redis
from redis.exceptions import RedisError
from socketio import RedisManager

from facilitator.core import participants
from facilitator.settings import StartupError
from facilitator.delivery import handlers, socketio
from facilitator.delivery.auth import FACILITATOR, PARTICIPANT
from facilitator.delivery.cluster import INTERRUPTED, RESTORED, Cluster, _safe, run_here
from facilitator.delivery.limits import RateLimited, RateLimiter
from facilitator.delivery.manager import RoomIndex
from facilitator.delivery.publish import publish

log = logging.getLogger(__name__)

PREFIX = "facilitator:"
# Control messages ride on Socket.IO's own channel, marked so that its
# listener never sees them: one channel, one connection, so a control message
# (move these phones to their café tables) is handled before the emits
# published after it (the first card written at a table).
CONTROL = b"facilitator-control:"
# How often a process renews its lease, and how long a lease lasts: a process
# silent for LEASE seconds is taken for dead and its connections are let go.
HEARTBEAT = float(os.environ.get("FACILITATOR_HEARTBEAT_SECONDS", "2"))
LEASE = float(os.environ.get("FACILITATOR_LEASE_SECONDS", "10"))
# While Redis is away, how often to ask whether it is back.
RETRY = 1.0

# A token bucket: refill by elapsed time (Redis's clock), spend ``cost`` if
# there is enough. ARGV: rate, burst, cost, peek (1: only say whether one token is there).
_BUCKET = """
local t = redis.call('TIME')
local now = tonumber(t[1]) + tonumber(t[2]) / 1000000
local rate, burst, cost = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
local b = redis.call('HMGET', KEYS[1], 't', 's')
local tokens, stamp = tonumber(b[1]), tonumber(b[2])
if tokens == nil then tokens = burst; stamp = now end
tokens = math.min(burst, tokens + (now - stamp) * rate)
if ARGV[4] == '1' then
  if tokens >= 1 then return 1 else return 0 end
end
local ok = 0
if tokens >= cost then tokens = tokens - cost; ok = 1 end
redis.call('HSET', KEYS[1], 't', string.format('%.6f', tokens), 's', string.format('%.6f', now))
redis.call('PEXPIRE', KEYS[1], math.ceil(burst / rate * 1000) + 1000)
return ok
"""


# Take a process for dead, at once or not at all: unless its lease came back
# (it had only stalled, and woke up), take its connection counts, forget it,
# and leave a mark so that it counts its connections again if it wakes later.
# KEYS: alive, presence, processes, reaped; ARGV: process, reaper.
_REAP = """
if redis.call('EXISTS', KEYS[1]) == 1 then return false end
local counts = redis.call('HGETALL', KEYS[2])
redis.call('DEL', KEYS[2])
redis.call('SREM', KEYS[3], ARGV[1])
redis.call('SET', KEYS[4], ARGV[2], 'EX', 3600)
return counts
"""


class SharedRateLimiter:
    """:class:`RateLimiter`'s interface, counted in Redis for every process; this process's memory while Redis is away."""

    def __init__(self, cluster: "RedisCluster", name: str, *, rate: float, burst: int, message: str):
        self.cluster = cluster
        self.name = name
        self.rate = rate
        self.burst = burst
        self.message = message
        self.local = RateLimiter(rate=rate, burst=burst, message=message)

    def _key(self, key: object) -> str:
        return f"{PREFIX}limit:{self.name}:{key!r}"

    def _ask(self, key: object, cost: float, peek: bool) -> bool | None:
        if not self.cluster.healthy:
            return None
        try:
            return bool(self.cluster.bucket(keys=[self._key(key)], args=[self.rate, self.burst, cost, 1 if peek else 0]))
        except RedisError as exc:
            self.cluster.lost(exc)
            return None

    def allow(self, key: object, cost: float = 1.0) -> bool:
        shared = self._ask(key, cost, peek=False)
        return self.local.allow(key, cost) if shared is None else shared

    def hit(self, key: object, cost: float = 1.0) -> None:
        if not self.allow(key, cost):
            raise RateLimited(self.message)

    def would_allow(self, key: object) -> bool:
        shared = self._ask(key, 1.0, peek=True)
        return self.local.would_allow(key) if shared is None else shared

    def forget(self, key: object) -> None:
        self.local.forget(key)
        if self.cluster.healthy:
            try:
                self.cluster.redis.delete(self._key(key))
            except RedisError as exc:
                self.cluster.lost(exc)


class WatchfulRedisManager(RoomIndex, RedisManager):
    """Flask-SocketIO's Redis client manager, told about outages instead of retrying each emit.

    python-socketio delivers an emit to this process's clients first and then
    publishes it; while Redis is away the publish is skipped (the other
    processes cannot hear it, and are brought up to date when it returns),
    rather than tried twice and logged twice for every message.
    """

    def __init__(self, cluster: "RedisCluster", url: str):
        super().__init__(url, channel="flask-socketio", redis_options={"socket_connect_timeout": 2})
        self.cluster = cluster

    def _publish_raw(self, data):
        if not self.cluster.healthy:
            return None
        try:
            if not self.connected:
                self._redis_connect()
            return self.redis.publish(self.channel, data)
        except Exception as exc:  # any failure of the link: the cluster says so once
            self.connected = False
            self.cluster.lost(exc)
            return None

    def publish_control(self, message: dict) -> None:
        self._publish_raw(CONTROL + json.dumps({**message, "host": self.host_id}).encode())

    def _publish(self, data):
        self._publish_raw(self.json.dumps(data))

    def _listen(self):
        for message in super()._listen():
            if isinstance(message, bytes) and message.startswith(CONTROL):
                control = json.loads(message[len(CONTROL):])
                if control.get("host") != self.host_id:
                    self.cluster.handle(control)
                continue
            yield message

    def _redis_listen_with_retries(self):
        while True:
            try:
                self._redis_connect()
                self.pubsub.subscribe(self.channel)
                self.cluster.listening = True
                yield from self.pubsub.listen()
            except Exception as exc:
                self.cluster.listening = False
                self.cluster.lost(exc)
                self.server.sleep(RETRY)


class RedisCluster(Cluster):
    shared = True

    def __init__(self, url: str):
        self.url = url
        self.process_id = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
        pool = redis.BlockingConnectionPool.from_url(
            url, max_connections=64, timeout=5, socket_timeout=5, socket_connect_timeout=2, decode_responses=True
        )
        self.redis = redis.Redis(connection_pool=pool)
        self.bucket = self.redis.register_script(_BUCKET)
        self.reap = self.redis.register_script(_REAP)
        self.healthy = True
        # Whether this process hears the others (Socket.IO's channel is subscribed).
        self.listening = False
        self._guard = threading.Lock()
        self._app = None
        self.manager = WatchfulRedisManager(self, url)

    @classmethod
    def connect(cls, url: str) -> "RedisCluster":
        cluster = cls(url)
        try:
            cluster.redis.ping()
        except RedisError as exc:
            raise StartupError(
                f"The message queue at {_safe(url)} cannot be reached ({exc}): start Redis there, "
                "or correct FACILITATOR_MESSAGE_QUEUE."
            ) from None
        return cluster

    # --- keys ---------------------------------------------------------------

    def _alive(self, pid: str) -> str:
        return f"{PREFIX}alive:{pid}"

    def _presence(self, pid: str) -> str:
        return f"{PREFIX}presence:{pid}"

    PROCESSES = PREFIX + "processes"

    # --- the interface ------------------------------------------------------

    def limiter(self, name: str, *, rate: float, burst: int, message: str):
        return SharedRateLimiter(self, name, rate=rate, burst=burst, message=message)

    def client_manager(self):
        return self.manager

    def everywhere(self, name: str, **payload) -> None:
        run_here(name, payload)
        self.manager.publish_control({"name": name, "payload": payload})

    def once(self, name: str, seconds: float) -> bool:
        if not self.healthy:
            return False  # better late than twice: the job comes round again
        try:
            return bool(self.redis.set(f"{PREFIX}once:{name}", self.process_id, nx=True, px=int(seconds * 1000)))
        except RedisError as exc:
            self.lost(exc)
            return False

    def connected(self, participant_id: int) -> None:
        self._count(participant_id, +1)

    def disconnected(self, participant_id: int) -> None:
        self._count(participant_id, -1)

    def _count(self, participant_id: int, by: int) -> None:
        if not self.healthy:
            return  # recounted from memory when Redis is back
        try:
            self.redis.hincrby(self._presence(self.process_id), str(participant_id), by)
        except RedisError as exc:
            self.lost(exc)

    # The big screens and co-host phones of an event, on every process: one hash per
    # role and event, a field per device named after its process, so a dead process's
    # go with it; and per process, the set of "role:event" lists it has written to.

    def _devices(self, role: str, event_id: int) -> str:
        return f"{PREFIX}{role}s:{event_id}"

    def _device_lists(self, pid: str) -> str:
        return f"{PREFIX}device-lists:{pid}"

    def _write_device(self, pipe, role: str, event_id: int, entry: dict) -> None:
        pipe.hset(self._devices(role, event_id), f"{self.process_id}|{entry['id']}", json.dumps(entry))
        pipe.sadd(self._device_lists(self.process_id), f"{role}:{event_id}")

    def device_opened(self, role: str, event_id: int, entry: dict) -> None:
        if not self.healthy:
            return
        try:
            pipe = self.redis.pipeline(transaction=False)
            self._write_device(pipe, role, event_id, entry)
            pipe.execute()
        except RedisError as exc:
            self.lost(exc)

    def device_closed(self, role: str, event_id: int, sid: str) -> None:
        if not self.healthy:
            return
        try:
            self.redis.hdel(self._devices(role, event_id), f"{self.process_id}|{sid}")
        except RedisError as exc:
            self.lost(exc)

    def devices(self, role: str, event_id: int, here: list[dict]) -> list[dict]:
        if not self.healthy:
            return here
        try:
            everywhere = [json.loads(v) for v in self.redis.hgetall(self._devices(role, event_id)).values()]
        except RedisError as exc:
            self.lost(exc)
            return here
        seen = {e["id"] for e in everywhere}
        return everywhere + [e for e in here if e["id"] not in seen]

    def _forget_devices_of(self, pid: str) -> list[tuple[str, int]]:
        """Take a process's devices off every event's lists; returns those (role, event)."""
        lists = [(role, int(e)) for role, _, e in (m.partition(":") for m in self.redis.smembers(self._device_lists(pid)))]
        for role, event_id in lists:
            fields = [f for f in self.redis.hkeys(self._devices(role, event_id)) if f.startswith(f"{pid}|")]
            if fields:
                self.redis.hdel(self._devices(role, event_id), *fields)
        self.redis.delete(self._device_lists(pid))
        return lists

    def status(self) -> dict | None:
        return None if self.healthy else {"ok": False, "message": INTERRUPTED}

    # --- outages ------------------------------------------------------------

    def lost(self, exc: BaseException) -> None:
        """Redis did not answer: say so once, and carry on with this process's own clients."""
        with self._guard:
            if not self.healthy:
                return
            self.healthy = False
        log.error("live updates between servers interrupted: Redis at %s does not answer (%s); "
                  "each server keeps serving its own phones", _safe(self.url), exc)
        self._tell_consoles({"ok": False, "message": INTERRUPTED})

    def _restored(self) -> None:
        with self._guard:
            if self.healthy:
                return
            self.healthy = True
        log.warning("live updates between servers are back: every phone here gets a fresh snapshot")
        with self._app.app_context():
            handlers.converge_here()
        self._tell_consoles({"ok": True, "message": RESTORED})

    def _tell_consoles(self, status: dict) -> None:
        app = self._app
        if app is None:
            return
        svc = app.extensions["facilitator"]
        for sid in svc.connections.sids_with_role(FACILITATOR):
            socketio.server.emit("cluster", status, to=sid, namespace="/", ignore_queue=True)

    # --- start-up, heartbeat, reaping ---------------------------------------

    def start(self, app) -> None:
        """Join the cluster: on a cold start (no other process alive) nobody is connected yet."""
        self._app = app
        self._cold_start_if_alone(app)
        # python-socketio starts listening to the other processes at the first
        # connection; a process nobody has reached yet must hear them (and
        # know whether it does) all the same.
        server = socketio.server
        if not server.manager_initialized:
            server.manager_initialized = True
            server.manager.initialize()
        socketio.start_background_task(self._heartbeat)
        log.info("joined the cluster as %s (Redis at %s)", self.process_id, _safe(self.url))

    def _cold_start_if_alone(self, app) -> None:
        lock = f"{PREFIX}starting"
        deadline = time.monotonic() + 30
        while not self.redis.set(lock, self.process_id, nx=True, px=30_000):
            if time.monotonic() > deadline:
                break
            time.sleep(0.1)
        try:
            others = [p for p in self.redis.smembers(self.PROCESSES) if self.redis.exists(self._alive(p))]
            if not others:
                svc = app.extensions["facilitator"]
                with svc.db.session_scope() as s:
                    participants.reset_connections(s)
                stale = list(self.redis.smembers(self.PROCESSES))
                for p in stale:
                    self._forget_devices_of(p)
                if stale:
                    self.redis.delete(*[self._presence(p) for p in stale], self.PROCESSES)
            self._register()
        finally:
            if self.redis.get(lock) == self.process_id:
                self.redis.delete(lock)

    def _local_counts(self) -> Counter:
        svc = self._app.extensions["facilitator"]
        return Counter(a.participant_id for a in svc.connections.actors() if a.role == PARTICIPANT and a.participant_id)

    def _register(self) -> None:
        """(Re)write this process's lease and its count of connections, from memory."""
        counts = self._local_counts() if self._app is not None else Counter()
        actors = self._app.extensions["facilitator"].connections.actors() if self._app is not None else []
        pipe = self.redis.pipeline(transaction=True)
        pipe.delete(self._presence(self.process_id))
        if counts:
            pipe.hset(self._presence(self.process_id), mapping={str(k): v for k, v in counts.items()})
        for a in actors:  # and the big screens and co-host phones connected here
            if a.role in handlers.LISTED and a.event_id is not None:
                self._write_device(pipe, a.role, a.event_id, {"id": a.sid, "since": a.connected_at, "address": a.address})
        pipe.sadd(self.PROCESSES, self.process_id)
        pipe.set(self._alive(self.process_id), "1", px=int(LEASE * 1000))
        pipe.execute()

    def _heartbeat(self) -> None:
        while True:
            socketio.sleep(HEARTBEAT if self.healthy else RETRY)
            try:
                if not self.healthy:
                    self.redis.ping()
                    if not self.listening:
                        continue  # back only once this process hears the others again
                    self._register()  # Redis may have lost everything: count again from memory
                    self._restored()
                elif not self.redis.set(self._alive(self.process_id), "1", xx=True, px=int(LEASE * 1000)):
                    # The lease was gone: Redis restarted empty, or this process
                    # stalled so long that another took it for dead.
                    self._register()
                    if self.redis.delete(f"{PREFIX}reaped:{self.process_id}"):
                        self._count_again()
                self._reap()
            except RedisError as exc:
                self.lost(exc)
            except Exception:  # never let the heartbeat stop
                log.exception("the cluster heartbeat failed; it will run again")

    def _reap(self) -> None:
        """Let go of the connections of processes whose lease lapsed (one process does each)."""
        for pid in self.redis.smembers(self.PROCESSES):
            if pid == self.process_id or self.redis.exists(self._alive(pid)):
                continue
            if not self.redis.set(f"{PREFIX}reaping:{pid}", self.process_id, nx=True, px=30_000):
                continue
            taken = self.reap(keys=[self._alive(pid), self._presence(pid), self.PROCESSES, f"{PREFIX}reaped:{pid}"],
                              args=[pid, self.process_id])
            if taken is None:
                self.redis.delete(f"{PREFIX}reaping:{pid}")
                continue  # it woke up in time
            pairs = iter(taken)
            counts = {int(k): int(v) for k, v in zip(pairs, pairs) if int(v) > 0}
            if counts:
                self._let_go(counts)
            lists_gone = self._forget_devices_of(pid)
            if lists_gone:
                with self._app.app_context():
                    for role, event_id in lists_gone:
                        handlers.tell_console_about(role, event_id)
            log.warning("server process %s stopped answering: let go of its %d connection(s)", pid, sum(counts.values()))

    def _count_again(self) -> None:
        """This process was taken for dead while it stalled: its connections count again."""
        app = self._app
        counts = self._local_counts()
        with app.app_context():
            with app.extensions["facilitator"].db.session_scope(durable=False) as s:
                changes = [c for pid, n in counts.items() if (c := participants.connections_found(s, pid, n))]
            publish(changes)
        log.warning("this process was taken for dead while it stalled: its %d connection(s) count again", sum(counts.values()))

    def _let_go(self, counts: dict[int, int]) -> None:
        app = self._app
        svc = app.extensions["facilitator"]
        with app.app_context():
            with svc.db.session_scope(durable=False) as s:
                changes = [c for pid, n in counts.items() if (c := participants.connections_lost(s, pid, n))]
            publish(changes)

    def handle(self, message: dict) -> None:
        """Run here what another process asked every process to do."""
        if self._app is None:
            return  # a command-line tool, not a server: it has no connections
        try:
            with self._app.app_context():
                run_here(message["name"], message.get("payload") or {})
        except Exception:
            log.exception("a control message (%s) failed here", message.get("name"))
