"""Rich displays of results in Jupyter (``_repr_html_``): small HTML tables, every value escaped."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from html import escape

__all__ = ["html_table", "html_value"]

_STYLE = "border-collapse:collapse;font-family:sans-serif;font-size:0.9em"
_CELL = "border:1px solid #ccc;padding:2px 6px;text-align:left;vertical-align:top"
MAX_ROWS = 200


def html_value(value: object) -> str:
    """One value as HTML: mappings and lists nest as tables (at most ``MAX_ROWS`` rows each)."""
    if isinstance(value, Mapping):
        rows = [[str(k), v] for k, v in value.items()]
        return html_table("", ["key", "value"], rows) if rows else "{}"
    if isinstance(value, Sequence) and not isinstance(value, str | bytes):
        if not value:
            return "[]"
        if all(not isinstance(v, Mapping | list | tuple) for v in value):
            return escape(", ".join(_scalar(v) for v in value))
        return html_table("", ["#", "value"], [[str(i), v] for i, v in enumerate(value)])
    return escape(_scalar(value))


def html_table(title: str, head: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """A titled table; cells that are mappings or lists nest. Rows past ``MAX_ROWS`` are counted, not shown."""
    cells = "".join(f'<th style="{_CELL}">{escape(h)}</th>' for h in head)
    body = [f"<tr>{cells}</tr>"]
    for row in rows[:MAX_ROWS]:
        body.append("<tr>" + "".join(f'<td style="{_CELL}">{html_value(c)}</td>' for c in row) + "</tr>")
    if len(rows) > MAX_ROWS:
        body.append(f'<tr><td colspan="{len(head)}" style="{_CELL}">... {len(rows) - MAX_ROWS} more rows</td></tr>')
    caption = f"<caption style='text-align:left;font-weight:bold'>{escape(title)}</caption>" if title else ""
    return f'<table style="{_STYLE}">{caption}{"".join(body)}</table>'


def _scalar(value: object) -> str:
    if isinstance(value, float):
        return f"{value:.4g}"
    return "" if value is None else str(value)
