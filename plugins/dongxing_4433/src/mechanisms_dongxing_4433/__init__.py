"""东兴区“4433”农村面貌改善机制 (Dongxing 4433) — a mechanisms plugin."""

from __future__ import annotations

from mechanisms import Mechanism, hookimpl


def mechanism() -> Mechanism:
    from .mechanism import build

    return build()


@hookimpl
def register_mechanisms(register) -> None:  # type: ignore[no-untyped-def]
    register(mechanism())
