"""Where runs execute: in-process, a local process pool, a Dask cluster, or Ray — anything with ``submit``.

Monte Carlo only needs a :class:`concurrent.futures.Executor`: it submits batches of runs
and collects futures. So the choice of engine is the caller's:

* ``workers=1`` runs in this process (no pickling, best for a handful of quick runs);
* the default is a :class:`~concurrent.futures.ProcessPoolExecutor` with one process per
  core;
* Dask distributed (the ``dask`` extra): :class:`DaskExecutor` wraps a ``distributed.Client``
  and sends the prepared county to the workers once rather than with every batch;
  :func:`executor_for` makes one from a scheduler address, or starts a ``LocalCluster``
  for ``"local"``;
* Ray: :class:`RayExecutor` below, a dozen lines that turn ``ray.remote`` into ``submit``.

Results do not depend on the choice: each run is seeded by its index alone.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
from collections.abc import Callable, Iterator
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from typing import Any

from ..errors import UsageError
from ..model.labels import _


def cpu_count() -> int:
    """Cores this process may use (the affinity mask where the OS has one)."""
    if hasattr(os, "sched_getaffinity"):
        return max(len(os.sched_getaffinity(0)), 1)
    return os.cpu_count() or 1


def process_pool(workers: int | None = None, start_method: str | None = None) -> ProcessPoolExecutor:
    """A process pool of ``workers`` processes (default: one per core).

    ``start_method`` defaults to the platform's (``fork`` on Linux up to Python 3.13, ``spawn`` on
    macOS and Windows); with ``spawn`` or ``forkserver`` a script must keep its work under
    ``if __name__ == "__main__":``, as with any process pool.
    """
    ctx = multiprocessing.get_context(start_method) if start_method else None
    return ProcessPoolExecutor(max_workers=workers or cpu_count(), mp_context=ctx)


def _distributed() -> Any:
    try:
        import distributed
    except ImportError:
        raise UsageError(_("--scheduler needs Dask distributed: pip install 'mechanisms[dask]'")) from None
    return distributed


@contextlib.contextmanager
def dask_executor(scheduler: str, workers: int | None = None) -> Iterator[Executor]:
    """A Dask executor on the scheduler at ``scheduler`` (``tcp://host:8786``), or on a new LocalCluster for ``"local"``.

    The client (and a cluster started here) is closed when the block ends.
    """
    distributed = _distributed()
    cluster = None
    if scheduler == "local":
        cluster = distributed.LocalCluster(n_workers=workers or cpu_count(), threads_per_worker=1, processes=True,
                                           dashboard_address=":0", silence_logs=40)
        client = distributed.Client(cluster)
    else:
        try:
            client = distributed.Client(scheduler, timeout="10s")
        except OSError as exc:
            raise UsageError(_("cannot reach the Dask scheduler at {scheduler}: {error}").format(
                scheduler=scheduler, error=exc)) from None
    try:
        yield DaskExecutor(client)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


@contextlib.contextmanager
def executor_for(workers: int | None = None, scheduler: str | None = None) -> Iterator[Executor | None]:
    """The executor the CLI's ``--workers``/``--scheduler`` ask for; ``None`` means run in this process."""
    if scheduler:
        with dask_executor(scheduler, workers) as ex:
            yield ex
    elif workers is not None and workers <= 1:
        yield None
    else:
        with process_pool(workers) as pool:
            yield pool


class _ShipOnce:
    """Stores each prepared county once where workers can reach it (``put``), and hands out the reference after.

    Every batch takes the same :class:`~mechanisms.simulation.SimCounty` (tens of MB for a large
    county); sent with each task it would cross the network once per batch.
    """

    def __init__(self, put: Callable[[Any], Any]) -> None:
        self._put = put
        self._shared: dict[int, tuple[Any, Any]] = {}  # id → (object, its reference), the object kept alive

    def __call__(self, value: Any) -> Any:
        from .prepared import SimCounty

        if not isinstance(value, SimCounty):
            return value
        if id(value) not in self._shared:
            self._shared[id(value)] = (value, self._put(value))
        return self._shared[id(value)][1]

    def clear(self) -> None:
        self._shared.clear()


class DaskExecutor(Executor):
    """A Dask client as a :class:`concurrent.futures.Executor` that ships each prepared county once:
    scattered to every worker at its first use, referred to by later batches."""

    def __init__(self, client: Any) -> None:
        self.client = client
        # pure=False: every batch is a distinct task (Dask would otherwise hash the arguments for a key)
        self._inner = client.get_executor(pure=False)
        self._ship = _ShipOnce(lambda value: client.scatter(value, broadcast=True, hash=False))

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        return self._inner.submit(fn, *map(self._ship, args), **kwargs)  # type: ignore[no-any-return]

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        self._inner.shutdown(wait=wait, cancel_futures=cancel_futures)
        self._ship.clear()


class RayExecutor(Executor):
    """Ray as a :class:`concurrent.futures.Executor`: ``monte_carlo(..., executor=RayExecutor())``.

    ``ray.init(**init)`` is called unless Ray is already running (pass ``address="auto"`` to
    join a cluster). Each function is wrapped in ``ray.remote`` once; the prepared county is
    put in Ray's object store once (``ray.put``) and passed by reference, as Dask scatters it;
    ``ObjectRef.future()`` gives the concurrent.futures Future that Monte Carlo waits on.
    """

    def __init__(self, **init: Any) -> None:
        import ray

        self._ray = ray
        if not ray.is_initialized():
            ray.init(**init)
        self._remote: dict[Callable[..., Any], Any] = {}
        self._ship = _ShipOnce(ray.put)

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        remote = self._remote.get(fn) or self._remote.setdefault(fn, self._ray.remote(fn))
        return remote.remote(*map(self._ship, args), **kwargs).future()  # type: ignore[no-any-return]

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        self._remote.clear()
        self._ship.clear()
