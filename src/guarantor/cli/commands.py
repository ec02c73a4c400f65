"""The list of commands, one module each."""

from __future__ import annotations

import click

from guarantor.cli.ledger import ledger

ALL: list[click.Command] = [ledger]
