"""Write files so that a crash at any moment leaves the old file or the new one, never half of one."""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

from .errors import WriteError


def atomic_write_bytes(path: str | Path, data: bytes, *, durable: bool = True) -> Path:
    """Write ``data`` to a temporary file beside ``path``, flush it to disk, then rename over ``path``.

    ``durable=False`` skips the flush to disk, for caches whose readers check a digest anyway: a
    power cut may then leave a damaged file, which they ignore, but never half of one in its place.
    """
    target = Path(path)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as error:  # a read-only folder, a missing drive: a plain message, no traceback
        raise WriteError.from_os_error(target, error) from None
    try:
        # mkstemp makes the file private (0600); give it the permissions a normal save would.
        try:
            mode = stat.S_IMODE(os.stat(target).st_mode)
        except FileNotFoundError:
            mask = os.umask(0)
            os.umask(mask)
            mode = 0o666 & ~mask
        os.chmod(tmp, mode)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            if durable:
                handle.flush()
                os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException as error:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        if isinstance(error, OSError) and not isinstance(error, WriteError):  # a full disk, say
            raise WriteError.from_os_error(target, error) from None
        raise
    return target


def atomic_write_text(path: str | Path, text: str, encoding: str = "utf-8") -> Path:
    """Text version of :func:`atomic_write_bytes`; newlines are written as given."""
    return atomic_write_bytes(path, text.encode(encoding))
