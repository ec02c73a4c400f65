"""``guarantor power``: exact voting power of a decision body.

Two forms: a body of a spec (``power SPEC --body NAME [--date D]``, built by ``guarantor.semantics.body_game``),
or an ad-hoc weighted body (``--weights 4,4,4,2,2,1 --quota 12``; repeat the pair for an intersection).
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from datetime import date, datetime
from fractions import Fraction

import click

from guarantor.cli._common import EXIT_OK, emit_json, fail, json_option
from guarantor.errors import GameError, GuarantorError
from guarantor.games import (
    PowerReport,
    SimpleGame,
    minimal_blocking_coalitions,
    minimal_winning_coalitions,
    power_report,
)
from guarantor.games.power import require_reachable
from guarantor.semantics import body_game
from guarantor.spec import load_spec, resolve_spec_path
from guarantor.spec.values import parse_ratio

__all__ = ["power", "power_report_for_game"]

DEFAULT_LIST = 10
_COLUMNS = (
    ("Banzhaf", "banzhaf"),
    ("Penrose", "banzhaf_absolute"),
    ("Shapley-Shubik", "shapley_shubik"),
    ("Deegan-Packel", "deegan_packel"),
    ("Holler", "holler"),
    ("Johnston", "johnston"),
)


def _parse_weights(text: str) -> list[int]:
    try:
        weights = [int(part) for part in text.split(",")]
    except ValueError:
        raise GameError(f"--weights must be comma-separated integers, got {text!r}", hint="e.g. 4,4,4,2,2,1") from None
    if any(w < 0 for w in weights):
        raise GameError(f"--weights must not be negative, got {text!r}", hint="give weights of 0 or more")
    return weights


def _parse_quota(text: str, weights: Sequence[int]) -> int:
    """An integer quota, or a share of the total weight ('65%', '2/3') rounded up exactly."""
    if "%" in text or "/" in text:
        try:
            share = parse_ratio(text)
        except ValueError as exc:
            raise GameError(f"--quota {text}: {exc}", hint="give a share from 0% to 100%, e.g. 65% or 2/3") from None
        quota = -(-share.numerator * sum(weights) // share.denominator)
    else:
        try:
            quota = int(text)
        except ValueError:
            raise GameError(
                f"--quota must be an integer or a share such as '65%', got {text!r}",
                hint="e.g. --quota 12 or --quota 65%",
            ) from None
    if quota < 1:
        raise GameError(
            f"--quota {text} is a quota of {quota}: the empty coalition would win",
            hint=f"give a quota from 1 to {max(sum(weights), 1)}, or a share above 0% of weights that are not all 0",
        )
    if quota > sum(weights):
        raise GameError(
            f"--quota {quota} is above the total weight {sum(weights)} of --weights {','.join(map(str, weights))}: "
            "no coalition can reach it",
            hint=f"give a quota from 1 to {sum(weights)}, or a share such as '50%'",
        )
    return quota


def build_game(weights: Sequence[str], quotas: Sequence[str], names: str | None) -> SimpleGame:
    """The intersection of the weighted games given by ``--weights``/``--quota`` pairs."""
    if not weights or len(weights) != len(quotas):
        raise GameError(
            f"give --weights and --quota in pairs (got {len(weights)} and {len(quotas)})",
            hint="guarantor power --weights 4,4,4,2,2,1 --quota 12",
        )
    vectors = [_parse_weights(w) for w in weights]
    if len({len(v) for v in vectors}) != 1:
        raise GameError(f"every --weights needs the same number of players, got {[len(v) for v in vectors]}")
    players = names.split(",") if names else None
    if players is not None and len(players) != len(vectors[0]):
        raise GameError(
            f"--names gives {len(players)} name{'' if len(players) == 1 else 's'} for {len(vectors[0])} weights",
            hint="give one name per weight",
        )
    return SimpleGame.multi_weighted(
        vectors, [_parse_quota(q, v) for q, v in zip(quotas, vectors, strict=True)], players
    )


def spec_game(spec_arg: str, body: str | None, day: date | None) -> SimpleGame:
    """The game of a spec's body on ``day``; SPEC is a path or a bundled instrument's name."""
    spec = load_spec(resolve_spec_path(spec_arg))
    if body is None:
        raise GameError(
            "name the body to analyse with --body", hint=f"bodies in {spec.id}: {', '.join(spec.bodies) or 'none'}"
        )
    return require_reachable(body_game(spec, body, day), f"body '{body}'")


def _fmt(value: Fraction | None) -> str:
    return "-" if value is None else f"{float(value):.4f}"


def _table(report: PowerReport, game: SimpleGame) -> list[str]:
    vectors = game.weight_vectors
    head = ["player", "weight" if len(vectors) == 1 else "weights", *(c for c, _ in _COLUMNS), ""]
    rows = []
    for i, p in enumerate(report.players):
        marks = ", ".join(m for m, on in (("veto", p in report.veto_players), ("null", p in report.null_players)) if on)
        cells = [_fmt(None if report.index(key) is None else report.index(key)[i]) for _, key in _COLUMNS]  # type: ignore[index]
        rows.append([p, "/".join(str(v[i]) for v in vectors), *cells, marks])
    widths = [max(len(r[c]) for r in [head, *rows]) for c in range(len(head))]
    return ["  ".join(cell.ljust(w) for cell, w in zip(r, widths, strict=True)).rstrip() for r in [head, *rows]]


def _summary(report: PowerReport) -> list[str]:
    n = len(report.players)
    lines = [
        f"winning coalitions: {report.winning} of {2**n} ({report.winning / 2**n:.2%})",
        f"minimal winning coalitions: {report.minimal_winning}",
        f"minimal blocking coalitions: {report.minimal_blocking}",
        f"method: {report.method} (exact)",
    ]
    lines += [f"{name}: not computed ({why})" for name, why in report.unavailable.items()]
    return lines


def _listed(title: str, found: list[tuple[str, ...]], total: int) -> list[str]:
    more = f" (first {len(found)} of {total})" if len(found) < total else ""
    return [f"{title}{more}:", *("  {" + ", ".join(c) + "}" for c in found)]


def power_report_for_game(game: SimpleGame, *, as_json: bool, limit: int | None) -> int:
    """Print the power report of ``game`` (table or JSON) and return the exit code."""
    report = power_report(game)
    shown = DEFAULT_LIST if limit is None else limit
    winning = minimal_winning_coalitions(game, limit=shown) if shown else []
    blocking = minimal_blocking_coalitions(game, limit=shown) if shown else []
    if as_json:
        payload = report.to_json()
        if limit is not None:
            payload["minimal_winning_coalitions"] = [list(c) for c in winning]
            payload["minimal_blocking_coalitions"] = [list(c) for c in blocking]
        emit_json(payload)
        return EXIT_OK
    lines = [*_table(report, game), "", *_summary(report)]
    if shown:
        lines += _listed("minimal winning", winning, report.minimal_winning)
        lines += _listed("minimal blocking", blocking, report.minimal_blocking)
    click.echo("\n".join(lines))
    return EXIT_OK


@click.command("power")
@click.argument("spec", required=False)
@click.option("--body", default=None, help="The body of SPEC to analyse.")
@click.option("--date", "day", type=click.DateTime(["%Y-%m-%d"]), default=None, help="Membership on this date.")
@click.option("--weights", "weights", multiple=True, metavar="W1,W2,...", help="Integer weights, one per player.")
@click.option("--quota", "quotas", multiple=True, metavar="Q", help="Quota for the matching --weights: 12, 65% or 2/3.")
@click.option("--names", default=None, metavar="A,B,...", help="Player names (default P1, P2, ...).")
@click.option("--limit", type=click.IntRange(min=0), default=None, help="How many minimal coalitions to list.")
@json_option
def power(
    spec: str | None,
    body: str | None,
    day: datetime | None,
    weights: tuple[str, ...],
    quotas: tuple[str, ...],
    names: str | None,
    limit: int | None,
    as_json: bool,
) -> None:
    """Exact voting power of a body of SPEC (--body), or of an ad-hoc weighted body (--weights/--quota pairs,
    all quotas to be met)."""
    try:
        if spec is not None:
            game = spec_game(spec, body, day.date() if day else None)
        else:
            game = build_game(weights, quotas, names)
        code = power_report_for_game(game, as_json=as_json, limit=limit)
    except GuarantorError as error:
        fail(error, as_json=as_json)
        return
    if code:
        sys.exit(code)
