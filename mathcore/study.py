"""The experiment behind the lecture's minimum-ratio plot, re-done: train small networks on real data until
the gradient vanishes, then look at every eigenvalue of the exact Hessian.

Each network is a 16 → width → 10 tanh network on scikit-learn's bundled digits (8×8 images averaged down to
4×4, all 1797 images, 10 classes), so it has a few hundred parameters and its full Hessian is cheap. The
objective is cross-entropy plus a small weight decay: without it the cross-entropy of a network that
separates the training set keeps falling as the weights grow, and there is no critical point to converge to.
Each network is measured twice: where a budget of full-batch Adam steps stops (the gradient is small, as
training curves usually mean it), and after L-BFGS and Newton steps (pseudo-inverse, trust region on ‖∇L‖)
have driven ‖∇L‖ to ~1e-10 or below: a true critical point. Hessians are exact: torch.func.jacrev of
torch.func.grad, in float64, one thread (so the same seed gives the same numbers).

Needs the `study` extra (torch, scikit-learn); only the studies (this and scaled_study.py) import this module."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass

import numpy as np
import torch
from sklearn.datasets import load_digits
from torch.func import grad, jacrev

from mathcore.errors import LossError
from mathcore.minimum_ratio import ZERO_RTOL, Measurement, TrainedNetwork, count_eigenvalues

CLASSES = 10


@dataclass(frozen=True)
class StudySettings:
    """Everything that decides the study's numbers; written into the JSON beside them."""

    networks: int = 48
    seed: int = 0
    widths: tuple[int, ...] = (6, 8, 10, 12)
    adam_steps: tuple[int, ...] = (300, 1000, 3000)
    pool: int = 2  # average pool×pool pixel blocks: 8×8 → 4×4
    samples: int = 1797  # the first `samples` digits (all of them by default)
    weight_decay: float = 1e-4
    adam_learning_rate: float = 0.01
    lbfgs_iterations: int = 3000
    lbfgs_tolerance: float = 1e-7  # L-BFGS hands over to Newton once every |∂L/∂θᵢ| is below this
    newton_iterations: int = 20
    gradient_tolerance: float = 1e-10
    zero_rtol: float = ZERO_RTOL

    def __post_init__(self):
        if self.networks < 1 or not self.widths or min(self.widths) < 1 or not self.adam_steps:
            raise LossError("a study needs at least one network, one width ≥ 1 and one Adam budget")
        if 8 % self.pool or not 1 <= self.samples <= 1797:
            raise LossError("pool must divide 8 and samples must lie in 1..1797")

    def plan(self) -> list[tuple[int, int, int]]:
        """(seed, width, adam_steps) of every network: widths and budgets cycle, each network its own seed."""
        budgets = len(self.adam_steps)
        return [
            (self.seed * 10_000 + index, self.widths[index % len(self.widths)],
             self.adam_steps[(index // len(self.widths)) % budgets])
            for index in range(self.networks)
        ]

    def record(self) -> dict:
        return {**asdict(self), "widths": list(self.widths), "adam_steps": list(self.adam_steps),
                "torch": torch.__version__.split("+")[0], "dtype": "float64", "threads": 1}


def digits(settings: StudySettings) -> tuple[torch.Tensor, torch.Tensor]:
    """Pixels in [0, 1] averaged over pool×pool blocks, and the class labels."""
    data = load_digits()
    side = 8 // settings.pool
    images = data.images[: settings.samples].reshape(-1, side, settings.pool, side, settings.pool)
    features = images.mean(axis=(2, 4)).reshape(len(images), side * side) / 16.0
    return torch.tensor(features, dtype=torch.float64), torch.tensor(data.target[: settings.samples])


class TanhNetwork:
    """inputs → width (tanh) → 10 logits, with all parameters in one flat vector (what the Hessian sees)."""

    def __init__(self, inputs: int, width: int):
        self.shapes = [(width, inputs), (width,), (CLASSES, width), (CLASSES,)]
        self.parameters = sum(int(np.prod(shape)) for shape in self.shapes)

    def initial(self, seed: int) -> torch.Tensor:
        """Weights ~ N(0, 1/fan_in), biases 0."""
        generator = torch.Generator().manual_seed(seed)
        pieces = [torch.randn(shape, generator=generator, dtype=torch.float64) / np.sqrt(shape[1])
                  if len(shape) == 2 else torch.zeros(shape, dtype=torch.float64) for shape in self.shapes]
        return torch.cat([piece.flatten() for piece in pieces])

    def logits(self, theta: torch.Tensor, features: torch.Tensor) -> torch.Tensor:
        w1, b1, w2, b2 = torch.split(theta, [int(np.prod(shape)) for shape in self.shapes])
        hidden = torch.tanh(features @ w1.view(self.shapes[0]).T + b1)
        return hidden @ w2.view(self.shapes[2]).T + b2


def objective(network: TanhNetwork, features, labels, weight_decay: float) -> Callable:
    def loss(theta):
        data_loss = torch.nn.functional.cross_entropy(network.logits(theta, features), labels)
        return data_loss + weight_decay * (theta @ theta)

    return loss


def exact_hessian(loss: Callable, theta: torch.Tensor) -> torch.Tensor:
    """The full Hessian by reverse-over-reverse autodiff (see benchmarks/hessian_methods.py for the choice)."""
    return jacrev(grad(loss))(theta)


def newton_polish(loss: Callable, theta: torch.Tensor, iterations: int, tolerance: float) -> torch.Tensor:
    """Newton steps towards ∇L = 0, whatever the kind of critical point: −H⁺∇L, shortened until ‖∇L‖ falls."""
    gradient = grad(loss)
    radius = 1.0
    for _ in range(iterations):
        g = gradient(theta)
        norm = float(g.norm())
        if norm < tolerance:
            break
        eigenvalues, vectors = torch.linalg.eigh(exact_hessian(loss, theta))
        keep = eigenvalues.abs() > 1e-12 * eigenvalues.abs().max()
        step = -(vectors @ torch.where(keep, (vectors.T @ g) / eigenvalues, 0.0))
        while radius > 1e-12:
            trial = step * min(1.0, radius / float(step.norm()))
            if float(gradient(theta + trial).norm()) < norm:
                theta = theta + trial
                radius = min(4 * radius, 1.0)
                break
            radius /= 4
        else:
            break
    return theta


def adam(loss: Callable, theta: torch.Tensor, steps: int, learning_rate: float) -> torch.Tensor:
    """Full-batch Adam for a fixed budget: where a training curve would usually be called converged."""
    theta = theta.clone().requires_grad_(True)
    optimizer = torch.optim.Adam([theta], lr=learning_rate)
    for _ in range(steps):
        optimizer.zero_grad()
        loss(theta).backward()
        optimizer.step()
    return theta.detach()


def lbfgs(loss: Callable, theta: torch.Tensor, iterations: int, tolerance: float) -> torch.Tensor:
    """L-BFGS (strong Wolfe line search) until every |∂L/∂θᵢ| is below `tolerance` or `iterations` are spent."""
    theta = theta.clone().requires_grad_(True)
    optimizer = torch.optim.LBFGS([theta], lr=1, max_iter=iterations, history_size=50,
                                  line_search_fn="strong_wolfe", tolerance_grad=tolerance, tolerance_change=0.0)

    def closure():
        optimizer.zero_grad()
        value = loss(theta)
        value.backward()
        return value

    optimizer.step(closure)
    return theta.detach()


def converge(loss: Callable, theta: torch.Tensor, settings: StudySettings) -> torch.Tensor:
    """L-BFGS, then Newton: to a point where the gradient is as small as float64 allows."""
    theta = lbfgs(loss, theta, settings.lbfgs_iterations, settings.lbfgs_tolerance)
    return newton_polish(loss, theta, settings.newton_iterations, settings.gradient_tolerance)


def measure(network: TanhNetwork, loss: Callable, theta: torch.Tensor, features, labels,
            zero_rtol: float) -> Measurement:
    with torch.no_grad():
        logits = network.logits(theta, features)
        data_loss = float(torch.nn.functional.cross_entropy(logits, labels))
        accuracy = float((logits.argmax(1) == labels).double().mean())
    eigenvalues = torch.linalg.eigvalsh(exact_hessian(loss, theta)).numpy()
    return Measurement(loss=float(loss(theta)), data_loss=data_loss, accuracy=accuracy,
                       gradient_norm=float(grad(loss)(theta).norm()), eigenvalues=eigenvalues,
                       counts=count_eigenvalues(eigenvalues, zero_rtol))


def run_study(settings: StudySettings, start: int = 0) -> Iterator[TrainedNetwork]:
    """Train the networks of `settings.plan()` from number `start` on, one after another, yielding each as soon
    as it is measured (each network has its own seed, so a study resumed at `start` gives the same numbers)."""
    torch.set_num_threads(1)
    features, labels = digits(settings)
    for index, (seed, width, adam_steps) in enumerate(settings.plan()[start:], start=start):
        network = TanhNetwork(features.shape[1], width)
        loss = objective(network, features, labels, settings.weight_decay)
        stopped = adam(loss, network.initial(seed), adam_steps, settings.adam_learning_rate)
        converged = converge(loss, stopped, settings)
        yield TrainedNetwork(
            index=index, seed=seed, width=width, parameters=network.parameters, adam_steps=adam_steps,
            stopped=measure(network, loss, stopped, features, labels, settings.zero_rtol),
            converged=measure(network, loss, converged, features, labels, settings.zero_rtol),
        )
