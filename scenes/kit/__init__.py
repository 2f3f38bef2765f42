"""The lecture's drawing kit: its look (theme, language, typography), the lecture scene (titles, narrated steps,
slides), the fast loss surface, flat loss maps and optimiser paths, and linear algebra in the colour code. Scenes draw
with these, never again by hand."""
