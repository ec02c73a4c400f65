"""The list of commands, one module each."""

from __future__ import annotations

import click

from guarantor.cli.ledger import ledger
from guarantor.cli.power import power
from guarantor.cli.replay import replay
from guarantor.cli.sources import sources

ALL: list[click.Command] = [power, sources, ledger, replay]
