"""The numbers of an interactive page as plain JSON: the analysis exactly as `saddle analyze --json` prints it, and
the LossExplorer scene's drawing data (mathcore.story.s12_loss_explorer.explore) — surface, descents, curves and,
beyond two variables, the saddles' slices. Nothing is computed here that the scene or the analysis does not."""

from __future__ import annotations

import numpy as np
import sympy as sp
from sympy.printing.mathml import mathml

from mathcore.critical import critical_points
from mathcore.loss import Loss
from mathcore.story import s12_loss_explorer as explorer
from saddle.report import analysis_dict, json_number, json_numbers


def formula_mathml(loss: Loss) -> str:
    """L(…) = the loss, as presentation MathML from the same sympy expression (browsers draw MathML natively), in
    the term order the lecture's LaTeX uses (fewer minus signs first)."""
    order = "old" if loss.latex == sp.latex(loss.expression, order="old") else None
    names = "<mo>,</mo>".join(mathml(v, printer="presentation") for v in loss.variables)
    body = mathml(loss.expression, printer="presentation", order=order)
    body = body.replace("<mo>-</mo>", "<mo>\u2212</mo>")  # a minus sign, not a hyphen
    return f'<math display="block"><mrow><mi>L</mi><mo>(</mo>{names}<mo>)</mo><mo>=</mo>{body}</mrow></math>'


def _surface(mesh) -> dict:
    return {"x": json_numbers(mesh.x), "y": json_numbers(mesh.y), "z": json_numbers(mesh.z)}


def _path(points: np.ndarray, heights: np.ndarray) -> list:
    return json_numbers(np.column_stack([points, heights]))


def _plane(view: explorer.ExplorerData) -> dict:
    """A loss of two variables as the scene draws it: surface, each point's descent (saddles) and the curves."""
    return {
        "surface": _surface(view.mesh),
        "descents": [None if p.escape is None else {"path": _path(p.escape.points, p.escape.losses),
                                                    "direction": json_numbers(p.escape_direction)}
                     for p in view.points],
        "curves": [{"kind": c.kind, "equation_latex": c.equation_latex,
                    "branches": [_path(b, h) for b, h in zip(c.branches, c.heights)]} for c in view.curves],
        "lr": json_number(view.lr),
    }


def _slice(cut: explorer.SliceView, points: list[dict]) -> dict:
    """A saddle of an n-D loss through the plane of u₋ and u₊; `point` is its row in the analysis."""
    (saddle,) = cut.view.points
    row = min(range(len(points)), key=lambda i: float(np.linalg.norm(np.subtract(points[i]["point"], cut.point))))
    return {"point": row, "index": cut.index, "directions": json_numbers(cut.directions),
            "saddle": {"value": json_number(saddle.value), "eigenvalues": json_numbers(saddle.eigenvalues)},
            "box": list(cut.view.box)} | _plane(cut.view)


def page_data(expression: str, box=None, variables: str | None = None) -> dict:
    """Everything a page shows, for a loss of 2 to 8 variables; LossError on any input `saddle explore` refuses
    (the same gate: explorer_loss). Run it inside saddle.budget.analysis_budget."""
    loss, box = explorer.explorer_loss(expression, box, variables)
    analysis = analysis_dict(critical_points(loss, box))
    scene = explorer.explore(expression, box, variables)
    data = {"expression": expression, "formula_mathml": formula_mathml(loss), "analysis": analysis}
    if isinstance(scene, explorer.ExplorerData):
        shown = [p.point for p in scene.points]
        listed = [p["point"] for p in analysis["critical_points"]]
        if len(shown) != len(listed) or not np.allclose(shown, listed, atol=1e-8):
            raise AssertionError("the scene's critical points are not the analysis's, in the same order")
        return data | {"plane": _plane(scene)}
    return data | {"slices": [_slice(cut, analysis["critical_points"]) for cut in scene.slices]}
