"""The 3Cs pulse: anonymous, counted once, shown only as aggregates from three answers."""
import pytest
from sqlalchemy import inspect, select

from facilitator.core import agenda
from facilitator.activities.pulse import rules as pulse
from facilitator.core.errors import DomainError
from facilitator.core.models import Activity, Event, Participant
from facilitator.activities.pulse.models import PulseResponder, PulseTally
from tests.circle_support import circle_event

AGENDA = [{"kind": "checkin", "config": {"pulse": True}}, {"kind": "checkout", "config": {"pulse": True}}]


def rate(db, activity_id, participant_id, **ratings):
    with db.session_scope() as s:
        return pulse.answer(s, s.get(Activity, activity_id), s.get(Participant, participant_id), ratings)[0]


def test_no_table_of_the_pulse_holds_both_a_person_and_a_rating(db):
    tally = {c.name for c in inspect(PulseTally).columns}
    marker = {c.name for c in inspect(PulseResponder).columns}
    assert "participant_id" not in tally
    assert not marker & {"control", "contact", "confidence", "score", "dimension", "created_at"}


def test_a_person_is_counted_once(db):
    _, _, aid, ids = circle_event(db, kind="checkin", config={"pulse": True})
    assert rate(db, aid, ids["Amara"], control=5) is True
    assert rate(db, aid, ids["Amara"], control=1) is False
    with db.read_scope() as s:
        counts = {(t.dimension, t.score): t.count for t in s.scalars(select(PulseTally))}
    assert counts[("control", 5)] == 1 and counts[("control", 1)] == 0
    assert len(counts) == 15  # every counter made at once: row order tells nothing


def test_aggregates_appear_only_from_three_answers_and_show_the_change_since_check_in(db):
    code, eid, checkin_id, ids = circle_event(db, names=("A", "B", "C", "D"), kind="checkin", agenda_items=AGENDA)
    for pid, score in zip(ids.values(), (2, 3, 4)):
        rate(db, checkin_id, pid, control=score, contact=score)
    rate(db, checkin_id, ids["D"], confidence=5)
    with db.session_scope() as s:
        event = s.get(Event, eid)
        checkout_id = event.activities[1].id
        agenda.go_to(s, event, checkout_id)
    for pid in list(ids.values())[:3]:
        rate(db, checkout_id, pid, control=4, contact=2)
    with db.read_scope() as s:
        result = pulse.pulse_aggregates(s, s.get(Event, eid))
    assert result["checkin"]["control"] == {"label": "Control", "count": 3, "mean": 3.0, "shown": True}
    assert result["checkin"]["confidence"] == {"label": "Confidence", "count": None, "mean": None, "shown": False}
    assert result["checkout"]["control"]["mean"] == 4.0
    assert result["change"] == {"control": 1.0, "contact": -1.0, "confidence": None}


def test_ratings_are_from_one_to_five_and_only_where_the_circle_has_a_pulse(db):
    _, _, aid, ids = circle_event(db, kind="checkin", config={"pulse": True})
    with pytest.raises(DomainError):
        rate(db, aid, ids["Amara"], control=6)
    with pytest.raises(DomainError):
        rate(db, aid, ids["Amara"])
    _, _, plain, others = circle_event(db, kind="checkin")
    with pytest.raises(DomainError):
        rate(db, plain, others["Amara"], control=3)


def screen_pulse(db, eid):
    from facilitator.whole_event import views

    with db.read_scope() as s:
        activity = views.screen_snapshot(s, s.get(Event, eid), "http://x")["activity"]
    return activity["pulse_results"]["scores"], activity.get("pulse_change")


def test_one_more_answer_cannot_be_read_from_two_screen_views_in_a_row(db):
    names = tuple(f"P{i}" for i in range(8))
    _, eid, aid, ids = circle_event(db, names=names, kind="checkin", config={"pulse": True})
    before, _ = screen_pulse(db, eid)
    for pid, score in zip(ids.values(), (2, 5, 3, 1, 4, 4, 2, 5)):
        rate(db, aid, pid, control=score, contact=score)
        after, _ = screen_pulse(db, eid)
        for c in pulse.DIMENSIONS:
            if after[c] != before[c]:
                # Whatever moved holds at least three new ratings together: none can be picked out.
                assert after[c]["count"] - (before[c]["count"] or 0) >= pulse.MIN_ANSWERS
        before = after
    # Eight answers: the screen shows the first six together, not each new one.
    assert before["control"] == {"label": "Control", "count": 6, "mean": 3.2, "shown": True}
    assert before["confidence"]["shown"] is False
    # The event's record shows the same step: two more ratings wait for a third.
    with db.read_scope() as s:
        assert pulse.pulse_aggregates(s, s.get(Event, eid))["checkin"]["control"]["count"] == 6


def test_the_fourth_answer_leaves_the_screen_and_the_change_since_check_in_as_they_were(db):
    code, eid, checkin_id, ids = circle_event(db, names=("A", "B", "C", "D"), kind="checkin", agenda_items=AGENDA)
    for pid in ids.values():
        rate(db, checkin_id, pid, control=3)
    with db.session_scope() as s:
        event = s.get(Event, eid)
        checkout_id = event.activities[1].id
        agenda.go_to(s, event, checkout_id)
    for pid, score in zip(list(ids.values())[:3], (4, 4, 4)):
        rate(db, checkout_id, pid, control=score)
    shown, change = screen_pulse(db, eid)
    assert shown["control"]["mean"] == 4.0 and change["control"] == 1.0
    rate(db, checkout_id, ids["D"], control=1)
    assert screen_pulse(db, eid) == (shown, change)


def test_beginning_the_round_again_keeps_what_the_screen_shows_of_the_pulse(db):
    from facilitator.activities.circle import rules as circle

    _, eid, aid, ids = circle_event(db, names=("A", "B", "C", "D"), kind="checkin", config={"pulse": True})
    for pid, score in zip(ids.values(), (2, 3, 4)):
        rate(db, aid, pid, control=score)
    shown, _ = screen_pulse(db, eid)
    with db.session_scope() as s:
        circle.restart(s, s.get(Activity, aid))
    # Were the shown step forgotten, the next answer would show four ratings against the three seen before.
    rate(db, aid, ids["D"], control=5)
    assert screen_pulse(db, eid)[0] == shown


# --- what anyone in the room could work out ------------------------------------


def _readings(db, eid):
    """Every pulse number the screen, the console and the exports give now:
    [(source, C, count, mean or None, histogram or None)] and the screen's `answered`."""
    from facilitator.exports import exact_copy, report_view
    from facilitator.whole_event import views

    out = []
    with db.read_scope() as s:
        event = s.get(Event, eid)
        screen = views.screen_snapshot(s, event, "http://x")["activity"]["pulse_results"]
        console = views.console_snapshot(s, event, "http://x")["activity"]["pulse_results"]
        report = report_view.build(s, event)["pulse"]  # what the HTML, Markdown and spreadsheet reports print
        backup = exact_copy.records(s, event)  # the JSON archive
    for source, scores in (("screen", screen["scores"]), ("console", console["scores"]), ("report", report["checkin"])):
        for c in pulse.DIMENSIONS:
            if scores[c]["shown"]:
                out.append((source, c, scores[c]["count"], scores[c]["mean"], None))
    for c in pulse.DIMENSIONS:
        histogram = {t["score"]: t["count"] for t in backup["pulse_tally"] if t["dimension"] == c}
        if histogram:
            out.append(("archive", c, sum(histogram.values()), None, histogram))
    return out, (screen["answered"], console["answered"])


def _possible_ratings(n, checkpoints):
    """For each of n ratings (1-5, in the order given), every value it could have had,
    given what is known of the first k ratings' sum at each checkpoint {k: set of sums}."""
    forward = [{0}]
    for k in range(1, n + 1):
        sums = {a + v for a in forward[-1] for v in pulse.SCORES}
        forward.append(sums & checkpoints[k] if k in checkpoints else sums)
    backward = [set() for _ in range(n + 1)]
    backward[n] = forward[n]
    for k in range(n, 0, -1):
        backward[k - 1] = {a for a in forward[k - 1] if any(a + v in backward[k] for v in pulse.SCORES)}
    return [
        {v for a in backward[j - 1] for v in pulse.SCORES if a + v in backward[j]}
        for j in range(1, n + 1)
    ]


def test_no_single_pulse_answer_can_be_worked_out_from_everything_the_screen_console_and_exports_show(db):
    """Readings after every answer, from every place that shows the pulse, put together as an
    observer would (who also knows the order people answered in): no rating is pinned down."""
    answers = [  # (control, contact, confidence); None: that C left out
        (2, 4, 3), (5, 1, 4), (3, 3, None), (4, 2, 2), (1, 5, 5),
        (None, 4, 1), (5, 3, 3), (2, 2, 4), (4, None, 2), (3, 5, 5), (1, 1, 3),
    ]
    names = tuple(f"P{i}" for i in range(len(answers)))
    _, eid, aid, ids = circle_event(db, names=names, kind="checkin", config={"pulse": True})
    given = {c: [] for c in pulse.DIMENSIONS}
    known = {c: {} for c in pulse.DIMENSIONS}  # C -> {how many ratings: the sums they could add up to}
    histograms = {c: set() for c in pulse.DIMENSIONS}
    answered_seen = set()
    for pid, ratings in zip(ids.values(), answers):
        rated = {c: r for c, r in zip(pulse.DIMENSIONS, ratings) if r is not None}
        rate(db, aid, pid, **rated)
        for c, r in rated.items():
            given[c].append(r)
        readings, answered = _readings(db, eid)
        answered_seen.update(answered)
        for source, c, count, mean, histogram in readings:
            if histogram is not None:
                sums = {sum(score * n for score, n in histogram.items())}
                histograms[c].add(tuple(sorted(histogram.items())))
            else:  # a mean rounded to one place: every whole sum that rounds to it
                sums = {t for t in range(count, 5 * count + 1) if round(t / count, 1) == mean}
            known[c][count] = known[c].get(count, sums) & sums
    for c in pulse.DIMENSIONS:
        possible = _possible_ratings(len(given[c]), known[c])
        for j, (values, actual) in enumerate(zip(possible, given[c]), start=1):
            assert actual in values
            assert len(values) > 1, f"the {j}th {c} rating ({actual}) can be worked out from {sorted(known[c])}"
        # Two archives never differ by fewer than three ratings of a C, which would show their scores.
        totals = sorted(sum(n for _, n in h) for h in histograms[c])
        assert all(b - a >= pulse.MIN_ANSWERS for a, b in zip(totals, totals[1:])), totals
    # How many have answered moves in the same steps: it never marks one person's answer arriving.
    assert all(a is None or a % pulse.MIN_ANSWERS == 0 for a in answered_seen), answered_seen
