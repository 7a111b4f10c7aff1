"""The ``mechanisms`` command line. Commands live in modules named for what they act on, loaded on demand."""

from .app import COMMANDS, main

__all__ = ["COMMANDS", "main"]
