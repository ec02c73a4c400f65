"""Bounded input: read a file, a device or standard input up to a size limit, never everything first.

Every reader of user input goes through here, so ``/dev/zero``, a FIFO that never closes or a huge file stop
at the limit with a clear error (exit 2), in memory bounded by the limit. ``-`` names standard input.
``read_bounded`` returns the bytes; ``open_bounded`` gives a binary stream for readers that go row by row
(the incident feeds) and fails as soon as the stream passes the limit.
"""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from guarantor.errors import GuarantorError, Location

__all__ = ["STDIN", "BoundedReader", "input_name", "open_bounded", "read_bounded"]

STDIN = "-"
CHUNK = 1 << 16


def input_name(source: str | os.PathLike[str]) -> str:
    """How messages name an input: its path, or ``<stdin>`` for ``-``."""
    return "<stdin>" if str(source) == STDIN else str(source)


def _too_large(name: str, limit: int, error: type[GuarantorError], what: str) -> GuarantorError:
    size = f"{limit / (1024 * 1024):g} MiB" if limit >= 1024 * 1024 else f"{limit:,} bytes"
    return error(
        f"{what} is larger than the limit of {size} (reading stopped there)",
        hint="pass a smaller file, or split it; an endless stream such as /dev/zero is never a valid input",
        location=Location(name),
    )


def _open_error(name: str, exc: OSError, error: type[GuarantorError], what: str) -> GuarantorError:
    if isinstance(exc, FileNotFoundError):
        return error(f"no such file: {name}", hint="check the path", location=Location(name))
    if isinstance(exc, IsADirectoryError):
        return error(f"{name} is a directory, not {what}", hint="name a file", location=Location(name))
    if isinstance(exc, PermissionError):
        return error(f"permission denied reading {name}", hint="check the file's permissions", location=Location(name))
    return error(f"cannot read {name}: {exc.strerror or exc}", location=Location(name))


class BoundedReader(io.RawIOBase):
    """A binary stream that raises ``error`` once more than ``limit`` bytes have been read from ``raw``."""

    def __init__(self, raw: BinaryIO, limit: int, name: str, error: type[GuarantorError], what: str) -> None:
        super().__init__()
        self._raw, self._limit, self._name, self._error, self._what = raw, limit, name, error, what
        self.large_error = error
        self.consumed = 0

    @property
    def name(self) -> str:
        """The name messages give the stream (a text wrapper over it reports it as its ``name``)."""
        return self._name

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        want = min(len(buffer), self._limit + 1 - self.consumed)
        if want <= 0:
            raise _too_large(self._name, self._limit, self.large_error, self._what)
        try:
            data = self._raw.read(want)
        except OSError as exc:
            raise _open_error(self._name, exc, self._error, self._what) from None
        n = len(data)
        buffer[:n] = data
        self.consumed += n
        if self.consumed > self._limit:
            raise _too_large(self._name, self._limit, self.large_error, self._what)
        return n


@contextmanager
def open_bounded(
    source: str | os.PathLike[str],
    limit: int,
    *,
    error: type[GuarantorError],
    too_large: type[GuarantorError] | None = None,
    what: str = "the input",
) -> Iterator[io.BufferedReader]:
    """``source`` (a path, or ``-`` for standard input) as a buffered binary stream of at most ``limit`` bytes.

    ``error`` is raised when the source cannot be opened or read, ``too_large`` (default ``error``) past the limit.
    """
    name = input_name(source)
    if str(source) == STDIN:
        reader = BoundedReader(sys.stdin.buffer, limit, name, error, what)
        reader.large_error = too_large or error
        yield io.BufferedReader(reader)
        return
    try:
        raw = Path(source).open("rb")  # noqa: SIM115 (closed by the with below; open errors need their own message)
    except OSError as exc:
        raise _open_error(name, exc, error, what) from None
    with raw:
        reader = BoundedReader(raw, limit, name, error, what)
        reader.large_error = too_large or error
        yield io.BufferedReader(reader)


def read_bounded(
    source: str | os.PathLike[str],
    limit: int,
    *,
    error: type[GuarantorError],
    too_large: type[GuarantorError] | None = None,
    what: str = "the input",
) -> bytes:
    """All bytes of ``source`` (a path, or ``-``), reading at most ``limit + 1`` of them."""
    with open_bounded(source, limit, error=error, too_large=too_large, what=what) as stream:
        parts: list[bytes] = []
        while chunk := stream.read(CHUNK):
            parts.append(chunk)
        return b"".join(parts)
