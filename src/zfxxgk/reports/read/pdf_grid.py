"""Ruled tables from a page's rulings, and the text of their cells.

The algorithm and its tolerances are pdfplumber's table finder with its default settings
("lines" strategy; itself after Nurminen's thesis and Tabula), so tables come out as they did
when pdfplumber found them: edges within 3 pt are snapped to one line and joined along it,
edges shorter than 3 pt dropped, the crossings of horizontal and vertical edges are the grid's
points, each point's smallest enclosed rectangle is a cell, and cells sharing a corner make a
table. Here it runs on plain tuples with indexes instead of pdfplumber's O(n²) scans, and the
cell text is built the way pdfplumber's ``extract_text`` builds it (lines by ``top`` within
3 pt, words split at a space or a gap over 3 pt).
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field

from .pdf_chars import Char, Edge

SNAP = 3.0  # pdfplumber's snap_tolerance
JOIN = 3.0  # join_tolerance
MIN_LENGTH = 3.0  # edge_min_length (after joining); edges under 1 pt are dropped before
CROSS = 3.0  # intersection_tolerance
TEXT_X, TEXT_Y = 3.0, 3.0  # extract_text's x_tolerance / y_tolerance

Box = tuple[float, float, float, float]  # x0, top, x1, bottom


@dataclass
class Table:
    cells: list[Box]
    rows: list[list[Box | None]] = field(default_factory=list)  # None: a merged cell covers the grid position
    row_tops: list[float] = field(default_factory=list)

    @property
    def bbox(self) -> Box:
        return (min(c[0] for c in self.cells), min(c[1] for c in self.cells),
                max(c[2] for c in self.cells), max(c[3] for c in self.cells))

    @property
    def columns(self) -> int:
        return len({round(c[0], 1) for c in self.cells})


# --- edges → tables -------------------------------------------------------------------------------

def find_tables(edges: list[Edge]) -> list[Table]:
    merged = _merge([e for e in edges if e.end - e.start >= 1])
    merged = [e for e in merged if e.end - e.start >= MIN_LENGTH]
    points = _intersections(merged)
    cells = _cells(points)
    return [_table(group) for group in _groups(cells)]


def _merge(edges: list[Edge]) -> list[Edge]:
    """Snap edges within SNAP of each other to their mean position, then join touching pieces."""
    out: list[Edge] = []
    for orientation in ("v", "h"):
        group = sorted((e for e in edges if e.orientation == orientation), key=lambda e: e.at)
        # pdfplumber's cluster_list: a value within SNAP of the previous one joins its cluster
        clusters: list[list[Edge]] = []
        for e in group:
            if clusters and e.at <= clusters[-1][-1].at + SNAP:
                clusters[-1].append(e)
            else:
                clusters.append([e])
        snapped: dict[float, list[Edge]] = {}
        for cluster in clusters:
            mean = sum(e.at for e in cluster) / len(cluster)
            snapped.setdefault(mean, []).extend(Edge(orientation, mean, e.start, e.end) for e in cluster)
        for at in sorted(snapped):
            line = sorted(snapped[at], key=lambda e: e.start)
            current = line[0]
            for e in line[1:]:
                if e.start <= current.end + JOIN:
                    if e.end > current.end:
                        current = Edge(orientation, at, current.start, e.end)
                else:
                    out.append(current)
                    current = e
            out.append(current)
    return out


def _intersections(edges: list[Edge]) -> dict[tuple[float, float], tuple[set[int], set[int]]]:
    """Grid points (x, top) where a vertical and a horizontal edge cross, with the edges through them."""
    vertical = sorted((i for i, e in enumerate(edges) if e.orientation == "v"), key=lambda i: (edges[i].at, edges[i].start))
    horizontal = sorted((i for i, e in enumerate(edges) if e.orientation == "h"), key=lambda i: (edges[i].at, edges[i].start))
    h_tops = [edges[i].at for i in horizontal]
    points: dict[tuple[float, float], tuple[set[int], set[int]]] = {}
    for vi in vertical:
        v = edges[vi]
        # only horizontal edges whose top lies within the vertical edge's span can cross it
        lo = bisect_right(h_tops, v.start - CROSS - 1e-9)
        for k in range(lo, len(horizontal)):
            h = edges[horizontal[k]]
            if h.at > v.end + CROSS:
                break
            if v.start <= h.at + CROSS and v.end >= h.at - CROSS and h.start - CROSS <= v.at <= h.end + CROSS:
                vs, hs = points.setdefault((v.at, h.at), (set(), set()))
                vs.add(vi)
                hs.add(horizontal[k])
    return points


def _cells(points: dict[tuple[float, float], tuple[set[int], set[int]]]) -> list[Box]:
    """For each grid point, the smallest rectangle whose four sides are edges (pdfplumber's
    ``intersections_to_cells``: the first point below, then the first to the right, that close one)."""
    below: dict[float, list[float]] = {}
    right: dict[float, list[float]] = {}
    for x, y in sorted(points):
        below.setdefault(x, []).append(y)
        right.setdefault(y, []).append(x)

    def vertical(p, q) -> bool:
        return not points[p][0].isdisjoint(points[q][0])

    def horizontal(p, q) -> bool:
        return not points[p][1].isdisjoint(points[q][1])

    cells: list[Box] = []
    for x, y in sorted(points):
        p = (x, y)
        ys, xs = below[x], right[y]
        found = None
        for y2 in ys[bisect_right(ys, y):]:
            if not vertical(p, (x, y2)):
                continue
            for x2 in xs[bisect_right(xs, x):]:
                if not horizontal(p, (x2, y)):
                    continue
                corner = (x2, y2)
                if corner in points and vertical(corner, (x2, y)) and horizontal(corner, (x, y2)):
                    found = (x, y, x2, y2)
                    break
            if found:
                break
        if found:
            cells.append(found)
    return cells


def _groups(cells: list[Box]) -> list[list[Box]]:
    """Cells sharing a corner form one table; tables top to bottom, one-cell tables dropped."""
    parent = list(range(len(cells)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    owner: dict[tuple[float, float], int] = {}
    for i, (x0, top, x1, bottom) in enumerate(cells):
        for corner in ((x0, top), (x0, bottom), (x1, top), (x1, bottom)):
            j = owner.setdefault(corner, i)
            if j != i:
                parent[root(i)] = root(j)
    groups: dict[int, list[Box]] = {}
    for i, cell in enumerate(cells):
        groups.setdefault(root(i), []).append(cell)
    tables = sorted(groups.values(), key=lambda t: min((c[1], c[0]) for c in t))
    return [t for t in tables if len(t) > 1]


def _table(cells: list[Box]) -> Table:
    """Rows as pdfplumber's ``Table.rows``: cells by top, placed at the table's distinct x0s."""
    xs = sorted({c[0] for c in cells})
    by_top: dict[float, dict[float, Box]] = {}
    for c in sorted(cells, key=lambda c: (c[1], c[0])):
        by_top.setdefault(c[1], {})[c[0]] = c
    rows = [[row.get(x) for x in xs] for row in by_top.values()]
    return Table(cells, rows, list(by_top))


# --- cell text ------------------------------------------------------------------------------------

def cell_texts(table: Table, chars: list[Char]) -> tuple[list[list[str | None]], list[Char]]:
    """The text of every cell (None where a merged cell covers the position), and the characters
    that fell in no cell (pdfplumber's ``Table.extract`` loses those)."""
    xs = sorted({c[0] for c in table.cells})
    tops = table.row_tops
    # each grid position → the cell covering it (cells tile the table's grid)
    slots: dict[tuple[int, int], tuple[int, int]] = {}
    for r, row in enumerate(table.rows):
        for k, cell in enumerate(row):
            if cell is None:
                continue
            r_end = bisect_right(tops, cell[3] - 1e-9)
            c_end = bisect_right(xs, cell[2] - 1e-9)
            for rr in range(r, max(r_end, r + 1)):
                for cc in range(k, max(c_end, k + 1)):
                    slots.setdefault((rr, cc), (r, k))
    inside: dict[tuple[int, int], list[Char]] = {}
    lost: list[Char] = []
    for ch in chars:
        x, y = (ch.x0 + ch.x1) / 2, (ch.top + ch.bottom) / 2
        slot = slots.get((bisect_right(tops, y) - 1, bisect_right(xs, x) - 1))
        if slot is not None:
            x0, top, x1, bottom = table.rows[slot[0]][slot[1]]
            if x0 <= x < x1 and top <= y < bottom:  # pdfplumber's test: the centre, half-open
                inside.setdefault(slot, []).append(ch)
                continue
        lost.append(ch)
    texts = [[None if cell is None else _text(inside.get((r, k), ())) for k, cell in enumerate(row)]
             for r, row in enumerate(table.rows)]
    return texts, lost


def _text(chars) -> str:
    """Lines by ``top`` (within TEXT_Y, chained), words split at spaces and gaps over TEXT_X."""
    if not chars:
        return ""
    lines: list[list[Char]] = []
    for ch in sorted(chars, key=lambda c: c.top):
        if lines and ch.top <= lines[-1][-1].top + TEXT_Y:
            lines[-1].append(ch)
        else:
            lines.append([ch])
    out = []
    for line in lines:
        words: list[str] = []
        word = ""
        previous = None
        for ch in sorted(line, key=lambda c: c.x0):
            if ch.text.isspace():
                if word:
                    words.append(word)
                word, previous = "", None
                continue
            if previous is not None and ch.x0 > previous.x1 + TEXT_X:
                words.append(word)
                word = ""
            word += ch.text
            previous = ch
        if word:
            words.append(word)
        out.append(" ".join(words))
    return "\n".join(out)
