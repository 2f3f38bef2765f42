"""Lecture production: render the scenes in parallel, then assemble what goes into a talk — one clip and poster per
scene, the stitched lecture with chapters and subtitles, a manifest, a gallery page and a slide deck.

Manim only ever runs in subprocesses (`manim render`, `manim-slides convert`); video work uses PyAV, so this
package never imports manim."""
