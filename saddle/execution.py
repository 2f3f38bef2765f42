"""Independent work — a scene, a voice line, a trained network — as tasks of one executor interface: processes on
this machine by default, Dask distributed when the user names a scheduler (`--scheduler tcp://HOST:8786` or
$DASK_SCHEDULER_ADDRESS) or asks for a local cluster (`--cluster local:N`). A task is a picklable top-level function
and its arguments; what it returns comes back to this process, which alone publishes files. No queue of our own:
Dask re-runs a task whose worker died, and cancels what is pending when the run is interrupted."""

from __future__ import annotations

import os
import signal
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, ThreadPoolExecutor, as_completed, wait
from contextlib import suppress
from dataclasses import dataclass
from multiprocessing.context import SpawnContext
from multiprocessing.process import BaseProcess
from typing import Any

SCHEDULER_VARIABLE = "DASK_SCHEDULER_ADDRESS"  # Dask's own name for it
CONNECT_SECONDS = 5


class ExecutionError(RuntimeError):
    """The executor cannot be used at all (no scheduler there, workers that cannot run the project's tasks)."""


class UsageError(ValueError):
    """The executor was asked for in a way that cannot work (a bad --cluster value, both options at once)."""


class Executor(ABC):
    """Runs tasks somewhere and hands their results back here as they finish."""

    #: True when tasks see this machine's files (a local executor or a local cluster): they may then read inputs and
    #: write their work where the client will publish it, instead of shipping bytes both ways.
    shares_files: bool = True

    @property
    @abstractmethod
    def workers(self) -> int:
        """How many tasks run at once."""

    @abstractmethod
    def submit(self, function: Callable[..., Any], *args: Any, key: str | None = None) -> Any:
        """Start function(*args); returns a future (`.result()`, `.cancel()`)."""

    @abstractmethod
    def as_completed(self, futures: Iterable[Any]) -> Iterator[Any]:
        """The futures, each as soon as it is done."""

    @abstractmethod
    def first_done(self, futures: Iterable[Any]) -> set[Any]:
        """Wait until at least one of the futures is done; the done ones (to keep a window of tasks in flight)."""

    def cancel(self, futures: Iterable[Any]) -> None:
        for future in futures:
            future.cancel()

    def everywhere(self, function: Callable[..., Any], *args: Any) -> None:
        """Call function(*args) in every process that runs tasks (to stop what a cancelled task started)."""
        function(*args)

    @abstractmethod
    def close(self) -> None:
        """Release the workers (waiting for nothing that was cancelled)."""

    def __enter__(self) -> Executor:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    @property
    def name(self) -> str:
        return f"{self.workers} local process(es)"


class LocalExecutor(Executor):
    """This machine. Tasks that spend their time waiting on a program of their own (manim) run in threads, which the
    client can stop by stopping that program; tasks that compute in Python (training, synthesis) in processes."""

    def __init__(self, jobs: int, processes: bool = False):
        self.jobs = max(1, jobs)
        self.processes = processes
        # Workers leave Ctrl-C to this process, which ends them: none prints a traceback half-way through an import.
        self.context = _KeepingTrack()
        self.pool: ThreadPoolExecutor | ProcessPoolExecutor = (
            ProcessPoolExecutor(self.jobs, mp_context=self.context, initializer=_leave_interrupts)
            if processes else ThreadPoolExecutor(self.jobs))

    @property
    def workers(self) -> int:
        return self.jobs

    @property
    def name(self) -> str:
        return f"{self.jobs} local {'process' if self.processes else 'thread'}(s)"

    def submit(self, function, *args, key=None) -> Future:
        return self.pool.submit(function, *args)

    def as_completed(self, futures):
        return as_completed(list(futures))

    def first_done(self, futures) -> set:
        return wait(list(futures), return_when=FIRST_COMPLETED).done

    def cancel(self, futures) -> None:
        super().cancel(futures)
        if self.processes:  # a task already running in a process is not cancelled by its future: end the process
            for worker in self.context.started:  # this pool's own, not every child of this process
                if worker.is_alive():
                    worker.terminate()

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)


class _KeepingTrack(SpawnContext):
    """Processes start anew (spawn: torch may be imported here already), and are remembered: cancel ends the pool's
    own workers, not every child of this process."""

    def __init__(self) -> None:
        super().__init__()
        self.started: list[BaseProcess] = []

    def Process(self, *args, **kwargs):  # type: ignore[override]  # multiprocessing's own name, a class there
        process = super().Process(*args, **kwargs)
        self.started.append(process)
        return process


def _leave_interrupts() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)


class DaskExecutor(Executor):
    """A Dask distributed client: of a scheduler at an address, or of a LocalCluster it starts and stops itself."""

    def __init__(self, client, cluster=None, shares_files: bool = False):
        self.client, self.cluster = client, cluster
        self.shares_files = shares_files

    @property
    def workers(self) -> int:
        return max(1, sum(worker.get("nthreads", 1) for worker in self.client.scheduler_info()["workers"].values()))

    @property
    def name(self) -> str:
        where = "a local Dask cluster" if self.cluster is not None else f"Dask at {self.client.scheduler.address}"
        return f"{self.workers} worker thread(s) of {where}"

    def submit(self, function, *args, key=None):
        # pure=False: a task is run again when asked again (a render after --force), never served from Dask's memory
        return self.client.submit(function, *args, key=key, pure=False)

    def as_completed(self, futures):
        from distributed import as_completed as dask_as_completed

        return iter(dask_as_completed(list(futures)))

    def first_done(self, futures) -> set:
        from distributed import wait as dask_wait

        return set(dask_wait(list(futures), return_when="FIRST_COMPLETED").done)

    def cancel(self, futures) -> None:
        with suppress(Exception):  # the client may already be gone when a run is interrupted
            self.client.cancel(list(futures), force=True)

    def everywhere(self, function, *args) -> None:
        function(*args)  # this process too: a task's result may be being published here
        with suppress(Exception):
            self.client.run(function, *args)

    def close(self) -> None:
        with suppress(Exception):
            self.client.close()
        if self.cluster is not None:
            with suppress(Exception):
                self.cluster.close()


@dataclass(frozen=True)
class ExecutorChoice:
    """What the user asked for: a scheduler's address, a local cluster of N workers, or neither (local)."""

    scheduler: str = ""
    cluster: str = ""
    shared: bool = False  # the scheduler's workers see this machine's files at the same paths

    @property
    def distributed(self) -> bool:
        return bool(self.scheduler or self.cluster)


def cluster_workers(cluster: str) -> int:
    """`local:N` → N."""
    kind, _, count = cluster.partition(":")
    if kind != "local" or not count.isdigit() or int(count) < 1:
        raise UsageError(f"--cluster {cluster!r} is not local:N with N ≥ 1 (for a remote cluster use --scheduler)")
    return int(count)


def worker_check() -> str:
    """Run on each worker before any task: a worker that cannot import the project fails here, by name."""
    from importlib.metadata import version

    import saddle.production.launch  # noqa: F401  (what a render task needs, manim's launcher included)

    return version("saddle-lecture")


def _dask_client(choice: ExecutorChoice, jobs: int):
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise ExecutionError("Dask is not installed here; install it with `pip install -e '.[cluster]'`") from None
    if choice.cluster:
        workers = cluster_workers(choice.cluster)
        # The workers start with Ctrl-C ignored (kept across their exec): at a terminal it reaches the whole process
        # group, and this process alone ends the run, cancelling their tasks and stopping their renders.
        previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
        try:
            cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0")
        finally:
            signal.signal(signal.SIGINT, previous)
        return Client(cluster), cluster
    try:
        return Client(choice.scheduler, timeout=CONNECT_SECONDS), None
    except (OSError, TimeoutError) as error:
        raise ExecutionError(f"cannot reach the Dask scheduler at {choice.scheduler} within {CONNECT_SECONDS} s "
                             f"({type(error).__name__}); check the address, or start one with `dask scheduler`") \
            from None


def open_executor(choice: ExecutorChoice, jobs: int, processes: bool = False) -> Executor:
    """The executor the user asked for, checked: every Dask worker can run the project's tasks."""
    if choice.scheduler and choice.cluster:
        raise UsageError("give either --scheduler or --cluster, not both")
    if not choice.distributed:
        return LocalExecutor(jobs, processes)
    client, cluster = _dask_client(choice, jobs)
    executor = DaskExecutor(client, cluster, shares_files=bool(cluster) or choice.shared)
    try:
        if not client.scheduler_info()["workers"]:
            client.wait_for_workers(1, timeout=CONNECT_SECONDS)
        versions = client.run(worker_check)
    except Exception as error:  # whatever a worker raises: it is named in one line, and nothing runs
        executor.close()
        message = str(error).splitlines()[0] if str(error) else type(error).__name__
        raise ExecutionError(f"the Dask workers cannot run saddle's tasks ({type(error).__name__}: {message}); "
                             "install this project on every worker (README: Rendering on a cluster)") from None
    mine = worker_check()
    stale = sorted(address for address, found in versions.items() if found != mine)
    if stale:
        executor.close()
        raise ExecutionError(f"Dask worker(s) {', '.join(stale)} run saddle-lecture {versions[stale[0]]}, this is "
                             f"{mine}; install the same version everywhere")
    return executor


def scheduler_from_environment(scheduler: str | None) -> str:
    return scheduler or os.environ.get(SCHEDULER_VARIABLE, "")
