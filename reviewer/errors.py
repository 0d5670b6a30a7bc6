"""The one family of exceptions the engine raises for bad input, with messages in plain words."""

from __future__ import annotations

from pathlib import Path


class ReviewerWarning(UserWarning):
    """A warning raised by our own code; the test suite turns these into errors."""


class ReviewerError(Exception):
    """Base of every error counsel may see: the message says what happened and what to do.

    The CLI prints ``str(error)`` on stderr and exits with 2; the window shows it in a dialog.
    No library traceback ever reaches the user.
    """

    exit_code = 2

    def __init__(self, message: str, *, path: str | Path | None = None, hint: str = "") -> None:
        self.message = message
        self.path = Path(path) if path is not None else None
        self.hint = hint
        super().__init__(self.__str__())

    def __str__(self) -> str:
        head = f"{self.path}: {self.message}" if self.path is not None else self.message
        return f"{head}\n{self.hint}" if self.hint else head


class LoadError(ReviewerError):
    """A contract file that cannot be read: unsupported, empty, encrypted, broken or scanned."""


class RuleFileError(ReviewerError):
    """A rule file with mistakes; ``problems`` holds every one, each with its line and column."""

    def __init__(self, message: str, *, path: str | Path | None = None, hint: str = "",
                 problems: list["RuleProblem"] | None = None) -> None:
        self.problems = list(problems or [])
        super().__init__(message, path=path, hint=hint)


class RuleProblem:
    """One mistake in a rule file, at a 1-based line and column."""

    __slots__ = ("path", "line", "column", "message")

    def __init__(self, path: str | Path, line: int, column: int, message: str) -> None:
        self.path = Path(path)
        self.line = line
        self.column = column
        self.message = message

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.message}"

    def __repr__(self) -> str:
        return f"RuleProblem({str(self)!r})"
