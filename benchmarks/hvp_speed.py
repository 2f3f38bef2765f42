"""Gradients and Hessian-vector products per second for each network size of `saddle study-scaled --preset full`,
one torch thread, float64, at the network's initial point: what the study's cost is made of.

Run: PYTHONPATH=. .venv/bin/python benchmarks/hvp_speed.py   (needs the study extra)
Each row: parameters, training examples, seconds per gradient and per HVP, HVPs per second, and the HVP's cost in
gradients. The study's own records hold the measured seconds of every phase and the HVPs each method used."""

from __future__ import annotations

import time

import numpy as np
import torch
from torch.func import grad

from mathcore.scaled_study import preset
from mathcore.study_networks import objective
from mathcore.study_spectra import HessianProducts

REPEATS = 3


def per_call(function) -> float:
    """Seconds per call: the fastest of REPEATS after one warm-up call."""
    function()
    times = []
    for _ in range(REPEATS):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    torch.set_num_threads(1)
    seen = set()
    print(f"{'network':>28} {'params':>7} {'examples':>8} {'grad s':>8} {'HVP s':>8} {'HVP/s':>7} {'HVP/grad':>8}")
    for spec in preset("full"):
        name = spec.key.rsplit("-seed", 1)[0]
        if name in seen:
            continue
        seen.add(name)
        features, labels = spec.data()
        network = spec.network
        loss = objective(network, features, labels, spec.weight_decay)
        theta = network.initial(spec.seed)
        gradient = grad(loss)
        products = HessianProducts(loss, theta)
        direction = np.random.default_rng(0).normal(size=network.parameters)
        gradient_time = per_call(lambda gradient=gradient, theta=theta: gradient(theta))
        product_time = per_call(lambda products=products, direction=direction: products(direction))
        print(f"{name:>28} {network.parameters:>7} {len(labels):>8} {gradient_time:>8.3f} {product_time:>8.3f} "
              f"{1 / product_time:>7.1f} {product_time / gradient_time:>8.1f}")


if __name__ == "__main__":
    main()
