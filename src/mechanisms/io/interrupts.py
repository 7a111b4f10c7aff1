"""SIGINT and SIGTERM during a write: the temporary files go, the old output stays, then the signal acts.

Why: SIGTERM's default action kills the process at once, so no ``finally`` block runs and a write's
temporary files stay behind. While a write is under way (:func:`interruptible`) both signals become
exceptions, so the writer's cleanup runs; inside the few system calls that swap the new output in
(:func:`held`) a signal is only noted and acts once the swap is whole, so the output is either all old
or all new. When the write is over, a SIGTERM whose handler was the default is sent again and ends
the process as it would have; SIGINT goes through the handler that was there (Python's raises
:class:`KeyboardInterrupt`).

Handlers can only be set in the main thread; elsewhere both context managers do nothing.
"""

from __future__ import annotations

import contextlib
import os
import signal
import threading
from collections.abc import Iterator
from types import FrameType
from typing import Any, ClassVar

SIGNALS: tuple[int, ...] = (signal.SIGINT, signal.SIGTERM)


class Terminated(BaseException):
    """SIGTERM arrived during a write whose handler was the default: unwind, clean up, then die of it.

    A :class:`BaseException`, like :class:`KeyboardInterrupt`: ``except Exception`` in a writer must not swallow it.
    """

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


class _State:
    depth = 0            # nested interruptible() blocks
    held = 0             # nested held() blocks
    pending: ClassVar[list[int]] = []
    previous: ClassVar[dict[int, Any]] = {}


def _act(signum: int, frame: FrameType | None) -> None:
    """What the signal does outside a held section: the old handler's action, or unwinding for a default one."""
    old = _State.previous.get(signum, signal.SIG_DFL)
    if callable(old):
        old(signum, frame)  # Python's SIGINT handler raises KeyboardInterrupt here
    elif old == signal.SIG_DFL:
        if signum == signal.SIGINT:
            raise KeyboardInterrupt
        raise Terminated(signum)


def _handler(signum: int, frame: FrameType | None) -> None:
    if _State.held:
        _State.pending.append(signum)
        return
    _act(signum, frame)


def _main_thread() -> bool:
    return threading.current_thread() is threading.main_thread()


@contextlib.contextmanager
def interruptible() -> Iterator[None]:
    """While the block runs, SIGINT/SIGTERM raise inside it (so cleanup runs) instead of killing the process."""
    if not _main_thread():  # only the main thread can set handlers
        yield
        return
    if _State.depth:  # nested: the outer block has set them
        _State.depth += 1
        try:
            yield
        finally:
            _State.depth -= 1
        return
    installed: dict[int, Any] = {}
    for sig in SIGNALS:
        old = signal.getsignal(sig)
        if old == signal.SIG_IGN:
            continue  # an ignored signal stays ignored
        installed[sig] = old
        signal.signal(sig, _handler)
    _State.previous = installed
    _State.depth = 1
    terminated: int | None = None
    try:
        yield
    except Terminated as exc:
        terminated = exc.signum
    finally:
        _State.depth = 0
        for sig, old in installed.items():
            signal.signal(sig, old if old is not None else signal.SIG_DFL)
        _State.previous = {}
    if terminated is not None:
        os.kill(os.getpid(), terminated)  # the default handler is back: die of the signal as if no write had run
        raise SystemExit(128 + terminated)  # reached only where the signal does not end the process at once


@contextlib.contextmanager
def held() -> Iterator[None]:
    """A section a signal must not cut in two (the swap, the cleanup): signals act once it is over."""
    if not _main_thread():
        yield
        return
    _State.held += 1
    try:
        yield
    finally:
        _State.held -= 1
        if not _State.held and _State.pending:
            signum, _State.pending = _State.pending[0], []
            if _State.depth:
                _act(signum, None)
            else:  # not under interruptible(): act as the process would have
                os.kill(os.getpid(), signum)
