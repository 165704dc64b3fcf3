"""Seating a world café round so that people meet new people.

Pure functions, no database: given the tables (capacity, host), the people
present, who has already sat with whom and who must sit together or apart,
say who sits where. Hosts stay at their tables; everyone else travels. The
rules, in order of importance:

1. capacity holds and everyone present is seated exactly once;
2. linked people (a person and their supporter or interpreter) sit together,
   and a person who stays at one table (``fixed``: they cannot move easily)
   sits there;
3. people kept apart never share a table, whenever some seating allows it;
4. nobody sits alone when they could sit with others: only as many tables
   are used as give each at least ``MIN_AT_TABLE`` people (3 people and 4
   tables make one table of 3); a host whose table is not used travels;
5. table sizes differ by at most one, as far as capacity and links allow;
6. as few people as possible sit again with someone they have sat with.

Rule 4 counts every pair who meet again alike, host or traveller: that is
the ``repeats`` a plan reports, and what it minimises. Among plans with as
few repeats, one where travellers meet a host again beats one where two
travellers do (travellers carry ideas to new people). Which tables take the
extra seat when people do not divide evenly is part of the choice.

How: a greedy assignment, then a local search (moving a traveller to a
table one smaller, swapping two travellers) until nothing improves, with
random restarts from the best plan for rooms small enough to afford them;
then, for small rooms, an exhaustive branch-and-bound search that proves the
plan optimal or finds a better one (``EXACT_NODES`` bounds its work). A plan
says how far it may be from the best possible: ``lower_bound`` is a number of
repeats no plan can go below (exact when the search finished). Deterministic
for a given seed.
"""
from __future__ import annotations

import heapq
import random
from dataclasses import dataclass
from collections.abc import Mapping
from typing import Iterable

from facilitator.core.errors import DomainError
from facilitator.i18n import N_


class SeatingError(DomainError):
    """The room cannot be seated as asked; the message says what to change."""


@dataclass(frozen=True)
class Table:
    id: int
    capacity: int
    host: int | None = None


@dataclass(frozen=True)
class Plan:
    """Who sits at each table (the host first) and how many pairs meet again.

    ``lower_bound``: no plan for this room has fewer repeats; ``optimal`` when
    an exhaustive search proved none has fewer than ``repeats`` (then they are equal).
    """

    tables: dict[int, tuple[int, ...]]
    repeats: int
    lower_bound: int = 0
    optimal: bool = False

    @property
    def gap(self) -> int:
        """How many more repeats than the least possible, at most."""
        return self.repeats - self.lower_bound

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


Met = Mapping[int, set[int]]  # who each person has sat with: what met_at gives


def met_at(groups: Iterable[Iterable[int]]) -> dict[int, set[int]]:
    """Who each person has sat with, from the tables they sat at (a group: one table in one round).

    What :func:`seat` and :func:`place_late` look at, built straight from the
    tables: the same as :func:`meetings`' pairs made into neighbours, without
    making a pair for each (a café of 2,000 after two rounds: 14,000 pairs, then
    neighbours from them, about 12 ms of a round change's seating; this, 2 ms)."""
    adj: dict[int, set[int]] = {}
    for group in groups:
        group = list(group)
        for person in group:
            mine = adj.setdefault(person, set())
            mine.update(group)
            mine.discard(person)
    return adj


def _as_adjacency(met: "Iterable[Iterable[int]] | Met") -> Met:
    return met if isinstance(met, Mapping) else _adjacency(met)


def _pairs_of(met: "Iterable[Iterable[int]] | Met") -> Iterable[Iterable[int]]:
    if isinstance(met, Mapping):
        return ((a, b) for a, others in met.items() for b in others if a < b)
    return met


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


# A table of fewer is hardly a conversation: people are seated at as few
# tables as give each at least this many (one table when there are fewer).
MIN_AT_TABLE = 3


def tables_to_use(
    tables: Iterable[Table], people: int, *, present: Iterable[int] = (), fixed_at: Iterable[int] = (), at_least: int = 1
) -> list[Table]:
    """The tables to seat ``people`` at: enough seats for all, and no more tables
    than give each at least ``MIN_AT_TABLE`` people (at least one table).

    Tables someone stays at (``fixed_at``) are always used, then tables whose
    host is ``present``, then the others in their order.
    """
    tables = list(tables)
    present, fixed_at = set(present), set(fixed_at)
    want = min(len(tables), max(1, at_least, people // MIN_AT_TABLE))
    # By id, with the seats they hold kept as a running sum: comparing Tables
    # field by field in a list, and summing the chosen at every step, was
    # quadratic in the tables (a café of 625 tables seats 5,000 people).
    chosen = {t.id: t for t in tables if t.id in fixed_at}
    seats = sum(t.capacity for t in chosen.values())
    hosted = [t for t in tables if t.id not in fixed_at and t.host is not None and t.host in present]
    hosted_ids = {t.id for t in hosted}
    # The largest first, so that as few tables as can be hold everyone.
    others = sorted((t for t in tables if t.id not in fixed_at and t.id not in hosted_ids), key=lambda t: -t.capacity)
    for t in hosted + others:
        if len(chosen) >= want and seats >= people:
            break
        chosen[t.id] = t
        seats += t.capacity
    # A table added for its seats that others now hold is not needed.
    for t in sorted(chosen.values(), key=lambda t: t.capacity):
        if len(chosen) > want and t.id not in fixed_at and seats - t.capacity >= people:
            del chosen[t.id]
            seats -= t.capacity
    return [t for t in tables if t.id in chosen]


def seat(
    tables: Iterable[Table],
    people: Iterable[int],
    *,
    met: "Iterable[Iterable[int]] | Met" = (),
    pairs: Iterable[tuple[int, int]] = (),
    apart: Iterable[tuple[int, int]] = (),
    fixed: dict[int, int] | None = None,
    seed: int = 0,
) -> Plan:
    """Seat ``people`` (hosts included) at ``tables``; see the module docstring for the rules.

    ``met``: the pairs who have sat together, or who each has sat with
    (:func:`met_at`). ``pairs`` sit together, ``apart`` never share a table (whenever some
    seating allows it), and ``fixed`` maps a person to the table they stay at.
    Tables left unused (too few people) have no one; their hosts travel.
    """
    tables = list(tables)
    if not tables:
        raise SeatingError(N_("Add at least one table before seating people."))
    people = list(dict.fromkeys(people))
    present = set(people)
    ids = {t.id for t in tables}
    fixed = {p: t for p, t in (fixed or {}).items() if p in present and t in ids}
    seats = sum(t.capacity for t in tables)
    if len(people) > seats:
        raise SeatingError(
            N_("There are {people} people to seat but only {seats} seats: add a table or raise the tables' capacity."),
            people=len(people), seats=seats,
        )
    used = tables_to_use(tables, len(people), present=present, fixed_at=fixed.values())
    # The host of a table not used this round sits at another, as a traveller.
    while True:
        try:
            plan = _seat(used, people, met=met, pairs=pairs, apart=apart, fixed=fixed, seed=seed)
            break
        except SeatingError:
            if len(used) == len(tables):
                raise
            # Linked people may need a table more than their number does.
            used = tables_to_use(tables, len(people), present=present, fixed_at=fixed.values(), at_least=len(used) + 1)
    used_ids = {t.id for t in used}
    at = {t.id: list(plan.tables.get(t.id, ())) for t in tables}
    host_of = {t.id: t.host for t in used if t.host in present}
    if _keep_apart(tables, at, used_ids, people, pairs, apart, fixed, host_of):
        repeats = repeats_in(at.values(), _met_outside_links(met, pairs, people))
        lower = min(plan.lower_bound, repeats)
        plan = Plan(at, repeats, lower, lower == repeats)
    return Plan(
        {t.id: tuple(sorted(at[t.id], key=lambda p, t=t: (p != host_of.get(t.id), at[t.id].index(p)))) for t in tables},
        plan.repeats, plan.lower_bound, plan.optimal,
    )


def _met_outside_links(met, pairs, people) -> set[frozenset[int]]:
    """The pairs who have met, less those linked to each other (they sit together by choice)."""
    group = {}
    for number, g in enumerate(_groups(list(people), pairs)):
        group.update((p, number) for p in g)
    out = set()
    for pair in _pairs_of(met):
        pair = frozenset(pair)
        if len(pair) == 2:
            a, b = tuple(pair)
            if group.get(a, -1 - a) != group.get(b, -2 - b):
                out.add(pair)
    return out


def _seat(
    tables: list[Table],
    people: list[int],
    *,
    met: "Iterable[Iterable[int]] | Met",
    pairs: Iterable[tuple[int, int]],
    apart: Iterable[tuple[int, int]],
    fixed: dict[int, int],
    seed: int,
) -> Plan:
    present = set(people)
    rng = random.Random(seed)
    met_adj = _as_adjacency(met)
    apart_of = _adjacency(apart)
    # Who each has met or must not sit with: a cost looks at both.
    adj = met_adj if not apart_of else {
        p: met_adj.get(p, set()) | apart_of.get(p, set()) for p in met_adj.keys() | apart_of.keys()
    }
    empty: set[int] = set()
    cap = {t.id: t.capacity for t in tables}
    order = [t.id for t in tables]
    hosts = {t.host: t.id for t in tables if t.host is not None and t.host in present}
    total = len(people)
    if total > sum(cap.values()):
        raise SeatingError(
            N_("There are {people} people to seat but only {seats} seats at the tables in use: "
               "add a table or raise the tables' capacity."),
            people=total, seats=sum(cap.values()),
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
            raise SeatingError(N_("Two hosts are linked to each other; they cannot both stay at their own tables."))
        # A host's table, else the table one of them stays at (a host wins: they cannot leave theirs).
        staying = [p for p in group if p in fixed and fixed[p] in cap]
        if group_hosts or staying:
            first = group_hosts[0] if group_hosts else staying[0]
            table = hosts[first] if group_hosts else fixed[first]
            for p in sorted(group, key=lambda p: p != first):
                members[table].append(p)
                member_set[table].add(p)
            if len(members[table]) > cap[table]:
                raise SeatingError(
                    N_("The people who must sit at one table (a host or someone who stays, and who is kept with them) "
                       "do not fit there (capacity {capacity})."),
                    capacity=cap[table],
                )
        else:
            free_groups.append(group)
            if len(group) == 1:
                movable.add(group[0])

    host_of = {t.id: t.host for t in tables if t.host in present}
    # Every repeat weighs ``big``, and one between two travellers one more:
    # fewest repeats first, then hosts rather than travellers met again.
    # ``big`` exceeds any number of traveller repeats, so the order is strict.
    big = sum(c * (c - 1) // 2 for c in cap.values()) + 1
    host_people = set(host_of.values())
    # Two people kept apart at one table weigh more than every repeat there could be.
    apart_weight = (big + 1) * big + 1

    def weight(p: int, q: int) -> int:
        if q in apart_of.get(p, empty):
            return apart_weight
        return big if p in host_people or q in host_people else big + 1

    def cost(p: int, t: int) -> int:
        """What ``p`` adds at table ``t`` (not counting ``p`` itself, nor their linked group)."""
        g = group_of[p]
        return sum(weight(p, q) for q in adj.get(p, empty) & member_set[t] if group_of[q] != g and q != p)

    # Balanced sizes: fill the emptiest table that has room, one seat at a
    # time (a heap: at 2,000 people and 250 tables a scan per seat took a
    # second). Ties go to a random table, not the first: the local search
    # below moves the extra seats to where they help.
    table_rank = {t: rng.random() for t in order}
    target = {t: len(members[t]) for t in order}
    emptiest = [(target[t], table_rank[t], t) for t in order if target[t] < cap[t]]
    heapq.heapify(emptiest)
    for _ in range(total - sum(target.values())):
        size, r, t = heapq.heappop(emptiest)
        target[t] = size + 1
        if target[t] < cap[t]:
            heapq.heappush(emptiest, (target[t], r, t))

    # The hardest to place first: linked groups, then people who have met many.
    tiebreak = {p: rng.random() for p in people}
    free_groups.sort(key=lambda g: (-len(g), -sum(len(adj.get(p, empty)) for p in g), min(tiebreak[p] for p in g)))
    seated_at = {p: t for t in order for p in members[t]}
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
            # weight(p, q), written out: 14,000 calls a seating at 2,000 people.
            apart_p, p_hosts = apart_of.get(p, empty), p in host_people
            for q in adj.get(p, empty):
                if q in seated_at:
                    t = seated_at[q]
                    w = apart_weight if q in apart_p else (big if p_hosts or q in host_people else big + 1)
                    group_cost[t] = group_cost.get(t, 0) + w
        best = _best_table(roomiest, group_cost, size, target, members, table_rank)
        if best is None:
            fits = [t for t in order if cap[t] - len(members[t]) >= size]
            if not fits:
                raise SeatingError(N_("Linked people cannot be kept together with these table capacities."))
            best = min(
                fits,
                key=lambda t: (group_cost.get(t, 0), -(target[t] - len(members[t])), table_rank[t]),
            )
        members[best].extend(group)
        member_set[best].update(group)
        seated_at.update((p, best) for p in group)
        heapq.heappush(roomiest, (-(target[best] - len(members[best])), table_rank[best], best))

    where = {p: t for t in order for p in members[t]}
    search = _Search(order, cap, members, member_set, where, movable, adj, cost, weight, rng)

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
        search.move(p, lo)

    search.improve()
    if len(people) <= RESTART_PEOPLE:
        search.restart(RESTARTS)

    def weighted(tables_now) -> int:
        return sum(cost(p, t) for t, ps in tables_now.items() for p in ps) // 2

    optimal = False
    if total <= EXACT_PEOPLE:
        free = {p for g in free_groups for p in g}
        pinned = {t: [p for p in members[t] if p not in free] for t in order}
        found = _exact(order, cap, pinned, free_groups, group_of, adj, weight, members, weighted(members))
        if found is not None:
            better, optimal = found
            if better is not None:
                for t in order:
                    members[t] = list(better[t])
                    member_set[t] = set(better[t])
                where.update((p, t) for t in order for p in members[t])

    # Linked people sit together by choice: that is not a repeat meeting.
    repeats = sum(
        1 for p in people for q in met_adj.get(p, empty) & member_set[where[p]] if group_of[q] != group_of[p]
    ) // 2
    if optimal or repeats == 0:
        lower = repeats
    else:
        lower = min(repeats, _clique_bound(people, met_adj, group_of, len(order)))
        optimal = lower == repeats
    plan_tables = {t: tuple(sorted(members[t], key=lambda p: (p != host_of.get(t), members[t].index(p)))) for t in order}
    return Plan(plan_tables, repeats, lower, optimal or repeats == 0)


# Rooms up to this many people get random restarts of the local search (until
# RESTART_WORK costs have been looked up, about 50 ms), and
# rooms up to EXACT_PEOPLE an exhaustive search of at most EXACT_NODES steps
# (measured: docs/performance.md, "Seating").
RESTART_PEOPLE = 120
RESTARTS = 20
RESTART_WORK = 80_000
EXACT_PEOPLE = 30
EXACT_NODES = 8_000


def _best_table(roomiest, group_cost, size, target, members, table_rank) -> int | None:
    """The table for a group: the least repeat meetings, then the most room to its target size.

    The same choice as ranking every table with room for the group by
    ``(group_cost, -room, table_rank)``; None when no table has room left
    under its target. Tables the group has met someone at are few and ranked
    directly; of the others, the roomiest comes off the heap ``roomiest``
    (entries whose room has since changed are dropped as they surface).
    """
    # The room at a table is written out, not a function: 30,000 calls a seating at 2,000 people.
    candidates = []
    for t, cost in group_cost.items():
        if cost != 0:
            room = target[t] - len(members[t])
            if room >= size:
                candidates.append((cost, -room, table_rank[t], t))
    set_aside = []
    while roomiest:
        neg_room, rank, t = roomiest[0]
        if -neg_room != target[t] - len(members[t]):
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


class _Search:
    """Local search on the travellers who move on their own: a move to a table one
    smaller (the sizes, as a whole, stay as they were) or a swap of two, while the
    weighted repeats fall; and random restarts from the best plan found."""

    # At most this many tables are tried for one person in one pass: in a room of
    # 250 tables the first few with nobody they have met almost always do.
    SCAN = 64

    def __init__(self, order, cap, members, member_set, where, movable, adj, cost, weight, rng):
        self.order, self.cap, self.members, self.member_set, self.where = order, cap, members, member_set, where
        self.adj, self.cost, self.weight, self.rng = adj, cost, weight, rng
        self.movable = movable
        self.singles = sorted(movable)
        self.work = 0  # costs looked up, to bound the restarts' work (deterministically, unlike a clock)

    def move(self, p: int, dest: int) -> None:
        src = self.where[p]
        self.members[src].remove(p)
        self.member_set[src].discard(p)
        self.members[dest].append(p)
        self.member_set[dest].add(p)
        self.where[p] = dest

    def total(self) -> int:
        return sum(self.cost(p, t) for t in self.order for p in self.members[t]) // 2

    def improve(self, max_passes: int = 100) -> None:
        for _ in range(max_passes):
            conflicted = [p for p in self.singles if self.cost(p, self.where[p]) > 0]
            self.rng.shuffle(conflicted)
            improved = False
            for p in conflicted:
                improved |= self._better_place(p)
            if not improved:
                return

    def _better_place(self, p: int) -> bool:
        """Move or swap ``p`` to the first table where that lowers the weighted repeats."""
        members, cost, order = self.members, self.cost, self.order
        a = self.where[p]
        ca = cost(p, a)
        if ca == 0:
            return False
        adj_p = self.adj.get(p, ())
        n = len(order)
        start = self.rng.randrange(n)
        for i in range(min(n, self.SCAN)):
            b = order[(start + i) % n]
            if b == a:
                continue
            cb = cost(p, b)
            self.work += 1 + 2 * len(members[b])
            # A move to a table one smaller swaps the two sizes (to one two smaller, evens them).
            if cb < ca and len(members[b]) < len(members[a]) and len(members[b]) < self.cap[b]:
                self.move(p, b)
                return True
            best_delta, best_q = 0, None
            for q in members[b]:
                if q not in self.movable:
                    continue
                met = self.weight(p, q) if q in adj_p else 0
                delta = (cb - met) + (cost(q, a) - met) - ca - cost(q, b)
                if delta < best_delta:
                    best_delta, best_q = delta, q
            if best_q is not None:
                self.move(p, b)
                self.move(best_q, a)
                return True
        return False

    def restart(self, times: int) -> None:
        """Shake the best plan a little and search again, keeping the best."""
        best_cost = self.total()
        best = dict(self.where)
        for _ in range(times):
            if best_cost == 0 or len(self.singles) < 2 or self.work > RESTART_WORK:
                break
            for _ in range(3):
                p = self.rng.choice(self.singles)
                b = self.rng.choice(self.order)
                a = self.where[p]
                if a == b:
                    continue
                others = [q for q in self.members[b] if q in self.movable]
                if len(self.members[b]) + 1 == len(self.members[a]) and len(self.members[b]) < self.cap[b]:
                    self.move(p, b)
                elif others:
                    q = self.rng.choice(others)
                    self.move(p, b)
                    self.move(q, a)
            self.improve()
            now = self.total()
            if now < best_cost:
                best_cost, best = now, dict(self.where)
            elif now > best_cost:
                self._restore(best)
        self._restore(best)

    def _restore(self, where: dict[int, int]) -> None:
        for p in self.singles:
            if self.where[p] != where[p]:
                self.move(p, where[p])


def _keep_apart(tables, at, used_ids, people, pairs, apart, fixed, host_of) -> bool:
    """Part people kept apart whom the seating left at one table (the search
    only weighs that heavily, within balanced sizes): move or swap one of them,
    and if that is not enough, search every seating that keeps the links and
    the people who stay put, within ``APART_NODES`` steps. Changes ``at``;
    says whether it did. Balance yields to this: people kept apart matter more.
    """
    apart_of = _adjacency(apart)
    if not apart_of:
        return False
    empty: set[int] = set()
    cap = {t.id: t.capacity for t in tables}
    order = [t.id for t in tables]
    groups = _groups(list(people), pairs)
    group_of = {p: i for i, g in enumerate(groups) for p in g}
    pinned = {group_of[p] for p in host_of.values() if p in group_of} | {group_of[p] for p in fixed if p in group_of}
    where = {p: t for t, ps in at.items() for p in ps}

    def clashes(unit, t, leaving=()) -> bool:
        inside = set(unit) | set(leaving)
        return any(q in where and where[q] == t and q not in inside for p in unit for q in apart_of.get(p, empty))

    def clashing() -> list[tuple[int, int]]:
        return [(p, q) for p in people for q in apart_of.get(p, empty)
                if p < q and q in where and where[p] == where[q] and group_of[p] != group_of[q]]

    def place(unit, t) -> None:
        for p in unit:
            at[where[p]].remove(p)
            at[t].append(p)
            where[p] = t

    def rank(t):  # tables in use before empty ones, then the smallest
        return (t not in used_ids, not at[t], len(at[t]), order.index(t))

    changed = False
    for _ in range(2 * len(people) + 1):
        bad = clashing()
        if not bad:
            return changed
        progressed = False
        for p, q in bad:
            if where[p] != where[q]:
                continue
            for x in (q, p):
                if group_of[x] in pinned:
                    continue
                unit = groups[group_of[x]]
                src = where[x]
                fits = [t for t in order if t != src and len(at[t]) + len(unit) <= cap[t] and not clashes(unit, t)]
                if fits:
                    place(unit, min(fits, key=rank))
                    progressed = changed = True
                    break
                if len(unit) == 1:
                    swap = next(
                        ((r, t) for t in sorted(order, key=rank) if t != src for r in at[t]
                         if len(groups[group_of[r]]) == 1 and group_of[r] not in pinned
                         and not clashes([x], t, [r]) and not clashes([r], src, [x])),
                        None,
                    )
                    if swap is not None:
                        r, t = swap
                        place([x], t)
                        place([r], src)
                        progressed = changed = True
                        break
        if not progressed:
            break
    if not clashing():
        return changed
    found = _apart_search(order, cap, at, groups, group_of, pinned, apart_of, used_ids)
    if found is None:
        return changed
    for t in order:
        at[t] = found[t]
    return True


# The exhaustive search that parts people kept apart takes at most this many steps.
APART_NODES = 20_000


def _apart_search(order, cap, at, groups, group_of, pinned, apart_of, used_ids):
    """Any seating that keeps links, hosts and people who stay, within capacity, with
    nobody next to someone they are kept apart from; each group tried first where it sits."""
    empty: set[int] = set()
    fixed_at = {t: [p for p in at[t] if group_of[p] in pinned] for t in order}
    current = {p: t for t in order for p in at[t]}
    units = [g for i, g in enumerate(groups) if i not in pinned and g and g[0] in current]
    units.sort(key=lambda u: (-sum(len(apart_of.get(p, empty)) for p in u), -len(u)))
    seated = {t: list(fixed_at[t]) for t in order}
    sets = {t: set(seated[t]) for t in order}
    for t in order:
        for p in seated[t]:
            if (apart_of.get(p, empty) & sets[t]) - {q for q in sets[t] if group_of[q] == group_of[p]}:
                return None  # pinned people who clash: nothing to search
    steps = [0]

    def go(i: int) -> bool:
        steps[0] += 1
        if steps[0] > APART_NODES:
            return False
        if i == len(units):
            return True
        u = units[i]
        home = current[u[0]]
        tries = [home] + sorted((t for t in order if t != home), key=lambda t: (t not in used_ids, not sets[t], len(sets[t])))
        for t in tries:
            if len(sets[t]) + len(u) > cap[t]:
                continue
            if any(apart_of.get(p, empty) & sets[t] for p in u):
                continue
            seated[t].extend(u)
            sets[t].update(u)
            if go(i + 1):
                return True
            del seated[t][-len(u):]
            sets[t].difference_update(u)
        return False

    return seated if go(0) else None


class _OutOfSteps(Exception):
    pass


def _balanced_sizes(order, cap, n) -> tuple[dict[int, int], dict[int, int]]:
    """The least and most people each table may hold when sizes differ by at most one
    (tables whose capacity is below the level are full)."""
    level = 0
    while sum(min(cap[t], level + 1) for t in order) <= n and level < max(cap.values()):
        level += 1
    return {t: min(cap[t], level) for t in order}, {t: min(cap[t], level + 1) for t in order}


def _exact(order, cap, pinned, units, group_of, adj, weight, upper_members, upper_cost):
    """Branch and bound over every balanced seating of ``units`` (linked groups and
    single travellers) around the ``pinned`` people (hosts and their links).

    Returns None when the room cannot be balanced exactly, otherwise
    ``(better, proven)``: a better seating (or None if ``upper_members`` is as
    good as any), and whether the search finished within ``EXACT_NODES`` steps.
    """
    empty: frozenset[int] = frozenset()
    n = sum(len(ps) for ps in pinned.values()) + sum(len(u) for u in units)
    lo, hi = _balanced_sizes(order, cap, n)
    if any(len(pinned[t]) > hi[t] for t in order):
        return None
    if all(lo[t] <= len(upper_members[t]) <= hi[t] for t in order):
        best_cost = upper_cost
    else:
        best_cost = float("inf")
    units = sorted(units, key=lambda u: (-len(u), -sum(len(adj.get(p, empty)) for p in u), min(u)))
    unit_of = {p: i for i, u in enumerate(units) for p in u}
    at = {t: set(pinned[t]) for t in order}
    size = {t: len(pinned[t]) for t in order}
    index = {t: k for k, t in enumerate(order)}
    # added[j][k]: what unit j would add at table order[k] now, kept up to date
    # as units are placed; between[i]: the later units unit i has met, and how much.
    added = [[0] * len(order) for _ in units]
    between: list[dict[int, int]] = [{} for _ in units]
    for j, u in enumerate(units):
        for p in u:
            for q in adj.get(p, empty):
                if q not in group_of or group_of[q] == group_of[p]:
                    continue  # not here today, or linked to them
                if q in unit_of:
                    if unit_of[q] > j:
                        between[j][unit_of[q]] = between[j].get(unit_of[q], 0) + weight(p, q)
                else:
                    for t in order:
                        if q in at[t]:
                            added[j][index[t]] += weight(p, q)
    rest = [0] * (len(units) + 1)
    for i in range(len(units) - 1, -1, -1):
        rest[i] = rest[i + 1] + len(units[i])
    best: list = [best_cost, None]
    steps = [0]

    def search(i: int, cost: int, deficit: int) -> None:
        steps[0] += 1
        if steps[0] > EXACT_NODES:
            raise _OutOfSteps
        if i == len(units):
            best[0], best[1] = cost, {t: sorted(at[t]) for t in order}
            return
        # Each unit still to come adds at least its cheapest table as it is now.
        bound = cost + sum(min(added[j]) for j in range(i + 1, len(units)))
        u = units[i]
        k = len(u)
        options = []
        seen_empty = set()
        for t in order:
            if size[t] + k > hi[t]:
                continue
            after = deficit - max(0, lo[t] - size[t]) + max(0, lo[t] - size[t] - k)
            if after > rest[i + 1]:
                continue
            if size[t] == 0:
                # Empty tables of the same bounds are alike: trying one is enough.
                if (lo[t], hi[t]) in seen_empty:
                    continue
                seen_empty.add((lo[t], hi[t]))
            options.append((added[i][index[t]], t, after))
        options.sort(key=lambda o: o[0])
        for c, t, after in options:
            if bound + c >= best[0]:
                break
            col = index[t]
            at[t].update(u)
            size[t] += k
            for j, w in between[i].items():
                added[j][col] += w
            search(i + 1, cost + c, after)
            for j, w in between[i].items():
                added[j][col] -= w
            size[t] -= k
            at[t].difference_update(u)

    deficit = sum(max(0, lo[t] - size[t]) for t in order)
    try:
        search(0, 0, deficit)
    except _OutOfSteps:
        return best[1], False
    if best[1] is None and best_cost == float("inf"):
        return None  # no balanced seating keeps the linked people together
    return best[1], True


def _clique_bound(people, adj, group_of, n_tables: int) -> int:
    """Repeats no seating can avoid: people who have all met one another (and are not
    linked) spread over the tables as evenly as they can still meet again.

    The groups are disjoint, so their pairs are too and their counts add up.
    """
    empty: set[int] = set()
    unassigned = set(people)
    total = 0
    degree = {p: len(adj.get(p, empty)) for p in people}
    for v in sorted(people, key=lambda p: (-degree[p], p)):
        if v not in unassigned:
            continue
        unassigned.discard(v)
        clique, groups = [v], {group_of[v]}
        for c in sorted(adj.get(v, empty) & unassigned, key=lambda p: (-degree[p], p)):
            if group_of[c] not in groups and all(c in adj.get(m, empty) for m in clique):
                clique.append(c)
                groups.add(group_of[c])
                unassigned.discard(c)
        q, r = divmod(len(clique), n_tables)
        total += r * (q + 1) * q // 2 + (n_tables - r) * q * (q - 1) // 2
    return total


def place_late(
    tables: Iterable[Table],
    seated: dict[int, Iterable[int]],
    person: int,
    *,
    met: "Iterable[Iterable[int]] | Met" = (),
    pairs: Iterable[tuple[int, int]] = (),
    apart: Iterable[tuple[int, int]] = (),
    fixed: dict[int, int] | None = None,
) -> int:
    """The table for someone arriving after the seating.

    Their own if they host one or stay at one (when people sit there: nobody
    is sent to sit alone), their linked partner's if seated there with room;
    otherwise, of the tables with room, one where people already sit (never an
    empty one while a used table has room) and nobody they are kept apart
    from, with the most room, then the fewest repeat meetings, then in order.
    """
    tables = list(tables)
    size = {t.id: len(list(seated.get(t.id, ()))) for t in tables}
    people_at = {t.id: set(seated.get(t.id, ())) for t in tables}
    anyone = any(size.values())
    room = [t for t in tables if size[t.id] < t.capacity]
    if not room:
        raise SeatingError(N_("Every table is full: add a table or raise the tables' capacity."))
    own = [t for t in room if t.host == person or (fixed or {}).get(person) == t.id]
    for t in own:
        if size[t.id] or not anyone:
            return t.id
    partners = {b for a, b in pairs if a == person} | {a for a, b in pairs if b == person}
    for t in room:
        if people_at[t.id] & partners:
            return t.id
    avoid = {b for a, b in apart if a == person} | {a for a, b in apart if b == person}
    adj = _as_adjacency(met).get(person, set())
    order = {t.id: i for i, t in enumerate(tables)}
    return min(room, key=lambda t: (
        bool(people_at[t.id] & avoid), size[t.id] == 0 and anyone, -(t.capacity - size[t.id]),
        len(adj & people_at[t.id]), order[t.id],
    )).id
