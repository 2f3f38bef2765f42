"""A loss L(θ) as one sympy expression: the single source of its values, derivatives and LaTeX.

User text is never handed to `eval` or `sympify`: it is parsed by Python's `ast` into a tree,
every node is checked against a whitelist, and the sympy expression is built from the tree by hand.
"""

from __future__ import annotations

import ast
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from typing import TypedDict

import numpy as np
import sympy as sp

from mathcore.domain import box_ranges, check_domain, drop_distributions, finite_grid
from mathcore.errors import LossError
from mathcore.limits import (
    MAX_CALL_NESTING,
    check_characters,
    check_degree,
    check_derivative_sizes,
    check_number,
)

MAX_EXPRESSION_LENGTH = 400
MAX_EXPRESSION_DEPTH = 40
MAX_ABS_EXPONENT = 64
MAX_ABS_LITERAL = 1e12

#: Functions a loss may call, by the name a user types.
FUNCTIONS: dict[str, tuple[Callable[..., sp.Expr], int]] = {
    "exp": (sp.exp, 1),
    "log": (sp.log, 1),
    "sqrt": (sp.sqrt, 1),
    "sin": (sp.sin, 1),
    "cos": (sp.cos, 1),
    "tan": (sp.tan, 1),
    "tanh": (sp.tanh, 1),
    "sinh": (sp.sinh, 1),
    "cosh": (sp.cosh, 1),
    "atan": (sp.atan, 1),
    "abs": (sp.Abs, 1),
    "sigmoid": (lambda z: 1 / (1 + sp.exp(-z)), 1),
    "softplus": (lambda z: sp.log(1 + sp.exp(z)), 1),
}
CONSTANTS = {"pi": sp.pi, "e": sp.E}

_BINARY = {
    ast.Add: lambda a, b: a + b,
    ast.Sub: lambda a, b: a - b,
    ast.Mult: lambda a, b: a * b,
    ast.Div: lambda a, b: a / b,
    ast.Pow: lambda a, b: a**b,
}
_UNARY = {ast.USub: lambda a: -a, ast.UAdd: lambda a: a}


def real_symbol(name: str) -> sp.Symbol:
    """Every variable of a loss is real: sympy then simplifies |x|², sqrt(x²) and the like as a reader would."""
    return sp.Symbol(name, real=True)


def _piece(text: str, node: ast.AST) -> str:
    return ast.get_source_segment(text, node) or type(node).__name__


def _same_chain(parent: ast.AST, child: ast.AST) -> bool:
    """x+y+z parses as ((x+y)+z): a flat sum or product is long, not deep, and counts as one level."""
    groups = ({ast.Add, ast.Sub}, {ast.Mult, ast.Div})
    return isinstance(parent, ast.BinOp) and isinstance(child, ast.BinOp) and any(
        type(parent.op) in group and type(child.op) in group for group in groups)


def parse_expression(text: str) -> sp.Expr:
    """Build a sympy expression from user text, allowing only arithmetic on names, numbers and whitelisted calls,
    within the limits of mathcore.limits (so whatever is typed is refused or analysed in moments)."""
    if not isinstance(text, str) or not text.strip():
        raise LossError("the loss expression is empty; give one such as '(1 - w1*w2)**2'")
    if len(text) > MAX_EXPRESSION_LENGTH:
        raise LossError(f"the loss expression is {len(text)} characters long; the limit is {MAX_EXPRESSION_LENGTH}")
    check_characters(text)
    if "^" in text:
        raise LossError("'^' is not a power here; write x**2 instead of x^2")
    text = text.strip().translate({ord(c): " " for c in "\t\n\r"})  # a pasted line break is a space
    try:
        tree = ast.parse(text, mode="eval")
    except SyntaxError as error:
        where = f" at column {error.offset}" if error.offset else ""
        raise LossError(f"cannot parse the loss expression: {error.msg}{where}") from None
    except (ValueError, RecursionError, MemoryError) as error:  # the parser's own limits
        raise LossError(f"cannot parse the loss expression: {type(error).__name__}: {error}") from None

    def build(node: ast.AST, depth: int, calls: int) -> sp.Expr:
        if depth > MAX_EXPRESSION_DEPTH:
            raise LossError(f"the loss expression is nested deeper than {MAX_EXPRESSION_DEPTH} levels")
        return check_number(make(node, depth, calls), _piece(text, node))

    def make(node: ast.AST, depth: int, calls: int) -> sp.Expr:
        if isinstance(node, ast.Constant):
            value = node.value
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                raise LossError(f"only numbers are allowed as constants, not {_piece(text, node)!r}")
            if abs(value) > MAX_ABS_LITERAL:
                raise LossError(f"the number {_piece(text, node)} is too large (limit {MAX_ABS_LITERAL:g})")
            return sp.Integer(value) if isinstance(value, int) else sp.Rational(_piece(text, node).replace("_", ""))
        if isinstance(node, ast.Name):
            if node.id.startswith("_"):
                raise LossError(f"names starting with '_' are not allowed: {node.id!r}")
            if node.id in CONSTANTS:
                return CONSTANTS[node.id]
            if node.id in FUNCTIONS:
                raise LossError(f"{node.id!r} is a function; call it, as in {node.id}(x)")
            if not node.id.isidentifier() or len(node.id) > 16:
                raise LossError(f"variable name {node.id!r} is not allowed (letters and digits, at most 16)")
            return real_symbol(node.id)
        if isinstance(node, ast.BinOp) and type(node.op) in _BINARY:
            left = build(node.left, depth if _same_chain(node, node.left) else depth + 1, calls)
            right = build(node.right, depth + 1, calls)
            if isinstance(node.op, ast.Pow) and (not right.is_number or abs(float(right)) > MAX_ABS_EXPONENT):
                if not right.is_number:
                    raise LossError(f"exponents must be numbers, not {_piece(text, node.right)!r}; use exp() and log()")
                raise LossError(f"the exponent {_piece(text, node.right)} is too large (limit {MAX_ABS_EXPONENT})")
            return _BINARY[type(node.op)](left, right)
        if isinstance(node, ast.UnaryOp) and type(node.op) in _UNARY:
            return _UNARY[type(node.op)](build(node.operand, depth + 1, calls))
        if isinstance(node, ast.Call):
            name = node.func.id if isinstance(node.func, ast.Name) else None
            if name not in FUNCTIONS:
                allowed = ", ".join(sorted(FUNCTIONS))
                raise LossError(f"call not allowed: {_piece(text, node.func)!r} (allowed functions: {allowed})")
            function, arity = FUNCTIONS[name]
            if node.keywords or len(node.args) != arity:
                raise LossError(f"{name}() takes exactly {arity} argument, in {_piece(text, node)!r}")
            if calls >= MAX_CALL_NESTING:
                raise LossError(f"functions are nested more than {MAX_CALL_NESTING} deep; the limit keeps the "
                                "derivatives small")
            return function(*(build(arg, depth + 1, calls + 1) for arg in node.args))
        if isinstance(node, ast.Attribute):
            raise LossError(f"attribute access is not allowed: {_piece(text, node)!r}")
        kind = type(node).__name__
        if isinstance(node, ast.BinOp):
            kind = type(node.op).__name__
        raise LossError(f"not allowed in a loss expression ({kind}): {_piece(text, node)!r}")

    expression = build(tree.body, 0, 0)
    if expression.has(sp.zoo, sp.oo, -sp.oo, sp.nan):
        raise LossError("the loss expression is undefined (it contains a division by zero or an infinity)")
    check_degree(expression)
    return expression


def latex(expression: sp.Expr) -> str:
    """sympy.latex, in the term order that puts fewer minus signs first: (1 − w1 w2)², not (−w1 w2 + 1)²."""
    candidates = [sp.latex(expression), sp.latex(expression, order="old")]
    return min(candidates, key=lambda text: text.count("\\left(-") + text.startswith("-"))


def _vectorised(components: list[sp.Expr], variables: tuple[sp.Symbol, ...]):
    """numpy function of points (..., n) returning (..., len(components)), constants broadcast to the input shape."""
    compiled = sp.lambdify(variables, components, modules="numpy")

    def evaluate(points: np.ndarray) -> np.ndarray:
        points = np.asarray(points, dtype=float)
        if points.shape[-1] != len(variables):
            raise LossError(f"expected points with {len(variables)} coordinates, got shape {points.shape}")
        with np.errstate(all="ignore"):
            values = compiled(*np.moveaxis(points, -1, 0))
        shape = points.shape[:-1]
        return np.stack([np.broadcast_to(np.asarray(v, dtype=float), shape) for v in values], axis=-1)

    return evaluate


class SubstitutedLatex(TypedDict):
    gradient: list[str]  # one entry per variable
    hessian: list[list[str]]  # rows


def _variable_names(variables: str | list[str]) -> list[str]:
    """--vars: distinct plain names that are neither a function nor a constant of the expression language."""
    names = [n.strip() for n in variables.split(",")] if isinstance(variables, str) else list(variables)
    if len(set(names)) != len(names) or not all(n.isidentifier() and not n.startswith("_") for n in names):
        raise LossError(f"--vars must be distinct names separated by commas, got {','.join(names)!r}")
    for name in names:
        check_characters(name)
        if name in FUNCTIONS or name in CONSTANTS or len(name) > 16:
            raise LossError(f"--vars: {name!r} cannot be a variable (a function or constant name, or longer than "
                            "16 characters); choose another name such as x or w1")
    return names


@dataclass(frozen=True)
class Loss:
    """A scalar loss of named variables, with exact derivatives and their numpy and LaTeX forms."""

    expression: sp.Expr
    variables: tuple[sp.Symbol, ...]
    name: str = ""

    def __post_init__(self):
        if not self.variables:
            raise LossError("a loss needs at least one variable")
        extra = self.expression.free_symbols - set(self.variables)
        if extra:
            names = ", ".join(sorted(str(s) for s in extra))
            wanted = ", ".join(str(v) for v in self.variables)
            hint = "; Euler's number is written e" if "E" in {str(s) for s in extra} else ""
            raise LossError(f"the expression uses {names}, which is not among the variables ({wanted}); fix --vars"
                            + hint)

    @classmethod
    def from_text(cls, text: str, variables: str | list[str] | None = None, dimension: int | None = 2) -> Loss:
        """Parse user text; variables default to the expression's symbols in sorted order."""
        expression = parse_expression(text)
        if variables is None:
            symbols = tuple(sorted(expression.free_symbols, key=lambda s: s.name))
        else:
            symbols = tuple(real_symbol(n) for n in _variable_names(variables))
        if dimension is not None and len(symbols) != dimension:
            found = ", ".join(s.name for s in symbols) or "none"
            raise LossError(
                f"the loss needs exactly {dimension} variables, found {len(symbols)} ({found}); "
                f"name them with --vars, e.g. --vars x,y"
            )
        loss = cls(expression, symbols, name=text.strip())
        check_derivative_sizes(loss)
        return loss

    @property
    def dimension(self) -> int:
        return len(self.variables)

    @cached_property
    def gradient_expressions(self) -> list[sp.Expr]:
        return [drop_distributions(sp.diff(self.expression, v)) for v in self.variables]

    @cached_property
    def hessian_expressions(self) -> list[list[sp.Expr]]:
        return [[drop_distributions(sp.diff(g, v)) for v in self.variables] for g in self.gradient_expressions]

    @cached_property
    def _value_fn(self):
        return _vectorised([self.expression], self.variables)

    @cached_property
    def _gradient_fn(self):
        return _vectorised(self.gradient_expressions, self.variables)

    @cached_property
    def _hessian_fn(self):
        return _vectorised([h for row in self.hessian_expressions for h in row], self.variables)

    def value(self, points) -> np.ndarray:
        """L at points of shape (..., n); returns shape (...)."""
        return self._value_fn(points)[..., 0]

    def gradient(self, points) -> np.ndarray:
        """∇L at points (..., n); returns (..., n)."""
        return self._gradient_fn(points)

    def hessian(self, points) -> np.ndarray:
        """∇²L at points (..., n); returns (..., n, n)."""
        flat = self._hessian_fn(points)
        return flat.reshape((*flat.shape[:-1], self.dimension, self.dimension))

    # LaTeX: what the scenes put on screen, from the very expressions above.
    @property
    def latex(self) -> str:
        return latex(self.expression)

    @property
    def variable_latex(self) -> list[str]:
        return [sp.latex(v) for v in self.variables]

    @property
    def gradient_latex(self) -> list[str]:
        return [latex(sp.factor(g) if g.is_polynomial(*self.variables) else g) for g in self.gradient_expressions]

    @property
    def hessian_latex(self) -> list[list[str]]:
        # Only polynomials are multiplied out: expand turns the Hessian of sigmoid(sigmoid(x*y)) into minutes of work.
        return [[latex(sp.expand(h) if h.is_polynomial(*self.variables) else h) for h in row]
                for row in self.hessian_expressions]

    def subs_latex(self, point) -> SubstitutedLatex:
        """Gradient and Hessian with a point substituted exactly, as LaTeX, for on-screen substitution."""
        values = dict(zip(self.variables, (sp.nsimplify(p) for p in point)))
        return {
            "gradient": [latex(sp.simplify(g.subs(values))) for g in self.gradient_expressions],
            "hessian": [[latex(sp.simplify(h.subs(values))) for h in row] for row in self.hessian_expressions],
        }

    def to_mesh(self, box, resolution: int = 48) -> Mesh:
        """Values on a regular grid over a 2-D box: the data behind a surface or contour plot."""
        if self.dimension != 2:
            raise LossError(f"a mesh needs a loss of 2 variables, this one has {self.dimension}")
        (x0, x1), (y0, y1) = box_bounds(box)
        xs, ys = np.linspace(x0, x1, resolution), np.linspace(y0, y1, resolution)
        grid_x, grid_y = np.meshgrid(xs, ys, indexing="xy")
        z = self.value(np.stack([grid_x, grid_y], axis=-1))
        return Mesh(x=xs, y=ys, z=z)

    def require_finite(self, box, resolution: int = 48) -> Mesh:
        """Mesh over a 2-D box, or a clear error if the loss is infinite, undefined or overflows anywhere in it."""
        mesh = self.to_mesh(box, resolution)
        grid_x, grid_y = np.meshgrid(mesh.x, mesh.y, indexing="xy")
        points = np.stack([grid_x.ravel(), grid_y.ravel()], axis=-1)
        check_domain(self.expression, self.variables, box_bounds(box), points, mesh.z.ravel())
        return mesh

    def require_defined(self, box) -> None:
        """The same check for any number of variables, on a grid of about FINITE_SAMPLES points over the box."""
        if self.dimension == 2:
            self.require_finite(box)
            return
        ranges = box_ranges(box, self.dimension)
        points = finite_grid(ranges)
        check_domain(self.expression, self.variables, ranges, points, self.value(points))


@dataclass(frozen=True)
class Mesh:
    """A loss sampled on a grid: z[j, i] = L(x[i], y[j])."""

    x: np.ndarray
    y: np.ndarray
    z: np.ndarray


def box_bounds(box) -> tuple[tuple[float, float], tuple[float, float]]:
    """Validate a 2-D box given as (xmin, xmax, ymin, ymax) or ((xmin, xmax), (ymin, ymax))."""
    (x0, x1), (y0, y1) = box_ranges(box, 2)
    return (x0, x1), (y0, y1)
