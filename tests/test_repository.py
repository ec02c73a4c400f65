"""The tree itself: no merge conflict markers left in any tracked text file."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).parents[1]
MARKER = re.compile(r"^(<{7}|>{7}) ", re.M)


def test_no_merge_conflict_markers() -> None:
    files = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout.split()
    if not files:  # not a git checkout (an sdist): walk the tree instead
        files = [str(p.relative_to(ROOT)) for p in ROOT.rglob("*") if p.is_file() and ".venv" not in p.parts]
    bad = []
    for name in files:
        path = ROOT / name
        if path.suffix not in {".py", ".md", ".toml", ".yaml", ".yml", ".txt", ".cfg", ".html", ".j2", ".csv"}:
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        bad += [f"{name}:{text.count(chr(10), 0, m.start()) + 1}" for m in MARKER.finditer(text)]
    assert not bad, f"merge conflict markers left in: {', '.join(bad)}"
