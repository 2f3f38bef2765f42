"""The lecture, in order: (scene file relative to the repo root, scene class). Rendering, `saddle list`,
the smoke tests and the stitched lecture all read this list and nothing else."""

LECTURE: list[tuple[str, str]] = [
    ("scenes/s01_training_stalls.py", "TrainingStalls"),
    ("scenes/s02_critical_point_zoo.py", "CriticalPointZoo"),
    ("scenes/s03_taylor_approximation.py", "TaylorApproximation"),
    ("scenes/s04_hessian_sign_test.py", "HessianSignTest"),
    ("scenes/s05_worst_network.py", "WorstNetwork"),
    ("scenes/s05_worst_network.py", "WorstNetworkHessian"),
    ("scenes/s06_escape_saddle.py", "EscapeSaddle"),
    ("scenes/s07_sealed_coffin.py", "SealedCoffin"),
    ("scenes/s08_dimensions.py", "SliceReveal"),
    ("scenes/s08_dimensions.py", "RandomHessians"),
    ("scenes/s08_dimensions.py", "CriticalPointCount"),
    ("scenes/s09_minimum_ratio.py", "MinimumRatio"),
    ("scenes/s09_minimum_ratio_scaled.py", "MinimumRatioScaled"),
    # Beyond the lecture's slides, before the Recap, which closes the lecture (storyboard): cheaper ways out of a
    # saddle, and the same analysis on a loss of the viewer's choice.
    ("scenes/s11_optimizer_race.py", "OptimizerRace"),
    ("scenes/s12_loss_explorer.py", "LossExplorer"),
    ("scenes/s10_recap.py", "Recap"),
]
