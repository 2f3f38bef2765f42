"""The optimizer race: within the steps shown, who stalls, who lands on the saddle and who escapes."""

import numpy as np
import pytest

from mathcore.story.s11_optimizer_race import optimizer_race
from scenes.s11_optimizer_race import OptimizerRace
from tests.helpers.golden import check_golden
from tests.helpers.keyframes import keyframe_test


@pytest.fixture(scope="module")
def race():
    return optimizer_race()


def paths(race):
    return {racer.key: racer.path for racer in race.racers}


def test_the_start_is_a_hair_off_the_stable_manifold(race):
    assert 0 < abs(race.start[0] + race.start[1]) <= 1e-9


def test_plain_gradient_descent_is_still_stuck_at_the_saddle(race):
    gd = paths(race)["gd"]
    assert len(gd.points) == race.steps + 1
    assert np.linalg.norm(gd.end) < 0.05 and gd.losses[-1] > 0.99


def test_newton_converges_onto_the_saddle(race):
    newton = paths(race)["newton"]
    assert newton.stop_reason == "converged" and np.linalg.norm(newton.end) < 1e-6


def test_the_others_escape_into_the_valley(race):
    for key in ("perturbed-gd", "momentum", "adam", "saddle-free-newton"):
        path = paths(race)[key]
        assert path.losses[-1] < 1e-3 and abs(np.prod(path.end) - 1) < 0.05, key


def test_saddle_free_newton_does_not_end_at_the_saddle(race):
    path = paths(race)["saddle-free-newton"]
    assert path.stop_reason == "converged" and np.linalg.norm(path.end) > 1


def test_outcomes(race):
    assert [(r.key, r.outcome) for r in race.racers] == [
        ("gd", "stalled"), ("perturbed-gd", "escaped"), ("momentum", "escaped"), ("adam", "escaped"),
        ("newton", "at_saddle"), ("saddle-free-newton", "escaped"),
    ]


def test_optimizer_race_data(race, data_regression, ndarrays_regression):
    check_golden(race, data_regression, ndarrays_regression)


test_optimizer_race_keyframe = keyframe_test(OptimizerRace)
