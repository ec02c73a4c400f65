"""Every file a command reads, given a hostile file: binary bytes, an empty file, a missing path, a folder,
5,000 levels of nesting, Latin-1 text, a YAML alias bomb. Each is refused with exit 2, no traceback, the file
named and a fix (or, for a feed, each row rejected with its reason: exit 1).

Streams that never end (``/dev/zero``, standard input) and outputs that cannot be written are in
test_hostile_streams.py; option values in test_hostile_options.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from hostilekit import KINDS, Workspace, assert_refused, hostile_path, invoke

pytestmark = pytest.mark.usefixtures("elsewhere")

SPEC = "ukraine-coalition-2025"
SPEC_2026 = "ukraine-coalition-2026"
LEDGER = ["--db", "{DB}", "--key", "{KEY}"]
ALL = frozenset(KINDS)

# (case, arguments with {X} for the hostile file, exceptions: a kind that is valid input there (and why), or
# the exit code it gives instead of 2). Every position where a command reads a file is listed once.
EMPTY_SQLITE = "an empty file is an empty SQLite database"
NO_ROWS = "an empty JSON Lines file has no rows"
FREE_TEXT = "a report is free text: brackets and aliases are read as words"
# A store folder whose quarantine.jsonl and incidents.jsonl are the hostile file ({STORE_X}).
STORE_FILE: dict[str, str | int | tuple[str, str]] = {
    "missing": "a store without its files is an empty store",
    "empty": "an empty store file holds no entries",
}
POSITIONS: list[tuple[str, list[str], dict[str, str | int | tuple[str, str]]]] = [
    ("check SPEC", ["check", "{X}"], {}),
    ("power SPEC", ["power", "{X}", "--body", "council"], {}),
    ("simulate SPEC", ["simulate", "{X}", "--trials", "1000"], {}),
    ("simulate --scenarios", ["simulate", SPEC, "--scenarios", "{X}", "--trials", "1000"], {}),
    ("simulate --posture", ["simulate", SPEC, "--posture", "{X}", "--trials", "1000"], {}),
    ("simulate --compare", ["simulate", SPEC, "--compare", "{X}", "--trials", "1000"], {}),
    ("sweep SPEC", ["sweep", "{X}", "--grid", "{GRID}", "--backend", "serial"], {}),
    ("sweep --grid", ["sweep", SPEC, "--grid", "{X}", "--backend", "serial"], {}),
    ("sweep --scenarios", ["sweep", SPEC, "--grid", "{GRID}", "--scenarios", "{X}"], {}),
    ("sweep --posture", ["sweep", SPEC, "--grid", "{GRID}", "--posture", "{X}"], {}),
    ("design SPEC", ["design", "{X}", "--space", "{SPACE}", "--budget", "2"], {}),
    ("design --space", ["design", SPEC_2026, "--space", "{X}", "--budget", "2"], {}),
    ("design --posture", ["design", SPEC_2026, "--space", "{SPACE}", "--posture", "{X}", "--budget", "2"], {}),
    ("replay SPEC", ["replay", "{X}", "{EVENTS}"], {}),
    ("replay EVENTS", ["replay", "nato-1949", "{X}"], {}),
    ("report SPEC", ["report", "{X}", "-o", "-"], {}),
    ("report --compare", ["report", "nato-1949", "--compare", "{X}", "-o", "-"], {}),
    ("report --scenarios", ["report", "nato-1949", "--scenarios", "{X}", "-o", "-"], {}),
    ("report --posture", ["report", "nato-1949", "--posture", "{X}", "-o", "-"], {}),
    ("run SPEC", ["run", "{X}", "--feed", "{FEED}", *LEDGER], {}),
    ("run --feed", ["run", SPEC, "--feed", "{X}", *LEDGER], {}),
    ("run --feed FILE:jsonl", ["run", SPEC, "--feed", "{X}:events-jsonl", *LEDGER], {}),
    ("run --key", ["run", SPEC, "--feed", "{FEED}", "--db", "{DB}", "--key", "{X}"], {}),
    ("run --mapping", ["run", SPEC, "--feed", "{CSV_FEED}:csv", "--mapping", "{X}", *LEDGER], {}),
    ("run --vocabulary", ["run", SPEC, "--feed", "{FEED}", "--vocabulary", "{X}", *LEDGER], {}),
    (
        "run --db",
        ["run", SPEC, "--feed", "{FEED}", "--db", "{X}", "--key", "{KEY}"],
        {"missing": "run creates the ledger", "empty": EMPTY_SQLITE},
    ),
    ("read FILE", ["read", "{X}"], {"nested": FREE_TEXT, "bomb": FREE_TEXT}),
    ("read --spec", ["read", "{NEWS}", "--spec", "{X}"], {}),
    ("sources read FILE acled", ["sources", "read", "{X}", "--format", "acled"], {}),
    (
        "sources read FILE ucdp",
        ["sources", "read", "{X}", "--format", "ucdp"],
        {"empty": "UCDP files may lack a header: an empty one has no rows", "nested": 1, "bomb": 1},
    ),
    ("sources read FILE csv", ["sources", "read", "{X}", "--format", "csv", "--mapping", "{MAPPING}"], {}),
    ("sources read --mapping", ["sources", "read", "{CSV_FEED}", "--format", "csv", "--mapping", "{X}"], {}),
    (
        "sources read FILE jsonl",
        ["sources", "read", "{X}", "--format", "jsonl", "--mapping", "{MAPPING}"],
        {"empty": NO_ROWS, "nested": 1, "bomb": 1},
    ),
    ("sources ingest FILE", ["sources", "ingest", "{X}", "--format", "acled", "--store", "{STORE}"], {}),
    (
        "ledger init --db",
        ["ledger", "init", "--db", "{X}"],
        {"missing": "init creates the ledger", "empty": EMPTY_SQLITE},
    ),
    ("ledger init --key", ["ledger", "init", "--db", "{ROOT}/new.db", "--admin", "a", "--key", "{X}"], {}),
    (
        "ledger register --key",
        ["ledger", "register", "P", "0" * 64, "--role", "party", "--db", "{DB}", "--key", "{X}"],
        {},
    ),
    ("ledger append SOURCE", ["ledger", "append", "{X}", *LEDGER], {}),
    ("ledger verify --db", ["ledger", "verify", "--db", "{X}"], {}),
    ("ledger verify --expect-head", ["ledger", "verify", "--db", "{DB}", "--expect-head", "{X}"], {}),
    ("ledger show --db", ["ledger", "show", "--db", "{X}"], {}),
    ("ledger checkpoint --db", ["ledger", "checkpoint", "--db", "{X}", "--key", "{KEY}"], {}),
    ("ledger export --db", ["ledger", "export", "--db", "{X}"], {}),
    ("ledger principals --db", ["ledger", "principals", "--db", "{X}"], {}),
    (
        "import atop --alliances",
        [
            "import",
            "atop",
            "--alliances",
            "{X}",
            "--members",
            "{MEMBERS}",
            "--states",
            "{STATES}",
            "-o",
            "{ROOT}/atop-out",
        ],
        {},
    ),
    (
        "import atop --members",
        [
            "import",
            "atop",
            "--alliances",
            "{ALLIANCES}",
            "--members",
            "{X}",
            "--states",
            "{STATES}",
            "-o",
            "{ROOT}/atop-out",
        ],
        {},
    ),
    (
        "import atop --states",
        [
            "import",
            "atop",
            "--alliances",
            "{ALLIANCES}",
            "--members",
            "{MEMBERS}",
            "--states",
            "{X}",
            "-o",
            "{ROOT}/atop-out",
        ],
        {},
    ),
    ("export atop SPEC", ["export", "atop", "{X}"], {}),
    ("export atop --states", ["export", "atop", "nato-1949", "--states", "{X}"], {}),
    ("admin init --db", ["admin", "init", "--db", "{X}"], {"missing": "init creates the store", "empty": EMPTY_SQLITE}),
    (
        "admin init --key",
        ["admin", "init", "--db", "{ROOT}/server.db", "--key", "{X}"],
        {"missing": "init creates the key"},
    ),
    ("admin add --db", ["admin", "add", "mission", "--role", "monitor", "--db", "{X}"], {}),
    ("admin list --db", ["admin", "list", "--db", "{X}"], {}),
    ("admin revoke --db", ["admin", "revoke", "mission", "--db", "{X}"], {}),
    ("serve --db", ["serve", "--db", "{X}", "--key", "{KEY}"], {}),
    ("report --design", ["report", "nato-1949", "--design", "{X}", "-o", "-"], {}),
    ("sources quarantine list --store", ["sources", "quarantine", "list", "--store", "{STORE_X}"], STORE_FILE),
    (
        "sources quarantine resubmit --store",
        ["sources", "quarantine", "resubmit", "q1", "--store", "{STORE_X}"],
        STORE_FILE,
    ),
    (
        "sources ingest --store",
        ["sources", "ingest", "{CSV_FEED}", "--format", "csv", "--mapping", "{MAPPING}", "--store", "{STORE_X}"],
        STORE_FILE,
    ),
]


def _case(case: str, args: list[str], kind: str, expect: str | int | tuple[str, str]) -> object:
    if isinstance(expect, tuple):
        return pytest.param(
            args, kind, 2, id=f"{case} <- {kind}", marks=pytest.mark.xfail(reason=expect[1], strict=True)
        )
    return pytest.param(args, kind, expect, id=f"{case} <- {kind}")


CASES = [
    _case(case, args, kind, expect.get(kind, 2))
    for case, args, expect in POSITIONS
    for kind in KINDS
    if not isinstance(expect.get(kind), str)
]


def _store_of(hostile: Path, store: Path) -> Path:
    """A store folder whose two files are ``hostile`` (a copy of its bytes, or a folder in their place)."""
    store.mkdir()
    for name in ("quarantine.jsonl", "incidents.jsonl"):
        if hostile.is_dir():
            (store / name).mkdir()
        elif hostile.exists():
            (store / name).write_bytes(hostile.read_bytes())
    return store


@pytest.mark.parametrize(("template", "kind", "code"), CASES)
def test_a_hostile_file_is_refused(ws: Workspace, template: list[str], kind: str, code: int, tmp_path: Path) -> None:
    hostile = place = hostile_path(tmp_path, kind)
    if "{STORE_X}" in template:  # the hostile file is the store's own
        place = _store_of(hostile, tmp_path / "store")
        template = [a.replace("{STORE_X}", str(place)) for a in template]
    outcome = invoke(ws.fill(template, hostile))
    assert_refused(outcome, place=str(place), code=code)
