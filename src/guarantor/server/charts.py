"""Small SVG charts for the dashboard, drawn on the server: incidents per day, incidents per region."""

from __future__ import annotations

from collections.abc import Mapping

from markupsafe import Markup, escape

__all__ = ["bars_by_day", "bars_by_region"]

_WIDTH, _HEIGHT = 640, 160


def bars_by_day(counts: Mapping[str, int], *, days: int = 60) -> Markup:
    """Vertical bars, one per day with incidents (the last ``days`` of them), labelled first and last."""
    items = sorted(counts.items())[-days:]
    if not items:
        return Markup('<svg class="chart" role="img" aria-label="no incidents yet" width="640" height="40"></svg>')
    top = max(n for _, n in items)
    step = min(_WIDTH / len(items), 24.0)
    bars = []
    for i, (day, n) in enumerate(items):
        h = max(1.0, (_HEIGHT - 30) * n / top)
        x, y = i * step + 1, _HEIGHT - 20 - h
        bars.append(
            f'<rect x="{x:.1f}" y="{y:.1f}" width="{max(1.0, step - 2):.1f}" height="{h:.1f}">'
            f"<title>{escape(day)}: {n}</title></rect>"
        )
    labels = (
        f'<text x="0" y="{_HEIGHT - 4}">{escape(items[0][0])}</text>'
        f'<text x="{_WIDTH}" y="{_HEIGHT - 4}" text-anchor="end">{escape(items[-1][0])}</text>'
        f'<text x="0" y="12">max {top}/day</text>'
    )
    aria = f"incidents per day, {len(items)} days, at most {top} a day"
    return Markup(
        f'<svg class="chart" role="img" aria-label="{aria}" viewBox="0 0 {_WIDTH} {_HEIGHT}" '
        f'width="{_WIDTH}" height="{_HEIGHT}">{"".join(bars)}{labels}</svg>'
    )


def bars_by_region(counts: Mapping[str, int], *, rows: int = 12) -> Markup:
    """Horizontal bars, one per region (the ``rows`` largest), with the count at the end."""
    items = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:rows]
    if not items:
        return Markup('<svg class="chart" role="img" aria-label="no incidents yet" width="640" height="40"></svg>')
    top = max(n for _, n in items)
    row, label = 20, 180
    parts = []
    for i, (region, n) in enumerate(items):
        y = i * row
        w = max(1.0, (_WIDTH - label - 60) * n / top)
        parts.append(
            f'<text x="{label - 6}" y="{y + 14}" text-anchor="end">{escape(region)}</text>'
            f'<rect x="{label}" y="{y + 3}" width="{w:.1f}" height="{row - 6}">'
            f"<title>{escape(region)}: {n}</title></rect>"
            f'<text x="{label + w + 4:.1f}" y="{y + 14}">{n}</text>'
        )
    height = row * len(items)
    return Markup(
        f'<svg class="chart" role="img" aria-label="incidents by region" viewBox="0 0 {_WIDTH} {height}" '
        f'width="{_WIDTH}" height="{height}">{"".join(parts)}</svg>'
    )
