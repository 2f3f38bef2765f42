"""What a loss typed by a user may cost, checked before any real work: the characters it may contain, the size of
the numbers it makes, the degree it multiplies out to and the size of its derivatives. Each limit is a one-line
LossError, so a hostile or careless expression is refused at once instead of running for minutes (sympy's
expand of (x+y+1)**32*(x-y+2)**32 takes two minutes; 2**64**64**... runs out of memory)."""

from __future__ import annotations

import unicodedata

import sympy as sp

from mathcore.errors import LossError

#: Every number the expression makes (literals, and what powers and products of them give) lies within these.
MAX_ABS_NUMBER = sp.Float("1e300")
MIN_ABS_NUMBER = sp.Float("1e-300")
#: Degree of the loss multiplied out, each function call counting as one more variable: (x+y)**6*(x-y)**6 is 12.
MAX_DEGREE = 12
#: Function calls inside function calls: sigmoid(sigmoid(...)) ten deep.
MAX_CALL_NESTING = 10
#: Nodes of the gradient and of the Hessian expressions (a nested sigmoid's Hessian grows as the square).
MAX_GRADIENT_NODES = 1_500
MAX_HESSIAN_NODES = 20_000
#: Characters that look like ASCII ones a user meant (NFKC folds full-width letters and digits by itself).
_LOOKALIKES = {"−": "-", "–": "-", "—": "-", "×": "*", "·": "*", "∗": "*", "÷": "/", "²": "**2", "³": "**3"}


def check_characters(text: str) -> None:
    """Plain printable ASCII only (spaces, tabs and newlines allowed): no homoglyphs, bidi marks or control
    characters, each of which can make an expression read differently from what it computes."""
    for column, character in enumerate(text, 1):
        if " " <= character <= "~" or character in "\t\n\r":
            continue
        code = f"U+{ord(character):04X}"
        name = unicodedata.name(character, "a control character")
        shown = repr(character) if unicodedata.category(character)[0] in "CZ" else f"'{character}'"
        meant = _LOOKALIKES.get(character) or unicodedata.normalize("NFKC", character)
        hint = f"type {meant!r} instead" if meant.isascii() and meant.isprintable() and meant.strip() else \
            "retype the expression in plain ASCII (letters, digits, + - * / ** and parentheses)"
        raise LossError(f"the loss expression has the character {shown} ({code} {name}) at column {column}; {hint}")


def check_number(value: sp.Expr, piece: str) -> sp.Expr:
    """A number the expression makes must be defined, real and of a size floating point can hold; refused here
    before a power of it can grow into millions of digits."""
    if value.free_symbols:
        return value
    if value.has(sp.zoo, sp.oo, -sp.oo, sp.nan):
        raise LossError(f"the loss expression is undefined: {piece} is a division by zero or an infinity")
    approximate = sp.N(value, 15)
    if approximate.has(sp.zoo, sp.oo, -sp.oo, sp.nan):
        raise LossError(f"the loss expression is undefined: {piece} is a division by zero or an infinity")
    real, imaginary = approximate.as_real_imag()
    if imaginary != 0:
        raise LossError(f"{piece} is not a real number ({sp.N(value, 4)}); the loss must be real: take roots and "
                        "logarithms of positive numbers only")
    size = abs(real)
    if size > MAX_ABS_NUMBER:
        raise LossError(f"the number {piece} is too large (more than 1e300, beyond floating point)")
    if 0 < size < MIN_ABS_NUMBER:
        raise LossError(f"the number {piece} is too small (less than 1e-300); write 0 if it is meant to be zero")
    return value


def _degree(expression: sp.Expr) -> float:
    if expression.is_Symbol:
        return 1
    if not expression.free_symbols:
        return 0
    if expression.is_Add:
        return max(_degree(term) for term in expression.args)
    if expression.is_Mul:
        return sum(_degree(factor) for factor in expression.args)
    if expression.is_Pow and expression.exp.is_number:
        return _degree(expression.base) * abs(float(expression.exp))
    return 1  # a function call (or anything else) is one more variable of the multiplied-out form


def check_degree(expression: sp.Expr) -> None:
    """The loss, and every function's argument, multiplied out stays of low degree: the exact analysis expands
    it, and sympy's expand grows with the number of terms."""
    for part in [expression, *(arg for node in sp.preorder_traversal(expression)
                               if isinstance(node, sp.Function) for arg in node.args)]:
        degree = _degree(part)
        if degree > MAX_DEGREE:
            raise LossError(f"the loss multiplies out to degree {degree:g} (each function counts as one more "
                            f"variable); the limit is {MAX_DEGREE}: use lower powers")


def _nodes(expressions) -> int:
    return sum(1 for expression in expressions for _ in sp.preorder_traversal(expression))


def check_derivative_sizes(loss) -> None:
    """The derivatives every analysis evaluates (a Loss's gradient_expressions and hessian_expressions) stay small
    enough to compile and evaluate in moments; the Hessian is not even formed when the gradient is too large."""
    gradient_nodes = _nodes(loss.gradient_expressions)
    if gradient_nodes > MAX_GRADIENT_NODES:
        raise LossError(f"the loss's gradient is too large to analyse ({gradient_nodes} terms; the limit is "
                        f"{MAX_GRADIENT_NODES}): nest fewer functions or multiply fewer of them together")
    hessian_nodes = _nodes(entry for row in loss.hessian_expressions for entry in row)
    if hessian_nodes > MAX_HESSIAN_NODES:
        raise LossError(f"the loss's second derivatives are too large to analyse ({hessian_nodes} terms; the limit "
                        f"is {MAX_HESSIAN_NODES}): nest fewer functions or multiply fewer of them together")
