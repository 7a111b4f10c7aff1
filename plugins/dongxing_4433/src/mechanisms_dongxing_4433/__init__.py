"""东兴区“4433”农村面貌改善机制 (Dongxing 4433) — a mechanisms plugin.

The mechanism is data: `mechanism.yaml` beside this file. This module only registers it.
"""

from __future__ import annotations

from importlib.resources import files

from mechanisms import RegisterMechanism, hookimpl, register_file


@hookimpl
def register_mechanisms(register: RegisterMechanism) -> None:
    register_file(register, files(__package__) / "mechanism.yaml")
