"""Degraded table rows read by the national format's arithmetic (国办公开办函〔2021〕30号).

Converters destroy the separation between cells: a scraper's ``get_text()`` runs a row's digits
together ("21710000218" for 217, 1, 0, 0, 0, 0, 218), ``uniq``-like steps merge identical
consecutive lines ("13 / 0 / 13" for 13, 0, 0, 0, 0, 0, 13), a line break splits a number
("1" / "62" for 162). A row read with too few or too many values therefore has several
*readings*; :func:`readings` lists them all. :func:`solve` keeps the readings of all rows that
together satisfy every identity of the format (spec §8: each row's 总计 is the sum of its six
columns; per column 一+二 = 三（七）总计 + 四 and （七）总计 = the sum of the outcomes; each table
四 group's 总计 = the sum of its four parts). A cell on which every surviving reading agrees is
*inferred*; any other is *undetermined* and left empty with the reason — never picked.

Identities whose cells were all printed plainly are not used: a report inconsistent as printed
stays so (the checker reports it), it is never "repaired" here.

The search is exact: the readings of a row are few (the row's own 总计 prunes the splittings as
they are generated) and rows are joined only through the identities they share, so a plain
backtracking over the rows of one connected group, with a node budget, counts every solution.
A general solver (CP-SAT, python-constraint) would need the readings as its domains anyway.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field

from ...standard import format2019 as f19
from ...standard import format2021 as f21
from ...standard.labels import parse_number

MAX_READINGS = 20000  # per row; more and the row is undetermined
MAX_NODES = 200000  # per connected group of rows
_SHOWN = 4  # readings of an undetermined cell named in its reason

SPLIT, MERGED, JOINED, STRAY = "digits", "merged", "joined", "stray"
HOW_ZH = {
    SPLIT: "数字连写（单元格之间没有分隔）",
    MERGED: "相同的相邻数值被合并为一行",
    JOINED: "一个数字被拆在两行",
    STRAY: "行后另有数字",
}


@dataclass
class Slot:
    """One degraded row: its cell paths and every reading of its printed text."""

    paths: tuple[str, ...]
    readings: list[tuple[tuple[int, str], ...]]  # each: per cell (value, raw piece)
    printed: str  # the row's text as read, for the reasons
    where: object = None
    pruned: bool = False  # the row's own 总计 ruled out some splittings
    hows: list[str] = field(default_factory=list)  # per reading: how it was made (SPLIT …)
    too_many: bool = False


# --- the format's identities ----------------------------------------------------------

def local_sums(paths: tuple[str, ...]) -> tuple[tuple[int, tuple[int, ...]], ...]:
    """Within one row: (index of a total, indices of its parts), totals after their parts."""
    if paths and paths[0].startswith("requests.") and len(paths) == len(f21.COLUMN_KEYS):
        return ((6, (0, 1, 2, 3, 4, 5)),)
    if paths and paths[0].startswith("appeals.") and len(paths) == 15:
        return ((4, (0, 1, 2, 3)), (9, (5, 6, 7, 8)), (14, (10, 11, 12, 13)))
    return ()


def identities(fmt: str) -> list[dict[str, int]]:
    """Every linear identity of the format as {path: coefficient} summing to 0."""
    rows = f19.ROW_KEYS_2019 if fmt == f21.FORMAT_2019 else f21.ROW_KEYS
    leaves = f19.LEAF_KEYS_2019 if fmt == f21.FORMAT_2019 else f21.LEAF_KEYS
    out: list[dict[str, int]] = []
    for r in rows:  # 总计 column: the six applicant columns
        eq = {f"requests.{r}.{c}": 1 for c in f21.APPLICANT_KEYS}
        eq[f"requests.{r}.total"] = -1
        out.append(eq)
    for c in f21.COLUMN_KEYS:
        eq = {f"requests.{leaf}.{c}": 1 for leaf in leaves}
        eq[f"requests.total.{c}"] = -1
        out.append(eq)  # （七）总计 = the outcomes
        out.append({f"requests.new_received.{c}": 1, f"requests.carried_over.{c}": 1,
                    f"requests.total.{c}": -1, f"requests.carried_forward.{c}": -1})  # the printed note
    for g, _ in f21.APPEAL_GROUPS:
        eq = {f"appeals.{g}.{m}": 1 for m in f21.APPEAL_PARTS}
        eq[f"appeals.{g}.total"] = -1
        out.append(eq)
    return out


# --- the readings of one row -------------------------------------------------------------

def _digits(raw: str) -> str | None:
    """The digits of a plain integer cell ("217", "０"), else None."""
    t = "".join(unicodedata.normalize("NFKC", raw).split())
    return t if t.isascii() and t.isdigit() else None


def readings(paths: tuple[str, ...], raws: list[str], *, merged: bool = True, joined: bool = True,
             keep_first: bool = False) -> Slot:
    """Every reading of ``raws`` (a row's printed values, too few or too many) as the row's
    ``len(paths)`` cells. Too few: run-together digits split, or merged identical values
    repeated; too many: a number split over two lines joined (or, when ``keep_first``, the
    values after the row's last cell left out: a stray line such as a page number). Readings
    that break the row's own 总计 are dropped as they are generated."""
    n = len(paths)
    sums = local_sums(paths)
    slot = Slot(paths, [], " / ".join(r.strip() for r in raws))
    seen: set[tuple] = set()

    def add(reading, how):
        key = tuple(v for v, _ in reading)
        if key not in seen:
            seen.add(key)
            slot.readings.append(tuple(reading))
            slot.hows.append(how)
        if len(slot.readings) > MAX_READINGS:
            slot.too_many = True
            raise _Stop

    def ok_sums(vals: list[int]) -> bool:
        k = len(vals) - 1
        for total, parts in sums:
            if total == k and vals[total] != sum(vals[p] for p in parts):
                slot.pruned = True
                return False
        return True

    values = []
    for r in raws:
        parsed = parse_number(r)
        values.append(None if parsed is None else parsed[0])
    try:
        if len(raws) < n:
            state = {"pruned": False}
            one = _digits(raws[0]) if len(raws) == 1 else None
            if one is not None and sums == ((n - 1, tuple(range(n - 1))),):
                # one run of digits whose last cell is the sum of the others (a table-三 row)
                _split_total_last(one, n, lambda rd: add(rd, SPLIT), state)
            else:
                _split_digits(raws, n, ok_sums, lambda rd: add(rd, SPLIT), dict(sums), state)
            slot.pruned |= state["pruned"]
            if merged:
                _repeat_runs(raws, values, n, ok_sums, lambda rd: add(rd, MERGED))
        elif len(raws) > n:
            if keep_first and not any(_zero_led(r) for r in raws[:n]):
                first = [parse_number(r) for r in raws[:n]]
                if None not in first and all(ok_sums([f[0] for f in first[:k + 1]]) for k in range(n)):
                    add([(f[0], r.strip()) for f, r in zip(first, raws)], STRAY)
            if joined:
                _join_pieces(raws, n, ok_sums, lambda rd: add(rd, JOINED), dict(sums))
    except _Stop:
        pass
    return slot


class _Stop(Exception):
    pass


def _zero_led(raw: str) -> bool:
    """"05": a piece of a number, never a number printed on its own."""
    d = _digits(raw)
    return d is not None and len(d) > 1 and d[0] == "0"


def _split_total_last(d: str, n: int, emit, state) -> None:
    """"21710000218" as n cells whose last is the sum of the others: the total is a suffix; the
    parts before it are never larger than it, which bounds every piece's length."""
    parts: list[int] = []
    raws: list[str] = []
    for size in range(1, len(d) - (n - 1) + 1):
        tail = d[len(d) - size:]
        if size > 1 and tail[0] == "0":
            continue
        total, head, width = int(tail), d[:len(d) - size], size
        if len(head) > (n - 1) * width:
            continue

        def dfs(off: int, running: int, head=head, total=total, tail=tail, width=width) -> None:
            if len(parts) == n - 1:
                if off == len(head) and running == total:
                    emit([*zip(parts, raws), (total, tail)])
                return
            left = n - 1 - len(parts)
            for end in range(off + 1, min(len(head), off + width) + 1):
                piece = head[off:end]
                if len(piece) > 1 and piece[0] == "0":
                    break
                value = int(piece)
                rest = len(head) - end
                if running + value > total or rest < left - 1 or rest > (left - 1) * width:
                    continue
                parts.append(value)
                raws.append(piece)
                dfs(end, running + value, head, total, tail, width)
                parts.pop()
                raws.pop()

        dfs(0, 0)
    state["pruned"] = True


def _split_digits(raws, n, ok_sums, emit, totals, state) -> None:
    pieces = [_digits(r) for r in raws]
    out_vals: list[int] = []
    out_raw: list[str] = []

    def dfs(ci: int, off: int) -> None:
        if len(out_vals) == n:
            if ci == len(raws):
                emit(list(zip(out_vals, out_raw)))
            return
        if ci == len(raws):
            return
        d = pieces[ci]
        if d is None:  # a dash, blank or annotated cell stays one cell
            parsed = parse_number(raws[ci])
            if parsed is None or off:
                return
            out_vals.append(parsed[0])
            out_raw.append(raws[ci].strip())
            if ok_sums(out_vals):
                dfs(ci + 1, 0)
            out_vals.pop()
            out_raw.pop()
            return
        # positions still to fill must be reachable with the digits and cells left
        later_cells = len(raws) - ci - 1
        ends = range(off + 1, len(d) + 1)
        need = totals.get(len(out_vals))
        if need is not None:  # a 总计 position: its digits are the sum of its parts, nothing else
            want = str(sum(out_vals[p] for p in need))
            if d[off] != "0" and len(d) - off > 1:
                state["pruned"] = True
            ends = [off + len(want)] if d.startswith(want, off) else []
        for end in ends:
            piece = d[off:end]
            if len(piece) > 1 and piece[0] == "0":
                break  # no number is printed with a leading zero
            left_positions = n - len(out_vals) - 1
            left_digits = len(d) - end + sum(len(p) if p is not None else 1 for p in pieces[ci + 1:])
            if left_positions > left_digits or left_positions < later_cells + (end < len(d)):
                continue
            out_vals.append(int(piece))
            out_raw.append(piece)
            if ok_sums(out_vals):
                if end == len(d):
                    dfs(ci + 1, 0)
                else:
                    dfs(ci, end)
            out_vals.pop()
            out_raw.pop()

    dfs(0, 0)


def _repeat_runs(raws, values, n, ok_sums, emit) -> None:
    """Each printed value stands for a run of one or more equal cells (identical lines merged)."""
    k = len(raws)
    if (any(v is None for v in values) or k == 0 or any(values[i] == values[i + 1] for i in range(k - 1))
            or any(_zero_led(r) for r in raws)):
        return
    out_vals: list[int] = []
    out_raw: list[str] = []

    def dfs(i: int) -> None:
        if i == k:
            if len(out_vals) == n:
                emit(list(zip(out_vals, out_raw)))
            return
        room = n - len(out_vals) - (k - i - 1)
        for count in range(1, room + 1):
            added = 0
            good = True
            for _ in range(count):
                out_vals.append(values[i])
                out_raw.append(raws[i].strip())
                added += 1
                if not ok_sums(out_vals):
                    good = False
                    break
            if good:
                dfs(i + 1)
            del out_vals[len(out_vals) - added:]
            del out_raw[len(out_raw) - added:]

    dfs(0)


def _join_pieces(raws, n, ok_sums, emit, totals) -> None:
    """Join runs of adjacent digit pieces (a number broken over lines) so that n cells remain;
    built cell by cell, a 总计 taking exactly the pieces that spell its parts' sum."""
    pieces = [_digits(r) for r in raws]
    out_vals: list[int] = []
    out_raw: list[str] = []
    budget = [MAX_READINGS * 50]

    def dfs(i: int) -> None:
        budget[0] -= 1
        if budget[0] < 0:
            raise _Stop
        if len(out_vals) == n:
            if i == len(raws):
                emit(list(zip(out_vals, out_raw)))
            return
        left = n - len(out_vals)
        need = totals.get(len(out_vals))
        want = str(sum(out_vals[p] for p in need)) if need is not None else None
        for take in range(1, len(raws) - i - left + 2):
            chunk = pieces[i:i + take]
            if take > 1 and None in chunk:
                break
            text = "".join(chunk) if chunk[0] is not None else raws[i].strip()
            if chunk[0] is not None and len(text) > 1 and text[0] == "0":
                break  # no number is printed with a leading zero, however it continues
            if want is not None:
                if len(text) < len(want):
                    continue
                if text != want:
                    break
            parsed = parse_number(text)
            if parsed is None:
                break
            out_vals.append(parsed[0])
            out_raw.append(text)
            if ok_sums(out_vals):
                dfs(i + take)
            out_vals.pop()
            out_raw.pop()
            if chunk[0] is None:
                break  # a dash or blank cell is one cell

    dfs(0)


# --- solving -----------------------------------------------------------------------------

@dataclass
class Outcome:
    values: dict[str, tuple[int, str, str]]  # path -> (value, raw piece, how in Chinese)
    undetermined: dict[str, str]  # path -> reason


def solve(known: dict[str, int], slots: list[Slot], fmt: str) -> Outcome:
    """The cells of ``slots`` that every reading satisfying the format's identities agrees on.

    ``known``: the cells printed plainly. Identities that touch no slot, or a cell that was not
    read at all, are not used."""
    out = Outcome({}, {})
    owner: dict[str, int] = {}
    for si, s in enumerate(slots):
        for p in s.paths:
            owner[p] = si
    eqs = [eq for eq in identities(fmt) if any(p in owner for p in eq) and all(p in owner or p in known for p in eq)]
    # connected groups of slots
    parent = list(range(len(slots)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for eq in eqs:
        involved = sorted({owner[p] for p in eq if p in owner})
        for o in involved[1:]:
            parent[find(o)] = find(involved[0])
    groups: dict[int, list[int]] = {}
    for si in range(len(slots)):
        groups.setdefault(find(si), []).append(si)
    for members in groups.values():
        _solve_group([slots[i] for i in members], [eq for eq in eqs if any(owner.get(p) in members for p in eq)],
                     known, out)
    return out


def _solve_group(slots: list[Slot], eqs: list[dict[str, int]], known: dict[str, int], out: Outcome) -> None:
    for s in slots:
        if s.too_many:
            return _undetermined(slots, out, f"“{_short(s.printed)}”可拆分的读法过多，无法确定")
        if not s.readings:
            return _undetermined(slots, out, f"“{_short(s.printed)}”没有一种读法能满足本行的总计，无法确定")
    used = _feasible(slots, eqs, known)
    if used is None:
        return _undetermined(slots, out, "可能的读法过多，无法按勾稽关系确定")
    broken = not any(used)
    if broken:
        # No reading satisfies every identity: the table is inconsistent as printed. Each row is
        # then read on its own (its readings already keep its own 总计), so the break stays for
        # the checker to report — it is never "repaired" by picking readings across rows.
        used = [set(range(len(s.readings))) for s in slots]
    seen_values = {p: {s.readings[ri][i][0] for ri in used[k]} for k, s in enumerate(slots) for i, p in enumerate(s.paths)}
    for k, s in enumerate(slots):
        how = "、".join(HOW_ZH[h] for h in sorted({s.hows[ri] for ri in used[k]}))
        for i, p in enumerate(s.paths):
            vals = seen_values[p]
            if len(vals) == 1:
                v = next(iter(vals))
                raw = next(rd[i][1] for rd in s.readings if rd[i][0] == v)
                # several readings, or splittings ruled out by the row's 总计: the arithmetic decided
                decided = "按勾稽关系确定" if len(s.readings) > 1 or s.pruned else "只有一种读法"
                if broken and decided != "只有一种读法":
                    decided = "按本行总计确定（全表的勾稽关系本身不成立）"
                out.values[p] = (v, raw, f"原文“{_short(s.printed)}”{how}，{decided}")
            else:
                shown = "、".join(str(v) for v in sorted(vals)[:_SHOWN]) + ("等" if len(vals) > _SHOWN else "")
                why = ("表内勾稽关系本身不成立，无法用来区分" if broken else "均满足勾稽关系") if eqs else "表内没有能区分这些读法的勾稽关系"
                out.undetermined[p] = f"原文“{_short(s.printed)}”{how}，可读作 {shown}，{why}，无法确定"


def _feasible(slots: list[Slot], eqs: list[dict[str, int]], known: dict[str, int]) -> list[set[int]] | None:
    """For each slot, the readings that are part of at least one solution (every identity holds);
    None when the search is too large.

    Dynamic programming over the slots in order: the state is the vector of the identities'
    partial sums (the printed cells folded in as constants), so readings that leave the same
    sums merge. A forward pass builds the layers, a backward pass from the all-zero end keeps
    the edges that reach it."""
    index = {p: (k, i) for k, s in enumerate(slots) for i, p in enumerate(s.paths)}
    start = tuple(sum(c * known[p] for p, c in eq.items() if p not in index) for eq in eqs)
    closing: dict[int, list[int]] = {}  # slot -> identities complete once it is chosen
    touching: list[list[tuple[int, list[tuple[int, int]]]]] = [[] for _ in slots]  # slot -> (eq, [(cell, coef)])
    for e, eq in enumerate(eqs):
        mine: dict[int, list[tuple[int, int]]] = {}
        for p, c in eq.items():
            if p in index:
                k, i = index[p]
                mine.setdefault(k, []).append((i, c))
        for k, cells in mine.items():
            touching[k].append((e, cells))
        closing.setdefault(max(mine), []).append(e)
    layers: list[dict[tuple, list[tuple[tuple, int]]]] = []
    states: dict[tuple, list] = {start: []}
    work = 0
    for k, s in enumerate(slots):
        deltas = [[(e, sum(c * reading[i][0] for i, c in cells)) for e, cells in touching[k]] for reading in s.readings]
        nxt: dict[tuple, list[tuple[tuple, int]]] = {}
        for state in states:
            for ri, delta in enumerate(deltas):
                work += 1
                if work > MAX_NODES:
                    return None
                ns = list(state)
                for e, d in delta:
                    ns[e] += d
                if any(ns[e] for e in closing.get(k, ())):
                    continue
                nxt.setdefault(tuple(ns), []).append((state, ri))
        layers.append(nxt)
        states = nxt
    used: list[set[int]] = [set() for _ in slots]
    alive = {st for st in states if not any(st)}
    for k in range(len(slots) - 1, -1, -1):
        before = set()
        for st in alive:
            for prev, ri in layers[k].get(st, ()):
                used[k].add(ri)
                before.add(prev)
        alive = before
    return used


def _undetermined(slots: list[Slot], out: Outcome, reason: str) -> None:
    for s in slots:
        for p in s.paths:
            out.undetermined[p] = reason


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[:limit] + "…"
