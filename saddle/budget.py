"""A CPU-time and memory budget for analysing a user's loss: the last guard after mathcore.limits, so whatever
slips through those limits still ends in one line (exit 2) instead of running for minutes or eating the machine.

CPU time, not wall time: a loaded machine does not make a good loss fail. Memory is capped by lowering the
process's address-space limit to what it uses now plus the budget, for the analysis only."""

from __future__ import annotations

import os
import resource
import signal
import threading
from contextlib import contextmanager

from mathcore.errors import LossError
from mathcore.stage import current_stage, start_stages

ANALYSIS_CPU_SECONDS = 10.0
ANALYSIS_MEGABYTES = 512


class _OutOfTime(BaseException):
    """Raised from the timer signal; a BaseException, so no `except Exception` inside sympy can swallow it."""


def _out_of_time(signum, frame):
    raise _OutOfTime


def _address_space() -> int:
    with open("/proc/self/statm") as handle:
        return int(handle.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")


@contextmanager
def analysis_budget(seconds: float = ANALYSIS_CPU_SECONDS, megabytes: int = ANALYSIS_MEGABYTES):
    """Run the block with at most `seconds` of CPU time and `megabytes` more memory; LossError past either."""
    if threading.current_thread() is not threading.main_thread():  # signals reach the main thread only
        yield
        return
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    limit = _address_space() + megabytes * 2**20
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    previous = signal.signal(signal.SIGPROF, _out_of_time)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    start_stages()
    signal.setitimer(signal.ITIMER_PROF, seconds)
    try:
        try:
            yield
        finally:
            signal.setitimer(signal.ITIMER_PROF, 0)  # inside the try: a signal that fires just before still counts
    except _OutOfTime:
        raise LossError(f"analysing this loss needs more than {seconds:g} s of CPU time (the limit; it ran out "
                        f"while {current_stage()}); give a simpler loss (lower powers, fewer nested functions) or a "
                        "smaller box") from None
    except MemoryError:
        raise LossError(f"analysing this loss needs more than {megabytes} MB of memory (the limit; it ran out "
                        f"while {current_stage()}); "
                        "give a simpler loss (lower powers, fewer nested functions)") from None
    finally:
        signal.signal(signal.SIGPROF, previous)
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))
