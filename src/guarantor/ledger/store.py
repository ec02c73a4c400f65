"""The store interface: what a ledger needs from a database, and how a URL picks the store.

A store keeps entries, the recorded head (last seq and hash) and the current principals (a cache derived from
the registration entries, read under the write lock). Writes go through :meth:`Store.write`, which takes the
store's write lock, passes the head and principals to a pure ``build`` function, writes what it returns and
commits; it returns only after the commit, so a returned plan is an acknowledged one.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from guarantor.errors import StoreError
from guarantor.ledger.entry import Entry, Head
from guarantor.ledger.principals import Principal

__all__ = ["Plan", "Store", "open_store"]


@dataclass(frozen=True, slots=True)
class Plan:
    """What one write transaction adds: entries (in seq order) and new or changed principals."""

    entries: list[Entry]
    principals: list[Principal] = field(default_factory=list)

    @property
    def head(self) -> Head:
        last = self.entries[-1]
        return Head(last.seq, last.hash)


Build = Callable[[Head, Mapping[str, Principal]], Plan]


class Store(Protocol):
    """A ledger store; :class:`SQLiteStore` and :class:`PostgresStore` implement it."""

    url: str

    def create(self) -> None:
        """Create or upgrade the schema; idempotent."""

    def write(self, build: Build) -> Plan:
        """Run ``build`` under the write lock and commit what it returns, atomically."""

    def head(self) -> Head:
        """The head recorded with the last commit."""

    def principals(self) -> dict[str, Principal]:
        """The current principals (as derived from the registration entries)."""

    def scan(self, start: int = 1) -> Iterator[Entry]:
        """Entries with ``seq >= start`` in seq order."""

    def close(self) -> None: ...


def open_store(url: str | Path, *, create: bool = False) -> Store:
    """The store for ``url``: a file path or ``sqlite:///path`` (SQLite), or ``postgresql://...``."""
    text = str(url)
    if text.startswith(("postgresql://", "postgresql+psycopg://", "postgres://")):
        try:
            from guarantor.ledger.postgres import PostgresStore
        except ImportError as exc:
            raise StoreError(
                f"PostgreSQL support is not installed ({exc.name} missing)",
                hint="pip install 'guarantor-spec[postgres]'",
            ) from None
        store: Store = PostgresStore(text)
    elif "://" in text and not text.startswith("sqlite:///"):
        raise StoreError(
            f"unsupported ledger URL {text!r}",
            hint="use a file path, sqlite:///PATH or postgresql://USER@HOST:PORT/DB",
        )
    else:
        from guarantor.ledger.sqlite import SQLiteStore

        store = SQLiteStore(Path(text.removeprefix("sqlite:///")), must_exist=not create)
    if create:
        store.create()
    return store
