"""Hostile input is bounded: each case a one-line problem with its exact message, exit 1, no traceback, in bounded
time; small limits come in through parameters so the tests stay fast. Hypothesis fuzzes every document loader and
the county loader: nothing but the library's own error escapes."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mechanisms import DataError, load_county
from mechanisms.county.org import OrgStructure, Unit
from mechanisms.county.records import County
from mechanisms.county.validation import validate_county
from mechanisms.coverage.arrays import CompactCounty
from mechanisms.errors import MechanismsError
from mechanisms.io.documents import parse, read_text
from mechanisms.io.guards import check_input, check_workbook

MECHANISMS = [str(Path(sys.executable).with_name("mechanisms"))]
LAUGHS = "a: &a [x,x,x,x,x,x,x,x,x]\n" + "".join(
    f"{b}: &{b} [{', '.join([f'*{a}'] * 9)}]\n" for a, b in zip("abcdefgh", "bcdefghi", strict=True))


def one_problem(exc: pytest.ExceptionInfo[DataError], lang: str = "zh") -> str:
    assert len(exc.value.problems) == 1
    return exc.value.problems[0].text(lang)


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*MECHANISMS, *args], capture_output=True, text=True, timeout=60, check=False)


# ---------------------------------------------------------------- documents

def test_yaml_is_read_without_implicit_typing() -> None:
    doc = parse("id: 0012\nname: NO\nother: yes\nday: 2024-01-01\ntime: 1:30\nn: 12\nx: 0.5\nok: true\nnone:\n", "yaml")
    assert doc == {"id": "0012", "name": "NO", "other": "yes", "day": "2024-01-01", "time": "1:30", "n": 12, "x": 0.5,
                   "ok": True, "none": None}
    assert parse("id: 12\nok: true\n", "yaml", plain=True) == {"id": "12", "ok": "true"}


def test_deep_yaml_is_one_problem_not_a_segfault() -> None:
    started = time.perf_counter()
    with pytest.raises(DataError) as exc:
        parse("[" * 100_000 + "]" * 100_000, "yaml", file="deep.yaml")
    assert one_problem(exc) == "deep.yaml，第 1 行：嵌套过深：超过 100 层列表或映射"
    assert one_problem(exc, "en") == "deep.yaml, row 1: nested too deep: more than 100 levels of lists or mappings"
    with pytest.raises(DataError) as exc:
        parse("a:\n  b:\n    c:\n      d: 1\n", "yaml", file="d.yaml", max_depth=3)
    assert one_problem(exc) == "d.yaml，第 4 行：嵌套过深：超过 3 层列表或映射"
    assert time.perf_counter() - started < 5


def test_billion_laughs_is_refused_before_it_expands() -> None:
    started = time.perf_counter()
    with pytest.raises(DataError) as exc:
        parse(LAUGHS, "yaml", file="lol.yaml")
    assert one_problem(exc) == "lol.yaml，第 5 行：YAML 别名展开过多：超过 10,000 个节点（疑似“十亿笑声”攻击）"
    assert time.perf_counter() - started < 2
    with pytest.raises(DataError) as exc:
        parse("q: &q 一句\na: [*q, *q, *q, *q, *q, *q]\n", "yaml", file="q.yaml", max_alias_nodes=3)
    # aliases may add as many nodes as the document writes (5 here), when that is more than the limit
    assert one_problem(exc, "en") == "q.yaml, row 2: YAML aliases expand too far: more than 5 nodes (a 'billion laughs' " \
        "document?)"
    assert parse("q: &q 一句\na: [*q, *q]\n", "yaml") == {"q": "一句", "a": ["一句", "一句"]}  # citing a quote is fine
    with pytest.raises(DataError) as exc:
        parse("a: &a [1, *a]\n", "yaml", file="self.yaml")
    assert one_problem(exc) == "self.yaml，第 1 行：YAML 别名 *a 指向包含它自己的节点（文档不能包含自身）"


def test_json_duplicate_keys_nan_huge_numbers_and_depth() -> None:
    with pytest.raises(DataError) as exc:
        parse('{"units": [{"id": "C", "id": "D"}]}', "json", file="c.json")
    assert one_problem(exc) == "c.json，字段“id”：JSON 对象中键“id”重复（全文共 1 处）"
    with pytest.raises(DataError) as exc:
        parse("[" * 100_000 + "]" * 100_000, "json", file="c.json")
    assert one_problem(exc) == "c.json：嵌套过深：超过 100 层列表或映射"
    with pytest.raises(DataError) as exc:
        parse("[[[1]]]", "json", file="c.json", max_depth=2)
    assert one_problem(exc) == "c.json：嵌套过深：超过 2 层列表或映射"
    with pytest.raises(DataError) as exc:
        parse("[NaN]", "json", file="c.json")
    assert one_problem(exc) == "c.json：NaN 不是 JSON 数值（标准 JSON 没有它）"
    with pytest.raises(DataError) as exc:
        parse("[1e999]", "json", file="c.json")
    assert one_problem(exc) == "c.json：数值过大：1e999（数字最多 100 位，且须在浮点数范围内）"
    with pytest.raises(DataError) as exc:
        parse("[" + "9" * 5000 + "]", "json", file="c.json")
    assert one_problem(exc, "en") == "c.json: number too large: 99999999999999999999… (5,000 characters) (at most 100 " \
        "digits, within the float range)"
    with pytest.raises(DataError) as exc:
        parse("x: " + "9" * 5000, "yaml", file="c.yaml")
    assert one_problem(exc).startswith("c.yaml，第 1 行：数值过大：")


def test_deep_toml_is_one_problem() -> None:
    with pytest.raises(DataError) as exc:
        parse("a = " + "[" * 100_000 + "]" * 100_000, "toml", file="m.toml")
    assert one_problem(exc) == "m.toml：嵌套过深：超过 100 层列表或映射"


# ---------------------------------------------------------------- files

def test_special_and_huge_files_are_refused_without_reading(tmp_path: Path) -> None:
    started = time.perf_counter()
    with pytest.raises(DataError) as exc:
        read_text(Path("/dev/zero"))
    assert one_problem(exc) == "/dev/zero：不是普通文件（设备、管道或套接字不能作为数据读取）"
    big = tmp_path / "big.yaml"
    big.write_bytes(b"a: 1\n" * 1000)
    with pytest.raises(DataError) as exc:
        read_text(big, max_bytes=100)
    assert one_problem(exc) == f"{big}：文件过大：5,000 字节，上限 100 字节"
    fifo = tmp_path / "units.csv"
    os.mkfifo(fifo)
    with pytest.raises(DataError) as exc:
        check_input(fifo)
    assert one_problem(exc, "en") == f"{fifo}: not a regular file (a device, pipe or socket cannot be read as data)"
    assert time.perf_counter() - started < 2


def test_a_county_file_linked_to_dev_zero_is_exit_1_at_once(tmp_path: Path) -> None:
    folder = tmp_path / "c"
    folder.mkdir()
    (folder / "units.csv").symlink_to("/dev/zero")
    (folder / "actors.csv").write_text("id,name,kind\n", encoding="utf-8")
    (folder / "assignments.csv").write_text("actor,role,unit\n", encoding="utf-8")
    started = time.perf_counter()
    r = cli("validate", str(folder))
    assert r.returncode == 1 and "Traceback" not in r.stderr + r.stdout
    assert "不是普通文件" in r.stdout + r.stderr and time.perf_counter() - started < 20


def _bomb(path: Path, size: int) -> None:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        with zf.open("xl/worksheets/sheet1.xml", "w") as fh:
            chunk = b"\0" * (1024 * 1024)
            for _ in range(size // len(chunk)):
                fh.write(chunk)


def test_an_xlsx_zip_bomb_is_refused_by_its_stated_and_its_packing(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.xlsx"
    _bomb(bomb, 64 * 1024 * 1024)  # 64 MB of zeros in ~64 kB
    started = time.perf_counter()
    with pytest.raises(DataError) as exc:
        check_workbook(bomb, max_uncompressed=16 * 1024 * 1024)
    assert one_problem(exc) == f"{bomb}：工作簿解压后过大：67,108,872 字节，上限 16,777,216 字节（疑似压缩炸弹）"
    with pytest.raises(DataError) as exc:
        check_workbook(bomb)
    assert one_problem(exc).startswith(f"{bomb}：工作簿成员 xl/worksheets/sheet1.xml 压缩比过高（")
    with pytest.raises(DataError) as exc:
        check_workbook(bomb, max_members=1)
    assert one_problem(exc, "en") == f"{bomb}: not a sound .xlsx workbook: its zip holds 2 files, the limit is 1"
    not_zip = tmp_path / "c.xlsx"
    not_zip.write_bytes(b"hello")
    with pytest.raises(DataError) as exc:
        check_workbook(not_zip)
    assert one_problem(exc) == f"{not_zip}：不是可读的 .xlsx 工作簿：File is not a zip file"
    assert time.perf_counter() - started < 10


# ---------------------------------------------------------------- structure

def test_a_duplicate_id_closing_a_loop_under_the_root_does_not_hang_validate() -> None:
    units = (Unit("C", "县", "county", None), Unit("T1", "镇", "town", "C"), Unit("V1", "村", "village", "T1"),
             Unit("T1", "镇2", "town", "V1"))
    started = time.perf_counter()
    problems = validate_county(County(OrgStructure(units=units)))
    assert time.perf_counter() - started < 2
    assert "units，第 4 行，字段“parent”：单位“T1”的上级链绕回了它自己（编号重复形成环）" in [p.text() for p in problems]
    assert [d.id for d in OrgStructure(units=units).descendants("C")] == ["T1", "V1"]


def test_more_than_127_levels_do_not_overflow_coverage_arrays() -> None:
    n = 300
    levels = [f"L{i}" for i in range(n)]
    county = CompactCounty.from_arrays(levels=levels, parent=[-1, *range(n - 1)], level=list(range(n)))
    assert county.level.dtype.itemsize >= 2 and int(county.level.max()) == n - 1
    assert county.ancestor_at(county.level.argmax().reshape(1), 0).tolist() == [0]


# ---------------------------------------------------------------- fuzzing

FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
NASTY = st.sampled_from(["[", "]", "{", "}", "&a ", "*a", "<<: ", "- ", ": ", "\n", "  ", '"', "'", "!!python/object ",
                         "0012", "NO", "1e999", "NaN", "9" * 60, ",", "#", "---", "|", ">", "?", "%YAML 1.1", "\t",
                         "!!binary ", "\\u0000", "\x00", "\ufeff"])
DOCS = st.lists(st.one_of(NASTY, st.text(max_size=8)), max_size=40).map("".join)


@FUZZ
@given(text=DOCS, fmt=st.sampled_from(["json", "yaml", "toml"]), plain=st.booleans())
def test_fuzzed_documents_give_data_or_a_data_error(text: str, fmt: str, plain: bool) -> None:
    try:
        parse(text, fmt, file="f", plain=plain, max_depth=8, max_alias_nodes=50)  # type: ignore[arg-type]
    except DataError as exc:
        assert exc.problems and all(p.message and p.en for p in exc.problems)


@FUZZ
@given(units=DOCS, fmt=st.sampled_from(["json", "yaml"]))
def test_fuzzed_county_documents_give_a_county_or_the_librarys_error(tmp_path_factory: pytest.TempPathFactory,
                                                                      units: str, fmt: str) -> None:
    path = tmp_path_factory.mktemp("fuzz") / f"county.{fmt}"
    body = f'{{"units": {units}}}' if fmt == "json" else f"units:\n  {units}\n"
    path.write_text(body, encoding="utf-8")
    with contextlib.suppress(MechanismsError):
        load_county(path)


@FUZZ
@given(cells=st.lists(st.lists(st.one_of(NASTY, st.text(max_size=6)), min_size=1, max_size=5), max_size=6))
def test_fuzzed_csv_counties_give_a_county_or_the_librarys_error(tmp_path_factory: pytest.TempPathFactory,
                                                                 cells: list[list[str]]) -> None:
    folder = tmp_path_factory.mktemp("fuzzcsv")
    rows = "\n".join(",".join(r) for r in cells)
    (folder / "units.csv").write_text("id,name,level,parent\n" + rows, encoding="utf-8")
    (folder / "actors.csv").write_text("id,name,kind\n", encoding="utf-8")
    (folder / "assignments.csv").write_text("actor,role,unit\n", encoding="utf-8")
    with contextlib.suppress(MechanismsError):
        load_county(folder)


def test_a_cell_over_131072_characters_is_a_problem_not_a_traceback(tmp_path: Path) -> None:
    folder = tmp_path / "c"
    folder.mkdir()
    (folder / "units.csv").write_text("id,name,level,parent\nC," + "县" * 200_000 + ",county,\n", encoding="utf-8")
    (folder / "actors.csv").write_text("id,name,kind\n", encoding="utf-8")
    (folder / "assignments.csv").write_text("actor,role,unit\n", encoding="utf-8")
    r = cli("validate", str(folder))
    assert "Traceback" not in r.stderr + r.stdout and "_csv.Error" not in r.stderr + r.stdout
    assert r.returncode in (0, 1)


YAML_CASES = [
    "a: 1\nb: 0012\nc: NO\nd: 1.5e3\ne: ~\nf: 'x'\ng: \"2\"\nh: true\ni: False\nj: [1, {k: v}]\n",
    "x: &a [1, 2]\ny: *a\n", "x: &a 5\ny: *a\n", "- &x {a: 1}\n- *x\n", "<<: {a: 1}\nb: 2\n", "a: 1\na: 2\n",
    "!!str 12", "a: !!int '5'\n", "? [1, 2]\n: x\n", "--- 1\n--- 2\n", "", "- 1\n- - 2\n  - 3\n", "a: *nope\n",
    "x: &a 1\ny: &a 2\n", "a: 1e400\n", "a: 12345678901234567890123456789012345678901234567890\n", "a: .inf\n",
    "a: -0\nb: -1.0\nc: 1E5\n", "{a: 1, b: [x, y], c: {}}", "[]", "null", "a: |\n  text\n  more\n", "a: >-\n  folded\n",
    "a: 'it''s'\n", "TRUE: x\n", "a: 0x10\n", "? a\n", "a:\n", "- ~\n- null\n- Null\n- NULL\n", "a: [1, 2\n",
]


def _pyyaml(text: str) -> object:
    """What PyYAML's strict loader makes of ``text`` after the bounds pass (the path before the one-pass builder)."""
    import yaml

    from mechanisms.io.guards import bad_number
    from mechanisms.io.strict_documents import NumberError, StrictLoader, _yaml_problem, bound_yaml

    try:
        bound_yaml(text, file="f.yaml")
        return ("data", yaml.load(text, Loader=StrictLoader))
    except yaml.YAMLError as exc:
        return ("error", [(p.row, p.message) for p in [_yaml_problem("f.yaml", exc)]])
    except NumberError as exc:
        return ("error", [(p.row, p.message) for p in [bad_number("f.yaml", exc.line, exc.token)]])
    except DataError as exc:
        return ("error", [(p.row, p.message) for p in exc.problems])
    except (ValueError, TypeError) as exc:
        return ("unreadable", str(exc))


@pytest.mark.parametrize("text", YAML_CASES)
def test_yaml_built_in_one_pass_is_what_the_strict_loader_builds(text: str) -> None:
    from mechanisms.io.strict_documents import parse_yaml

    try:
        got: object = ("data", parse_yaml(text, file="f.yaml"))
    except DataError as exc:
        got = ("error", [(p.row, p.message) for p in exc.problems])
        if exc.problems[0].message.startswith("YAML 内容无法读取"):
            got = ("unreadable", exc.problems[0].en.removeprefix("unreadable YAML: "))
    assert repr(got) == repr(_pyyaml(text))


def test_every_mechanism_file_is_built_in_one_pass_as_the_strict_loader_builds_it() -> None:
    import yaml

    from mechanisms.io.guards import MAX_ALIAS_NODES, MAX_NESTING
    from mechanisms.io.strict_documents import _UNBUILT, StrictLoader, _bounded

    root = Path(__file__).resolve().parents[1]
    files = sorted([*root.glob("plugins/*/src/*/*.yaml"), *root.glob("src/mechanisms/**/*.yaml")])
    assert files
    for f in files:
        text = f.read_text(encoding="utf-8")
        built = _bounded(text, str(f), MAX_NESTING, MAX_ALIAS_NODES, build=True)
        assert built is not _UNBUILT, f  # the fast path, not the fallback
        assert repr(built) == repr(yaml.load(text, Loader=StrictLoader)), f


def test_yaml_uses_libyaml_s_parser_where_pyyaml_has_it() -> None:
    import yaml

    from mechanisms.io.strict_documents import StrictLoader

    if yaml.__with_libyaml__:
        assert StrictLoader.__mro__[1].__module__ == "yaml._yaml"  # not the pure-Python reader/scanner/parser
