"""The ledger's public API is curated, and its error codes and commands are documented."""

from __future__ import annotations

import re
from pathlib import Path

import guarantor.ledger
from guarantor import errors
from guarantor.cli.ledger import ledger

DOCS = Path(__file__).resolve().parent.parent / "docs"


def test_all_names_exist_sorted_and_public() -> None:
    names = guarantor.ledger.__all__
    assert all(hasattr(guarantor.ledger, name) for name in names)
    assert names == sorted(names, key=lambda n: (not n.isupper(), n))
    assert not [n for n in names if n.startswith("_")]


def test_every_ledger_error_code_is_documented() -> None:
    text = (DOCS / "errors.md").read_text()
    section = text.split("## Ledger (E5xx)")[1]
    codes = {cls.code for cls in vars(errors).values() if isinstance(cls, type) and issubclass(cls, errors.LedgerError)}
    assert codes == {"E500", "E501", "E502", "E503", "E504", "E505"}
    assert codes <= {c.upper() for c in re.findall(r"### (e5\d\d)", section)}


def test_every_ledger_command_is_documented() -> None:
    text = (DOCS / "ledger.md").read_text()
    for name in ledger.commands:
        assert f"guarantor ledger {name}" in text, name
