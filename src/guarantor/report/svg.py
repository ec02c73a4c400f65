"""A figure of the report: an inline SVG drawn by matplotlib, with its text alternative and a one-sentence finding.

matplotlib is imported on first use (the ``report`` extra); its SVG keeps text as text (``svg.fonttype: none``)
and uses a fixed id salt and no date, so the same inputs give the same bytes.
"""

from __future__ import annotations

import html
import io
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from guarantor.errors import ReportError

if TYPE_CHECKING:
    from matplotlib.figure import Figure as MplFigure

__all__ = ["Figure", "draw"]

_STYLE = {
    "svg.fonttype": "none",
    "svg.hashsalt": "guarantor-report",
    "font.size": 9,
    "axes.spines.top": False,
    "axes.spines.right": False,
}


@dataclass(frozen=True, slots=True)
class Figure:
    """``svg`` is the markup to inline; ``alt`` the text alternative (what the figure shows, with its numbers);
    ``caption`` the finding in one sentence."""

    id: str
    title: str
    svg: str
    alt: str
    caption: str


def _pyplot() -> Any:
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:  # pragma: no cover - depends on the environment
        raise ReportError("the report's figures need matplotlib", hint="pip install 'guarantor-spec[report]'") from None
    return plt


@contextmanager
def _styled() -> Iterator[Any]:
    plt = _pyplot()
    with plt.rc_context(_STYLE):
        yield plt


def draw(
    fig_id: str, title: str, alt: str, caption: str, size: tuple[float, float], paint: Callable[[Any], None]
) -> Figure:
    """Draw one figure: ``paint`` receives a matplotlib Axes and fills it."""
    with _styled() as plt:
        fig: MplFigure = plt.figure(figsize=size)
        try:
            paint(fig.add_subplot())
            fig.tight_layout()
            buf = io.StringIO()
            fig.savefig(buf, format="svg", metadata={"Date": None})
        finally:
            plt.close(fig)
    return Figure(fig_id, title, _accessible(buf.getvalue(), fig_id, title, alt), alt, caption)


def _accessible(svg: str, fig_id: str, title: str, alt: str) -> str:
    """The bare <svg> element, labelled for screen readers (role img, a <title> and a <desc>)."""
    start = svg.index("<svg")
    body = _scoped(svg[start:], fig_id)
    label = f'<svg role="img" aria-labelledby="{fig_id}-title {fig_id}-desc" class="figure"'
    body = re.sub(r"^<svg", label, body, count=1)
    head_end = body.index(">") + 1
    described = (
        f'<title id="{fig_id}-title">{html.escape(title)}</title><desc id="{fig_id}-desc">{html.escape(alt)}</desc>'
    )
    return body[:head_end] + described + body[head_end:]


def _scoped(svg: str, prefix: str) -> str:
    """Prefix every id and every reference to one, so several figures can share a page (matplotlib numbers its
    ids from 1 in each file: figure_1, axes_1...)."""
    svg = re.sub(r'\bid="([^"]+)"', rf'id="{prefix}-\1"', svg)
    svg = re.sub(r"url\(#([^)]+)\)", rf"url(#{prefix}-\1)", svg)
    return re.sub(r'href="#([^"]+)"', rf'href="#{prefix}-\1"', svg)
