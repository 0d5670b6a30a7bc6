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


class PasswordRequired(LoadError):
    """A PDF that opens only with its password.

    The window asks for the password and calls ``reviewer.load(path, password=...)`` again;
    ``wrong_password`` is True when the password given was not the right one.
    """

    def __init__(self, message: str, *, path: str | Path | None = None, hint: str = "",
                 wrong_password: bool = False) -> None:
        self.wrong_password = wrong_password
        super().__init__(message, path=path, hint=hint)


class WriteError(ReviewerError, OSError):
    """A file the tool could not write (a read-only folder, a full disk), said plainly.

    Still an OSError, so code that already handles failed writes keeps handling it.
    """

    @classmethod
    def from_os_error(cls, path: str | Path, error: OSError) -> "WriteError":
        from .i18n import tr

        folder = Path(path).parent
        return cls(
            tr("无法在文件夹“{folder}”中写入文件（{reason}）。", "Cannot write a file in the folder “{folder}” ({reason}).",
               folder=folder, reason=error.strerror or error),
            path=path,
            hint=tr("请另选一个可以写入的文件夹（例如“文档”或桌面），或检查该文件夹的权限和磁盘空间。",
                    "Choose a folder you can write to (Documents or the desktop, say), or check the folder's "
                    "permissions and the free disk space."),
        )


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
