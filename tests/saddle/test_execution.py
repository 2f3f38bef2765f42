"""The executor: the test lecture rendered on a local Dask cluster and by a Dask scheduler's workers in private
folders gives byte for byte the files the local executor gives; a worker killed in the middle of a scene's render
costs a re-run elsewhere and nothing partial; Ctrl-C cancels; a scheduler that is not there, a worker that cannot
run the project and a bad --cluster each end in one line."""

from __future__ import annotations

import hashlib
import os
import signal
import socket
import subprocess
import sys
import time
from multiprocessing import get_context
from pathlib import Path

import pytest

from saddle.execution import ExecutorChoice, LocalExecutor, UsageError, cluster_workers, open_executor
from tests.helpers.production import ROOT, copy_fixture, environment, output_folder, saddle, saddle_command
from tests.saddle.test_faults import check_interrupted, interrupt, leftovers, one_error_line, start, wait_for

PUBLISHED_SKIPS = (".state", "logs", ".cache")  # bookkeeping and caches: not what a render publishes


def published(folder: Path) -> dict[str, str]:
    return {str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(folder.rglob("*")) if path.is_file() and path.name != ".lock"
            and not set(PUBLISHED_SKIPS) & set(path.relative_to(folder).parts)}


def render(lecture: Path, renders: Path, *options: str) -> dict[str, str]:
    result = saddle("render", lecture, renders, *options)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "2 scene(s) rendered" in result.stdout
    return published(output_folder(renders))


@pytest.fixture(scope="module")
def lecture(tmp_path_factory):
    return copy_fixture(tmp_path_factory.mktemp("lecture") / "fixture")


@pytest.fixture(scope="module")
def local(lecture, tmp_path_factory):
    """What the local executor publishes: the reference."""
    return render(lecture, tmp_path_factory.mktemp("local"))


@pytest.fixture
def scheduler(monkeypatch):
    """A Dask scheduler with two worker processes, as `dask scheduler` and `dask worker` would be on a cluster (the
    workers do not share the client's folders: the run is not told they do). TINY_PAUSE reaches the workers'
    renders: they inherit this environment."""
    from distributed import Client, LocalCluster

    monkeypatch.setenv("TINY_PAUSE", os.environ.get("TINY_PAUSE", "0"))
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0") as cluster, \
            Client(cluster) as client:
        yield cluster.scheduler_address, client


@pytest.mark.slow
def test_a_local_cluster_publishes_what_the_local_executor_does(lecture, local, tmp_path):
    assert len(local) > 15 and "lecture.mp4" in local
    assert render(lecture, tmp_path, "--cluster", "local:2") == local


@pytest.mark.slow
def test_workers_in_private_folders_publish_what_the_local_executor_does(lecture, local, tmp_path, scheduler):
    address, _ = scheduler
    assert render(lecture, tmp_path, "--scheduler", address) == local
    assert leftovers(output_folder(tmp_path)) == []


@pytest.mark.slow
def test_a_worker_killed_mid_render_costs_a_rerun_and_nothing_partial(lecture, local, tmp_path, monkeypatch):
    monkeypatch.setenv("TINY_PAUSE", "6")  # TinyWords holds after its title, long enough to kill its worker
    from distributed import Client, LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0") as cluster, \
            Client(cluster) as client:
        run = subprocess.Popen(saddle_command("render", lecture, tmp_path, "--scheduler", cluster.scheduler_address),
                               cwd=ROOT, env=environment() | {"TINY_PAUSE": "6"}, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)

        def worker_of_tiny_words() -> str | None:
            return next((worker for worker, keys in client.processing().items()
                         if any(str(key).startswith("render-TinyWords") for key in keys)), None)

        wait_for(lambda: worker_of_tiny_words() is not None, "TinyWords to start on a worker", 120)
        time.sleep(2)  # inside the scene's pause: manim is running on that worker
        worker = worker_of_tiny_words()
        (pid,) = client.run(os.getpid, workers=[worker]).values()
        os.kill(pid, signal.SIGKILL)
        stdout, stderr = run.communicate(timeout=600)
    assert run.returncode == 0, stdout + stderr
    assert "2 scene(s) rendered, 0 up to date, 0 failed" in stdout
    assert published(output_folder(tmp_path)) == local
    assert leftovers(output_folder(tmp_path)) == []


@pytest.mark.slow
def test_ctrl_c_cancels_the_cluster_run_and_publishes_nothing_half_made(lecture, tmp_path):
    process = start(saddle_command("render", lecture, tmp_path, "--cluster", "local:2"), TINY_PAUSE="600")
    log = output_folder(tmp_path) / "logs" / "TinyWords.log"
    wait_for(lambda: log.exists() and "Partial movie file written" in log.read_text(), "TinyWords's first animation")
    check_interrupted(*interrupt(process, signal.SIGINT), signal.SIGINT)
    folder = output_folder(tmp_path)
    assert not (folder / "TinyWords.mp4").exists() and leftovers(folder) == []
    survivors = subprocess.run(["pgrep", "-f", f"{lecture.parent}.*TinyWords"], capture_output=True, text=True,
                               check=False)
    assert survivors.stdout == "", "a render outlived the interrupted run"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_a_scheduler_that_is_not_there_is_one_line_and_exit_1(lecture, tmp_path):
    address = f"tcp://127.0.0.1:{_free_port()}"
    result = saddle("render", lecture, tmp_path, "--scheduler", address)
    assert result.returncode == 1
    assert one_error_line(result.stderr).startswith(f"saddle: error: cannot reach the Dask scheduler at {address}")
    assert not output_folder(tmp_path).joinpath("TinyWords.mp4").exists()


def test_the_scheduler_may_come_from_dask_s_own_variable(lecture, tmp_path):
    address = f"tcp://127.0.0.1:{_free_port()}"
    result = subprocess.run(saddle_command("render", lecture, tmp_path), cwd=ROOT, capture_output=True, text=True,
                            env=environment() | {"DASK_SCHEDULER_ADDRESS": address}, timeout=120, check=False)
    assert result.returncode == 1 and address in one_error_line(result.stderr)


@pytest.mark.slow
def test_a_worker_without_the_project_is_named_in_one_line(lecture, tmp_path):
    """A worker whose Python has another `saddle` (here: one that cannot be imported) cannot run our tasks."""
    fake = tmp_path / "elsewhere" / "saddle"
    fake.mkdir(parents=True)
    (fake / "__init__.py").write_text("raise ImportError('not the saddle-lecture project')\n")
    port = _free_port()
    scheduler = subprocess.Popen([sys.executable, "-m", "distributed.cli.dask_scheduler", "--port", str(port),
                                  "--no-dashboard"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    worker = subprocess.Popen([sys.executable, "-m", "distributed.cli.dask_worker", f"tcp://127.0.0.1:{port}",
                               "--nthreads", "1", "--no-dashboard"], cwd=tmp_path,
                              env=os.environ | {"PYTHONPATH": str(fake.parent)},
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        result = saddle("render", lecture, tmp_path / "renders", "--scheduler", f"tcp://127.0.0.1:{port}")
    finally:
        for process in (worker, scheduler):
            process.terminate()
            process.wait(timeout=60)
    assert result.returncode == 1
    line = one_error_line(result.stderr)
    assert "the Dask workers cannot run saddle's tasks" in line and "install this project on every worker" in line


@pytest.mark.parametrize("bad", ["local", "local:0", "local:x", "slurm:4"])
def test_a_bad_cluster_is_a_usage_error(bad):
    with pytest.raises(UsageError, match="local:N"):
        cluster_workers(bad)


def test_both_a_scheduler_and_a_cluster_is_a_usage_error(lecture, tmp_path):
    result = saddle("render", lecture, tmp_path, "--cluster", "local:2", "--scheduler", "tcp://127.0.0.1:1")
    assert result.returncode == 2 and "not both" in one_error_line(result.stderr)


def test_no_scheduler_means_this_machine():
    with open_executor(ExecutorChoice(), jobs=3) as executor:
        assert isinstance(executor, LocalExecutor) and executor.workers == 3 and executor.shares_files
        futures = [executor.submit(pow, 2, n) for n in range(5)]
        assert sorted(future.result() for future in executor.as_completed(futures)) == [1, 2, 4, 8, 16]


def test_cancel_ends_the_pool_s_own_workers_and_no_other_child():
    """A task already running in a local process is ended by terminating its worker; a process this one started
    for something else lives on."""
    other = get_context("spawn").Process(target=time.sleep, args=(120,))
    other.start()
    executor = LocalExecutor(2, processes=True)
    try:
        futures = [executor.submit(time.sleep, 120) for _ in range(3)]
        wait_for(lambda: len(executor.context.started) == 2 and all(w.is_alive() for w in executor.context.started),
                 "the pool's two workers")
        executor.cancel(futures)
        executor.close()
        assert not any(worker.is_alive() for worker in executor.context.started)
        assert other.is_alive()
    finally:
        other.terminate()
