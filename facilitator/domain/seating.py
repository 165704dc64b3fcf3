"""Seating a world café round so that people meet new people.

Pure functions, no database: given the tables (capacity, host), the people
present, who has already sat with whom and who must stay together, say who
sits where. Hosts stay at their tables; everyone else travels. The rules, in
order of importance:

1. capacity holds and everyone present is seated exactly once;
2. linked people (a person and their supporter or interpreter) sit together;
3. table sizes differ by at most one, as far as capacity and links allow;
4. as few people as possible sit again with someone they have sat with.

Rule 4 is a greedy assignment followed by improving swaps; it is
deterministic for a given seed.
"""
from __future__ import annotations

import heapq
import random
from dataclasses import dataclass
from typing import Iterable

from .errors import DomainError


class SeatingError(DomainError):
    """The room cannot be seated as asked; the message says what to change."""


@dataclass(frozen=True)
class Table:
    id: int
    capacity: int
    host: int | None = None


@dataclass(frozen=True)
class Plan:
    """Who sits at each table (the host first) and how many repeat meetings were unavoidable."""

    tables: dict[int, tuple[int, ...]]
    repeats: int

    def table_of(self) -> dict[int, int]:
        return {person: table for table, people in self.tables.items() for person in people}


Pair = frozenset  # two people who have sat at the same table


def meetings(groups: Iterable[Iterable[int]]) -> set[frozenset[int]]:
    """Every pair of people who sat at the same table, over the given tables."""
    met: set[frozenset[int]] = set()
    for group in groups:
        people = sorted(set(group))
        for i, a in enumerate(people):
            for b in people[i + 1:]:
                met.add(frozenset((a, b)))
    return met


def repeats_in(groups: Iterable[Iterable[int]], met: Iterable[frozenset[int]]) -> int:
    """How many pairs at the same table in ``groups`` have met before."""
    met = set(met)
    return len(meetings(groups) & met)


def _adjacency(met: Iterable[Iterable[int]]) -> dict[int, set[int]]:
    adj: dict[int, set[int]] = {}
    for pair in met:
        pair = tuple(pair)
        if len(pair) != 2:
            continue
        a, b = pair
        adj.setdefault(a, set()).add(b)
        adj.setdefault(b, set()).add(a)
    return adj


def _groups(people: list[int], pairs: Iterable[tuple[int, int]]) -> list[list[int]]:
    """People linked (directly or through others) form one group that sits together."""
    parent = {p: p for p in people}

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in pairs:
        if a in parent and b in parent:
            ra, rb = find(a), find(b)
            if ra != rb:
                parent[max(ra, rb)] = min(ra, rb)
    by_root: dict[int, list[int]] = {}
    for p in people:
        by_root.setdefault(find(p), []).append(p)
    return list(by_root.values())


def seat(
    tables: Iterable[Table],
    people: Iterable[int],
    *,
    met: Iterable[Iterable[int]] = (),
    pairs: Iterable[tuple[int, int]] = (),
    seed: int = 0,
) -> Plan:
    """Seat ``people`` (hosts included) at ``tables``; see the module docstring for the rules."""
    tables = list(tables)
    if not tables:
        raise SeatingError("Add at least one table before seating people.")
    people = list(dict.fromkeys(people))
    present = set(people)
    rng = random.Random(seed)
    adj = _adjacency(met)
    empty: set[int] = set()
    cap = {t.id: t.capacity for t in tables}
    order = [t.id for t in tables]
    hosts = {t.host: t.id for t in tables if t.host is not None and t.host in present}
    total = len(people)
    if total > sum(cap.values()):
        raise SeatingError(
            f"There are {total} people to seat but only {sum(cap.values())} seats: "
            "add a table or raise the tables' capacity."
        )

    group_of: dict[int, int] = {}
    members: dict[int, list[int]] = {t: [] for t in order}
    member_set: dict[int, set[int]] = {t: set() for t in order}
    movable: set[int] = set()  # people who may change table on their own (not hosts, not linked)
    free_groups: list[list[int]] = []
    for number, group in enumerate(_groups(people, pairs)):
        group_of.update((p, number) for p in group)
        group_hosts = [p for p in group if p in hosts]
        if len(group_hosts) > 1:
            raise SeatingError("Two hosts are linked to each other; they cannot both stay at their own tables.")
        if group_hosts:
            table = hosts[group_hosts[0]]
            for p in sorted(group, key=lambda p: p != group_hosts[0]):
                members[table].append(p)
                member_set[table].add(p)
            if len(members[table]) > cap[table]:
                raise SeatingError(
                    f"The host's linked group does not fit at their table (capacity {cap[table]})."
                )
        else:
            free_groups.append(group)
            if len(group) == 1:
                movable.add(group[0])

    # Balanced sizes: fill the emptiest table that has room, one seat at a time
    # (a heap: at 2,000 people and 250 tables a scan per seat took a second).
    rank = {t: i for i, t in enumerate(order)}
    target = {t: len(members[t]) for t in order}
    emptiest = [(target[t], rank[t], t) for t in order if target[t] < cap[t]]
    heapq.heapify(emptiest)
    for _ in range(total - sum(target.values())):
        size, r, t = heapq.heappop(emptiest)
        target[t] = size + 1
        if target[t] < cap[t]:
            heapq.heappush(emptiest, (target[t], r, t))

    host_of = {t.id: t.host for t in tables if t.host in present}

    def cost(p: int, t: int) -> int:
        # Meeting a host again weighs half as much as meeting a fellow traveller
        # again: travellers are the ones meant to carry ideas to new people.
        adj_p = adj.get(p, empty)
        return 2 * len(adj_p & member_set[t]) - (1 if host_of.get(t) in adj_p else 0)

    # The hardest to place first: linked groups, then people who have met many.
    tiebreak = {p: rng.random() for p in people}
    free_groups.sort(key=lambda g: (-len(g), -sum(len(adj.get(p, empty)) for p in g), min(tiebreak[p] for p in g)))
    table_rank = {t: rng.random() for t in order}
    seated_at = {p: t for t in order for p in members[t]}
    host_table = {h: t for t, h in host_of.items()}
    # The roomiest tables (room to their target size), for the tables nobody in
    # a group has met anyone at: a heap with stale entries skipped, instead of
    # ranking all 250 tables for each of 2,000 people.
    roomiest = [(-(target[t] - len(members[t])), table_rank[t], t) for t in order]
    heapq.heapify(roomiest)
    for group in free_groups:
        size = len(group)
        # cost(p, t) summed over the group, for the tables where it is not 0:
        # from the people each has met, not by asking every table.
        group_cost: dict[int, int] = {}
        for p in group:
            for q in adj.get(p, empty):
                if q in seated_at:
                    group_cost[seated_at[q]] = group_cost.get(seated_at[q], 0) + 2
                if q in host_table:
                    group_cost[host_table[q]] = group_cost.get(host_table[q], 0) - 1
        best = _best_table(roomiest, group_cost, size, target, members, table_rank)
        if best is None:
            fits = [t for t in order if cap[t] - len(members[t]) >= size]
            if not fits:
                raise SeatingError("Linked people cannot be kept together with these table capacities.")
            best = min(
                fits,
                key=lambda t: (group_cost.get(t, 0), -(target[t] - len(members[t])), table_rank[t]),
            )
        members[best].extend(group)
        member_set[best].update(group)
        seated_at.update((p, best) for p in group)
        heapq.heappush(roomiest, (-(target[best] - len(members[best])), table_rank[best], best))

    where = {p: t for t in order for p in members[t]}

    def move(p: int, dest: int) -> None:
        src = where[p]
        members[src].remove(p)
        member_set[src].discard(p)
        members[dest].append(p)
        member_set[dest].add(p)
        where[p] = dest

    # Repair balance broken by linked groups that did not fit their target.
    while True:
        open_tables = [t for t in order if len(members[t]) < cap[t]]
        if not open_tables:
            break
        lo = min(open_tables, key=lambda t: (len(members[t]), order.index(t)))
        heavy = [
            t for t in order
            if len(members[t]) > len(members[lo]) + 1 and any(p in movable for p in members[t])
        ]
        if not heavy:
            break
        hi = max(heavy, key=lambda t: (len(members[t]), -order.index(t)))
        p = min((p for p in members[hi] if p in movable), key=lambda p: (cost(p, lo) - cost(p, hi), tiebreak[p]))
        move(p, lo)

    _improve(members, member_set, where, movable, adj, tiebreak, cost)
    plan_tables = {t: tuple(members[t]) for t in order}
    # Linked people sit together by choice: that is not a repeat meeting.
    repeats = sum(
        1 for p in people for q in adj.get(p, empty) & member_set[where[p]] if group_of[q] != group_of[p]
    ) // 2
    return Plan(plan_tables, repeats)


def _best_table(roomiest, group_cost, size, target, members, table_rank) -> int | None:
    """The table for a group: the least repeat meetings, then the most room to its target size.

    The same choice as ranking every table with room for the group by
    ``(group_cost, -room, table_rank)``; None when no table has room left
    under its target. Tables the group has met someone at are few and ranked
    directly; of the others, the roomiest comes off the heap ``roomiest``
    (entries whose room has since changed are dropped as they surface).
    """
    def room(t: int) -> int:
        return target[t] - len(members[t])

    candidates = [
        (cost, -room(t), table_rank[t], t) for t, cost in group_cost.items() if cost != 0 and room(t) >= size
    ]
    set_aside = []
    while roomiest:
        neg_room, rank, t = roomiest[0]
        if -neg_room != room(t):
            heapq.heappop(roomiest)  # stale: a newer entry for this table is in the heap
            continue
        if group_cost.get(t, 0) != 0:
            set_aside.append(heapq.heappop(roomiest))
            continue
        if -neg_room >= size:
            candidates.append((0, neg_room, rank, t))
        break
    for entry in set_aside:
        heapq.heappush(roomiest, entry)
    return min(candidates)[3] if candidates else None


def _improve(members, member_set, where, movable, adj, tiebreak, cost, max_passes: int = 8) -> None:
    """Swap travellers between tables while a swap lowers the (weighted) repeat meetings."""
    empty: set[int] = set()
    singles = sorted(movable, key=lambda p: tiebreak[p])

    for _ in range(max_passes):
        improved = False
        for a in singles:
            ta = where[a]
            ca = cost(a, ta)
            if ca == 0:
                continue
            adj_a = adj.get(a, empty)
            best_delta, best_b = 0, None
            for b in singles:
                tb = where[b]
                if tb == ta:
                    continue
                linked = 2 if b in adj_a else 0
                delta = (cost(a, tb) - linked) + (cost(b, ta) - linked) - ca - cost(b, tb)
                if delta < best_delta:
                    best_delta, best_b = delta, b
            if best_b is not None:
                tb = where[best_b]
                for p, src, dest in ((a, ta, tb), (best_b, tb, ta)):
                    members[src].remove(p)
                    member_set[src].discard(p)
                    members[dest].append(p)
                    member_set[dest].add(p)
                    where[p] = dest
                improved = True
        if not improved:
            return


def place_late(
    tables: Iterable[Table],
    seated: dict[int, Iterable[int]],
    person: int,
    *,
    met: Iterable[Iterable[int]] = (),
    pairs: Iterable[tuple[int, int]] = (),
) -> int:
    """The table for someone arriving after the seating: their own if they host one,
    their linked partner's if seated, otherwise the smallest table with room
    (fewest repeat meetings among equals)."""
    tables = list(tables)
    size = {t.id: len(list(seated.get(t.id, ()))) for t in tables}
    people_at = {t.id: set(seated.get(t.id, ())) for t in tables}
    for t in tables:
        if t.host == person:
            return t.id
    partners = {b for a, b in pairs if a == person} | {a for a, b in pairs if b == person}
    for t in tables:
        if people_at[t.id] & partners and size[t.id] < t.capacity:
            return t.id
    room = [t for t in tables if size[t.id] < t.capacity]
    if not room:
        raise SeatingError("Every table is full: add a table or raise the tables' capacity.")
    adj = _adjacency(met).get(person, set())
    order = {t.id: i for i, t in enumerate(tables)}
    return min(room, key=lambda t: (size[t.id], len(adj & people_at[t.id]), order[t.id])).id
