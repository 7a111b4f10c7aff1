"""The plugin contract: what every mechanism plugin must satisfy, checked in one call from its own tests.

A plugin's test file calls :func:`check_contract` once (``assert_contract`` raises with every failure listed)
instead of re-implementing the same checks; what is particular to the mechanism — its figures, its rules as the
source states them — stays in the plugin's own tests.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

from ..converter import structure, unstructure
from ..io.documents import dumps, loads
from ..io.mechanism_file import read_mechanism_file
from ..model.assumptions import apply_overrides, get_path
from ..model.checks import check_mechanism
from ..model.mechanism import Mechanism
from ..model.reference import compute_derived
from ..plugins.manager import load_catalog

CADENCES = ("day", "week", "month", "quarter", "half", "year")


def quotes_of(data: Any) -> Iterator[str]:
    """Every non-empty ``quote`` in an unstructured mechanism, depth first."""
    if isinstance(data, dict):
        q = data.get("quote")
        if isinstance(q, str) and q:
            yield q
        for v in data.values():
            yield from quotes_of(v)
    elif isinstance(data, list):
        for v in data:
            yield from quotes_of(v)


def _strings(data: Any) -> Iterator[str]:
    if isinstance(data, dict):
        for v in data.values():
            yield from _strings(v)
    elif isinstance(data, list):
        for v in data:
            yield from _strings(v)
    elif isinstance(data, str):
        yield data


def _fold(text: str) -> str:
    return re.sub(r"\s+", "", text)


def changed_value(value: float | str | bool) -> float | str | bool | None:
    """A different value of the same kind, to show an assumption can be overridden (``None``: no generic one)."""
    if isinstance(value, bool):
        return not value
    if isinstance(value, int):
        return value + 1
    if isinstance(value, float):
        return value / 2 if 0 < value <= 1 else value + 1
    if re.fullmatch(r"\d{4}-\d\d-\d\d", value):
        return (dt.date.fromisoformat(value) - dt.timedelta(days=1)).isoformat()
    if value in CADENCES:
        return "quarter" if value != "quarter" else "month"
    return None


def contract_problems(key: str, *, source: Path, mechanism_file: Path | Traversable | None = None) -> list[str]:
    """Every way the installed mechanism ``key`` breaks the contract (empty when it keeps it).

    ``source`` is the document the mechanism comes from (a plugin keeps a copy beside its tests);
    ``mechanism_file`` is the plugin's data file, whose ``quotes`` section is checked too.
    """
    from click.testing import CliRunner

    from ..cli import main

    out: list[str] = []
    catalog = load_catalog()
    own = [str(p) for p in catalog.problems if key in str(p)]
    out += [f"catalog: {p}" for p in own]
    if key not in catalog.entries:
        return [*out, f"{key}: not in the catalog of installed mechanisms"]
    m = catalog.get(key)
    out += [f"check: {p}" for p in check_mechanism(m)]

    # quotes: verbatim in the source (white space aside), and each sentence of the file's section in use
    text = _fold(source.read_text(encoding="utf-8"))
    quotes = list(quotes_of(unstructure(m)))
    if mechanism_file is not None:
        file_mech, section = read_mechanism_file(mechanism_file)
        if file_mech != m:
            out.append(f"{mechanism_file}: differs from the mechanism the catalog holds")
        used = set(_strings(unstructure(m)))
        out += [f"quotes.{name}: not cited anywhere" for name, q in section.items() if q not in used]
        quotes += list(section.values())
    if m.source is not None and m.source.file != source.name:
        out.append(f"source.file is {m.source.file!r} but the source given is {source.name!r}")
    out += [f"quote not in {source.name}: {q}" for q in dict.fromkeys(quotes) if _fold(q) not in text]

    # round trips through the converter and every document format
    if structure(unstructure(m), Mechanism) != m:
        out.append("round trip: structure(unstructure(m)) != m")
    for fmt in ("toml", "yaml", "json"):
        if loads(dumps(m, fmt), Mechanism, fmt) != m:
            out.append(f"round trip: {fmt} document differs")

    # assumptions: explained, pointing at their values, each overridable on its own
    keys = [a.key for a in m.assumptions]
    out += [f"assumption {k!r} declared twice" for k in {k for k in keys if keys.count(k) > 1}]
    for a in m.assumptions:
        if a.reason is None or not (a.reason.zh and a.reason.en):
            out.append(f"assumption {a.key!r}: no reason in both languages")
        if "." in a.path and re.search(r"\.\d+(\.|$)|\[\d+\]", a.path):
            out.append(f"assumption {a.key!r}: index path {a.path!r}")
        new = changed_value(a.value)
        if new is None:
            continue
        try:
            changed = apply_overrides(m, {a.key: new})
        except Exception as exc:  # report, and go on to the others
            out.append(f"assumption {a.key!r}: override to {new!r} failed: {exc}")
            continue
        got = get_path(changed, a.path)
        if not (got == new or (isinstance(got, int | float) and isinstance(new, int | float) and float(got) == float(new))):
            out.append(f"assumption {a.key!r}: override to {new!r} left {got!r} at {a.path}")
        out += [f"assumption {a.key!r} = {new!r}: {p}" for p in check_mechanism(changed)]

    # the reference case's hedged figures, and the commands a user starts with
    if m.reference is not None:
        try:
            hedged_figures(m)
        except AssertionError as exc:
            out.append(f"hedged figures: {exc}")
    runner = CliRunner(env={"COLUMNS": "400"})
    for args in (["show", key, "--format", "json"], ["show", key], ["show", key, "--lang", "en"],
                 ["case", key, "--format", "json"], ["case", key], ["case", key, "--lang", "en"]):
        result = runner.invoke(main, args)
        if result.exit_code != 0:
            out.append(f"mechanisms {' '.join(args)}: exit {result.exit_code}: {result.output[-300:]}")
        elif "--format" in args:
            doc = json.loads(result.stdout)
            if doc.get("key") != key:
                out.append(f"mechanisms {' '.join(args)}: key {doc.get('key')!r}")
            if args[0] == "case" and m.reference is not None:
                want = [dv.value for dv in compute_derived(m.reference)]
                if [d["value"] for d in doc["derived"]] != want:
                    out.append(f"mechanisms {' '.join(args)}: derived values differ from compute_derived")
    return out


def assert_contract(key: str, *, source: Path, mechanism_file: Path | Traversable | None = None) -> Mechanism:
    """Check the contract and fail with every problem at once; returns the mechanism for further checks."""
    problems = contract_problems(key, source=source, mechanism_file=mechanism_file)
    assert not problems, f"{key} breaks the plugin contract:\n" + "\n".join(problems)
    return load_catalog().get(key)


def hedged_figures(mechanism: Mechanism) -> dict[str, str]:
    """The figures a mechanism's source gives only as a floor or ceiling (key → ``approx``), once it is checked that
    every ratio computed from one of them, directly or through another ratio, is marked approximate and no other is.

    A plugin's test compares the result with the figures its source hedges (多/余/以上, 近).
    """
    from ..model.formula import names

    assert mechanism.reference is not None, f"{mechanism.key} has no reference case"
    stated: dict[str, str] = {f.key: f.approx for f in mechanism.reference.figures if f.approx != "exact"}
    hedged = set(stated)
    for dv in compute_derived(mechanism.reference):
        assert dv.approx == bool(names(dv.derived.formula) & hedged), f"{dv.derived.key}: approx should be {not dv.approx}"
        if dv.approx:
            hedged.add(dv.derived.key)
    return stated
