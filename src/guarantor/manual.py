"""The documentation shipped inside the package (``guarantor/docs/*.md``), by page and section.

Error messages point here (``guarantor docs errors#e101``) rather than to a file of a source checkout, so
the reference is there wherever guarantor is installed.
"""

from __future__ import annotations

import re
from importlib import resources

from guarantor.errors import NotFound

__all__ = ["doc_pages", "doc_reference", "doc_text"]


def _folder() -> resources.abc.Traversable:
    return resources.files("guarantor").joinpath("docs")


def doc_pages() -> list[str]:
    """The names of the installed pages (``errors``, ``cli``, ...)."""
    return sorted(p.name.removesuffix(".md") for p in _folder().iterdir() if p.name.endswith(".md"))


def doc_reference(page: str, section: str | None = None) -> str:
    """How a message names a place in the docs: the command that prints it."""
    return f"guarantor docs {page}#{section.lower()}" if section else f"guarantor docs {page}"


def doc_text(page: str, section: str | None = None) -> str:
    """The text of ``page``, or of its section whose anchor starts with ``section`` ("the-mapping", "e101")."""
    if page not in doc_pages():
        raise NotFound(f"no documentation page {page!r}", hint=f"pages: {', '.join(doc_pages())}")
    text = _MARKER.sub("", _folder().joinpath(f"{page}.md").read_text(encoding="utf-8"))
    if section is None:
        return text
    return _section(text, page, section)


# A line that is only an HTML comment: directions to the docs tests (``<!-- file: NAME -->``, ``<!-- not run:
# REASON -->``), which a rendered page hides and a reader in the terminal should not see either.
_MARKER = re.compile(r"^[ \t]*<!--.*?-->[ \t]*\n", re.MULTILINE)


def _anchor(heading: str) -> str:
    """A heading as a link anchor: lower case, spaces as hyphens ("The mapping" -> "the-mapping")."""
    return re.sub(r"[\s-]+", "-", heading.strip().lower())


def _section(text: str, page: str, section: str) -> str:
    lines = text.splitlines()
    wanted = _anchor(section)
    for i, line in enumerate(lines):
        match = re.match(r"^(#+)\s+(.*)$", line)
        if match and _anchor(match.group(2)).startswith(wanted):
            level = len(match.group(1))
            end = next((j for j in range(i + 1, len(lines)) if re.match(rf"^#{{1,{level}}}\s", lines[j])), len(lines))
            return "\n".join(lines[i:end]).rstrip()
    raise NotFound(f"no section {section!r} in the documentation page {page!r}", hint=doc_reference(page))
