"""Household points ledgers (积分制, 积分超市): earn by rule, redeem, balance, never negative, with an audit trail.

Every change goes through :class:`PointsLedger`, which keeps one :class:`LedgerLine` per
request — applied or not — so the trail explains every balance. The rules:

- **earn**: a rule's points (positive), or the points given; always applied.
- **deduct**: a penalty rule's points (negative). The balance never goes below 0: a penalty
  larger than the balance takes it to 0 and the line says ``capped`` with both figures.
- **redeem**: spending points at the supermarket. More than the balance is refused
  (``rejected``, nothing applied; :meth:`PointsLedger.redeem` raises, replaying records does not).
  A scheme that is not redeemable refuses every redemption.
- Replaying a county's ``points`` table (:func:`ledger_from_records`) orders entries by date,
  keeping file order within a day; a positive entry earns, a negative one with a rule deducts,
  a negative one without a rule redeems. Unknown rules and points that differ from the
  rule's are applied as recorded and flagged, so nothing the county wrote is lost.

Invariants (tested with hypothesis): every balance ≥ 0; balance = earned − deducted − redeemed
(as applied); each line's balance = the previous balance + its applied points.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Literal

import attrs

from ..county.records import PointsEntry
from ..errors import _BilingualError
from ..model.labels import _
from ..model.scoring import PointsRule, PointsScheme

LineKind = Literal["earn", "deduct", "redeem"]
LineStatus = Literal["ok", "capped", "rejected", "unknown-rule", "rule-mismatch"]


class PointsError(_BilingualError):
    """A ledger request that cannot be applied (redeeming more than the balance, an unknown rule); ``str`` is the
    English, ``text("zh")`` the Chinese."""


@attrs.frozen
class LedgerLine:
    """One request to the ledger and what it did: ``points`` as asked (signed), ``applied`` as booked."""

    household: str
    date: dt.date
    kind: LineKind
    points: int
    applied: int
    balance: int
    """The household's balance after this line."""
    rule: str | None = None
    note: str = ""
    status: LineStatus = "ok"


@attrs.frozen
class HouseholdPoints:
    household: str
    earned: int
    deducted: int
    redeemed: int
    balance: int
    lines: int
    last: dt.date | None
    flagged: int
    """Lines that were capped, rejected, or did not match the scheme's rules."""


class PointsLedger:
    """An append-only points ledger for many households."""

    def __init__(self, scheme: PointsScheme | None = None) -> None:
        self.scheme = scheme
        self.rules: dict[str, PointsRule] = {r.key: r for r in scheme.rules} if scheme else {}
        self.lines: list[LedgerLine] = []
        self._balance: dict[str, int] = {}

    def balance(self, household: str) -> int:
        return self._balance.get(household, 0)

    @property
    def balances(self) -> dict[str, int]:
        return dict(self._balance)

    def _book(self, household: str, date: dt.date, kind: LineKind, points: int, applied: int, rule: str | None,
              note: str, status: LineStatus) -> LedgerLine:
        bal = self.balance(household) + applied
        assert bal >= 0, "a points balance went negative"
        self._balance[household] = bal
        line = LedgerLine(household, date, kind, points, applied, bal, rule, note, status)
        self.lines.append(line)
        return line

    def _rule_points(self, rule: str | None, points: int | None) -> tuple[int, LineStatus]:
        if rule is None:
            if points is None:
                raise PointsError(_("give a rule or a number of points"))
            return points, "ok"
        r = self.rules.get(rule)
        if r is None:
            if points is None:
                raise PointsError(_("unknown points rule {rule} ({rules})").format(
                    rule=repr(rule), rules=", ".join(self.rules) or _("none")))
            return points, "unknown-rule" if self.scheme is not None else "ok"
        if points is None or points == r.points:
            return r.points, "ok"
        return points, "rule-mismatch"

    def earn(self, household: str, date: dt.date, rule: str | None = None, points: int | None = None,
             note: str = "") -> LedgerLine:
        """Book points earned (by ``rule``, or ``points`` given); they must be positive."""
        pts, status = self._rule_points(rule, points)
        if pts <= 0:
            raise PointsError(_("earning needs positive points, got {points}").format(points=pts))
        return self._book(household, date, "earn", pts, pts, rule, note, status)

    def deduct(self, household: str, date: dt.date, rule: str | None = None, points: int | None = None,
               note: str = "") -> LedgerLine:
        """Book a penalty (negative points); the balance stops at 0 (the line is then ``capped``)."""
        pts, status = self._rule_points(rule, points)
        if status == "ok" and pts > 0 and rule is not None and rule in self.rules:
            status = "rule-mismatch"  # a rule that earns points used as a penalty
        pts = -abs(pts)
        applied = max(pts, -self.balance(household))
        if applied != pts:
            status = "capped"
        return self._book(household, date, "deduct", pts, applied, rule, note, status)

    def redeem(self, household: str, date: dt.date, points: int, note: str = "", *, strict: bool = True) -> LedgerLine:
        """Spend ``points`` (a positive amount). More than the balance, or a non-redeemable scheme: refused."""
        amount = abs(points)
        refused = None
        if self.scheme is not None and not self.scheme.redeemable:
            refused = _("this scheme's points cannot be redeemed")
        elif amount > self.balance(household):
            refused = _("{household} has {balance} points, cannot redeem {amount}").format(
                household=household, balance=self.balance(household), amount=amount)
        if refused is not None:
            if strict:
                raise PointsError(refused)
            return self._book(household, date, "redeem", -amount, 0, None, note, "rejected")
        return self._book(household, date, "redeem", -amount, -amount, None, note, "ok")

    def record(self, entry: PointsEntry) -> LedgerLine:
        """Replay one recorded entry (never raises for a refusal: the line says ``rejected``)."""
        if entry.points >= 0:
            if entry.points == 0:
                return self._book(entry.household, entry.date, "earn", 0, 0, entry.rule, entry.note,
                                  "unknown-rule" if entry.rule and self.scheme and entry.rule not in self.rules else "ok")
            return self.earn(entry.household, entry.date, entry.rule, entry.points, entry.note)
        if entry.rule is not None:
            return self.deduct(entry.household, entry.date, entry.rule, entry.points, entry.note)
        return self.redeem(entry.household, entry.date, -entry.points, entry.note, strict=False)

    def summary(self, household: str) -> HouseholdPoints:
        lines = [ln for ln in self.lines if ln.household == household]
        return _summary(household, lines)

    def summaries(self) -> list[HouseholdPoints]:
        by: dict[str, list[LedgerLine]] = {}
        for ln in self.lines:
            by.setdefault(ln.household, []).append(ln)
        return [_summary(h, ls) for h, ls in sorted(by.items())]

    def value(self, points: int) -> float | None:
        """Points in yuan at the scheme's rate (``None`` where the scheme gives none)."""
        if self.scheme is None or self.scheme.yuan_per_point is None:
            return None
        return points * self.scheme.yuan_per_point


def _summary(household: str, lines: list[LedgerLine]) -> HouseholdPoints:
    return HouseholdPoints(
        household,
        earned=sum(ln.applied for ln in lines if ln.kind == "earn"),
        deducted=-sum(ln.applied for ln in lines if ln.kind == "deduct"),
        redeemed=-sum(ln.applied for ln in lines if ln.kind == "redeem"),
        balance=lines[-1].balance if lines else 0,
        lines=len(lines),
        last=max((ln.date for ln in lines), default=None),
        flagged=sum(1 for ln in lines if ln.status != "ok"),
    )


def ledger_from_records(entries: Iterable[PointsEntry], scheme: PointsScheme | None = None,
                        on: dt.date | None = None) -> PointsLedger:
    """Replay a county's points records (up to ``on``) in date order; see the module's rules."""
    ledger = PointsLedger(scheme)
    ordered = sorted(enumerate(entries), key=lambda ie: (ie[1].date, ie[0]))
    for _order, e in ordered:
        if on is None or e.date <= on:
            ledger.record(e)
    return ledger


__all__ = ["HouseholdPoints", "LedgerLine", "PointsError", "PointsLedger", "ledger_from_records"]
