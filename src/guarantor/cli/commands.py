"""The list of commands, one module each."""

from __future__ import annotations

import click

from guarantor.cli.check import check, library, schema
from guarantor.cli.demo import demo
from guarantor.cli.ledger import ledger

ALL: list[click.Command] = [check, library, schema, demo, ledger]
