"""Plain-data views of an analysis: the JSON that `saddle analyze --json` prints and the table it prints otherwise."""

from __future__ import annotations

import numpy as np

from mathcore.critical import CriticalSet

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


def analysis_dict(critical: CriticalSet) -> dict:
    loss = critical.loss
    return {
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
            }
            for p in critical.points
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


def analysis_table(critical: CriticalSet) -> str:
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
            drawn = f"  ({len(f.samples)} points of the search on it)"
        where = "" if f.differentiable else " (the loss is not differentiable there)"
        lines.append(f"{what} of {f.kind}{where}: {f.equation_text}{drawn}")
    return "\n".join(lines)
