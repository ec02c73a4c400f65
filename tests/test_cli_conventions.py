"""The conventions every command follows (docs/cli.md), read from the command tree: `--json` everywhere, one
spelling for an output file, and hostile-input cases for every command."""

from __future__ import annotations

import test_hostile_files
import test_hostile_options
import test_hostile_streams
from hostilekit import leaf_commands

LEAVES = dict(leaf_commands())


def test_every_command_takes_json() -> None:
    missing = [name for name, command in LEAVES.items() if not any("--json" in p.opts for p in command.params)]
    assert not missing, f"add --json to {missing}"


def test_an_output_file_is_spelled_o_or_output() -> None:
    """`-o/--output` names the file a command writes; no other spelling (`--out`) is left."""
    wrong = [
        f"{name} {'/'.join(p.opts)}"
        for name, command in LEAVES.items()
        for p in command.params
        if "--out" in p.opts or ("--output" in p.opts) != ("-o" in p.opts)
    ]
    assert not wrong, wrong


def _commands_in(args: list[str]) -> str | None:
    """The command an argument list runs: the longest leaf name its first words spell."""
    words = [a for a in args if not a.startswith("{")]
    for n in (3, 2, 1):
        if " ".join(words[:n]) in LEAVES:
            return " ".join(words[:n])
    return None


def _tested() -> set[str]:
    lists: list[list[str]] = [args for _, args, _ in test_hostile_files.POSITIONS]
    lists += [p.values[0] for p in test_hostile_streams.ZERO_CASES + test_hostile_streams.STDIN_CASES]
    lists += [p.values[0] for p in test_hostile_streams.OUTPUTS]
    lists += test_hostile_streams.PRINTING
    lists += [args for args, _ in test_hostile_options.STRUCTURED]
    lists += [args for args, _ in test_hostile_options.DATE_OPTIONS]
    lists += list(test_hostile_options.BASE.values())
    return {c for args in lists if (c := _commands_in(args)) is not None}


def test_every_command_has_hostile_cases() -> None:
    untested = sorted(set(LEAVES) - _tested())
    assert not untested, f"add hostile-input cases (tests/test_hostile_*.py) for {untested}"
