"""Manim scenes of the lecture; `scenes.lecture.LECTURE` is the one ordered list that drives rendering."""
