"""The rule set in force: loaded off the UI thread, reloaded when a rule file changes, last good kept."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

from .workers import Worker, WorkerPool


@dataclass
class RulesState:
    """One load: the rules in force, the files refused this time, and which files stood in for them."""

    ruleset: Any
    errors: list = field(default_factory=list)  # RuleFileError of files refused by this load
    kept: list[Path] = field(default_factory=list)  # refused files whose last good version is in force
    files: list[Path] = field(default_factory=list)  # every rule file looked at
    changed: bool = True


def _rule_files(extra_paths: Iterable[Path]) -> list[Path]:
    """The same files, in the same order, as ``RuleSet.default`` reads."""
    from reviewer.engine.rulepack import builtin_rules_dir, rule_files, user_rules_dir

    files = list(rule_files(builtin_rules_dir()))
    if user_rules_dir().is_dir():
        files += rule_files(user_rules_dir())
    for extra in extra_paths:
        files += rule_files(Path(extra))
    return files


def _key(path: Path) -> Path:
    try:
        return Path(path).resolve()
    except OSError:  # pragma: no cover - unreadable path
        return Path(path)


class RuleStore:
    """Loads rules and remembers the text of every file that last loaded cleanly.

    When a file turns bad, the rules are built again with that file's last good text in its
    place, so an edit in progress never switches rules off; the error is still reported.
    Thread-safe: workers call :meth:`current` and :meth:`reload`.
    """

    def __init__(self, extra_paths: Iterable[Path] = ()) -> None:
        self.extra_paths = [Path(p) for p in extra_paths]
        self._lock = threading.Lock()
        self._good: dict[Path, str] = {}
        self._signature: tuple | None = None
        self.state: RulesState | None = None

    @property
    def ruleset(self) -> Any:
        return self.state.ruleset if self.state else None

    def current(self) -> Any:
        with self._lock:
            if self.state is None:
                self._load()
            return self.state.ruleset

    def reload(self) -> RulesState:
        with self._lock:
            return self._load()

    def _load(self) -> RulesState:
        from reviewer.engine.rulepack import RuleSet

        files = _rule_files(self.extra_paths)
        texts: dict[Path, str] = {}
        for path in files:
            try:
                texts[path] = path.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                pass  # the rule loader reports the file itself
        ruleset = RuleSet.from_files(files, dict(texts))
        errors = list(ruleset.errors)
        kept: list[Path] = []
        if errors:
            broken = {_key(e.path) for e in errors if e.path is not None}
            stand_in = {p: self._good[_key(p)] for p in files if _key(p) in broken and _key(p) in self._good}
            if stand_in:
                ruleset = RuleSet.from_files(files, {**texts, **stand_in})
                kept = list(stand_in)
        else:
            broken = set()
        for path, text in texts.items():
            if _key(path) not in broken:
                self._good[_key(path)] = text
        signature = tuple((str(p), texts.get(p)) for p in files)
        changed = signature != self._signature
        self._signature = signature
        self.state = RulesState(ruleset, errors, kept, files, changed)
        return self.state


class RulesManager(QObject):
    """Qt side of the :class:`RuleStore`: reloads in a worker and watches the files.

    ``rulesChanged(state)`` fires after a load that changed any rule file (the window then
    reviews again); ``stateChanged(state)`` after every load (the rules panel redraws).
    """

    rulesChanged = Signal(object)
    stateChanged = Signal(object)
    failed = Signal(str)

    def __init__(self, store: RuleStore | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store = store or RuleStore()
        self._workers = WorkerPool(self)
        self._worker: Worker | None = None
        self._again = False
        self._published: RulesState | None = None
        self.watcher = QFileSystemWatcher(self)
        self.watcher.fileChanged.connect(self._on_disk_change)
        self.watcher.directoryChanged.connect(self._on_disk_change)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(250)  # editors save in several steps (write, rename, chmod)
        self._debounce.timeout.connect(self.reload)

    @property
    def ruleset(self) -> Any:
        return self.store.ruleset

    @property
    def state(self) -> RulesState | None:
        return self.store.state

    def reload(self) -> None:
        """Load the rules again in a worker; a request during a load runs once that one ends."""
        if self._worker is not None:
            self._again = True
            return
        self._worker = Worker(self.store.reload)
        self._worker.signals.result.connect(self._on_loaded)
        self._worker.signals.error.connect(self._on_error)
        self._worker.signals.finished.connect(self._on_finished)
        self._workers.start(self._worker)

    def wait(self, msecs: int = -1) -> bool:
        return self._workers.wait(msecs)

    def adopt_current(self) -> None:
        """A worker loaded the rules on its own (first open): show them and start watching."""
        if self.store.state is not None and self.store.state is not self._published:
            self._publish(self.store.state, announce=False)

    def set_override(self, rule_id: str, enabled: bool | None = None, severity: str | None = None) -> None:
        from reviewer.engine.overrides import set_override

        try:
            set_override(rule_id, enabled=enabled, severity=severity)
        except OSError as exc:
            from .session import error_message

            self.failed.emit(error_message(exc))
            return
        self.reload()

    def _on_loaded(self, state: RulesState) -> None:
        self._publish(state, announce=state.changed)

    def _publish(self, state: RulesState, announce: bool) -> None:
        self._published = state
        self._watch(state.files)
        self.stateChanged.emit(state)
        if announce:
            self.rulesChanged.emit(state)

    def _on_error(self, exc: BaseException) -> None:
        from .session import error_message

        self.failed.emit(error_message(exc))

    def _on_finished(self) -> None:
        self._worker = None
        if self._again:
            self._again = False
            self.reload()

    def _watch(self, files: list[Path]) -> None:
        """Watch every rule file and the folders they live in (new files, atomic renames)."""
        from reviewer.engine.rulepack import builtin_rules_dir, user_rules_dir

        wanted = {str(p) for p in files if p.exists()}
        folders = {builtin_rules_dir(), user_rules_dir(), *(p.parent for p in files)}
        user = user_rules_dir()
        if not user.exists() and user.parent.exists():
            folders.add(user.parent)  # notice the rules folder being created
        wanted |= {str(d) for d in folders if d.is_dir()}
        # Re-add everything: a file replaced by rename is dropped from the watch list by Qt.
        current = self.watcher.files() + self.watcher.directories()
        if current:
            self.watcher.removePaths(current)
        if wanted:
            self.watcher.addPaths(sorted(wanted))

    def _on_disk_change(self, path: str) -> None:
        from reviewer.engine.rulepack import user_rules_dir

        user = user_rules_dir()
        if Path(path) == user.parent and not user.exists():
            return  # the folder above the (not yet created) rules folder: only its creation matters
        self._debounce.start()

    def shutdown(self, msecs: int = 3000) -> None:
        """Stop watching and let a load in progress finish, so nothing runs once the window is gone."""
        self._debounce.stop()
        paths = self.watcher.files() + self.watcher.directories()
        if paths:
            self.watcher.removePaths(paths)
        self._again = False
        self.wait(msecs)
