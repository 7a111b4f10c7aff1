"""The ``mechanisms`` command group and the edge where errors become messages and exit codes.

Exit status: 0 done (gaps in coverage are results, not failures); 1 bad data (every
problem printed, one per line); 2 bad usage. A user's mistake never shows a traceback.
"""

from __future__ import annotations

import sys
from typing import Any

import click

from ..errors import DataError, MechanismsError, OverwriteError, UsageError
from .output import err_console


class MechanismsGroup(click.Group):
    """Adds plugin commands lazily and turns library errors into messages."""

    _plugin_commands_loaded = False

    def _load_plugin_commands(self, ctx: click.Context) -> None:
        if self._plugin_commands_loaded:
            return
        self._plugin_commands_loaded = True
        from .context import catalog_for

        catalog = catalog_for(ctx)
        for plugin, cmd in catalog.commands:
            if not isinstance(cmd, click.Command) or not cmd.name:
                err_console().print(f"plugin {plugin!r}: register_commands gave {cmd!r}, not a named click command")
            elif cmd.name in self.commands:
                err_console().print(f"plugin {plugin!r}: command {cmd.name!r} already exists; skipped")
            else:
                self.add_command(cmd)

    def list_commands(self, ctx: click.Context) -> list[str]:
        self._load_plugin_commands(ctx)
        return super().list_commands(ctx)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        cmd = super().get_command(ctx, cmd_name)
        if cmd is None:
            self._load_plugin_commands(ctx)
            cmd = super().get_command(ctx, cmd_name)
        return cmd

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except DataError as exc:
            err = err_console()
            for p in exc.problems:
                err.print(str(p), markup=False)
            err.print(f"{len(exc.problems)} problem(s) found.", markup=False)
            sys.exit(1)
        except (UsageError, OverwriteError) as exc:
            err = err_console()
            for line in str(exc).splitlines() or [""]:  # one line per problem where there are several
                err.print(f"Error: {line}", markup=False)
            sys.exit(2)
        except MechanismsError as exc:
            err_console().print(f"Error: {exc}", markup=False)
            sys.exit(1)


@click.group(cls=MechanismsGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="mechanisms")
def main() -> None:
    """County responsibility mechanisms (包保/包联): list, inspect, validate, compare.

    DATA is a folder of CSV files, an .xlsx workbook, a .json/.yaml document, or `demo`.
    """
