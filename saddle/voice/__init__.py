"""The narrating voice: an offline neural voice (Kokoro-82M through onnxruntime) that speaks every subtitle line of
the lecture in English or Chinese, written for the ear first (spoken.py); assets.py finds the model and voices,
engine.py speaks and levels, lines.py knows the lines and their sources, narrate.py prepares a render."""
