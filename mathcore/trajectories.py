"""Optimisers run on a Loss, each returning its whole path and the reason it stopped."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from mathcore.loss import Loss


@dataclass(frozen=True)
class Trajectory:
    method: str
    points: np.ndarray  # (steps + 1, n)
    losses: np.ndarray  # (steps + 1,)
    gradient_norms: np.ndarray  # (steps + 1,)
    stop_reason: str  # converged | max_steps | diverged
    parameters: dict = field(default_factory=dict)

    @property
    def end(self) -> np.ndarray:
        return self.points[-1]


def _run(loss: Loss, start, step_fn, method: str, parameters: dict, max_steps: int, tolerance: float, bound: float):
    """Shared loop: record every point, stop on a tiny gradient, a non-finite value or leaving the bound."""
    point = np.asarray(start, dtype=float)
    points, reason = [point], "max_steps"
    for t in range(max_steps):
        gradient = loss.gradient(point)
        if np.linalg.norm(gradient) < tolerance:
            reason = "converged"
            break
        point = step_fn(t, point, gradient)
        if point is None:  # the method itself decided it has converged
            reason, point = "converged", points[-1]
            break
        points.append(point)
        if not np.all(np.isfinite(point)) or np.max(np.abs(point)) > bound:
            reason = "diverged"
            break
    else:
        if np.linalg.norm(loss.gradient(point)) < tolerance:
            reason = "converged"
    path = np.array(points)
    return Trajectory(
        method=method,
        points=path,
        losses=loss.value(path),
        gradient_norms=np.linalg.norm(loss.gradient(points), axis=-1),
        stop_reason=reason,
        parameters=parameters,
    )


DEFAULTS = {"max_steps": 2000, "tolerance": 1e-9, "bound": 1e6}


def gradient_descent(loss: Loss, start, lr: float = 0.05, **options) -> Trajectory:
    """θ ← θ − η∇L: stalls wherever the gradient vanishes, saddles included."""
    options = DEFAULTS | options
    return _run(loss, start, lambda t, p, g: p - lr * g, "gradient descent", {"lr": lr}, **options)


def perturbed_gradient_descent(
    loss: Loss, start, lr: float = 0.05, radius: float = 1e-3, threshold: float = 1e-3, wait: int = 100,
    decrease: float = 1e-6, seed: int = 0, **options,
) -> Trajectory:
    """Gradient descent that adds a random kick of the given radius when the gradient is small (Jin et al. 2017).

    It stops when a kick did not lower the loss by `decrease` within `wait` steps: a minimum, not a saddle."""
    options = DEFAULTS | options
    rng = np.random.default_rng(seed)
    kick = {"step": -wait, "loss": np.inf}

    def step(t, point, gradient):
        if np.linalg.norm(gradient) < threshold and t - kick["step"] >= wait:
            if float(loss.value(point)) > kick["loss"] - decrease:
                return None
            kick.update(step=t, loss=float(loss.value(point)))
            direction = rng.normal(size=point.shape)
            point = point + radius * rng.uniform() ** (1 / point.size) * direction / np.linalg.norm(direction)
            gradient = loss.gradient(point)
        return point - lr * gradient

    parameters = {"lr": lr, "radius": radius, "threshold": threshold, "wait": wait, "decrease": decrease, "seed": seed}
    options["tolerance"] = min(options["tolerance"], 0.0)  # a small gradient triggers a kick, not a stop
    return _run(loss, start, step, "perturbed gradient descent", parameters, **options)


def momentum(loss: Loss, start, lr: float = 0.05, beta: float = 0.9, **options) -> Trajectory:
    """Heavy-ball momentum: v ← βv − η∇L, θ ← θ + v."""
    options = DEFAULTS | options
    velocity = [np.zeros_like(np.asarray(start, dtype=float))]

    def step(t, point, gradient):
        velocity[0] = beta * velocity[0] - lr * gradient
        return point + velocity[0]

    return _run(loss, start, step, "momentum", {"lr": lr, "beta": beta}, **options)


def adam(loss: Loss, start, lr: float = 0.05, beta1: float = 0.9, beta2: float = 0.999, eps: float = 1e-8,
         **options) -> Trajectory:
    """Adam (Kingma & Ba 2015), with bias correction."""
    options = DEFAULTS | options
    moments = [np.zeros_like(np.asarray(start, dtype=float))] * 2

    def step(t, point, gradient):
        m, v = moments
        m = beta1 * m + (1 - beta1) * gradient
        v = beta2 * v + (1 - beta2) * gradient**2
        moments[:] = [m, v]
        m_hat, v_hat = m / (1 - beta1 ** (t + 1)), v / (1 - beta2 ** (t + 1))
        return point - lr * m_hat / (np.sqrt(v_hat) + eps)

    return _run(loss, start, step, "Adam", {"lr": lr, "beta1": beta1, "beta2": beta2, "eps": eps}, **options)


def newton(loss: Loss, start, damping: float = 1.0, **options) -> Trajectory:
    """θ ← θ − H⁻¹∇L: jumps to the nearest critical point of the quadratic model, saddles included."""
    options = DEFAULTS | options

    def step(t, point, gradient):
        return point - damping * np.linalg.lstsq(loss.hessian(point), gradient, rcond=None)[0]

    return _run(loss, start, step, "Newton", {"damping": damping}, **options)


def saddle_free_newton(loss: Loss, start, damping: float = 1.0, floor: float = 0.1, **options) -> Trajectory:
    """θ ← θ − |H|⁻¹∇L (Dauphin et al. 2014): Newton with eigenvalues replaced by max(|λ|, floor), so it descends."""
    options = DEFAULTS | options

    def step(t, point, gradient):
        eigenvalues, vectors = np.linalg.eigh(loss.hessian(point))
        inverse = vectors @ np.diag(1 / np.maximum(np.abs(eigenvalues), floor)) @ vectors.T
        return point - damping * inverse @ gradient

    return _run(loss, start, step, "saddle-free Newton", {"damping": damping, "floor": floor}, **options)


def eigen_step(loss: Loss, point, direction, lengths) -> Trajectory:
    """The loss along θ′ + s·u for the given s: one step along an eigenvector, sampled as a path."""
    point, direction = np.asarray(point, dtype=float), np.asarray(direction, dtype=float)
    direction = direction / np.linalg.norm(direction)
    lengths = np.atleast_1d(np.asarray(lengths, dtype=float))
    points = point + lengths[:, None] * direction
    return Trajectory(
        method="eigen step",
        points=points,
        losses=loss.value(points),
        gradient_norms=np.linalg.norm(loss.gradient(points), axis=-1),
        stop_reason="max_steps",
        parameters={"direction": direction.tolist()},
    )


OPTIMIZERS = {
    "gd": gradient_descent,
    "perturbed-gd": perturbed_gradient_descent,
    "momentum": momentum,
    "adam": adam,
    "newton": newton,
    "saddle-free-newton": saddle_free_newton,
}
