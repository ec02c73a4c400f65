"""Read a report page back: a strict tag-balance parse, its figures, its number cells and its tables."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

VOID = {"meta", "link", "br", "hr", "img", "input", "col", "area", "base", "wbr", "source", "track", "embed"}


@dataclass
class Cell:
    text: str
    attrs: dict[str, str]


@dataclass
class Page:
    """What the parser saw: every element's id, the figures, the tables' rows and each section's text."""

    ids: list[str] = field(default_factory=list)
    figures: dict[str, dict[str, object]] = field(default_factory=dict)
    tables: list[tuple[dict[str, str], list[list[Cell]]]] = field(default_factory=list)
    sections: dict[str, str] = field(default_factory=dict)
    scripts: int = 0
    external: list[str] = field(default_factory=list)


class PageParser(HTMLParser):
    """Fails on any unbalanced or misnested tag; collects what the tests check."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = Page()
        self.stack: list[str] = []
        self.figure: dict[str, object] | None = None
        self.table: tuple[dict[str, str], list[list[Cell]]] | None = None
        self.cell: Cell | None = None
        self.section: str | None = None
        self.capture: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        self._open(tag, a)
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._open(tag, {k: v or "" for k, v in attrs})
        if self.figure is not None and tag in ("path", "rect", "line", "polyline", "use", "circle"):
            self.figure["marks"] = int(self.figure["marks"]) + 1  # type: ignore[call-overload]

    def _open(self, tag: str, a: dict[str, str]) -> None:
        if "id" in a:
            self.page.ids.append(a["id"])
        if tag == "script":
            self.page.scripts += 1
        for key in ("src", "href"):
            if key in a and re.match(r"^(https?:)?//", a[key]):
                self.page.external.append(a[key])
        if tag == "section":
            self.section = a.get("id")
            self.page.sections[self.section or ""] = ""
        if tag == "figure":
            self.figure = {"id": a.get("data-figure"), "title": "", "desc": "", "caption": "", "svg": 0, "marks": 0}
            self.page.figures[a.get("data-figure", "")] = self.figure
        if self.figure is not None:
            if tag == "svg":
                self.figure["svg"] = int(self.figure["svg"]) + 1  # type: ignore[call-overload]
                self.figure["role"] = a.get("role")
            if tag in ("title", "desc", "figcaption"):
                self.capture = "caption" if tag == "figcaption" else tag
            if tag in ("path", "rect", "line", "polyline", "use", "circle"):
                self.figure["marks"] = int(self.figure["marks"]) + 1  # type: ignore[call-overload]
        if tag == "table":
            self.table = (a, [])
            self.page.tables.append(self.table)
        if tag == "tr" and self.table is not None:
            self.table[1].append([])
        if tag in ("td", "th") and self.table is not None:
            self.cell = Cell("", a)
            self.table[1][-1].append(self.cell)

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        assert self.stack, f"</{tag}> closes nothing"
        top = self.stack.pop()
        assert top == tag, f"</{tag}> closes <{top}>"
        if tag == "figure":
            self.figure = None
        if tag in ("title", "desc", "figcaption"):
            self.capture = None
        if tag in ("td", "th"):
            self.cell = None
        if tag == "table":
            self.table = None

    def handle_data(self, data: str) -> None:
        if self.section is not None:
            self.page.sections[self.section] += data
        if self.figure is not None and self.capture:
            self.figure[self.capture] = str(self.figure[self.capture]) + data
        if self.cell is not None:
            self.cell.text += data


def parse(html: str) -> Page:
    parser = PageParser()
    parser.feed(html)
    parser.close()
    assert parser.stack == [], f"unclosed tags: {parser.stack}"
    return parser.page


def number_cells(page: Page, design: str) -> dict[tuple[str, str], float]:
    """(row, key) -> exact value of every number cell in the tables of ``design``."""
    out: dict[tuple[str, str], float] = {}
    for attrs, rows in page.tables:
        if attrs.get("data-design") != design:
            continue
        for row in rows[1:]:
            for cell in row:
                if "data-value" in cell.attrs:
                    out[(row[0].text.strip(), cell.attrs["data-key"])] = float(cell.attrs["data-value"])
    return out


def table_rows(page: Page) -> list[list[str]]:
    """The text of every body row of every table (to find again in the Markdown)."""
    return [[" ".join(c.text.split()) for c in row] for _, rows in page.tables for row in rows if row]


def markdown_rows(md: str) -> list[list[str]]:
    rows = []
    for line in md.splitlines():
        if line.startswith("|") and not re.match(r"^\|( ?-+ ?\|)+$", line.replace(" --- ", "---")):
            cells = re.split(r"(?<!\\)\|", line.strip())[1:-1]
            rows.append([c.strip().replace("\\|", "|") for c in cells])
    return rows
