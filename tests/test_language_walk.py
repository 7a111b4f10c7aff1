"""The language walk: every command, run as a person would on the demo county and a mechanism, prints no English
word outside ids, keys and data with ``--lang zh``, and no Chinese outside data with ``--lang en``.

What may appear in the other language:

- *data*: every text of the demo county (its CSV files: unit and actor names, tags, notes) and of the mechanisms'
  sources (quotes, titles, file names), and the values we pass on the command line (paths, a store URL);
- *ids and keys*: every key a mechanism states (mechanism, role, level, rule, indicator, assumption keys and
  paths), unit and actor ids, option names (``--format``) and format names (CSV, JSON…) -- which the zh text
  names as they are typed.

Everything else a command prints is the library's own text and must be in the chosen language. A case that fails
today because its module is not converted yet is marked ``xfail(strict=True)`` with the words it prints: the mark
fails the moment the case passes, so the lead removes it as each file is converted (tools/convert_pairs.py).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import mechanisms
from mechanisms.cli import main
from mechanisms.converter import unstructure
from mechanisms.plugins import load_catalog

DEMO = Path(mechanisms.__file__).parent / "io" / "demo"
WORD = re.compile(r"(?<![A-Za-z0-9_./:<{-])(?:[A-Za-z][A-Za-z0-9_'-]*[A-Za-z0-9]|[A-Za-z])(?![A-Za-z0-9_(/>}-]|\.[A-Za-z])")
"""An English word or a key (``county-leader`` is one token): not part of a path, a file name, a dotted key, an
option or a placeholder."""
HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+")
MECHANISM = "example"
TECHNICAL = {
    # formats, programs and standards named as they are typed, in either language
    "csv", "json", "yaml", "toml", "xlsx", "html", "pdf", "parquet", "sqlite", "postgresql", "url", "id", "ids",
    "milp", "dask", "chromium", "uv", "pytest", "ok", "bom", "utf", "excel", "python", "gini", "hh", "javascript",
    # what a text tells a person to type: `uv lock && uv sync`, `uv run pytest`, the dev dependency group and the
    # workspace's `members`, the program itself and its `demo` county
    "lock", "sync", "run", "dev", "members", "mechanisms", "demo",
}


def _command_line_words() -> set[str]:
    """Command and subcommand names, option choices and metavars (``OPTIONS``, ``DATA``): what a person types."""
    import click

    from mechanisms.cli import COMMANDS

    out = {"options", "command", "args", "data"}
    todo: list[click.Command] = [main, *(getattr(__import__(f"mechanisms.cli.{m}", fromlist=[f]), f)
                                         for m, f, _short in COMMANDS.values())]
    while todo:
        cmd = todo.pop()
        out.add((cmd.name or "").lower())
        if isinstance(cmd, click.Group):
            todo.extend(cmd.commands.values())
        for p in cmd.params:
            if isinstance(p.type, click.Choice):
                out |= {str(c).lower() for c in p.type.choices}
            out |= {w.lower() for w in re.findall(r"[A-Za-z]+", p.metavar or "")}
            if isinstance(p, click.Argument):
                out.add((p.name or "").lower())
    return out


def _strings(doc: Any, *, skip: tuple[str, ...] = ()) -> Iterator[str]:
    if isinstance(doc, str):
        yield doc
    elif isinstance(doc, dict):
        for k, v in doc.items():  # values only: a document's field names are not words a person may be shown
            if k not in skip:
                yield from _strings(v, skip=skip)
    elif isinstance(doc, list | tuple):
        for v in doc:
            yield from _strings(v, skip=skip)


@pytest.fixture(scope="module")
def allowed() -> dict[str, set[str]]:
    """Words (zh walk) and Chinese runs (en walk) that are ids, keys or data."""
    county = [p.read_text(encoding="utf-8-sig").split("\n", 1)[-1] for p in sorted(DEMO.glob("*.csv"))]  # no header
    catalog = load_catalog()
    mechanisms_ = [unstructure(e.mechanism) for e in catalog]
    keys = [s for m in mechanisms_ for s in _strings(m, skip=("en", "zh"))]  # keys, ids, paths, not labels
    keys += [s for plugin in catalog.plugins for s in plugin]  # plugin names and their distributions or modules
    sources = [s for m in mechanisms_ for s in _strings([m.get("source"), m.get("reference")], skip=("en",))]
    words = {w.lower() for text in [*county, *keys] for w in WORD.findall(text)} | TECHNICAL | _command_line_words()
    han = {h for text in [*county, *sources] for h in HAN.findall(text)}
    return {"words": words, "han": han}


def _cases(tmp: Path) -> dict[str, list[str]]:
    store = f"sqlite:///{tmp / 'county.db'}"
    return {
        "list": ["list"],
        "show": ["show", MECHANISM],
        "case": ["case", "dongxing-4433"],
        "plugins": ["plugins"],
        "validate": ["validate", "demo", "--mechanism", MECHANISM],
        "coverage": ["coverage", "demo", "--mechanism", MECHANISM],
        "visits": ["visits", "demo", "--mechanism", MECHANISM, "--period", "2024"],
        "points": ["points", "demo", "--mechanism", MECHANISM],
        "problems": ["problems", "demo", "--mechanism", MECHANISM],
        "score": ["score", "demo", "--mechanism", MECHANISM, "--period", "2024"],
        "campaign": ["campaign", MECHANISM, "--on", "2024-07-15", "--data", "demo"],
        "staff": ["staff", "demo", "--mechanism", MECHANISM, "--again", "-o", str(tmp / "staffed.json")],
        "generate": ["generate", "--towns", "2", "--villages", "4", "--households", "60", "-o", str(tmp / "gen")],
        "reassign": ["reassign", "demo", "--mechanism", MECHANISM, "--leaving", "L1", "--greedy"],
        "simulate": ["simulate", "demo", "--mechanism", MECHANISM, "--runs", "2", "--days", "30", "--workers", "1"],
        "sweep": ["sweep", "demo", "--mechanism", MECHANISM, "--runs", "1", "--days", "30", "--grid", "compliance=0.5,1",
                  "--workers", "1"],
        "compare": ["compare", "demo", "--mechanism", MECHANISM],
        "report": ["report", "demo", "--mechanism", MECHANISM, "-o", str(tmp / "report.html")],
        "template": ["template", MECHANISM, "-o", str(tmp / "template.xlsx")],
        "new": ["new", "walk-county", "--dir", str(tmp / "walk_county")],
        "db": ["db", "init", store],
        "db import": ["db", "import", store, "demo"],
        "db history": ["db", "history", store, "--unit", "T1V1"],
        "db export": ["db", "export", store, "-o", str(tmp / "export.json")],
        "help": ["--help"],
        "show --help": ["show", "--help"],
        "version": ["--version"],
        # usage errors: click's own messages, in the chosen language too (cli/click_i18n.py); exit status 2
        "bad option": ["coverage", "demo", "--mechanism", MECHANISM, "--bogus"],
        "bad group option": ["--bogus", "list"],
        "missing argument": ["coverage"],
        "bad choice": ["coverage", "demo", "--format", "xml"],
        "bad number": ["coverage", "demo", "--runs", "-1"],
        "extra argument": ["show", MECHANISM, "surplus"],
        "unknown command": ["coverag"],
    }


USAGE_ERRORS = ("bad option", "bad group option", "missing argument", "bad choice", "bad number", "extra argument",
                "unknown command")
"""Cases that end in a usage error (exit status 2): the message, the usage line and the hint are checked."""


NAMES = list(_cases(Path("/tmp")))
XFAIL: dict[tuple[str, str], str] = {
}
"""(case, lang) → why it fails today: the words it prints (filled from the walk's own report)."""


def _params() -> list[Any]:
    out = []
    for name in NAMES:
        for lang in ("zh", "en"):
            marks = [pytest.mark.xfail(strict=True, reason=XFAIL[(name, lang)])] if (name, lang) in XFAIL else []
            out.append(pytest.param(name, lang, marks=marks, id=f"{name}-{lang}"))
    return out


def _foreign(text: str, lang: str, allowed: dict[str, set[str]], passed: list[str]) -> list[str]:
    given = " ".join(passed)
    if lang == "zh":
        found = {w for w in WORD.findall(text) if w.lower() not in allowed["words"] and w not in given
                 and not any(len(a) > 2 and a in w for a in passed) and not re.fullmatch(r"[A-Z][A-Z0-9_]+", w)
                 and not re.search(rf"--{re.escape(w)}|-{re.escape(w)}\b|{re.escape(w)}-|\b{re.escape(w)}=", text)}
    else:
        found = {h for h in HAN.findall(text) if not any(h in d for d in allowed["han"]) and h not in given}
    return sorted(found)


@pytest.mark.parametrize(("name", "lang"), _params())
def test_a_command_speaks_one_language(name: str, lang: str, allowed: dict[str, set[str]], tmp_path: Path) -> None:
    cases = _cases(tmp_path)
    runner = CliRunner()
    if name.startswith("db ") and name != "db":  # a store to read: made first, in the same language
        assert runner.invoke(main, cases["db"]).exit_code == 0
        if name != "db import":
            assert runner.invoke(main, cases["db import"]).exit_code == 0
    args = cases[name]
    result = runner.invoke(main, ["--lang", lang, *args], env={"MECHANISMS_LANG": "", "COLUMNS": "400"},
                           prog_name="mechanisms", terminal_width=400)
    assert result.exit_code == (2 if name in USAGE_ERRORS else 0), result.output
    foreign = _foreign(result.stdout + result.stderr, lang, allowed, args)
    assert foreign == [], f"{name} --lang {lang} prints {foreign}"


def test_the_walk_sees_a_word_of_the_other_language(allowed: dict[str, set[str]]) -> None:
    """The check itself: English prose in a zh text and Chinese prose in an en text are found; ids, keys, paths,
    options and data are not."""
    zh = "农户 288 户，Chain complete 258（89.6%）；见 --format json，county-leader，out/report.html，示例甲镇，MECHANISMS_LANG"
    assert _foreign(zh, "zh", allowed, []) == ["Chain", "complete"]
    en = "288 households, 258 covered (全链条覆盖); village 示例甲镇示例1村, role county-leader"
    assert _foreign(en, "en", allowed, []) == ["全链条覆盖"]
