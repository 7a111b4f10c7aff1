"""What a simulated year assumes: turnover, replacement, reassignment, visit compliance, risk events, deadline.

A :class:`Scenario` is a frozen attrs record whose fields take plain values through
converters — ``Scenario(turnover=0.1)``, ``Scenario(turnover={"party-member": 0.2, "*": 0.1})``
and ``attrs.evolve(s, compliance=0.8)`` all work — so it reads from a TOML/YAML file
(:func:`load_scenario`) and a parameter sweep can set any field by name
(:meth:`Scenario.with_param`). Per-role values are :class:`PerRole`: one default for every
role (``"*"``) and overrides by role key.

The defaults are illustrative, not taken from any source: 10 % of the holders of each role
leave a year, a post stays vacant 60 days, the unit's remaining actors stand in meanwhile,
90 % of scheduled visits happen, a household meets 0.1 risk events a year, and the deadline
is the mechanism's own where it states one (Xunyi: a risk clue identified within 15 days),
else 30 days.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal, get_args

import attrs
import cattrs

from ..converter import cattrs_problems, cattrs_text, make_converter
from ..errors import DataError, DataProblem, Said, UsageError
from ..io.documents import format_for, parse
from ..model.labels import Label, _
from ..model.mechanism import Mechanism
from ..model.schedule import PERIOD_KINDS, PeriodKind

Reassign = Literal["remaining", "least-loaded-in-town", "nearest", "optimal", "none"]
REASSIGN_POLICIES: tuple[str, ...] = get_args(Reassign)
DEFAULT_DEADLINE = 30
"""Days allowed to find a risk event when neither the scenario nor the mechanism says."""
DEFAULT_KEY = "*"


class ScenarioError(UsageError):
    """Every problem of a scenario at once, each with the field it concerns (a file reports them one per line)."""

    def __init__(self, problems: list[tuple[str, Label]]) -> None:
        self.problems = problems
        lines = [_("scenario: {message}").format(message=message) for _field, message in problems]
        super().__init__(Label("\n".join(line.get("zh") for line in lines), "\n".join(line.en for line in lines)))


def _number(value: Any, what: str) -> float:
    if isinstance(value, bool):
        raise UsageError(_("{what}: expected a number, got {value}").format(what=what, value=repr(value)))
    if isinstance(value, str) and value.strip().lower() in ("never", "inf", "infinity"):
        return math.inf
    try:
        return float(value)
    except (TypeError, ValueError):
        raise UsageError(_("{what}: expected a number, got {value}").format(what=what, value=repr(value))) from None


@attrs.frozen
class PerRole:
    """A value per role: ``default`` for every role not named in ``roles`` (``None``: not set).

    Written in a scenario file as a number (every role) or a table keyed by role, with
    ``"*"`` for the rest: ``turnover = {party-member = 0.2, "*" = 0.1}``.
    """

    default: float | None = None
    roles: tuple[tuple[str, float], ...] = ()

    def get(self, role: str) -> float | None:
        for key, value in self.roles:
            if key == role:
                return value
        return self.default

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(k for k, _value in self.roles)

    def with_role(self, role: str, value: float) -> PerRole:
        if role == DEFAULT_KEY:
            return attrs.evolve(self, default=value)
        rest = tuple((k, v) for k, v in self.roles if k != role)
        return attrs.evolve(self, roles=(*rest, (role, value)))

    def to_plain(self) -> float | dict[str, float] | None:
        """The form a scenario file writes: a number when no role is named, else a table."""
        if not self.roles:
            return self.default
        out = {} if self.default is None else {DEFAULT_KEY: self.default}
        out.update(dict(self.roles))
        return out

    @classmethod
    def of(cls, value: Any, what: str = "value") -> PerRole:
        """A :class:`PerRole` from a number, ``None``, a mapping role → number, or a PerRole."""
        if isinstance(value, PerRole):
            return value
        if value is None:
            return cls()
        if isinstance(value, Mapping):
            default = None
            roles = []
            for k, v in value.items():
                if str(k) in (DEFAULT_KEY, "default"):
                    default = _number(v, f"{what}.{k}")
                else:
                    roles.append((str(k), _number(v, f"{what}.{k}")))
            return cls(default, tuple(roles))
        return cls(_number(value, what))


# attrs converters, one named function per field: mypy's attrs plugin types a converter only when it is a named
# function, a type or a lambda (not the result of a call such as a converter factory)
def _turnover(value: Any) -> PerRole:
    return PerRole.of(value, "turnover")


def _replacement_days(value: Any) -> PerRole:
    return PerRole.of(value, "replacement_days")


def _compliance(value: Any) -> PerRole:
    return PerRole.of(value, "compliance")


def _visit_interval(value: Any) -> PerRole:
    return PerRole.of(value, "visit_interval")


def _event_rate(value: Any) -> float:
    return _number(value, "event_rate")


def _date(value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        raise UsageError(_("start: not a date (YYYY-MM-DD): {value}").format(value=repr(value))) from None


def _int_or_none(value: Any) -> int | None:
    if value is None:
        return None
    number = _number(value, "deadline")
    if not math.isfinite(number) or not number.is_integer():
        raise UsageError(_("deadline: expected a whole number of days, got {value}").format(value=repr(value)))
    return int(number)


def _int(value: Any) -> int:
    number = _number(value, "days")
    if not math.isfinite(number) or not number.is_integer():
        raise UsageError(_("days: expected a whole number of days, got {value}").format(value=repr(value)))
    return int(number)


@attrs.frozen
class Scenario:
    """One simulated stretch of time for a staffed county. Every field has a default; see ``docs/simulation.md``."""

    days: int = attrs.field(default=365, converter=_int)
    """Days simulated, one step a day."""
    start: dt.date = attrs.field(default=dt.date(2024, 1, 1), converter=_date)
    """The first simulated day; periods are calendar periods from it."""
    period: PeriodKind = "month"
    """Metrics are reported per calendar period of this kind (and for the whole run as period ``all``)."""
    turnover: PerRole = attrs.field(factory=lambda: PerRole(0.1), converter=_turnover)
    """Departures per post per year (a Poisson rate: 0.1 means about one holder in ten leaves a year)."""
    replacement_days: PerRole = attrs.field(factory=lambda: PerRole(60.0), converter=_replacement_days)
    """Days a post stays vacant before a successor arrives; ``inf`` (or ``"never"``) for no successor."""
    reassign: Reassign = "remaining"
    """Who answers for a vacant post meanwhile: ``remaining`` (the least-loaded other holder of the same role on the
    same unit; for household roles, in the same village), ``least-loaded-in-town`` (the least-loaded holder of the
    role in the same town), ``nearest`` (the least-loaded holder of the same unit or village, else of the town, else of
    the county), ``optimal`` (the holder of the role county-wide whose taking over keeps the role's largest load
    lowest: the exact optimum of each single hand-over, see ``mechanisms.reassign`` for the whole-county MILP)
    or ``none``."""
    compliance: PerRole = attrs.field(factory=lambda: PerRole(0.9), converter=_compliance)
    """Probability that a scheduled visit takes place."""
    visit_interval: PerRole = attrs.field(factory=PerRole, converter=_visit_interval)
    """Days between visits, overriding the role's frequency (a role with neither does not visit)."""
    event_rate: float = attrs.field(default=0.1, converter=_event_rate)
    """Risk events per household per year (a Poisson rate)."""
    deadline: int | None = attrs.field(default=None, converter=_int_or_none)
    """Days allowed from a risk event arising to its being found; ``None``: the mechanism's, else 30."""

    def __attrs_post_init__(self) -> None:
        problems: list[tuple[str, Label]] = []
        if self.days < 1:
            problems.append(("days", _("days must be at least 1, got {value}").format(value=self.days)))
        if self.period not in PERIOD_KINDS:
            problems.append(("period", _("period must be one of {choices}, got {value}").format(
                choices=", ".join(PERIOD_KINDS), value=repr(self.period))))
        if self.reassign not in REASSIGN_POLICIES:
            problems.append(("reassign", _("reassign must be one of {choices}, got {value}").format(
                choices=", ".join(REASSIGN_POLICIES), value=repr(self.reassign))))
        for name, lo, hi in (("turnover", 0, math.inf), ("replacement_days", 0, math.inf), ("compliance", 0, 1),
                             ("visit_interval", 0, math.inf)):
            pr: PerRole = getattr(self, name)
            for key, value in ((DEFAULT_KEY, pr.default), *pr.roles):
                if value is None:
                    continue
                bad = math.isnan(value) or not lo <= value <= hi or (name == "visit_interval" and value <= 0)
                if bad:
                    problems.append((name, _("{name}[{key}] = {value} is out of range").format(
                        name=name, key=key, value=value)))
                if name == "turnover" and math.isinf(value):
                    problems.append((name, _("turnover[{key}] must be finite").format(key=key)))
        if not (self.event_rate >= 0 and math.isfinite(self.event_rate)):
            problems.append(("event_rate", _("event_rate must be a finite number >= 0, got {value}").format(
                value=self.event_rate)))
        if self.deadline is not None and self.deadline < 0:
            problems.append(("deadline", _("deadline must be >= 0 days, got {value}").format(value=self.deadline)))
        if problems:
            raise ScenarioError(problems)

    def check_roles(self, role_keys: tuple[str, ...]) -> None:
        """Refuse per-role values for roles the mechanism does not have (a typo would silently do nothing)."""
        unknown = sorted({k for name in ("turnover", "replacement_days", "compliance", "visit_interval")
                          for k in getattr(self, name).keys if k not in role_keys})
        if unknown:
            raise UsageError(_("scenario names unknown role(s) {names} (roles: {roles})").format(
                names=", ".join(unknown), roles=", ".join(role_keys)))

    def role_value(self, name: str, role: str) -> float | None:
        """The value of per-role field ``name`` for ``role``: its own, else the file's ``"*"``, else the field default."""
        per_role: PerRole = getattr(self, name)
        value = per_role.get(role)
        if value is None:
            # a per-role field's default is an attrs.Factory making a PerRole (typed as a function in attrs' stubs)
            factory = getattr(attrs.fields_dict(Scenario)[name].default, "factory", None)
            made = factory() if callable(factory) else None
            value = made.default if isinstance(made, PerRole) else None
        return value

    def deadline_for(self, mechanism: Mechanism | None) -> int:
        if self.deadline is not None:
            return self.deadline
        stated = mechanism_deadline(mechanism) if mechanism is not None else None
        return DEFAULT_DEADLINE if stated is None else stated

    def with_param(self, name: str, value: Any) -> Scenario:
        """The scenario with one parameter set: a field (``compliance``) or one role of a per-role field
        (``turnover.party-member``). This is what ``sweep --grid`` calls."""
        field, _dot, role = name.partition(".")
        fields = attrs.fields_dict(Scenario)
        if field not in fields:
            raise UsageError(_("unknown scenario parameter {name} (parameters: {names})").format(
                name=repr(name), names=", ".join(fields)))
        if role:
            current = getattr(self, field)
            if not isinstance(current, PerRole):
                raise UsageError(_("{field} is not set per role; use {field}=VALUE").format(field=field))
            changes: dict[str, Any] = {field: current.with_role(role, _number(value, name))}
        else:
            changes = {field: value}
        return attrs.evolve(self, **changes)

    def to_dict(self) -> dict[str, Any]:
        """Plain data, as a scenario file holds it (``None`` left out; no successor written ``"never"``, which JSON
        can carry and infinity it cannot)."""
        def plain(v: Any) -> Any:
            if isinstance(v, dict):
                return {k: plain(x) for k, x in v.items()}
            return "never" if isinstance(v, float) and math.isinf(v) and v > 0 else v

        out = scenario_converter.unstructure(self)
        return {k: plain(v) for k, v in out.items() if v is not None}


def mechanism_deadline(mechanism: Mechanism) -> int | None:
    """The days a mechanism allows to act on a risk clue, where its campaign states one (Xunyi: 15)."""
    if mechanism.campaign is None:
        return None
    within = [w for t in mechanism.campaign.tasks for w in t.within]
    for w in within:
        if w.after in ("clue", "risk", "risk-clue", "risk-event"):
            return w.days
    return within[0].days if within else None


def _make_converter() -> cattrs.Converter:
    c = make_converter(cattrs.Converter(forbid_extra_keys=True))
    c.register_structure_hook(PerRole, lambda v, _type: PerRole.of(v))
    # choices are checked with every other field in Scenario.__attrs_post_init__, not one at a time by cattrs
    c.register_structure_hook_func(lambda t: t in (Reassign, PeriodKind), lambda v, _type: v)
    c.register_unstructure_hook(PerRole, lambda v: v.to_plain())
    return c


scenario_converter = _make_converter()
"""A converter of our own for scenarios (per-role values as numbers or tables); the library's is left alone."""


def scenario_from_dict(data: Mapping[str, Any], *, file: str = "<scenario>") -> Scenario:
    """A scenario from plain data; every problem is reported at once, naming the file and field.

    Values that cannot be read (a word for a number, an unknown key) are reported first; the
    fields that could be read are then checked for range all the same, so one pass shows all.
    """
    if not isinstance(data, Mapping):
        raise DataError([DataProblem.of(file, None, None, _("a scenario is a table of parameters"))])
    data = dict(data.get("scenario", data)) if isinstance(data.get("scenario"), Mapping) else dict(data)
    try:
        return scenario_converter.structure(data, Scenario)
    except ScenarioError as exc:
        raise DataError([DataProblem.of(file, None, f"scenario.{name}", message)
                         for name, message in exc.problems]) from None
    except UsageError as exc:
        raise DataError([DataProblem.of(file, None, None, Label(exc.text("zh"), str(exc)))]) from None
    except (cattrs.BaseValidationError, ValueError, TypeError) as exc:
        # a ScenarioError inside cattrs' is the range checks, made again below over every field that could be read
        found = (cattrs_problems(exc, "scenario", lambda e, t: None if isinstance(e, ScenarioError) else cattrs_text(e, t))
                 if isinstance(exc, cattrs.BaseValidationError) else [("", Said("", str(exc)))])
        problems, unreadable = [], set()
        for path, message in found:
            problems.append(DataProblem.of(file, None, path or None, message))
            unreadable.add(path.removeprefix("scenario.").split(".")[0].split("[")[0])
        readable = {k: v for k, v in data.items() if k in attrs.fields_dict(Scenario) and k not in unreadable}
        try:
            Scenario(**readable)
        except ScenarioError as checked:
            problems += [DataProblem.of(file, None, f"scenario.{name}", message) for name, message in checked.problems]
        except (UsageError, ValueError, TypeError):
            pass  # already reported above, as cattrs saw it
        raise DataError(problems) from None


def load_scenario(path: str | Path) -> Scenario:
    """Read a scenario from a TOML, YAML or JSON file (its keys at the top level or under ``[scenario]``)."""
    path = Path(path)
    fmt = format_for(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise UsageError(_("{path}: cannot read the scenario file ({reason})").format(path=path, reason=exc.strerror)) \
            from None
    return scenario_from_dict(parse(text, fmt, file=str(path)) or {}, file=str(path))
