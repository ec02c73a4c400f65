"""The list of commands, one module each."""

from __future__ import annotations

import click

ALL: list[click.Command] = []

from guarantor.cli.sources import sources  # noqa: E402

ALL.append(sources)
