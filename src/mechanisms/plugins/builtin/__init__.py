"""Built-in contributions, registered through the same hooks as any plugin.

The core ships one mechanism, ``example``: a plain TOML file that doubles as the template
for a county writing its own (see docs/writing-a-mechanism.md).
"""

from __future__ import annotations

from importlib.resources import files

from ...io.documents import loads
from ...model.mechanism import Mechanism
from ..hookspecs import RegisterMechanism, hookimpl


def builtin_mechanisms() -> list[Mechanism]:
    out = []
    for res in sorted(files(__name__).iterdir(), key=lambda r: r.name):
        if res.name.endswith(".toml"):
            out.append(loads(res.read_text(encoding="utf-8"), Mechanism, "toml", file=f"mechanisms/plugins/builtin/{res.name}"))
    return out


@hookimpl(tryfirst=True)  # built-ins register before any plugin, so a plugin cannot take their keys
def register_mechanisms(register: RegisterMechanism) -> None:
    for mech in builtin_mechanisms():
        register(mech)
