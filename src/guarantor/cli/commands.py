"""The list of commands, one module each."""

from __future__ import annotations

import click

from guarantor.cli.check import check, library, schema
from guarantor.cli.demo import demo
from guarantor.cli.ledger import ledger
from guarantor.cli.power import power
from guarantor.cli.simulate import simulate_command, sweep_command

ALL: list[click.Command] = [check, library, schema, demo, power, simulate_command, sweep_command, ledger]
