"""临江市“五包五责” (Linjiang five contracts, five duties) — a mechanisms plugin."""

from __future__ import annotations

from mechanisms import Mechanism, hookimpl


def mechanism() -> Mechanism:
    from .mechanism import build

    return build()


@hookimpl
def register_mechanisms(register) -> None:  # type: ignore[no-untyped-def]
    register(mechanism())
