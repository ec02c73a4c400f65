"""``guarantor docs [PAGE[#SECTION]]``: the documentation installed with guarantor, read in the terminal."""

from __future__ import annotations

import click

from guarantor.cli._common import emit_json, fail, json_option
from guarantor.errors import GuarantorError
from guarantor.manual import doc_pages, doc_text

__all__ = ["docs"]


@click.command("docs")
@click.argument("page", required=False)
@json_option
def docs(page: str | None, as_json: bool) -> None:
    """Print a page of the installed documentation (PAGE, or PAGE#SECTION such as errors#e101); no PAGE
    lists the pages. Error messages name the page and section that explain them."""
    try:
        if page is None:
            pages = doc_pages()
            if as_json:
                emit_json({"pages": pages})
            else:
                click.echo("\n".join(pages))
            return
        name, _, section = page.partition("#")
        text = doc_text(name, section or None)
    except GuarantorError as exc:
        fail(exc, as_json=as_json)
        return
    if as_json:
        emit_json({"page": name, "section": section or None, "text": text})
    else:
        click.echo(text)
