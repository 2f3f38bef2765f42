"""Plain-data views of an analysis: the JSON that `saddle analyze --json` prints and the table it prints otherwise."""

from __future__ import annotations

import numpy as np

from mathcore.critical import CriticalSet
from mathcore.small_gradient import SmallGradient

KIND_ORDER = ("minimum", "saddle", "maximum", "undecided")
PLURAL = {"minimum": "minima", "maximum": "maxima", "saddle": "saddles", "undecided": "undecided"}


def json_number(value: float, digits: int = 10) -> float | None:
    if not np.isfinite(value):
        return None  # a gradient norm where there is no gradient: JSON null, never NaN
    value = round(float(value), digits)
    return 0.0 if value == 0 else value  # no "-0.0" in output


def json_numbers(array, digits: int = 10):
    return [json_numbers(a, digits) if np.ndim(a) else json_number(a, digits) for a in np.asarray(array)]


def counts(critical: CriticalSet) -> dict:
    """How many isolated points of each index and of each kind."""
    kinds = [p.kind for p in critical.points]
    by_kind = {k: kinds.count(k) for k in (*KIND_ORDER, *sorted(set(kinds) - set(KIND_ORDER))) if k in kinds}
    return {
        "points": len(critical.points),
        "by_index": {str(i): n for i, n in critical.index_counts().items()},
        "by_kind": by_kind,
        "not_differentiable": sum(p.index is None for p in critical.points),
    }


def small_gradient_dict(small: SmallGradient) -> dict:
    data: dict[str, object] = {
        "eps": small.eps,
        "fraction": round(small.fraction, 6),  # of the samples (grid points) where |grad L| < eps
        "extent": None if small.extent is None else [list(e) for e in small.extent],
        "samples": small.samples,
    }
    if small.axes:  # two variables: the grid, mask[j][i] at (x[i], y[j])
        data["grid"] = {"x": json_numbers(small.axes[0]), "y": json_numbers(small.axes[1]),
                        "mask": small.mask.astype(int).tolist()}
    return data


def small_gradient_lines(small: SmallGradient) -> list[str]:
    where = "nowhere" if small.extent is None else " x ".join(f"[{lo:.3g}, {hi:.3g}]" for lo, hi in small.extent)
    lines = [f"small     |grad L| < {small.eps:g} on {100 * small.fraction:.3g}% of {small.samples} samples of "
             f"the box, within {where}"]
    if small.axes:
        rows = small.mask[::-4, ::2]  # y upwards, 21 rows of 41 columns
        lines += ["          " + "".join("#" if m else "." for m in row) for row in rows]
    return lines


def analysis_dict(critical: CriticalSet, small: SmallGradient | None = None) -> dict:
    loss = critical.loss
    extra = {} if small is None else {"small_gradient": small_gradient_dict(small)}
    return extra | {
        "loss": str(loss.name or loss.expression),
        "loss_latex": loss.latex,
        "variables": [v.name for v in loss.variables],
        "box": list(critical.box),
        "method": critical.method,
        "numeric_starts": critical.starts,
        "separate_parts": [list(block) for block in critical.blocks],
        "gradient_latex": loss.gradient_latex,
        "hessian_latex": loss.hessian_latex,
        "counts": counts(critical),
        "critical_points": [
            {
                "point": json_numbers(p.point),
                "value": json_number(p.value),
                "gradient_norm": json_number(p.gradient_norm, 15),
                "index": p.index,
                "eigenvalues": json_numbers(p.eigenvalues),
                "eigenvectors": json_numbers(p.eigenvectors),
                "kind": p.kind,
                "test": p.test,
                "isolated": p.isolated,
                "proof": p.proof,  # how the point is proved to solve ∇L = 0, or "not proved"
            }
            for p in critical.points
        ],
        "certificate": _certificate_dict(critical),
        "plateaus": [  # |∇L| below floating point's resolution there, yet not zero: not critical points
            {
                "variables": list(p.variables),
                "extent": [list(e) for e in p.extent],
                "gradient_log10": [json_number(v, 3) for v in p.gradient_log10],  # smallest, largest log10 |∇L|
                "points": p.points,
                "critical": False,
            }
            for p in critical.plateaus
        ],
        "critical_sets": [
            {
                "kind": f.kind,
                "dimension": f.dimension,
                "equation_latex": f.equation_latex,
                "equation": f.equation_text,  # "numerically traced" where no equation is known
                "method": "numeric" if f.traced else "exact",
                "differentiable": f.differentiable,
                "branches": [branch.tolist() for branch in f.branches],  # full precision, ordered along each branch
                "samples": f.samples.tolist(),  # a set of dimension ≥ 2 found numerically: the search's points on it
            }
            for f in critical.families
        ],
    }


def _certificate_dict(critical: CriticalSet) -> dict | None:
    c = critical.certificate
    if c is None:
        return None
    return {
        "complete": c.complete,  # every isolated critical point in the box is listed, each with a proof
        "points_proved": c.proved,
        "residual": None if c.residual is None else float(f"{c.residual:.3g}"),
        "winding_number": c.winding_number,  # two variables: of the gradient round the box's edge
        "index_sum": c.index_sum,  # the sum of the indices of the points found (Poincaré–Hopf: equal when all found)
        "count_check": c.count_check,  # agrees | DISAGREES: ... | not applicable: ...
        "disagreeing_cells": [list(cell) for cell in c.disagreeing_cells],
        "cells": None if c.cells is None else {  # a numeric search: the box proved cell by cell
            "proved_fraction": round(c.cells.proved_fraction, 6),  # of the box's volume
            "empty": c.cells.empty,  # cells proved to hold no critical point
            "single": c.cells.single,  # cells proved to hold exactly one
            "missed_and_added": len(c.cells.missed),  # proved points the search had missed, now in the list
            "unproved_count": c.cells.unproved_count,
            "unproved": [list(cell) for cell in c.cells.unproved],  # LO HI per variable (at most 200 listed)
            "ran_out_of_time": c.cells.ran_out,
        },
    }


def certificate_lines(critical: CriticalSet) -> list[str]:
    """What is proved about the list, in words: completeness, proofs, and the count check."""
    c = critical.certificate
    if c is None:
        return []
    n = len(critical.points)
    on_sets = sum(not p.isolated for p in critical.points)
    isolated = n - on_sets
    if c.complete:
        proved = "complete (certified): no isolated critical point in the box"
        if isolated:
            proved = (f"complete (certified): exactly {isolated} isolated critical point{'s' if isolated != 1 else ''}"
                      f" in the box, {'each ' if isolated != 1 else ''}proved")
        if on_sets:  # points of a critical set the exact solution singles out (where its kind changes): not isolated
            proved += f"; {on_sets} point{'s' if on_sets != 1 else ''} on the critical sets below"
            proved += ", each proved" if on_sets != 1 else ", proved"
        if c.residual:
            proved += f" (equations' residual at high precision at most {c.residual:.1e})"
    else:
        proved = f"not certified complete: {c.proved} of {n} points proved"
        if critical.method != "exact":
            proved += "; the numeric search may miss points"
    check = f"count check: {c.count_check}"
    if c.count_check == "agrees":
        times = "time" if abs(c.winding_number or 0) == 1 else "times"
        check += (f": the gradient winds {c.winding_number} {times} round the box's edge = the sum of the points' "
                  "indices (+1 per extremum, -1 per saddle)")
    for cell in c.disagreeing_cells:
        check += f"\n          cell [{cell[0]:g}, {cell[1]:g}] x [{cell[2]:g}, {cell[3]:g}] disagrees"
    return [f"proof     {proved}", *_cells_lines(c.cells), f"          {check}"]


def _cells_lines(cells) -> list[str]:
    if cells is None:
        return []
    share = f"{100 * cells.proved_fraction:.4g}%"
    if cells.unproved_count and share == "100%":
        share = "over 99.99%"  # tiny unproved cells round a point where the tests fail (a kink, a degeneracy)
    line = (f"          cells: {share} of the box proved ({cells.empty} cells hold no critical point, "
            f"{cells.single} exactly one")
    line += f"; {len(cells.missed)} of those the search had missed, now listed)" if len(cells.missed) else ")"
    if cells.unproved_count:
        shown = "; ".join(" x ".join(f"[{lo:.4g}, {hi:.4g}]" for lo, hi in zip(cell[::2], cell[1::2]))
                          for cell in cells.unproved[:3])
        line += f"; {cells.unproved_count} cell{'s' if cells.unproved_count != 1 else ''} unproved, e.g. {shown}"
        if cells.ran_out:
            line += " (the time for proofs ran out)"
    return [line]


def _box_text(critical: CriticalSet) -> str:
    return " x ".join(f"[{lo:g}, {hi:g}]" for lo, hi in zip(critical.box[::2], critical.box[1::2]))


def _method_text(critical: CriticalSet) -> str:
    text = "solved exactly" if critical.method == "exact" else "solved numerically"
    if len(critical.blocks) > 1:
        text += ", part by part: " + " | ".join(", ".join(block) for block in critical.blocks)
    if critical.starts:
        text += f"; Newton from {critical.starts} starts, so points between them may be missed"
    return text


def _summary(critical: CriticalSet) -> str:
    facts = counts(critical)
    kinds = ", ".join(f"{n} {kind if n == 1 else PLURAL.get(kind, kind)}" for kind, n in facts["by_kind"].items())
    indices = "   ".join(f"{i}: {n}" for i, n in facts["by_index"].items())
    on_sets = sum(not p.isolated for p in critical.points)
    what = "isolated critical point" if not on_sets else "critical point"
    line = f"{facts['points']} {what}{'s' if facts['points'] != 1 else ''}: {kinds}"
    if on_sets:
        line += ", on a critical set below" if facts["points"] == 1 else f", {on_sets} of them on a critical set below"
    return line + (f"   (by index, the number of negative eigenvalues: {indices})" if indices else "")


def analysis_table(critical: CriticalSet, small: SmallGradient | None = None) -> str:
    """The same facts as analysis_dict, laid out for a terminal."""
    loss = critical.loss
    names = ", ".join(v.name for v in loss.variables)
    width = max(24, 10 * loss.dimension)
    lines = [
        f"loss      L({names}) = {loss.expression}",
        f"box       {_box_text(critical)}   ({_method_text(critical)})",
        "gradient  " + "   ".join(f"dL/d{v.name} = {g}" for v, g in zip(loss.variables, loss.gradient_expressions)),
        "",
        f"{'point':>{width}}  {'L':>10}  {'|grad|':>8}  {'eigenvalues':>22}  {'index':>5}  {'kind':<9} test",
    ]
    for p in critical.points:
        point = "(" + ", ".join(f"{c:.5g}" for c in p.point) + ")"
        eig = ", ".join(f"{e:.4g}" for e in p.eigenvalues) or "none"
        index = "-" if p.index is None else str(p.index)
        flag = "" if p.isolated else "  (on a critical set)"
        norm = f"{p.gradient_norm:>8.1e}" if np.isfinite(p.gradient_norm) else f"{'none':>8}"
        lines.append(f"{point:>{width}}  {p.value:>10.4g}  {norm}  {eig:>22}  {index:>5}  "
                     f"{p.kind:<9} {p.test}{flag}")
    if not critical.points:
        lines.append("  no isolated critical points in the box")
    else:
        lines.append(_summary(critical))
    for f in critical.families:
        what = "curve" if f.dimension == 1 else f"set of dimension {f.dimension}"
        drawn = ""
        if f.branches:
            plural = "es" if len(f.branches) != 1 else ""
            drawn = f"  ({sum(len(b) for b in f.branches)} points on {len(f.branches)} branch{plural} in the box)"
        elif len(f.samples):
            drawn = f"  ({len(f.samples)} {'points of the search' if f.traced else 'sample points'} on it)"
        where = "" if f.differentiable else " (the loss is not differentiable there)"
        lines.append(f"{what} of {f.kind}{where}: {f.equation_text}{drawn}")
    lines += plateau_lines(critical) + certificate_lines(critical)
    return "\n".join(lines + ([] if small is None else small_gradient_lines(small)))


def plateau_lines(critical: CriticalSet) -> list[str]:
    lines = []
    for p in critical.plateaus:
        where = " x ".join(f"{v} in [{lo:.3g}, {hi:.3g}]" for v, (lo, hi) in zip(p.variables, p.extent))
        low, high = p.gradient_log10
        lines.append(f"plateau   {where}: |grad L| between 1e{low:.0f} and 1e{high:.0f} there, below what floating "
                     "point resolves; small, not zero: not critical points")
    return lines
