"""Hostile inputs for every command: the files, a workspace of valid inputs around them, two runners (in
process, and a subprocess under a time and memory limit) and the one assertion every refused case makes.

The assertion: the documented exit code (2 unless a case says otherwise), no traceback, a message that names
the place (the file, the option or the line) and a fix (the error's hint, or click's "Try ... --help" for an
option it refuses itself).
"""

from __future__ import annotations

import json
import os
import re
import resource
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import click
from click.testing import CliRunner

from guarantor.cli import _common
from guarantor.cli.main import _register, cli
from guarantor.errors import GuarantorError

_register()

ROOT = Path(__file__).parents[1]
DATA = Path(__file__).parent / "data"
EXAMPLES = ROOT / "examples"

# The address space a subprocess may use: enough to import guarantor and run a small case, far too little to
# hold an endless stream read into memory (the readers stop at their limit, 8 to 64 MiB).
MEMORY_LIMIT = 1536 * 1024 * 1024
TIMEOUT = 120  # seconds; a reader that does not stop at its limit never finishes /dev/zero
QUIET_ENV = {"OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}

# A "billion laughs": nine levels of nine aliases, 9**9 strings once expanded.
_BOMB = ("a0: &a0 [lol]\n" + "".join(f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]\n" for i in range(1, 10))).encode()
# What each hostile file holds. "nested" is 5,000 levels of brackets (five times Python's recursion limit):
# valid JSON and YAML flow syntax; "bomb" a YAML alias bomb.
CONTENTS: dict[str, bytes] = {
    "binary": bytes(range(256)) * 16 + b"\x00\xff\xfe" * 100,
    "empty": b"",
    "nested": b"[" * 5_000 + b"]" * 5_000,
    "latin1": "id: caf\xe9\ntitle: d\xe9fense\nparties: [{id: FRA}]\n".encode("latin-1"),
    "bomb": _BOMB,
}
KINDS = ("binary", "empty", "missing", "folder", "nested", "latin1", "bomb")


def leaf_commands(command: click.Command = cli, path: tuple[str, ...] = ()) -> Iterator[tuple[str, click.Command]]:
    """Every command that runs (not a group), with its name as typed: ``("sources read", <command>)``."""
    if isinstance(command, click.Group):
        for name, sub in command.commands.items():
            yield from leaf_commands(sub, (*path, name))
    else:
        yield " ".join(path), command


def hostile_path(folder: Path, kind: str) -> Path:
    """A file of ``kind`` in ``folder``: its bytes, a folder, or a path that does not exist."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"hostile-{kind}.yaml"
    if kind == "missing":
        return folder / "no-such-file.yaml"
    if kind == "folder":
        path.mkdir(exist_ok=True)
        return path
    path.write_bytes(CONTENTS[kind])
    return path


@dataclass
class Outcome:
    """What a command did: its exit code, its output (standard output and error), the errors it reported."""

    exit_code: int
    output: str
    errors: list[GuarantorError] = field(default_factory=list)
    crash: BaseException | None = None


def invoke(args: list[str], stdin: bytes | str | None = None) -> Outcome:
    """Run ``guarantor ARGS`` in this process, recording every GuarantorError the command reports."""
    shown: list[GuarantorError] = []
    real = _common.fail

    def recording(error: GuarantorError, *, as_json: bool) -> None:
        shown.append(error)
        real(error, as_json=as_json)

    modules = [m for name, m in sys.modules.items() if name.startswith("guarantor.cli") and vars(m).get("fail") is real]
    for module in modules:
        module.fail = recording  # type: ignore[attr-defined]
    try:
        result = CliRunner().invoke(cli, args, input=stdin, prog_name="guarantor")
    finally:
        for module in modules:
            module.fail = real  # type: ignore[attr-defined]
    crash = result.exception if result.exception and not isinstance(result.exception, SystemExit) else None
    return Outcome(result.exit_code, result.output, shown, crash)


def run(
    args: list[str],
    *,
    cwd: Path,
    stdin: int | None = subprocess.DEVNULL,
    stdout: int | None = subprocess.PIPE,
    timeout: float = TIMEOUT,
) -> Outcome:
    """Run ``python -m guarantor ARGS`` in a subprocess limited to ``MEMORY_LIMIT`` bytes and ``timeout`` s."""

    def limit_memory() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))

    env = {**os.environ, **QUIET_ENV, "PYTHONPATH": os.pathsep.join(p for p in sys.path if p)}
    done = subprocess.run(
        [sys.executable, "-m", "guarantor", *args],
        cwd=cwd,
        stdin=stdin,
        stdout=stdout,
        stderr=subprocess.PIPE,
        timeout=timeout,
        preexec_fn=limit_memory,
        env=env,
        check=False,
    )
    out = (done.stdout or b"").decode("utf-8", "replace") + done.stderr.decode("utf-8", "replace")
    return Outcome(done.returncode, out)


_FINDING_WITH_FIX = re.compile(r"error: E\d{3} [\w-]+: .*\(.+\)$", re.M)  # `check`: a load error as a finding
_ERROR_WITH_FIX = re.compile(r"^error: .*E\d{3} .*\(.+\)$", re.M)  # an error printed by a subprocess


def has_fix(outcome: Outcome) -> bool:
    """The error carries a fix: its hint, click's pointer to --help, or (from a subprocess) a hint printed."""
    if outcome.errors:
        return all(e.hint for e in outcome.errors)
    text = outcome.output
    return "Try 'guarantor" in text or bool(_FINDING_WITH_FIX.search(text) or _ERROR_WITH_FIX.search(text))


def assert_refused(outcome: Outcome, *, place: str | list[str], code: int = 2) -> None:
    """Refused cleanly: exit ``code``, no traceback, the place named, and for exit 2 a fix given."""
    text = outcome.output
    assert outcome.crash is None, f"crashed: {outcome.crash!r}\n{text}"
    assert "Traceback" not in text, text
    assert outcome.exit_code == code, f"exit {outcome.exit_code}, expected {code}:\n{text}"
    places = [place] if isinstance(place, str) else place
    assert any(p in text for p in places), f"the message names none of {places}:\n{text}"
    if code == 2:  # exit 1 is a result (rows rejected, findings), each with its reason, not a refusal
        assert has_fix(outcome), f"no fix (hint) given:\n{text}"


def json_error(outcome: Outcome) -> dict[str, object]:
    """The ``{"error": ...}`` document a ``--json`` command printed."""
    start = outcome.output.index("{")
    error = json.loads(outcome.output[start:])["error"]
    assert isinstance(error, dict)
    return error


# A workspace of valid inputs, so that each case differs from a working command in one place only -------------


@dataclass(frozen=True)
class Workspace:
    root: Path
    key: Path  # the admin's key; the ledger at `db` has its genesis entry
    db: Path
    store: Path
    feed: Path
    csv_feed: Path
    mapping: Path
    events: Path
    news: Path
    grid: Path
    space: Path
    scenarios: Path
    alliances: Path
    members: Path
    states: Path

    def fill(self, template: list[str], hostile: Path | str) -> list[str]:
        """The arguments with ``{X}`` replaced by the hostile path and ``{NAME}`` by the workspace's file."""
        names = {k.upper(): str(v) for k, v in vars(self).items()} | {"X": str(hostile)}
        return [a.format(**names) for a in template]


def make_workspace(root: Path) -> Workspace:
    root.mkdir(parents=True, exist_ok=True)
    key, db = root / "admin.key", root / "ledger.db"
    assert invoke(["ledger", "keygen", "admin", "-o", str(key)]).exit_code == 0
    init = invoke(["ledger", "init", "--db", str(db), "--admin", "admin", "--key", str(key)])
    assert init.exit_code == 0, init.output
    store = root / "store"
    store.mkdir()
    atop = _atop_files(root / "atop")
    for name, source in (
        ("feed.jsonl", DATA / "run" / "ceasefire.jsonl"),
        ("monitor.csv", DATA / "sources" / "monitor.csv"),
    ):
        shutil.copy(source, root / name)
    return Workspace(
        root=root,
        key=key,
        db=db,
        store=store,
        feed=root / "feed.jsonl",
        csv_feed=root / "monitor.csv",
        mapping=DATA / "sources" / "monitor.yaml",
        events=EXAMPLES / "replays" / "nato-2001-article5.yaml",
        news=_news(root),
        grid=DATA / "simulate" / "grid.yaml",
        space=DATA / "design" / "small.design.yaml",
        scenarios=DATA / "simulate" / "scenarios.yaml",
        alliances=atop[0],
        members=atop[1],
        states=atop[2],
    )


def _news(root: Path) -> Path:
    path = root / "report.txt"
    path.write_text("KYIV, Aug 16 (Reuters) - Russian forces shelled Kharkiv on Saturday, officials said.\n")
    return path


def _atop_files(folder: Path) -> tuple[Path, Path, Path]:
    """A one-alliance ATOP pair (the United States and the United Kingdom, defence) and a COW table."""
    from guarantor.atop.codebook import ALLIANCE_REQUIRED, MEMBER_REQUIRED

    folder.mkdir()
    alliance = dict.fromkeys(ALLIANCE_REQUIRED, 0) | {"atopid": 9001, "begyr": 1950, "begmo": 1, "begday": 1}
    alliance |= {"defense": 1, "mem1": 2, "mem2": 200}
    members = [
        dict.fromkeys(MEMBER_REQUIRED, 0)
        | {"atopid": 9001, "member": code, "yrent": 1950, "moent": 1, "dayent": 1}
        | {"defense": 1}
        for code in (2, 200)
    ]
    paths = folder / "alliances.csv", folder / "members.csv", folder / "cow-states.csv"
    states = [{"ccode": 2, "stateabb": "USA"}, {"ccode": 200, "stateabb": "UKG"}]
    for path, rows in zip(paths, ([alliance], members, states), strict=True):
        head = list(rows[0])
        path.write_text("\n".join([",".join(head), *(",".join(str(r[c]) for c in head) for r in rows)]) + "\n")
    return paths
