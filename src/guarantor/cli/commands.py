"""The list of commands, one module each."""

from __future__ import annotations

import click

from guarantor.cli.admin import admin
from guarantor.cli.atop import export_group, import_group
from guarantor.cli.check import check, library, schema
from guarantor.cli.demo import demo
from guarantor.cli.design import design_command
from guarantor.cli.docs import docs
from guarantor.cli.ledger import ledger
from guarantor.cli.power import power
from guarantor.cli.read import read
from guarantor.cli.replay import replay
from guarantor.cli.run import run
from guarantor.cli.serve import serve
from guarantor.cli.simulate import simulate_command, sweep_command
from guarantor.cli.sources import sources

ALL: list[click.Command] = [
    check,
    library,
    schema,
    power,
    simulate_command,
    sweep_command,
    design_command,
    replay,
    run,
    read,
    demo,
    sources,
    ledger,
    import_group,
    export_group,
    docs,
    serve,
    admin,
]
