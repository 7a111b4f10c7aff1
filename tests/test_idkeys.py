"""Ids coded from their prefix and last bytes (io/idkeys.py) give the reference lookups exactly what Arrow's text
encoding gives: the same duplicates, the same rows found, the same problems in the same order, on hostile ids."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mechanisms.io import column_checks, idkeys
from mechanisms.io.column_checks import check_columns, lookup
from mechanisms.io.columns import read_columns
from mechanisms.io.readers import BLOCK_ROWS, blocks


def _same_partition(codes: np.ndarray, values: list[Any]) -> None:
    """Codes equal exactly where the values are equal; -1 exactly for None; dense from 0."""
    assert len(codes) == len(values)
    seen: dict[Any, int] = {}
    for c, v in zip(codes.tolist(), values, strict=True):
        if v is None:
            assert c == -1
            continue
        assert c >= 0
        assert seen.setdefault(v, c) == c, v
    assert len(set(seen.values())) == len(seen)  # different values, different codes
    if seen:
        assert set(seen.values()) == set(range(len(seen)))


def _arrow_lookup(ids: Any, *refs: Any) -> tuple[np.ndarray, list[np.ndarray]]:
    """The lookup as it was: Arrow's encoding of the text."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(column_checks, "id_keys", lambda parts: None)
        return lookup(ids, *refs)


def _both(ids: Sequence[str | None], *refs: Sequence[str | None], chunk: int | None = None) -> None:
    def arr(values: Sequence[str | None]) -> Any:
        a = pa.array(values, type=pa.string())
        if chunk:
            return pa.chunked_array([a.slice(i, chunk) for i in range(0, len(a), chunk)] or [a], type=pa.string())
        return a

    fast = lookup(arr(ids), *(arr(r) for r in refs))
    slow = _arrow_lookup(arr(ids), *(arr(r) for r in refs))
    with pytest.MonkeyPatch.context() as mp:  # the keys hashed, not searched (ids in no order)
        mp.setattr(column_checks, "sorted_lookup", lambda keys: None)
        hashed = lookup(arr(ids), *(arr(r) for r in refs))
    for other in (slow, hashed):
        assert fast[0].tolist() == other[0].tolist()
        for f, s in zip(fast[1], other[1], strict=True):
            assert f.tolist() == s.tolist()
    expected_dup = [v is not None and v in ids[:i] for i, v in enumerate(ids)]
    assert fast[0].tolist() == expected_dup
    first: dict[str, int] = {}
    for i, v in enumerate(ids):
        if v is not None:
            first.setdefault(v, i)
    for got, r in zip(fast[1], refs, strict=True):
        assert got.tolist() == [first.get(v, -1) if v is not None else -1 for v in r]


HOSTILE = ["T1", "T1 ", " T1", "T1\u200b", "Ｔ1", "T1", "", "T", "T\x00", "T\x00\x00", "\x00", "T10", "T01",
           "T001V00001G01H0001", "T001V00001G01H0002", "T001V00001G01H0001", "T001V00001G01H000", "张三", "张三家",
           "张三家 ", "a" * 40, "a" * 39 + "b", "a" * 40, None, "𝔸𝔹", "T1\r", "T1\n"]


def test_hostile_ids_get_the_codes_arrow_gives() -> None:
    codes = idkeys.id_codes([pa.array(HOSTILE, type=pa.string()), pa.array(list(reversed(HOSTILE)), pa.string())])
    assert codes is not None
    _same_partition(np.concatenate(codes), HOSTILE + list(reversed(HOSTILE)))


@pytest.mark.parametrize("chunk", [None, 1, 3, 7])
def test_duplicate_look_alike_and_missing_ids_are_found_as_arrow_finds_them(chunk: int | None) -> None:
    refs = ["T1", "T1 ", "Ｔ1", None, "nowhere", "T\x00", "T", "", "a" * 40, "T001V00001G01H0001", "张三家"]
    _both(HOSTILE, refs, list(reversed(refs)), chunk=chunk)


def test_empty_tables_and_all_null_columns() -> None:
    codes = idkeys.id_codes([pa.array([], pa.string()), pa.array([], pa.string())])
    assert codes is not None and [len(c) for c in codes] == [0, 0]
    _both([], [])
    _both([], ["T1", None])
    _both([None, None], [None, "x"])
    _both(["C"], [])


def test_large_string_and_empty_chunks() -> None:
    ids = pa.chunked_array([pa.array(["U1", "U2"], pa.large_string()), pa.array([], pa.large_string()),
                            pa.array(["U1", None], pa.large_string())])
    refs = pa.chunked_array([pa.array([], pa.string()), pa.array(["U2", "U3", None, "U1"], pa.string())])
    codes = idkeys.id_codes([ids, refs])
    assert codes is not None
    _same_partition(np.concatenate(codes), ["U1", "U2", "U1", None, "U2", "U3", None, "U1"])


def test_sorted_ids_are_searched_and_ids_in_no_order_are_hashed() -> None:
    keys = idkeys.id_keys([pa.array(["A1", "A2", "A2", "A3"]), pa.array(["A2", "A9", None, "A1"])])
    assert keys is not None
    by_sort = idkeys.sorted_lookup(keys)
    assert by_sort is not None
    assert by_sort[0].tolist() == [False, False, True, False]
    assert by_sort[1][0].tolist() == [1, -1, -1, 0]
    shuffled = idkeys.id_keys([pa.array([f"A{i}" for i in (5, 1, 4, 2, 3, 0, 9, 7, 8, 6) * 10])])
    assert shuffled is not None and idkeys.sorted_lookup(shuffled) is None


def test_ids_in_no_order_take_the_hash_path_and_agree() -> None:
    rng = np.random.default_rng(3)
    ids = [f"G{g:03d}H{h:03d}" for g in range(60) for h in range(40)]
    ids = [ids[i] for i in rng.permutation(len(ids))]
    refs = [ids[i] for i in rng.integers(0, len(ids), 3000)] + ["G000H999", "G999H000"]
    keys = np.concatenate(idkeys.id_codes([pa.array(ids), pa.array(refs)]) or [])
    _same_partition(keys, ids + refs)
    _both(ids, refs)


def test_ids_whose_prefixes_do_not_repeat_are_left_to_arrow() -> None:
    rng = np.random.default_rng(5)
    ids = [f"{x:032x}" for x in rng.integers(0, 2**62, 5000)]
    assert idkeys.id_codes([pa.array(ids)]) is None
    _both(ids, [*ids[::-7], "nope"])


def test_columns_that_are_not_text_are_left_to_arrow() -> None:
    assert idkeys.id_codes([pa.array([1, 2, 3])]) is None


@settings(max_examples=150, deadline=None)
@given(ids=st.lists(st.one_of(st.none(), st.text(alphabet="ab \x00\u200bＴ张", max_size=7)), max_size=40),
       refs=st.lists(st.one_of(st.none(), st.text(alphabet="ab \x00\u200bＴ张", max_size=7)), max_size=40),
       chunk=st.sampled_from([None, 1, 2, 5]))
def test_any_ids_and_references_agree_with_arrow(ids: list[str | None], refs: list[str | None],
                                                 chunk: int | None) -> None:
    _both(ids, refs, chunk=chunk)


def test_blocks_slice_a_long_column_without_copying() -> None:
    col = pa.chunked_array([pa.array(np.arange(BLOCK_ROWS * 2 + 5))])
    out = blocks(col)
    assert [len(c) for c in out.chunks] == [BLOCK_ROWS, BLOCK_ROWS, 5]
    assert out.equals(col)
    short = pa.chunked_array([pa.array([1, 2])])
    assert blocks(short) is short


def test_a_county_with_look_alike_and_duplicate_ids_gives_the_same_problems_in_the_same_order(tmp_path: Path) -> None:
    d = tmp_path / "c"
    d.mkdir()
    households = "".join(f"T1V1G1H{h:03d},户{h},household,T1V1G1\n" for h in range(30))
    (d / "units.csv").write_text(
        "id,name,level,parent\nC,县,county,\nT1,镇,town,C\nT1V1,村,village,T1\nT1V1,村二,village,T1\n"
        "T1V1G1,组,group,T1V1\nT1V1G1 ,组二,group,T1V1\n" + households + "T1V1G1H001,重复,household,T1V1G1\n"
        "T1V1G1H999,悬空,household,T1V1G9\n", encoding="utf-8")
    (d / "actors.csv").write_text("id,name,kind\nA1,甲,cadre\nA1,乙,cadre\nＡ2,丙,cadre\n", encoding="utf-8")
    (d / "assignments.csv").write_text("actor,role,unit\nA1,r,T1V1G1H001\nA2,r,T1V1G1H002\nＡ2,r,T1V1G1H00\n"
                                       "A1,r,T1V1G1H001\n", encoding="utf-8")

    def problems() -> list[tuple[str, int | None, str | None, str]]:
        cols, log = read_columns(d)
        check_columns(cols, None, log)
        return [(Path(p.file).name, p.row, p.field, p.en or p.message) for sev in ("error", "warning")
                for p in log.problems(sev)]

    fast = problems()
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(column_checks, "id_keys", lambda parts: None)
        slow = problems()
    assert fast == slow
    assert any("T1V1G9" in m for *_, m in fast)
