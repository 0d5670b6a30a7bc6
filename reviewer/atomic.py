"""Write files so that a crash at any moment leaves the old file or the new one, never half of one;
and the sealed files of our caches, which a reader uses only when they are whole and ours."""

from __future__ import annotations

import hashlib
import marshal
import os
import stat
from pathlib import Path
from typing import Any

from .errors import WriteError


def atomic_write_bytes(path: str | Path, data: bytes, *, durable: bool = True) -> Path:
    """Write ``data`` to a temporary file beside ``path``, flush it to disk, then rename over ``path``.

    ``durable=False`` skips the flush to disk, for caches whose readers check a digest anyway: a
    power cut may then leave a damaged file, which they ignore, but never half of one in its place.
    """
    import tempfile  # here, not at the top: a run that writes nothing does not pay its ~5 ms import

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


def seal(magic: bytes, value: Any) -> bytes:
    """``value`` as a cache file's bytes: ``magic``, the SHA-256 of the payload, the payload.

    The payload is :mod:`marshal`'s (str, bytes, numbers, None, lists, tuples, dicts), which makes
    values and, unlike pickle, runs nothing when read. Raises ValueError for a value it cannot keep.
    """
    payload = marshal.dumps(value)
    return magic + hashlib.sha256(payload).digest() + payload


def unseal(blob: bytes, magic: bytes) -> Any:
    """The value :func:`seal` put in ``blob``, or None when it is short, someone else's or altered."""
    head = len(magic) + 32
    if len(blob) <= head or not blob.startswith(magic):
        return None
    payload = blob[head:]
    if hashlib.sha256(payload).digest() != blob[len(magic):head]:
        return None
    try:
        return marshal.loads(payload)
    except (ValueError, EOFError, TypeError):  # hashed right, yet not a value: never trusted
        return None


def write_sealed(path: str | Path, magic: bytes, value: Any) -> Path:
    """Keep ``value`` in a cache file, atomically and without flushing it to disk: a reader finds a
    damaged file out (:func:`read_sealed`) and rebuilds it."""
    return atomic_write_bytes(path, seal(magic, value), durable=False)


def read_sealed(path: str | Path, magic: bytes) -> Any:
    """What :func:`write_sealed` kept at ``path``, or None: missing, unreadable, short, altered."""
    try:
        blob = Path(path).read_bytes()
    except (OSError, ValueError):
        return None
    return unseal(blob, magic)
