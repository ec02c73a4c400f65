"""``guarantor demo``: the main job on the bundled default, for a first look."""

from __future__ import annotations

import click

from guarantor.analysis.checks import check_spec
from guarantor.analysis.summary import summarise
from guarantor.cli._common import fail
from guarantor.errors import GuarantorError
from guarantor.spec import load_library_spec

__all__ = ["demo"]

DEFAULT = "ukraine-coalition-2025"


@click.command()
@click.option("--spec", "name", default=DEFAULT, show_default=True, help="A bundled instrument.")
def demo(name: str) -> None:
    """Check the 2025 coalition design and print a readable summary."""
    try:
        spec = load_library_spec(name)
    except GuarantorError as exc:
        fail(exc, as_json=False)
        return
    click.echo(summarise(spec, check_spec(spec)))
