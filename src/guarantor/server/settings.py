"""The settings of one server: where its store and key are, how big a request may be, how writes commit."""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path

from guarantor.errors import StoreError
from guarantor.ledger import Clock, utc_now

__all__ = ["ENV_SETTINGS", "Settings", "default_key_file"]

ENV_SETTINGS = "GUARANTOR_SERVER_SETTINGS"


def default_key_file(db: str) -> Path:
    """The server key beside a SQLite ledger (``file.db`` -> ``file.db.key``); PostgreSQL needs ``--key``."""
    if db.startswith(("postgresql://", "postgres://", "postgresql+psycopg://")):
        raise StoreError(
            "a PostgreSQL server needs --key FILE: the server key every worker signs with",
            hint="create it once with `guarantor admin init --db URL --key FILE`",
        )
    return Path(db.removeprefix("sqlite:///") + ".key")


@dataclass(frozen=True, slots=True)
class Settings:
    """Everything ``create_app`` needs; nothing is read from the environment once the app exists."""

    db: str = "sqlite:///guarantor.db"
    key_file: Path | None = None
    max_body_bytes: int = 1_048_576
    max_batch: int = 1000
    commit_batch: int = 512
    poll_seconds: float = 0.25
    token_cache_seconds: float = 5.0
    clock: Clock = field(default=utc_now, compare=False)

    @property
    def server_key(self) -> Path:
        return self.key_file if self.key_file is not None else default_key_file(self.db)

    def to_env(self) -> str:
        """The settings as JSON for worker processes (``--workers``); the clock stays the default."""
        data = {k: (str(v) if isinstance(v, Path) else v) for k, v in asdict(self).items() if k != "clock"}
        return json.dumps(data)

    @classmethod
    def from_env(cls) -> Settings:
        data = json.loads(os.environ[ENV_SETTINGS])
        if data.get("key_file") is not None:
            data["key_file"] = Path(data["key_file"])
        return cls(**data)
