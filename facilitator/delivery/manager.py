"""python-socketio's client manager, with an index of the rooms each connection is in.

The stock manager finds a leaving connection's rooms by looking through every
room on the server (``BaseManager.basic_disconnect``, and ``get_rooms``).
Each phone has a room of its own and its connection's, so with 2,000 phones
that is 4,000 rooms looked through per leaving phone, and when the venue's
Wi-Fi drops and every phone leaves at once, 2,000 times 4,000: a quadratic
that held the server for seconds while the phones tried to come back.

:class:`RoomIndex` keeps, for each connection, the set of rooms it entered,
so a disconnect leaves exactly those: the work per leaving phone no longer
grows with the number of phones. It overrides only the ``basic_*`` methods
every manager shares, so it mixes into the Redis manager too.

The stock manager also keeps the connections that are connecting or leaving
(``pending_connect``, ``pending_disconnect``) in a list per namespace, and
looks in it at every ``is_connected``. While a storm's handlers wait for
their turn at the database, those lists hold thousands: a mass drop of
4,000 phones spent sixteen times as long in those checks as one of 1,000.
Here each is a set in arrival order, behind the list methods the manager calls.
"""
from __future__ import annotations

from socketio import Manager


class PendingSids(dict):
    """The sids connecting or leaving in one namespace: a list to python-socketio (``append``,
    ``remove``, ``in``, ``len``), a dict here, so that looking one up does not walk them all."""

    def append(self, sid) -> None:
        self[sid] = None

    def remove(self, sid) -> None:
        try:
            del self[sid]
        except KeyError:
            raise ValueError(sid) from None  # as list.remove says it


class PendingByNamespace(dict):
    """``pending_connect`` or ``pending_disconnect``: the manager stores a new list per
    namespace (``self.pending_connect[namespace] = []``), kept here as :class:`PendingSids`."""

    def __setitem__(self, namespace, sids) -> None:
        super().__setitem__(namespace, sids if isinstance(sids, PendingSids) else PendingSids.fromkeys(sids))


class RoomIndex:
    """Mixin for a python-socketio client manager: which rooms each sid is in, kept as they change."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._rooms_of: dict[tuple[str, str], set] = {}  # (namespace, sid) -> rooms, None (the namespace) among them
        self.pending_connect = PendingByNamespace()  # empty still: nothing has connected
        self.pending_disconnect = PendingByNamespace()

    def basic_enter_room(self, sid, namespace, room, eio_sid=None):
        super().basic_enter_room(sid, namespace, room, eio_sid=eio_sid)
        self._rooms_of.setdefault((namespace, sid), set()).add(room)

    def basic_leave_room(self, sid, namespace, room):
        super().basic_leave_room(sid, namespace, room)
        rooms = self._rooms_of.get((namespace, sid))
        if rooms is not None:
            rooms.discard(room)
            if not rooms:
                del self._rooms_of[(namespace, sid)]

    def basic_disconnect(self, sid, namespace, **kwargs):
        """As python-socketio's, but leaving only the rooms this sid is in."""
        if namespace not in self.rooms:
            return
        for room in list(self._rooms_of.get((namespace, sid), ())):
            self.basic_leave_room(sid, namespace, room)
        self._rooms_of.pop((namespace, sid), None)
        self.callbacks.pop(sid, None)
        for pending in (self.pending_connect, self.pending_disconnect):
            if namespace in pending and sid in pending[namespace]:
                pending[namespace].remove(sid)
                if not pending[namespace]:
                    del pending[namespace]

    def get_rooms(self, sid, namespace):
        """The rooms a client is in (not its namespace)."""
        return [room for room in self._rooms_of.get((namespace, sid), ()) if room is not None]


class IndexedManager(RoomIndex, Manager):
    """The in-process client manager (no message queue), with the room index."""
