"""Beyond the lecture: the optimizer race. Six optimisers from one start a hair off the stable manifold of the
toy loss; who stalls, who lands on the saddle, who escapes — with every setting stated on screen."""

from __future__ import annotations

from manim import DOWN, LEFT, RIGHT, Create, Dot, FadeIn, Line, MathTex, VGroup

from mathcore.builtins import worst_network
from mathcore.story.s11_optimizer_race import Racer, optimizer_race
from scenes.kit.lecture_scene import LectureScene, stacked
from scenes.kit.legend import legend_row
from scenes.kit.look import NUMBER_SIZE, SMALL_SIZE, THEME, words
from scenes.kit.maps import PathTracer, map_axes, power_of_ten, slow_start, toy_map

#: Each racer's colour, from the theme (the legend names them): grey for the one that stalls, red for the
#: method that trusts H blindly, the escape colour for the one that uses |H|.
RACER_COLORS = {
    "gd": "muted", "perturbed-gd": "zero", "momentum": "positive", "adam": "gradient", "newton": "hessian",
    "saddle-free-newton": "negative",
}
#: Settings shown for each optimiser, with their usual symbols.
SETTING_SYMBOLS = {"lr": "η", "beta": "β", "beta1": "β₁", "beta2": "β₂", "radius": "r", "seed": "seed",
                   "damping": "α", "floor": "λ floor"}
SHOWN_SETTINGS = {
    "gd": ("lr",), "perturbed-gd": ("lr", "radius", "seed"), "momentum": ("lr", "beta"),
    "adam": ("lr", "beta1", "beta2"), "newton": ("damping",), "saddle-free-newton": ("damping", "floor"),
}


def settings_text(racer: Racer) -> str:
    return ", ".join(f"{SETTING_SYMBOLS[name]} = {racer.path.parameters[name]:g}" for name in SHOWN_SETTINGS[racer.key])


class OptimizerRace(LectureScene):
    """The same start for six optimisers; trails, a legend with live losses, then each one's fate."""

    on_manifold = (1.5, -1.5)
    offset = 1e-10
    steps = 200
    box = (-2, 2, -2, 2)
    race_seconds = 12.0

    def construct(self):
        data = optimizer_race(self.on_manifold, self.offset, self.steps)

        # Section: the map and the common start
        self.show_title("race.title")
        axes = map_axes(self.box).to_edge(LEFT, buff=0.7).shift(DOWN * 0.35)
        parts = toy_map(axes, worst_network(), self.box, data.variable_latex, data.valley_branches,
                        data.manifold_latex)
        start = Dot(axes.c2p(*data.start), color=THEME.theta, radius=0.1)
        self.play(FadeIn(parts["heat"]), Create(axes), FadeIn(parts["labels"]), run_time=1.5)
        self.say("race.setup", Create(parts["valley"]), Create(parts["manifold"]), FadeIn(parts["manifold_label"]),
                 FadeIn(start), offset=power_of_ten(data.offset))

        # Section: the racers and their settings
        tracers = [PathTracer(axes, racer.path, getattr(THEME, RACER_COLORS[racer.key]), width=3, radius=0.07)
                   for racer in data.racers]
        rows = [self.legend_row(racer, tracer) for racer, tracer in zip(data.racers, tracers)]
        header = words("race.start", SMALL_SIZE, {"x": f"{self.on_manifold[0]:g} + {power_of_ten(data.offset)}",
                                                  "y": f"{data.start[1]:g}", "steps": data.steps}, color=THEME.theta)
        legend = stacked(header, *rows, buff=0.26).to_edge(RIGHT, buff=0.5).shift(DOWN * 0.15)
        column = max(row[1][1].get_left()[0] for row in rows)  # the live losses in one column
        for row in rows:
            row[1][1].shift(RIGHT * (column - row[1][1].get_left()[0]))
        self.say("race.racers", FadeIn(legend, lag_ratio=0.1), run_time=2)

        # Section: the race
        for tracer in tracers:
            self.add(tracer.trail, tracer.dot)
        self.say("race.go", *(t.run(self.race_seconds, slow_start, until=data.steps) for t in tracers),
                 run_time=self.race_seconds, steps=data.steps)

        # Section: each one's fate
        for racer, row in zip(data.racers, rows):
            tag = words(f"race.{racer.outcome}", SMALL_SIZE, color=THEME.text if racer.outcome == "escaped"
                        else THEME.hessian).next_to(row[0], RIGHT, buff=0.3)
            self.play(FadeIn(tag, shift=LEFT * 0.2), run_time=0.4)
        for key in ("race.gd_said", "race.newton_said", "race.escapers_said", "race.sfn_said", "race.lesson"):
            self.say(key)
        self.wait(1)

    def legend_row(self, racer: Racer, tracer: PathTracer) -> VGroup:
        """Swatch + name on one line, settings and the live loss on the next."""
        color = tracer.dot.get_color()
        name = legend_row(Line(LEFT * 0.2, RIGHT * 0.2, color=color, stroke_width=6),
                          words(f"race.{racer.key}", SMALL_SIZE, color=color), buff=0.15)
        loss = tracer.readout(MathTex("L =", font_size=NUMBER_SIZE, color=color), racer.path.losses, color, "{:.4f}",
                              size=SMALL_SIZE)
        details = VGroup(words("race.settings", SMALL_SIZE, {"settings": settings_text(racer)}, color=THEME.muted),
                         loss).arrange(RIGHT, buff=0.4)
        return stacked(name, details.shift(RIGHT * 0.55), buff=0.08)
