"""娄星区“三责” (Louxing three duties) — a mechanisms plugin.

The mechanism is data: `mechanism.yaml` beside this file. This module only registers it.
"""

from __future__ import annotations

from importlib.resources import files

from mechanisms import RegisterMechanism, hookimpl, register_file


@hookimpl
def register_mechanisms(register: RegisterMechanism) -> None:
    register_file(register, files(__package__) / "mechanism.yaml")
