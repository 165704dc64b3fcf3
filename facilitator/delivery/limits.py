"""Rate limits: a token bucket per key (a connection and an action, or an address).

Process memory is right here: limits are about this process's connections,
and a restart that forgets them loses nothing anyone said.
"""
from __future__ import annotations

import threading
import time
from dataclasses import dataclass

from facilitator.core.errors import DomainError


class RateLimited(DomainError):
    code = "rate_limited"


@dataclass
class _Bucket:
    tokens: float
    stamp: float


class RateLimiter:
    def __init__(self, *, rate: float, burst: int, message: str, clock=time.monotonic):
        self.rate = rate  # tokens a second
        self.burst = burst
        self.message = message
        self._clock = clock
        self._buckets: dict[object, _Bucket] = {}
        self._lock = threading.Lock()

    def hit(self, key: object, cost: float = 1.0) -> None:
        """Spend a token for ``key`` or raise RateLimited."""
        if not self.allow(key, cost):
            raise RateLimited(self.message)

    def allow(self, key: object, cost: float = 1.0) -> bool:
        now = self._clock()
        with self._lock:
            bucket = self._buckets.get(key)
            if bucket is None:
                bucket = self._buckets[key] = _Bucket(self.burst, now)
            bucket.tokens = min(self.burst, bucket.tokens + (now - bucket.stamp) * self.rate)
            bucket.stamp = now
            if bucket.tokens < cost:
                return False
            bucket.tokens -= cost
            if len(self._buckets) > 50_000:
                self._forget_full(now)
            return True

    def would_allow(self, key: object) -> bool:
        now = self._clock()
        with self._lock:
            bucket = self._buckets.get(key)
            if bucket is None:
                return True
            return min(self.burst, bucket.tokens + (now - bucket.stamp) * self.rate) >= 1

    def forget(self, key: object) -> None:
        with self._lock:
            self._buckets.pop(key, None)

    def _forget_full(self, now: float) -> None:
        full = [k for k, b in self._buckets.items() if b.tokens + (now - b.stamp) * self.rate >= self.burst]
        for k in full:
            del self._buckets[k]
