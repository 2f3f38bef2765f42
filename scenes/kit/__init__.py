"""The lecture's drawing kit: its look (theme, language, typography, narrated scenes), the fast loss surface, flat
loss maps and optimiser paths, and linear algebra in the colour code. Scenes draw with these, never again by hand."""
