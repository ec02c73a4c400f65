"""The list of commands, one module each."""

from __future__ import annotations

import click

ALL: list[click.Command] = []

from guarantor.cli.atop import export_group, import_group  # noqa: E402

ALL += [import_group, export_group]
