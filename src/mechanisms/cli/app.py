"""The ``mechanisms`` command group and the edge where errors become messages and exit codes.

Exit status: 0 done (gaps in coverage are results, not failures); 1 bad data (every
problem printed, one per line); 2 bad usage. A user's mistake never shows a traceback.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Sequence
from typing import Any

import click

from ..i18n import translate
from ..plugins.command_index import IndexedCommand
from . import click_i18n
from .help_i18n import HelpContext, help_lang, translated

# Every built-in command: name -> (module in this package, function, its short help). A command's module is
# imported only when that command runs, so ``mechanisms --help`` imports neither numpy nor pyarrow nor the catalog
# (click's "lazily loading subcommands"). tests/test_cli_lazy.py holds the short help here to the command's own.
COMMANDS: dict[str, tuple[str, str, str]] = {
    "campaign": ("campaign_cmds", "campaign",
        "A mechanism's campaign on a day: phase, tasks due/done/overdue, milestones, reports due, relative deadlines."),
    "case": ("catalog_cmds", "case",
        "Reproduce a mechanism's reference case: published figures and the ratios that follow."),
    "compare": ("compare_cmds", "compare_cmd",
        "Compare mechanisms (all installed if none named) on one county: coverage, load, robustness, burden, scoring."),
    "coverage": ("coverage_cmds", "coverage",
        "Coverage of a county under a mechanism: by role and level, gaps, load, redundancy, single points of failure, robustness."),  # noqa: E501
    "db": ("db_cmds", "db",
        "The county store (sqlite:///FILE or postgresql://…): init, upgrade, import, export, history."),
    "generate": ("generate_cmds", "generate",
        "Generate a synthetic county (plainly fake names), optionally staffed by mechanisms' policies."),
    "list": ("catalog_cmds", "list_cmd",
        "List the mechanisms installed (plugins, built-ins, mechanism files)."),
    "new": ("new_cmds", "new",
        "Write a plugin distribution for a new county mechanism, with a commented mechanism.yaml and passing tests."),
    "plugins": ("catalog_cmds", "plugins",
        "Show loaded plugins and any that failed, by name."),
    "points": ("ledger_cmds", "points",
        "Household points ledgers: earned, deducted, redeemed, balance; never negative; with the audit trail."),
    "problems": ("ledger_cmds", "problems",
        "The supervision loop: problems found, rectification deadlines, close-outs, overdue ones, accountability."),
    "reassign": ("reassign_cmds", "reassign",
        "Who takes over when actors leave: moves that keep every household covered, no one over capacity."),
    "report": ("compare_cmds", "report_cmd",
        "Write the comparison as one self-contained HTML file (tables and charts in the page; opens offline, reads "
        "without JavaScript, prints) and/or as PDF through headless Chromium."),
    "score": ("score_cmds", "score",
        "Score units on the mechanism's scorecards, rank them in peer groups, award tiers, draw red/black lists."),
    "show": ("catalog_cmds", "show",
        "Show one mechanism: levels, roles, rules, campaign, scoring, assumptions."),
    "simulate": ("sim_cmds", "simulate",
        "Monte Carlo of a scenario: turnover, stand-ins, visits and risk events, stepped by day over a year."),
    "staff": ("data_cmds", "staff",
        "Staff a county with a mechanism's assignment policy and write the result."),
    "sweep": ("sim_cmds", "sweep_cmd",
        "Sweep scenario parameters over a grid: RUNS runs at every point (the same seeds at each point)."),
    "template": ("template_cmds", "template", "Write a mechanism's ledger template: its sheets and headers, dropdowns, instructions and valid example rows."),  # noqa: E501
    "validate": ("data_cmds", "validate",
        "Check a county's data: cells, structure, references, and fit to a mechanism, in one pass."),
    "visits": ("visits_cmds", "visits",
        "Visit compliance: each role's required frequency against the visits table, per actor and unit."),
}


class MechanismsGroup(click.Group):
    """Loads built-in commands on demand, lists plugin commands from their index (no plugin imported), hands every
    command out with its help in the chosen language, and turns library errors into messages."""

    _plugin_commands_loaded = False
    context_class = HelpContext

    def main(self, args: Sequence[str] | None = None, *rest: Any, **kwargs: Any) -> Any:
        """The process's entry: pyarrow is kept from importing pandas (cli/pandas_probe.py says why) and from
        writing its compute functions' docstrings (cli/compute_docs.py), click's own messages speak the command
        line's language from before it is parsed (cli/click_i18n.py), and help is laid out by display width
        (cli/wide_text.py)."""
        from . import compute_docs, wide_text
        from .pandas_probe import install

        install()
        compute_docs.install()
        wide_text.install()
        click_i18n.install()
        with click_i18n.speaking(click_i18n.command_line_lang(args)):
            return super().main(args, *rest, **kwargs)

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        """``--help`` made in click's English: click keeps it on this object, which every language shares (the
        help page translates its text)."""
        with click_i18n.speaking(None):
            return super().get_help_option(ctx)

    def _load_plugin_commands(self, ctx: click.Context) -> list[str]:
        """Import the plugins and add their commands (once); the problems found, and the index rewritten."""
        if self._plugin_commands_loaded:
            return []
        self._plugin_commands_loaded = True
        from ..plugins.command_index import Index, IndexedCommand, environment, sources, write
        from ..plugins.manager import plugin_commands

        problems: list[str] = []
        indexed: list[IndexedCommand] = []
        with click_i18n.speaking(None):  # the plugins' commands are declared in click's English, as ours are
            found = plugin_commands()
        for plugin, cmd in found:
            if not isinstance(cmd, click.Command) or not cmd.name:
                problems.append(translate("plugin {plugin}: register_commands gave {cmd}, not a named click command",
                                          help_lang(ctx)).format(plugin=repr(plugin), cmd=repr(cmd)))
            elif cmd.name in self.commands or cmd.name in COMMANDS:
                problems.append(translate("plugin {plugin}: command {name} already exists; skipped", help_lang(ctx))
                                .format(plugin=repr(plugin), name=repr(cmd.name)))
            else:
                self.add_command(cmd)
                indexed.append(IndexedCommand(plugin=plugin, name=cmd.name, hidden=cmd.hidden,
                                              short_help=cmd.get_short_help_str(limit=10_000)))
        write(Index(environment=environment(), sources=sources(), commands=indexed, problems=problems))
        return problems

    def _plugin_index(self, ctx: click.Context) -> list[IndexedCommand]:
        """The plugin commands to list: from the index where it matches the installed plugins, else by loading them
        (which rewrites the index); problems are reported on stderr either way."""
        from ..plugins.command_index import read

        if not self._plugin_commands_loaded:
            found = read()
            if found is not None:
                problems, commands = found["problems"], found["commands"]
                _print_problems(problems)
                return commands
            _print_problems(self._load_plugin_commands(ctx))
        return [IndexedCommand(plugin="", name=name, hidden=cmd.hidden, short_help=cmd.get_short_help_str(limit=10_000))
                for name, cmd in self.commands.items()]

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*COMMANDS, *(c["name"] for c in self._plugin_index(ctx))})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        lang = help_lang(ctx)
        if cmd_name in COMMANDS:
            module, function, _short = COMMANDS[cmd_name]
            with click_i18n.speaking(None):  # declared in click's English; translated() gives the language
                cmd: click.Command = getattr(importlib.import_module(f"{__package__}.{module}"), function)
            return translated(cmd, lang)
        found = super().get_command(ctx, cmd_name)
        if found is None:
            _print_problems(self._load_plugin_commands(ctx))
            found = super().get_command(ctx, cmd_name)
        return None if found is None else translated(found, lang)

    def get_help(self, ctx: click.Context) -> str:
        """The group's own help in the chosen language (a translated copy formats it; this object stays English)."""
        shown = translated(self, help_lang(ctx))
        return click.Group.get_help(self, ctx) if shown is self else shown.get_help(ctx)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The command list from the table above for built-ins (no import), from the index for plugins."""
        plugins = {c["name"]: c for c in self._plugin_index(ctx)}
        names = sorted({*COMMANDS, *plugins})
        if not names:
            return
        lang = help_lang(ctx)
        limit = formatter.width - 6 - max(len(n) for n in names)
        rows = []
        for name in names:
            if name in COMMANDS:
                short = translate(COMMANDS[name][2], lang)
            elif not plugins[name]["hidden"]:
                short = translate(plugins[name]["short_help"], lang)
            else:
                continue
            rows.append((name, click.Command(name, short_help=short).get_short_help_str(limit)))
        with formatter.section("Commands"):
            formatter.write_dl(rows)

    def invoke(self, ctx: click.Context) -> Any:
        from ..errors import DataError, MechanismsError, OverwriteError, UsageError
        from ..io.sources import AS_OF

        AS_OF.set(None)  # a store URL as DATA is read as of --on of this command only (its callback sets it)
        try:
            return super().invoke(ctx)
        except DataError as exc:
            from .output import err_console  # rich only when there is something to say on stderr

            err = err_console()
            lang = help_lang(ctx)
            for p in exc.problems:
                err.print(p.text(lang), markup=False)
            err.print(translate("{n} problem(s) found.", lang).format(n=len(exc.problems)), markup=False)
            sys.exit(1)
        except (UsageError, OverwriteError) as exc:
            from .output import err_console

            err = err_console()
            lang = help_lang(ctx)
            for line in exc.text(lang).splitlines() or [""]:  # one line per problem where there are several
                err.print(translate("Error: {message}", lang).format(message=line), markup=False)
            sys.exit(2)
        except MechanismsError as exc:  # a write that failed (WriteError), a plugin that broke: one line, exit 1
            from .output import err_console

            lang = help_lang(ctx)
            err_console().print(translate("Error: {message}", lang).format(message=exc.text(lang)), markup=False)
            sys.exit(1)
        except Exception as exc:
            reason = database_failure(exc)
            if reason is None:
                raise
            from .output import err_console

            lang = help_lang(ctx)
            said = translate("the database could not be used: {reason}", lang).format(reason=reason)
            err_console().print(translate("Error: {message}", lang).format(message=said), markup=False)
            sys.exit(1)


DATABASE_ERRORS = (("sqlalchemy.exc", "DBAPIError"), ("sqlite3", "DatabaseError"), ("psycopg", "Error"))
"""What a database that cannot be reached or used raises: through SQLAlchemy, or from the drivers themselves
where the bulk paths use their own cursors (store/bulk.py)."""


def database_failure(exc: BaseException) -> str | None:
    """The driver's own first line for a database that could not be reached or used (a server that is not there, a
    password refused, a file that is not a database, a full disk), or ``None`` for any other error: the command
    line says it in one line and exits 1 instead of SQLAlchemy's page of traceback. The classes are looked up in
    ``sys.modules``: a command that opened no store has not imported SQLAlchemy, and this does not import it."""
    for module, name in DATABASE_ERRORS:
        cls = getattr(sys.modules.get(module), name, None)
        if isinstance(cls, type) and isinstance(exc, cls):
            orig = getattr(exc, "orig", None) or exc
            lines = str(orig).strip().splitlines()
            return lines[0] if lines else type(orig).__name__
    return None


def _print_problems(problems: list[str]) -> None:
    if problems:
        from .output import err_console

        for line in problems:
            err_console().print(line)


def _global_lang(ctx: click.Context, _: click.Parameter, value: str | None) -> str | None:
    if value:
        ctx.meta["mechanisms.lang"] = value
    return value


def _global_personal(ctx: click.Context, _: click.Parameter, value: bool) -> bool:
    if value:
        ctx.meta["mechanisms.show_personal"] = True
    return value


def _global_keys(ctx: click.Context, _: click.Parameter, value: bool) -> bool:
    if value:
        ctx.meta["mechanisms.keys"] = True
    return value


def _version(ctx: click.Context, _: click.Parameter, value: bool) -> None:
    """``--version`` in the chosen language (click's own option fixes its message when the group is declared)."""
    if not value or ctx.resilient_parsing:
        return
    from importlib.metadata import version

    click.echo(translate("%(prog)s, version %(version)s", help_lang(ctx))
               % {"prog": ctx.find_root().info_name, "version": version("mechanisms")})
    ctx.exit()


@click.group(cls=MechanismsGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--version", is_flag=True, expose_value=False, is_eager=True, callback=_version,
              help="Show the version and exit.")
@click.option("--lang", type=click.Choice(["zh", "en"]), default=None, callback=_global_lang, expose_value=False,
              is_eager=True, help="Language of every command (or MECHANISMS_LANG; zh by default).")
@click.option("--show-personal", is_flag=True, callback=_global_personal, expose_value=False,
              help="Show personal data (names, ID and phone numbers) in every output; masked by default.")
@click.option("--keys", is_flag=True, callback=_global_keys, expose_value=False,
              help="Show keys (county-leader, town) instead of names in every table and CSV.")
def main() -> None:
    """County responsibility mechanisms (包保/包联): list, inspect, validate, compare.

    DATA is a folder of CSV files, an .xlsx workbook, a .json/.yaml document, a store URL (sqlite:///FILE,
    postgresql://…; see `db`), or `demo`.
    """
