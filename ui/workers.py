"""Long work (load, review, export) off the UI thread: a QRunnable with a signals object."""

from __future__ import annotations

import inspect
import sys
import threading
import traceback
from typing import Any, Callable

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from .qtfix import protect_none

protect_none()  # before any other Qt call: see qtfix


class Cancelled(Exception):
    """Raised inside a job by ``check()`` once the job has been cancelled."""


class WorkerSignals(QObject):
    """What a worker tells the UI thread; connections are queued, so slots run on the UI thread."""

    started = Signal()
    progress = Signal(int, str)  # percent 0-100, what is being done
    result = Signal(object)
    error = Signal(object)  # the exception
    finished = Signal()  # always last, after result or error (not emitted on cancel's result)


class JobControl:
    """Handed to a job that asks for it: report progress, and stop early when cancelled."""

    def __init__(self, signals: WorkerSignals) -> None:
        self._signals = signals
        self._cancel = threading.Event()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def cancel(self) -> None:
        self._cancel.set()

    def check(self) -> None:
        if self._cancel.is_set():
            raise Cancelled()

    def progress(self, percent: int, message: str = "") -> None:
        self.check()
        self._signals.progress.emit(int(percent), message)


class Worker(QRunnable):
    """Run ``fn(*args, **kwargs)`` in the thread pool. Never touches widgets.

    If ``fn`` takes a parameter named ``control`` it receives the :class:`JobControl`. After
    :meth:`cancel` the result is dropped (no ``result``/``error``); ``finished`` still comes.
    """

    def __init__(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> None:
        super().__init__()
        self.setAutoDelete(False)  # we keep it alive until finished; Python owns it
        self.fn = fn
        self.args = args
        self.kwargs = kwargs
        self.signals = WorkerSignals()
        self.control = JobControl(self.signals)
        try:
            if "control" in inspect.signature(fn).parameters:
                self.kwargs["control"] = self.control
        except (TypeError, ValueError):  # builtins without a signature
            pass

    def cancel(self) -> None:
        self.control.cancel()

    @property
    def cancelled(self) -> bool:
        return self.control.cancelled

    def run(self) -> None:  # runs on a pool thread
        signals = self.signals
        signals.started.emit()
        try:
            value = self.fn(*self.args, **self.kwargs)
        except Cancelled:
            pass
        except Exception as exc:  # noqa: BLE001 - every failure must reach the UI as a message
            if not self.cancelled:
                if not _is_user_error(exc):
                    traceback.print_exc(file=sys.stderr)
                signals.error.emit(exc)
        else:
            if not self.cancelled:
                signals.result.emit(value)
        finally:
            signals.finished.emit()


def _is_user_error(exc: BaseException) -> bool:
    from reviewer.errors import ReviewerError

    return isinstance(exc, (ReviewerError, OSError))


class WorkerPool(QObject):
    """Starts workers and keeps each one (and its signals) alive until it has finished."""

    def __init__(self, parent: QObject | None = None, pool: QThreadPool | None = None) -> None:
        super().__init__(parent)
        self._pool = pool or QThreadPool.globalInstance()
        self._running: dict[WorkerSignals, Worker] = {}
        # Finished workers are dropped one start later: the pool thread may still be returning
        # from run() when the UI thread hears "finished".
        self._done: list[Worker] = []

    def start(self, worker: Worker) -> Worker:
        self._done.clear()
        self._running[worker.signals] = worker
        worker.signals.finished.connect(self._on_finished)
        self._pool.start(worker)
        return worker

    def _on_finished(self) -> None:
        worker = self._running.pop(self.sender(), None)
        if worker is not None:
            self._done.append(worker)

    def active(self) -> int:
        return len(self._running)

    def cancel_all(self) -> None:
        for worker in list(self._running.values()):
            worker.cancel()

    def wait(self, msecs: int = -1) -> bool:
        return self._pool.waitForDone(msecs)
