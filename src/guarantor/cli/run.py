"""``guarantor run SPEC --feed FILE[:FORMAT] ... --db URL --key FILE``: feeds into the ledger, then the fold."""

from __future__ import annotations

from pathlib import Path

import click

from guarantor.cli._common import emit_json, fail, json_option
from guarantor.cli.ledger import open_ledger, signer_for
from guarantor.errors import GuarantorError
from guarantor.ledger import Signer, load_private_key
from guarantor.runtime.feedfile import FEED_FORMATS, parse_feed
from guarantor.runtime.ingest import RunResult, run_feeds
from guarantor.sources import BUNDLED, Vocabulary, bundled_vocabulary, load_mapping, load_vocabulary
from guarantor.spec import load_spec, resolve_spec_path

__all__ = ["run"]


@click.command("run")
@click.argument("spec")
@click.option(
    "--feed",
    "feeds",
    multiple=True,
    required=True,
    metavar="FILE[:FORMAT]",
    help=f"A feed (repeatable; '-' is stdin). FORMAT: {', '.join(FEED_FORMATS)}; found from the file when omitted.",
)
@click.option("--db", required=True, metavar="URL", help="Ledger: a SQLite path, sqlite:///PATH or postgresql://...")
@click.option(
    "--key",
    "key_file",
    required=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Private key of the principal that records the inputs (from `guarantor ledger keygen`).",
)
@click.option("--as", "as_name", metavar="PRINCIPAL", help="That principal's name; found from the key when omitted.")
@click.option("--mapping", type=click.Path(dir_okay=False), help="Column mapping for csv and jsonl feeds.")
@click.option(
    "--vocabulary",
    "vocabularies",
    multiple=True,
    metavar="NAME|FILE",
    help="An event-type vocabulary: a bundled name or a YAML file (one named like a bundled one overrides it).",
)
@json_option
def run(
    spec: str,
    feeds: tuple[str, ...],
    db: str,
    key_file: Path,
    as_name: str | None,
    mapping: str | None,
    vocabularies: tuple[str, ...],
    as_json: bool,
) -> None:
    """Record FEEDs in the ledger at --db and print SPEC's state and every transition with its clause."""
    try:
        result = _run(spec, feeds, db, key_file, as_name, mapping, vocabularies)
    except GuarantorError as exc:
        fail(exc, as_json=as_json)
        return
    if as_json:
        emit_json(result.to_json())
        return
    for line in result.lines():
        click.echo(line)
    for feed in result.feeds:
        for r in feed.rejected:
            click.echo(f"{feed.feed}: row {r.row}: {r.column or '-'}: {r.reason}", err=True)


def _run(
    spec: str,
    feeds: tuple[str, ...],
    db: str,
    key_file: Path,
    as_name: str | None,
    mapping: str | None,
    vocabularies: tuple[str, ...],
) -> RunResult:
    loaded = load_spec(resolve_spec_path(spec))
    columns = load_mapping(mapping) if mapping else None
    parsed = [parse_feed(text, columns) for text in feeds]
    tables = _vocabularies(vocabularies)
    with open_ledger(db, create=True) as ledger:
        if ledger.head().seq == 0:
            signer = Signer(as_name or "operator", load_private_key(key_file))
        else:
            signer = signer_for(ledger, key_file, as_name)
        return run_feeds(loaded, parsed, ledger, signer, vocabularies=tables)


def _vocabularies(names: tuple[str, ...]) -> dict[str, Vocabulary]:
    out: dict[str, Vocabulary] = {}
    for name in names:
        table = bundled_vocabulary(name) if name in BUNDLED else load_vocabulary(name)
        if table.name in BUNDLED and name not in BUNDLED:
            table = bundled_vocabulary(table.name).override(table)
        out[table.name] = table
    return out
