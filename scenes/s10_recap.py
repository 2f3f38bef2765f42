"""Storyboard part 10: the recap — from "the gradient is small" to the kind of point and the way out."""

from __future__ import annotations

from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Arrow,
    FadeIn,
    GrowArrow,
    MathTex,
    RoundedRectangle,
    VGroup,
    Write,
)

from mathcore.story.s10_recap import recap
from scenes.kit.lecture_scene import LectureScene
from scenes.kit.look import SMALL_SIZE, THEME, words

BOX_BUFF = 0.22


def boxed(content, color) -> VGroup:
    """Content in a rounded box whose border has the colour of what it is about."""
    frame = RoundedRectangle(corner_radius=0.15, width=content.width + 2 * BOX_BUFF,
                             height=content.height + 2 * BOX_BUFF,
                             stroke_color=color, stroke_width=3, fill_color=THEME.panel, fill_opacity=1)
    return VGroup(frame.move_to(content), content)


def link(start, end, color) -> Arrow:
    return Arrow(start, end, buff=0.08, stroke_width=3, color=color, max_tip_length_to_length_ratio=0.2)


class Recap(LectureScene):
    """The decision chart, built step by step in the colour code."""

    kind_width = 2.9  # width of each of the four verdict boxes

    def construct(self):
        data = recap()
        self.show_title("recap.title")

        # Section: a critical point, and the Hessian that decides
        critical = boxed(words("recap.critical", SMALL_SIZE, color=THEME.gradient), THEME.gradient).move_to(UP * 2.45)
        self.say("recap.critical_said", FadeIn(critical, shift=DOWN * 0.2))
        hessian_words = words("recap.hessian", SMALL_SIZE, color=THEME.hessian)
        taylor = MathTex(data.taylor_latex, font_size=32)
        taylor[0][-2].set_color(THEME.hessian)  # the H of vᵀHv
        hessian = boxed(VGroup(hessian_words, taylor).arrange(DOWN, buff=0.15), THEME.hessian).move_to(UP * 0.75)
        self.say("recap.hessian_said", GrowArrow(link(critical.get_bottom(), hessian.get_top(), THEME.muted)),
                 FadeIn(hessian, shift=DOWN * 0.2))

        # Section: the four verdicts
        kinds = VGroup(*(boxed(words(key, SMALL_SIZE, color=color), color) for key, color in (
            ("recap.minimum", THEME.positive), ("recap.maximum", THEME.text), ("recap.saddle", THEME.negative),
            ("recap.silent", THEME.zero))))
        for kind in kinds:
            kind[0].stretch_to_fit_width(self.kind_width)
        kinds.arrange(RIGHT, buff=0.35).move_to(DOWN * 0.95)
        arrows = [link(hessian.get_bottom(), kind.get_top(), kind[0].get_stroke_color()) for kind in kinds]
        self.say("recap.kinds_said", *(GrowArrow(a) for a in arrows), *(FadeIn(k, shift=DOWN * 0.2) for k in kinds),
                 run_time=2.5)

        # Section: the way out of a saddle, with the toy network as the example
        saddle = kinds[2]
        escape_words = words("recap.escape", SMALL_SIZE, color=THEME.negative)
        escape = boxed(VGroup(escape_words, MathTex(data.escape_latex, font_size=32, color=THEME.negative))
                       .arrange(DOWN, buff=0.15), THEME.negative)
        escape.next_to(saddle, DOWN, buff=0.75).to_edge(RIGHT, buff=0.3)
        way_out = link(saddle.get_corner(DOWN + RIGHT) + LEFT * 0.2, escape.get_top(), THEME.negative)
        self.say("recap.escape_said", GrowArrow(way_out), FadeIn(escape, shift=DOWN * 0.2))
        low, high = data.example.eigenvalue_latex
        example = words("recap.example", SMALL_SIZE, {"low": low.replace("-", "\u2212"), "high": high},
                        color=THEME.muted)
        example.align_to(kinds, LEFT).align_to(escape, DOWN)
        self.say("recap.example_said", FadeIn(example), low=low, high=high)

        # Section: which case is common
        common = words("recap.common", SMALL_SIZE, color=THEME.negative).next_to(saddle, DOWN, buff=0.12).align_to(
            saddle, LEFT)
        rare = words("recap.rare", SMALL_SIZE, color=THEME.positive).next_to(kinds[0], DOWN, buff=0.12).align_to(
            kinds[0], LEFT)
        self.say("recap.common_said", Write(common), Write(rare), saddle.animate.scale(1.08))
        self.wait(1.5)
