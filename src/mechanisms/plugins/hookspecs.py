"""Hook specifications of the ``mechanisms`` project: the whole contract between core and plugins.

Each hook receives a *registry callback* rather than returning values, so the core can
check each contribution, name the plugin in any error, and keep the good ones when one is
bad. Hooks are called once per plugin when the catalogue is built.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import pluggy

if TYPE_CHECKING:
    import click

    from ..model.mechanism import Mechanism

PROJECT = "mechanisms"
hookspec = pluggy.HookspecMarker(PROJECT)
hookimpl = pluggy.HookimplMarker(PROJECT)

RegisterMechanism = Callable[["Mechanism"], None]
RegisterCommand = Callable[["click.Command"], None]


@hookspec
def register_mechanisms(register: RegisterMechanism) -> None:
    """Contribute mechanisms.

    Call ``register(mechanism)`` once for each :class:`~mechanisms.Mechanism` the plugin
    ships. The core checks each one (``mechanisms.check_mechanism``); an invalid mechanism
    or a key already taken is reported against this plugin and skipped.

    :param register: callback taking one ``Mechanism``.
    :returns: nothing; contributions go through ``register``.
    """


@hookspec
def register_commands(register: RegisterCommand) -> None:
    """Contribute extra CLI commands.

    Call ``register(command)`` with a ``click.Command``; it is added to the ``mechanisms``
    command group under its own name. A name already taken is reported and skipped.

    :param register: callback taking one ``click.Command``.
    :returns: nothing; contributions go through ``register``.
    """
