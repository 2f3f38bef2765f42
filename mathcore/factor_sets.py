"""Critical sets of any dimension from the factors of the gradient.

Each component of ∇L vanishes where one of its irreducible factors does, so ∇L = 0 is the union, over the ways
of choosing one factor per component, of the sets where the chosen factors all vanish; a choice that contains
another adds nothing. For x₁·x₂·…·x₈ each component misses one variable, so every choice needs two variables:
the critical set is the 28 six-dimensional subspaces {xᵢ = xⱼ = 0}, found in moments, where a Newton search from
any start slides to the origin (the loss is homogeneous) and sees one degenerate point."""

from __future__ import annotations

import numpy as np
import sympy as sp

#: More factors in a component, or more minimal choices than this, is left to the other methods.
MAX_FACTORS = 12
MAX_CHOICES = 64
SAMPLES = 9


def factor_choices(polynomials: list[sp.Expr], variables) -> list[tuple[sp.Expr, ...]] | None:
    """The minimal sets of irreducible factors that meet every component (each set's common zeros are part of
    the critical set, and together they are all of it); None when a component has too many factors, there are
    too many sets, or only one set that is the whole system (nothing gained)."""
    factored = []
    for p in polynomials:
        factors = [f for f, _ in sp.factor_list(sp.expand(p), *variables)[1] if f.free_symbols]
        if not factors or len(factors) > MAX_FACTORS:
            return None
        factored.append([(-f if f.could_extract_minus_sign() else f) for f in factors])
    choices: set[frozenset] = set()

    def extend(chosen: frozenset, position: int) -> None:
        if len(choices) > 4 * MAX_CHOICES:
            return
        if position == len(factored):
            choices.add(chosen)
            return
        if chosen & set(factored[position]):
            extend(chosen, position + 1)
            return
        for f in factored[position]:
            extend(chosen | {f}, position + 1)

    extend(frozenset(), 0)
    minimal = [c for c in choices if not any(other < c for other in choices)]
    if len(minimal) > MAX_CHOICES or len(minimal) <= 1:
        return None
    return sorted((tuple(sorted(c, key=sp.default_sort_key)) for c in minimal), key=lambda c: (len(c), str(c)))


def linear_samples(equations: tuple[sp.Expr, ...], variables, ranges, count: int = SAMPLES) -> np.ndarray | None:
    """A few points inside the box on an affine subspace {all equations = 0} (None unless all are linear): box
    points, seeded, projected onto it."""
    if not all(sp.Poly(e, *variables).total_degree() <= 1 for e in equations):
        return None
    a = np.array([[float(sp.diff(e, v)) for v in variables] for e in equations])
    b = -np.array([float(e.subs(dict.fromkeys(variables, 0))) for e in equations])
    lo, hi = np.array(ranges, dtype=float).T
    starts = np.random.default_rng(0).uniform(lo, hi, size=(64 * count, len(variables)))
    correction = np.linalg.lstsq(a, (starts @ a.T - b).T, rcond=None)[0].T
    on = starts - correction
    on = on[np.all((on >= lo - 1e-12) & (on <= hi + 1e-12), axis=-1)]
    return on[:count]
