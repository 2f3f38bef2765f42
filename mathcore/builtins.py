"""The losses the lecture draws, each a named sympy expression."""

from __future__ import annotations

from mathcore.loss import Loss, real_symbol

W1, W2 = real_symbol("w1"), real_symbol("w2")
X, Y = real_symbol("x"), real_symbol("y")


def worst_network() -> Loss:
    """y = w1·w2·x with one example x = 1, ŷ = 1: L = (1 − w1 w2)², the lecture's toy network."""
    return Loss((1 - W1 * W2) ** 2, (W1, W2), name="worst network")


def bowl() -> Loss:
    """A local (and global) minimum at the origin: both Hessian eigenvalues positive."""
    return Loss(X**2 + Y**2, (X, Y), name="bowl")


def dome() -> Loss:
    """A local maximum at the origin: both Hessian eigenvalues negative."""
    return Loss(-(X**2) - Y**2, (X, Y), name="dome")


def saddle() -> Loss:
    """The textbook saddle: up along x, down along y."""
    return Loss(X**2 - Y**2, (X, Y), name="saddle")


def monkey_saddle() -> Loss:
    """H = 0 at the origin, yet a saddle: the second-order test is silent here."""
    return Loss(X**3 - 3 * X * Y**2, (X, Y), name="monkey saddle")


def quartic_bowl() -> Loss:
    """H = 0 at the origin, yet a minimum: the partner of the monkey saddle."""
    return Loss(X**4 + Y**4, (X, Y), name="quartic bowl")


def himmelblau() -> Loss:
    """A published test function: 4 minima, 1 maximum and 4 saddles in [−5, 5]²."""
    return Loss((X**2 + Y - 11) ** 2 + (X + Y**2 - 7) ** 2, (X, Y), name="Himmelblau")


BUILTINS = {
    "worst-network": worst_network,
    "bowl": bowl,
    "dome": dome,
    "saddle": saddle,
    "monkey-saddle": monkey_saddle,
    "quartic-bowl": quartic_bowl,
    "himmelblau": himmelblau,
}
