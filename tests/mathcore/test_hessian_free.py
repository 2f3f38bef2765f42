"""Hessian-vector products of the tanh network against independent oracles, and Lanczos against a dense H."""

import numpy as np
import pytest
import sympy as sp

from mathcore.hessian_free import TanhNetwork, lowest_eigenpair, teacher_network
from mathcore.loss import Loss


def tiny_network():
    rng = np.random.default_rng(5)
    return TanhNetwork(rng.normal(size=(3, 2)), rng.normal(size=3), hidden=2), rng.normal(size=9)


def sympy_loss(network: TanhNetwork) -> Loss:
    """The same network written out symbolically: an oracle that shares no code with the R-operator."""
    symbols = sp.symbols(f"p0:{network.size}", real=True)
    w1, b1, w2, (b2,) = (sp.Matrix(symbols[a:b]) for a, b in ((0, 4), (4, 6), (6, 8), (8, 9)))
    w1 = w1.reshape(2, 2)
    residuals = []
    for x, y in zip(network.inputs, network.targets):
        hidden = (w1 * sp.Matrix(x) + b1).applyfunc(sp.tanh)
        residuals.append((w2.T * hidden)[0] + b2 - y)
    return Loss(sum(r**2 for r in residuals) / len(residuals), symbols)


def dense_hessian(network: TanhNetwork, theta, eps: float = 1e-5) -> np.ndarray:
    """H by central differences of the analytic gradient (no Hessian-vector code involved)."""
    columns = [(network.gradient(theta + eps * e) - network.gradient(theta - eps * e)) / (2 * eps)
               for e in np.eye(network.size)]
    hessian = np.array(columns)
    return (hessian + hessian.T) / 2


def test_loss_gradient_and_hessian_vector_products_match_sympy():
    network, theta = tiny_network()
    oracle = sympy_loss(network)
    assert network.loss(theta) == pytest.approx(float(oracle.value(theta)), rel=1e-12)
    np.testing.assert_allclose(network.gradient(theta), oracle.gradient(theta), rtol=1e-10, atol=1e-12)
    hessian = oracle.hessian(theta)
    for v in np.random.default_rng(0).normal(size=(4, network.size)):
        np.testing.assert_allclose(network.hessian_vector(theta, v), hessian @ v, rtol=1e-10, atol=1e-12)


def test_lanczos_finds_the_most_negative_eigenvalue_of_the_dense_hessian():
    network, theta = teacher_network(inputs=6, hidden=24, examples=64, seed=2)
    result = lowest_eigenpair(network, theta)
    eigenvalues = np.linalg.eigvalsh(dense_hessian(network, theta))
    assert eigenvalues[0] < 0
    assert result.eigenvalue == pytest.approx(eigenvalues[0], abs=1e-6)
    assert result.products < network.size  # fewer products than forming H column by column
    assert result.loss_after < result.loss_before


def test_lanczos_on_the_scene_network_returns_a_true_eigenpair():
    network, theta = teacher_network()
    result = lowest_eigenpair(network, theta)
    assert network.size > 2000 and result.eigenvalue < 0
    residual = network.hessian_vector(theta, result.eigenvector) - result.eigenvalue * result.eigenvector
    assert np.linalg.norm(residual) < 1e-6 * abs(result.eigenvalue)
