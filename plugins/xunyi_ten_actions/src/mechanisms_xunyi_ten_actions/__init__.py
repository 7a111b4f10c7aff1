"""旬邑县“十大提升行动” (Xunyi ten improvement actions) — a mechanisms plugin."""

from __future__ import annotations

from mechanisms import hookimpl
from mechanisms.plugins.hookspecs import RegisterMechanism


@hookimpl
def register_mechanisms(register: RegisterMechanism) -> None:
    # Imported here, not at module level: `mechanisms list` should not pay for building every mechanism
    # until the hook runs, and the submodule name `mechanism` must not shadow anything in this namespace.
    from .mechanism import build

    register(build())
