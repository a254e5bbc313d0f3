"""Where each key of a TOML file stands, so a config error can name its line.

`tomllib` gives values without positions. This reads the file's structure line
by line (table headers and `key =` lines) and is deliberately forgiving: a key
it cannot place is reported with the line of its nearest enclosing table.
"""

import re

Path = tuple[str | int, ...]

_HEADER = re.compile(r"^\s*(\[\[?)\s*([^\]]+?)\s*\]\]?\s*(#.*)?$")
_KEY = re.compile(
    r"""^\s*((?:"[^"]*"|'[^']*'|[A-Za-z0-9_\-]+)(?:\s*\.\s*(?:"[^"]*"|'[^']*'|[A-Za-z0-9_\-]+))*)\s*="""
)
_PART = re.compile(r"""\s*("[^"]*"|'[^']*'|[A-Za-z0-9_\-]+)\s*""")


def _split_key(dotted: str) -> list[str]:
    return [part.strip("\"'") for part in _PART.findall(dotted)]


def key_lines(text: str) -> dict[Path, int]:
    """Map each key path (array-of-tables entries by index) to its 1-based line."""
    lines: dict[Path, int] = {}
    array_counts: dict[Path, int] = {}
    table: Path = ()
    open_multiline: str | None = None
    for number, line in enumerate(text.splitlines(), start=1):
        if open_multiline is not None:
            if line.count(open_multiline) % 2 == 1:
                open_multiline = None
            continue
        header = _HEADER.match(line)
        if header:
            table = _resolve(_split_key(header.group(2)), array_counts)
            if header.group(1) == "[[":
                array_counts[table] = array_counts.get(table, -1) + 1
                table = (*table, array_counts[table])
            lines.setdefault(table, number)
            continue
        key = _KEY.match(line)
        if key:
            lines.setdefault((*table, *_split_key(key.group(1))), number)
            for quote in ('"""', "'''"):
                if line.count(quote) % 2 == 1:
                    open_multiline = quote
    return lines


def _resolve(parts: list[str], array_counts: dict[Path, int]) -> Path:
    """A header's path, with the index of the latest entry of each array it passes."""
    path: Path = ()
    for index, part in enumerate(parts):
        path = (*path, part)
        if path in array_counts and index < len(parts) - 1:
            path = (*path, array_counts[path])
    return path


def line_of(lines: dict[Path, int], path: Path) -> int | None:
    """The line of `path`, or of its nearest ancestor that has one."""
    for end in range(len(path), 0, -1):
        if path[:end] in lines:
            return lines[path[:end]]
    return None
