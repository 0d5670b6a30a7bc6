"""The thread-pool worker: result, error, progress, cancellation; and the session keeping the last good state."""

from __future__ import annotations

import threading

import pytest

from reviewer.errors import LoadError
from ui.workers import Worker, WorkerPool

pytestmark = pytest.mark.gui


def test_result_and_progress_arrive_on_the_ui_thread(qtbot):
    pool = WorkerPool()
    seen = []
    main = threading.get_ident()

    def job(n, control):
        control.progress(50, "half")
        return threading.get_ident(), n * 2

    worker = Worker(job, 21)
    worker.signals.progress.connect(lambda p, m: seen.append((p, m, threading.get_ident() == main)))
    with qtbot.waitSignal(worker.signals.finished, timeout=5000):
        with qtbot.waitSignal(worker.signals.result, timeout=5000) as result:
            pool.start(worker)
    thread, value = result.args[0]
    assert value == 42
    assert thread != main  # the job ran off the UI thread
    assert seen == [(50, "half", True)]


def test_error_is_handed_over_as_the_exception(qtbot):
    pool = WorkerPool()

    def job():
        raise LoadError("文件已损坏。", path="x.pdf")

    worker = Worker(job)
    with qtbot.waitSignal(worker.signals.error, timeout=5000) as error:
        pool.start(worker)
    assert isinstance(error.args[0], LoadError)
    assert str(error.args[0]) == "x.pdf: 文件已损坏。"


def test_cancelled_job_stops_and_reports_nothing(qtbot):
    pool = WorkerPool()
    started, release = threading.Event(), threading.Event()
    steps = []

    def job(control):
        started.set()
        release.wait(5)
        steps.append("before")
        control.check()
        steps.append("after")
        return "value"

    worker = Worker(job)
    results = []
    worker.signals.result.connect(results.append)
    worker.signals.error.connect(results.append)
    with qtbot.waitSignal(worker.signals.finished, timeout=5000):
        pool.start(worker)
        assert started.wait(5)
        worker.cancel()
        release.set()
    assert steps == ["before"]
    assert results == []


def test_session_keeps_previous_review_when_an_open_fails(qtbot, tmp_path):
    from ui.session import ReviewSession

    def job(path, perspective, ruleset, control=None):
        if path.name == "bad.txt":
            raise LoadError("不是合同文件。", path=path)
        return f"reviewed {path.name} as {perspective}"

    session = ReviewSession(job=job)
    with qtbot.waitSignal(session.reviewed, timeout=5000):
        session.open(tmp_path / "good.txt", "customer")
    assert session.current == "reviewed good.txt as customer"
    with qtbot.waitSignal(session.failed, timeout=5000) as failed:
        session.open(tmp_path / "bad.txt", "customer")
    assert failed.args[0] == f"{tmp_path / 'bad.txt'}: 不是合同文件。"
    assert session.current == "reviewed good.txt as customer"
    assert not session.is_busy


def test_newer_open_supersedes_an_older_one(qtbot, tmp_path):
    from ui.session import ReviewSession

    gate = threading.Event()

    def job(path, perspective, ruleset, control=None):
        if path.name == "slow.txt":
            gate.wait(5)
        return path.name

    session = ReviewSession(job=job)
    results = []
    session.reviewed.connect(results.append)
    session.open(tmp_path / "slow.txt", "customer")
    with qtbot.waitSignal(session.reviewed, timeout=5000):
        session.open(tmp_path / "fast.txt", "customer")
    gate.set()
    session.wait(5000)
    qtbot.wait(50)  # let any queued signal of the slow job arrive: it must be dropped
    assert results == ["fast.txt"]
    assert session.current == "fast.txt"
