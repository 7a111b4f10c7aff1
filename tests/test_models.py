"""Every model round-trips unchanged through the converter and through JSON, TOML and YAML documents."""

from __future__ import annotations

import datetime as dt

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mechanisms import (
    DataError,
    Label,
    Mechanism,
    Observation,
    OrgStructure,
    Role,
    Unit,
    Visit,
    dumps,
    loads,
    structure,
    unstructure,
)
from mechanisms.county.records import PointsEntry, ProblemRecord
from mechanisms.io.documents import DocFormat
from mechanisms.model.campaign import Campaign
from mechanisms.model.indicators import IndicatorDef
from mechanisms.model.mechanism import ReferenceCase
from mechanisms.model.schedule import Frequency
from mechanisms.model.scoring import Scoring
from mechanisms.plugins.builtin import builtin_mechanisms

from .strategies import models

ROUND_TRIP = [Unit, OrgStructure, Role, Campaign, IndicatorDef, Scoring, ReferenceCase, Observation, Visit,
              ProblemRecord, PointsEntry, Mechanism]
SLOW = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@pytest.mark.parametrize("cls", ROUND_TRIP, ids=lambda c: c.__name__)
@pytest.mark.parametrize("fmt", ["json", "toml", "yaml"])
def test_documents_round_trip(cls: type[object], fmt: DocFormat) -> None:
    @SLOW
    @given(models(cls))
    def check(obj: object) -> None:
        assert structure(unstructure(obj), cls) == obj
        assert loads(dumps(obj, fmt), cls, fmt) == obj

    check()


@pytest.mark.parametrize("fmt", ["json", "toml", "yaml"])
def test_builtin_example_round_trips(fmt: str) -> None:
    (m,) = builtin_mechanisms()
    assert loads(dumps(m, fmt), Mechanism, fmt) == m  # type: ignore[arg-type]


def test_dates_travel_as_iso_text() -> None:
    v = Visit("a", "u", dt.date(2024, 2, 29))
    assert unstructure(v)["date"] == "2024-02-29"
    assert structure({"actor": "a", "unit": "u", "date": "2024-02-29"}, Visit) == v


def test_structure_reports_every_problem_with_its_path() -> None:
    data = {"key": "k", "name": {"zh": "名"}, "county": {"zh": "县", "en": "c"},
            "roles": [{"key": "r", "label": {"zh": "", "en": ""}, "level": "town", "actor_kinds": [],
                       "min_per_unit": "many", "colour": "red"}]}
    with pytest.raises(DataError) as info:
        structure(data, Mechanism, file="m.toml")
    lines = [str(p) for p in info.value.problems]
    assert lines == [
        "m.toml, field 'Mechanism.name.en': required field missing",
        "m.toml, field 'Mechanism.roles[key=r].min_per_unit': invalid value for type, expected int",
        "m.toml, field 'Mechanism.roles[key=r]': extra fields found (colour)",
    ]


def test_frequency_must_be_positive() -> None:
    with pytest.raises(ValueError):
        Frequency(0, "month")


def test_models_are_frozen() -> None:
    u = Unit("a", "A", "county")
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        u.name = "B"  # type: ignore[misc]
    assert attrs.evolve(u, name="B").name == "B"


@given(st.text(), st.text())
def test_label_falls_back_to_the_other_language(zh: str, en: str) -> None:
    label = Label(zh, en)
    assert label.get("zh") == (zh or en)
    assert label.get("en") == (en or zh)
