"""The data behind each scene, one function per scene returning a frozen dataclass.

Scenes draw these and compute nothing of their own; the golden-snapshot tests check these."""
