"""The data and the networks of the scaled study: real classification data that is generated or shipped locally,
and tanh networks whose parameters live in one flat float64 vector (what a Hessian sees).

Data, nothing downloaded:
- `digits`: scikit-learn's bundled 8×8 digits at full resolution (1797 images, 64 pixels, 10 classes);
- `mnist1d`: MNIST-1D (Greydanus 2020) made on the spot by the `mnist1d` package's seeded, procedural
  `make_dataset` (4000 training signals of 40 samples, 10 classes). Its `get_dataset` helper would download a
  pickle from the web: it is never called.

Needs the `study` extra (torch, scikit-learn, mnist1d)."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

import numpy as np
import torch

from mathcore.errors import LossError

CLASSES = 10
DATASETS = ("digits", "mnist1d")


@cache
def dataset(name: str) -> tuple[torch.Tensor, torch.Tensor]:
    """(features, labels) of a named data set: features in float64, one row per example."""
    if name == "digits":
        from sklearn.datasets import load_digits

        data = load_digits()
        return torch.tensor(data.data / 16.0, dtype=torch.float64), torch.tensor(data.target)
    if name == "mnist1d":
        from mnist1d.data import get_dataset_args, make_dataset

        made = make_dataset(get_dataset_args())  # procedural, seeded by its args (seed 42): no download
        return torch.tensor(np.asarray(made["x"]), dtype=torch.float64), torch.tensor(np.asarray(made["y"]))
    raise LossError(f"unknown data set {name!r}: choose one of {', '.join(DATASETS)}")


@dataclass(frozen=True)
class FlatNetwork:
    """A tanh MLP (inputs → widths… → 10) or a small 1-D conv net, evaluated from a flat parameter vector.

    conv: Conv1d(1→c, kernel 5, stride 2) → tanh → Conv1d(c→c, kernel 3, stride 2) → tanh → linear → 10, with
    c = widths[0]; it reads each example as a 1-D signal."""

    architecture: str  # "mlp" | "conv"
    inputs: int
    widths: tuple[int, ...]

    def __post_init__(self):
        if self.architecture not in ("mlp", "conv") or not self.widths or min(self.widths) < 1:
            raise LossError("a network is 'mlp' or 'conv' with at least one width ≥ 1")

    @property
    def shapes(self) -> list[tuple[int, ...]]:
        if self.architecture == "mlp":
            sizes = [self.inputs, *self.widths, CLASSES]
            return [shape for a, b in itertools.pairwise(sizes) for shape in ((b, a), (b,))]
        channels = self.widths[0]
        return [(channels, 1, 5), (channels,), (channels, channels, 3), (channels,),
                (CLASSES, channels * self._conv_length()), (CLASSES,)]

    def _conv_length(self) -> int:
        first = (self.inputs + 2 * 2 - 5) // 2 + 1
        return (first + 2 * 1 - 3) // 2 + 1

    @property
    def parameters(self) -> int:
        return sum(int(np.prod(shape)) for shape in self.shapes)

    def initial(self, seed: int) -> torch.Tensor:
        """Weights ~ N(0, 1/fan_in), biases 0; the same seed gives the same vector."""
        generator = torch.Generator().manual_seed(seed)
        pieces = [torch.randn(shape, generator=generator, dtype=torch.float64) / np.sqrt(np.prod(shape[1:]))
                  if len(shape) > 1 else torch.zeros(shape, dtype=torch.float64) for shape in self.shapes]
        return torch.cat([piece.flatten() for piece in pieces])

    def logits(self, theta: torch.Tensor, features: torch.Tensor) -> torch.Tensor:
        pieces = torch.split(theta, [int(np.prod(shape)) for shape in self.shapes])
        tensors = [piece.view(shape) for piece, shape in zip(pieces, self.shapes)]
        if self.architecture == "conv":
            signal = features[:, None, :]
            signal = torch.tanh(convolve(signal, tensors[0], tensors[1], stride=2, padding=2))
            signal = torch.tanh(convolve(signal, tensors[2], tensors[3], stride=2, padding=1))
            return signal.flatten(1) @ tensors[4].T + tensors[5]
        hidden = features
        for index in range(0, len(tensors) - 2, 2):
            hidden = torch.tanh(hidden @ tensors[index].T + tensors[index + 1])
        return hidden @ tensors[-2].T + tensors[-1]


def convolve(signal: torch.Tensor, kernel: torch.Tensor, bias: torch.Tensor, stride: int,
             padding: int) -> torch.Tensor:
    """conv1d as windows times kernel (one einsum): the same numbers as torch's conv1d, which in float64 on a CPU
    takes a slow path (measured: a gradient of the MNIST-1D net 0.77 s, and 6–12x slower than this; its exact
    Hessian would have taken over an hour)."""
    windows = torch.nn.functional.pad(signal, (padding, padding)).unfold(2, kernel.shape[2], stride)
    return torch.einsum("nclk,ock->nol", windows, kernel) + bias[:, None]


def objective(network: FlatNetwork, features: torch.Tensor, labels: torch.Tensor,
              weight_decay: float) -> Callable[[torch.Tensor], torch.Tensor]:
    """Cross-entropy plus weight_decay·‖θ‖²: without the decay a network that separates its training set has no
    critical point at finite weights."""

    def loss(theta: torch.Tensor) -> torch.Tensor:
        data_loss = torch.nn.functional.cross_entropy(network.logits(theta, features), labels)
        return data_loss + weight_decay * (theta @ theta)

    return loss
