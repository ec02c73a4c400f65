"""The front as an SVG figure (matplotlib), with a text alternative and a caption that states the finding."""

from __future__ import annotations

import io
from xml.sax.saxutils import escape

from guarantor.design.result import DesignResult

__all__ = ["front_caption", "front_svg"]


def front_caption(result: DesignResult) -> str:
    front = result.front
    if not front:
        return "No feasible design was found."
    top = front[-1]
    text = f"The best design found gives {top.p:.0%} at cost {top.cost:g}"
    if result.chosen is not None and result.chosen is not top:
        text += f"; the recommended one gives {result.chosen.p:.0%} at cost {result.chosen.cost:g}"
    return text + f" ({len(result.evaluations)} designs simulated)."


def front_svg(result: DesignResult) -> str:
    """Every simulated design as a point, the front as a step line, the chosen design marked."""
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        from guarantor.errors import DesignSpaceError

        raise DesignSpaceError("--svg needs matplotlib", hint="pip install 'guarantor-spec[report]'") from None
    fig, ax = plt.subplots(figsize=(6.4, 4.0))
    feasible = [e for e in result.evaluations if e.feasible]
    ax.scatter([e.cost for e in feasible], [e.p for e in feasible], s=12, color="#999999", label="designs simulated")
    front = result.front
    ax.step([e.cost for e in front], [e.p for e in front], where="post", color="#1f4e79", label="front")
    if result.chosen is not None:
        ax.scatter([result.chosen.cost], [result.chosen.p], s=60, color="#c0392b", zorder=3, label="chosen")
    ax.set_xlabel("cost")
    ax.set_ylabel("P(sufficient response in time)")
    ax.set_ylim(0, 1)
    ax.legend(loc="lower right", fontsize=8)
    buf = io.StringIO()
    fig.savefig(buf, format="svg", metadata={"Date": None})
    plt.close(fig)
    svg = buf.getvalue()
    alt = escape(front_caption(result))
    return svg.replace("<svg ", f'<svg role="img" aria-label="{alt}" ', 1).replace(
        "</svg>", f"<title>{alt}</title></svg>", 1
    )
