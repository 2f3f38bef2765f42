"""The test lecture (two scenes of about three seconds each); paths are relative to this folder."""

LECTURE = [
    ("tiny_circle.py", "TinyCircle"),
    ("tiny_words.py", "TinyWords"),
]
