"""Messages that were English only, now in both languages: a mechanism's consistency problems (check_mechanism), a
scenario's, and the usage errors of commands -- Chinese by default, the English word for word with ``--lang en``."""

from __future__ import annotations

from pathlib import Path

import attrs
import pytest
from click.testing import CliRunner

from mechanisms import DataError, UsageError, check_mechanism, dumps, load_catalog
from mechanisms.cli import main
from mechanisms.errors import DataProblem
from mechanisms.model.labels import _
from mechanisms.simulation.scenario import Scenario, load_scenario

EXAMPLE = load_catalog(entry_points=False).get("example")


def _run(*args: str) -> tuple[int, str]:
    r = CliRunner().invoke(main, list(args), env={"MECHANISMS_LANG": ""})
    return r.exit_code, r.stderr


def test_a_mechanism_problem_is_placed_and_said_in_either_language() -> None:
    roles = (attrs.evolve(EXAMPLE.roles[0], level="province"), *EXAMPLE.roles[1:])
    (problem,) = check_mechanism(attrs.evolve(EXAMPLE, roles=roles))
    role = EXAMPLE.roles[0].key
    assert problem.text("zh") == f"机制 example，字段“roles[key={role}].level”：角色 '{role}' 所在层级 'province' 未知"
    assert problem.text("en") == str(problem) == (f"mechanism example, field 'roles[key={role}].level': role '{role}' "
                                                  "is on unknown level 'province'")


def test_every_check_of_a_broken_mechanism_speaks_chinese() -> None:
    roles = (attrs.evolve(EXAMPLE.roles[0], min_per_unit=0, actor_kinds=()), EXAMPLE.roles[0], *EXAMPLE.roles[1:])
    problems = check_mechanism(attrs.evolve(EXAMPLE, key="bad key", roles=roles))
    assert [p.message for p in problems] == [
        "键 'bad key' 应非空，只含字母、数字、“-”、“_”或“.”",
        f"角色 '{EXAMPLE.roles[0].key}' 声明了两次",
        "至少应为 1，实为 0",
        f"角色 '{EXAMPLE.roles[0].key}' 未写明可由哪类责任主体担任",
    ]
    assert all(p.en and p.en != p.message for p in problems)


def test_a_broken_mechanism_file_is_reported_in_the_chosen_language(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(dumps(attrs.evolve(EXAMPLE, key="mine"), "yaml").replace("level: town", "level: province", 1),
                   encoding="utf-8")
    code, err = _run("show", "mine", "--mechanism-file", str(bad))
    assert code == 1
    assert err.splitlines() == [f"{bad}，字段“roles[key=county-leader].level”：角色 'county-leader' 所在层级 'province' 未知",
                                "共发现 1 个问题。"]
    code, err = _run("--lang", "en", "show", "mine", "--mechanism-file", str(bad))
    assert err.splitlines() == [f"{bad}, field 'roles[key=county-leader].level': role 'county-leader' is on unknown "
                                "level 'province'", "1 problem(s) found."]


def test_a_scenario_file_reports_in_either_language(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('days = 0\ncompliance = "lots"\nfoo = 1\n', encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_scenario(bad)
    assert [p.text("zh") for p in caught.value.problems] == [
        f"{bad}，字段“scenario.compliance”：value：应为数字，实为 'lots'",
        f"{bad}，字段“scenario”：有多余的字段（foo）",
        f"{bad}，字段“scenario.days”：days 至少应为 1，实为 0",
    ]
    assert [p.text("en") for p in caught.value.problems] == [
        f"{bad}, field 'scenario.compliance': value: expected a number, got 'lots'",
        f"{bad}, field 'scenario': extra fields found (foo)",
        f"{bad}, field 'scenario.days': days must be at least 1, got 0",
    ]


def test_scenario_errors_carry_both_languages() -> None:
    with pytest.raises(UsageError) as caught:
        Scenario().with_param("turnover.x", "many")
    assert caught.value.text("zh") == "turnover.x：应为数字，实为 'many'"
    assert str(caught.value) == "turnover.x: expected a number, got 'many'"
    with pytest.raises(UsageError) as caught:
        Scenario(turnover={"nobody": 0.1}).check_roles(("cadre",))
    assert caught.value.text("zh") == "情景中有未知角色 nobody（已有角色：cadre）"


@pytest.mark.parametrize(("args", "zh", "en"), [
    (["coverage", "demo"], "错误：请用 --mechanism KEY 指定机制（见 `mechanisms list`）",
     "Error: name a mechanism with --mechanism KEY (see `mechanisms list`)"),
    (["reassign", "demo", "--mechanism", "example"],
     "错误：离任者只能用一种方式给出：--leaving ID,…、--leaving-file 文件 或 --share F（配合 --seed）",
     "Error: name the leavers once: --leaving ID,…, --leaving-file FILE or --share F (with --seed)"),
    (["reassign", "demo", "--mechanism", "example", "--share", "2"], "错误：--share 应在 0 到 1 之间，实为 2.0",
     "Error: --share must be between 0 and 1, got 2.0"),
    (["sweep", "demo", "--mechanism", "example", "--grid", "compliance"],
     "错误：--grid 应写成 PARAM=v1,v2,…，实为 'compliance'", "Error: --grid expects PARAM=v1,v2,…, got 'compliance'"),
])
def test_a_command_usage_error_speaks_the_chosen_language(args: list[str], zh: str, en: str) -> None:
    assert _run(*args) == (2, zh + "\n")
    assert _run("--lang", "en", *args) == (2, en + "\n")


def test_a_problem_placed_in_a_thing_not_a_file() -> None:
    p = DataProblem.of(_("mechanism {key}").format(key="k"), None, "levels", _("level {key} declared twice")
                       .format(key="'town'"))
    assert p.text("zh") == "机制 k，字段“levels”：层级 'town' 声明了两次"
    assert str(p) == "mechanism k, field 'levels': level 'town' declared twice"


def test_a_bad_robustness_share_is_said_in_the_chosen_language() -> None:
    code, err = _run("coverage", "demo", "--mechanism", "example", "--robustness", "0.1,x")
    assert code == 2 and err.endswith("错误：'--robustness' 的值无效：'x' 不是数字（比例应写成如 0.1,0.2,0.3）\n")
    code, err = _run("coverage", "demo", "--mechanism", "example", "--robustness", "2", "--lang", "en")
    assert code == 2 and err.endswith("Error: Invalid value for '--robustness': 2.0 is not a share between 0 and 1\n")


def test_a_path_or_formula_an_author_got_wrong_is_said_in_either_language() -> None:
    a = EXAMPLE.assumptions[0]
    (problem,) = check_mechanism(attrs.evolve(EXAMPLE, assumptions=(attrs.evolve(a, path="roles[key=nobody].capacity"),)))
    assert problem.message == "路径 'roles[key=nobody].capacity'：roles 中没有 [key=nobody] 项"
    assert problem.en == "path 'roles[key=nobody].capacity': no item [key=nobody] in roles"
    from mechanisms.model.formula import FormulaError, evaluate

    with pytest.raises(FormulaError) as caught:
        evaluate("a / b", {"a": 1, "b": 0})
    assert str(caught.value) == "'a / b': division by zero" and caught.value.label.zh == "'a / b'：除数为零"


def test_a_points_request_refused_says_why_in_either_language() -> None:
    import datetime as dt

    from mechanisms.year.points import PointsError, PointsLedger

    with pytest.raises(PointsError) as caught:
        PointsLedger(None).redeem("H1", dt.date(2024, 1, 1), 5)
    assert str(caught.value) == "H1 has 0 points, cannot redeem 5"
    assert caught.value.text("zh") == "H1 只有 0 分，不能兑换 5 分"


@pytest.mark.parametrize(("args", "env"), [(["new", "Bad_Name", "--lang", "en"], {}),
                                           (["new", "Bad_Name"], {"MECHANISMS_LANG": "en"})])
def test_an_argument_checked_before_lang_is_read_still_speaks_it(args: list[str], env: dict[str, str]) -> None:
    r = CliRunner().invoke(main, args, env={"MECHANISMS_LANG": "", **env})
    assert r.exit_code == 2
    assert r.stderr.endswith("Error: Invalid value for 'NAME': 'Bad_Name': use lowercase letters, digits and single "
                             "'-' between them, e.g. my-county\n")


def test_a_mechanism_file_that_is_not_utf8_or_has_bad_quotes_is_said_in_either_language(tmp_path: Path) -> None:
    gbk = tmp_path / "gbk.yaml"
    gbk.write_bytes("key: 旬邑\n".encode("gbk"))
    code, err = _run("list", "--mechanism-file", str(gbk))
    assert code == 1 and err.splitlines()[0] == f"{gbk}：不是 UTF-8 文本"
    assert _run("--lang", "en", "list", "--mechanism-file", str(gbk))[1].splitlines()[0] == f"{gbk}: not UTF-8 text"
    quotes = tmp_path / "quotes.yaml"
    quotes.write_text("quotes: [a, b]\nkey: mine\n", encoding="utf-8")
    code, err = _run("list", "--mechanism-file", str(quotes))
    assert code == 1 and err.splitlines()[0] == f"{quotes}，字段“quotes”：quotes 须把名称对应到原文句子（文本）"
