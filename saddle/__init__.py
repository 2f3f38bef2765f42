"""saddle: the application — the command line and the production of the lecture (render, stitch, subtitles,
slides, gallery). It reads mathcore and the scene list; nothing below imports it."""
