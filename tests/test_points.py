"""The household points ledger: earn by rule, redeem, deduct; never negative; the audit trail explains every balance."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mechanisms import Label
from mechanisms.county.records import PointsEntry
from mechanisms.model.scoring import PointsRule, PointsScheme
from mechanisms.year.points import PointsError, PointsLedger, ledger_from_records

D = dt.date
L = Label("x", "x")
SCHEME = PointsScheme(L, (PointsRule("clean-yard", L, 5), PointsRule("litter", L, -5), PointsRule("sorting", L, 3)),
                      yuan_per_point=0.5)


def test_earn_redeem_deduct_by_hand() -> None:
    led = PointsLedger(SCHEME)
    led.earn("H1", D(2024, 1, 10), "clean-yard")
    led.earn("H1", D(2024, 2, 10), "sorting")
    assert led.balance("H1") == 8
    led.redeem("H1", D(2024, 2, 20), 6, "兑换：洗衣粉")
    assert led.balance("H1") == 2
    line = led.deduct("H1", D(2024, 3, 1), "litter")  # −5 on a balance of 2: stops at 0
    assert (line.points, line.applied, line.balance, line.status) == (-5, -2, 0, "capped")
    with pytest.raises(PointsError, match="cannot redeem 1"):
        led.redeem("H1", D(2024, 3, 2), 1)
    assert led.balance("H1") == 0
    s = led.summary("H1")
    assert (s.earned, s.deducted, s.redeemed, s.balance, s.lines, s.flagged) == (8, 2, 6, 0, 4, 1)
    assert led.value(s.redeemed) == 3.0


def test_rules_are_checked() -> None:
    led = PointsLedger(SCHEME)
    with pytest.raises(PointsError, match="unknown points rule"):
        led.earn("H1", D(2024, 1, 1), "flying")
    with pytest.raises(PointsError, match="positive"):
        led.earn("H1", D(2024, 1, 1), "litter")
    assert led.earn("H1", D(2024, 1, 1), "clean-yard", 7).status == "rule-mismatch"
    assert led.lines[-1].applied == 7  # recorded as the county wrote it, flagged


def test_a_scheme_without_redemption_refuses_it() -> None:
    led = PointsLedger(PointsScheme(L, (PointsRule("good", L, 10),), redeemable=False))
    led.earn("H1", D(2024, 1, 1), "good")
    with pytest.raises(PointsError, match="cannot be redeemed"):
        led.redeem("H1", D(2024, 1, 2), 5)


def test_replaying_records_in_date_order() -> None:
    entries = [
        PointsEntry("H1", D(2024, 3, 1), -10, None, "兑换"),  # written first, but dated after the earnings
        PointsEntry("H1", D(2024, 1, 10), 5, "clean-yard"),
        PointsEntry("H1", D(2024, 2, 10), 5, "clean-yard"),
        PointsEntry("H1", D(2024, 3, 5), -20, None, "兑换：电饭锅"),  # more than the balance: refused
        PointsEntry("H2", D(2024, 1, 10), 4, "mystery"),
        PointsEntry("H2", D(2024, 1, 11), -5, "litter"),
    ]
    led = ledger_from_records(entries, SCHEME)
    assert [(ln.date, ln.kind, ln.applied, ln.balance, ln.status) for ln in led.lines if ln.household == "H1"] == [
        (D(2024, 1, 10), "earn", 5, 5, "ok"), (D(2024, 2, 10), "earn", 5, 10, "ok"),
        (D(2024, 3, 1), "redeem", -10, 0, "ok"), (D(2024, 3, 5), "redeem", 0, 0, "rejected")]
    assert [(ln.status, ln.applied, ln.balance) for ln in led.lines if ln.household == "H2"] == \
        [("unknown-rule", 4, 4), ("capped", -4, 0)]
    assert ledger_from_records(entries, SCHEME, on=D(2024, 2, 28)).balances == {"H1": 10, "H2": 0}


# ------------------------------------------------------------------ invariants

OPS = st.lists(st.tuples(
    st.sampled_from(["earn", "deduct", "redeem", "record"]),
    st.sampled_from(["H1", "H2", "H3"]),
    st.integers(0, 40),  # day offset
    st.sampled_from([None, "clean-yard", "litter", "sorting", "unknown"]),
    st.integers(-30, 30),
), max_size=60)


@settings(max_examples=150, deadline=None)
@given(OPS)
def test_ledger_invariants(ops: list[tuple[str, str, int, str | None, int]]) -> None:
    led = PointsLedger(SCHEME)
    for kind, hh, day, rule, pts in ops:
        date = D(2024, 1, 1) + dt.timedelta(days=day)
        try:
            if kind == "earn":
                led.earn(hh, date, rule, abs(pts) or None)
            elif kind == "deduct":
                led.deduct(hh, date, rule, pts or None)
            elif kind == "redeem":
                led.redeem(hh, date, abs(pts))
            else:
                led.record(PointsEntry(hh, date, pts, rule))
        except PointsError:
            pass  # a refused request changes nothing
        assert all(b >= 0 for b in led.balances.values())
    # every line: balance after = balance before + applied, never negative; nothing applied when rejected
    running: dict[str, int] = {}
    for ln in led.lines:
        running[ln.household] = running.get(ln.household, 0) + ln.applied
        assert ln.balance == running[ln.household] >= 0
        if ln.status == "rejected":
            assert ln.applied == 0
        if ln.kind == "earn":
            assert ln.applied >= 0
        else:
            assert ln.applied <= 0 and abs(ln.applied) <= abs(ln.points)
    assert running == led.balances
    for s in led.summaries():
        assert s.balance == s.earned - s.deducted - s.redeemed >= 0


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["H1", "H2"]), st.integers(0, 30), st.integers(-25, 25),
                          st.sampled_from([None, "clean-yard", "litter"])), max_size=40))
def test_replay_is_order_independent_within_dates_only_by_file_order(rows: list[tuple[str, int, int, str | None]]) -> None:
    entries = [PointsEntry(h, D(2024, 1, 1) + dt.timedelta(days=d), p, r) for h, d, p, r in rows]
    a = ledger_from_records(entries, SCHEME)
    b = ledger_from_records(sorted(entries, key=lambda e: e.date), SCHEME)  # stable: same order within a day
    assert a.balances == b.balances
    assert a.lines == b.lines
    assert len(a.lines) == len(entries)  # every record leaves a line, applied or not
