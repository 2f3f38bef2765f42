"""Plain-data views of an analysis: the JSON that `saddle analyze --json` prints and the scenes read."""

from __future__ import annotations

import numpy as np

from mathcore.critical import CriticalSet


def _number(value: float, digits: int = 10) -> float:
    value = round(float(value), digits)
    return 0.0 if value == 0 else value  # no "-0.0" in output


def _numbers(array, digits: int = 10):
    return [_numbers(a, digits) if np.ndim(a) else _number(a, digits) for a in np.asarray(array)]


def analysis_dict(critical: CriticalSet) -> dict:
    loss = critical.loss
    return {
        "loss": str(loss.name or loss.expression),
        "loss_latex": loss.latex,
        "variables": [v.name for v in loss.variables],
        "box": list(critical.box),
        "method": critical.method,
        "gradient_latex": loss.gradient_latex,
        "hessian_latex": loss.hessian_latex,
        "critical_points": [
            {
                "point": _numbers(p.point),
                "value": _number(p.value),
                "gradient_norm": _number(p.gradient_norm, 15),
                "eigenvalues": _numbers(p.eigenvalues),
                "eigenvectors": _numbers(p.eigenvectors),
                "kind": p.kind,
                "test": p.test,
                "isolated": p.isolated,
            }
            for p in critical.points
        ],
        "critical_curves": [
            {
                "kind": c.kind,
                "equation_latex": c.equation_latex,
                "sample_points": _numbers(c.sample_points(), 6),
            }
            for c in critical.curves
        ],
    }


def analysis_table(critical: CriticalSet) -> str:
    """The same facts as analysis_dict, laid out for a terminal."""
    loss = critical.loss
    names = ", ".join(v.name for v in loss.variables)
    x0, x1, y0, y1 = critical.box
    lines = [
        f"loss      L({names}) = {loss.expression}",
        f"box       [{x0:g}, {x1:g}] x [{y0:g}, {y1:g}]   (solved {critical.method}ly)",
        "gradient  " + "   ".join(f"dL/d{v.name} = {g}" for v, g in zip(loss.variables, loss.gradient_expressions)),
        "",
        f"{'point':>24}  {'L':>10}  {'|grad|':>8}  {'eigenvalues':>22}  {'kind':<8} test",
    ]
    for p in critical.points:
        point = "(" + ", ".join(f"{c:.5g}" for c in p.point) + ")"
        eig = ", ".join(f"{e:.4g}" for e in p.eigenvalues)
        flag = "" if p.isolated else "  (on a critical curve)"
        lines.append(f"{point:>24}  {p.value:>10.4g}  {p.gradient_norm:>8.1e}  {eig:>22}  {p.kind:<8} {p.test}{flag}")
    if not critical.points:
        lines.append("  no isolated critical points in the box")
    for c in critical.curves:
        lines.append(f"curve of {c.kind}: {c.equation_latex}  ({sum(len(b) for b in c.branches)} samples, "
                     f"{len(c.branches)} branch{'es' if len(c.branches) != 1 else ''} in the box)")
    return "\n".join(lines)
