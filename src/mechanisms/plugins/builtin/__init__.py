"""Built-in contributions, registered through the same hooks as any plugin.

The core ships one mechanism, ``example``: a plain TOML file that doubles as the template
for a county writing its own (see docs/writing-a-mechanism.md).
"""

from __future__ import annotations

from importlib.resources import files
from typing import TYPE_CHECKING

from ..hookspecs import RegisterMechanism, hookimpl

if TYPE_CHECKING:
    from ...model.mechanism import Mechanism


def builtin_mechanisms() -> list[Mechanism]:
    """The built-in mechanism files, read and checked as any plugin's are -- through the per-file cache where the
    package is on disk (io/mechanism_file.py), so the catalogue can be kept (plugins/catalog_cache.py)."""
    from ...io.mechanism_file import read_mechanism_file

    out = []
    for res in sorted(files(__name__).iterdir(), key=lambda r: r.name):
        if res.name.endswith(".toml"):
            out.append(read_mechanism_file(res)[0])
    return out


@hookimpl(tryfirst=True)  # built-ins register before any plugin, so a plugin cannot take their keys
def register_mechanisms(register: RegisterMechanism) -> None:
    for mech in builtin_mechanisms():
        register(mech)
