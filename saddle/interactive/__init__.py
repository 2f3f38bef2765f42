"""The interactive companion: one offline HTML page per loss (surface, contour map, critical points with their
Hessian, descents), drawn from the same data as the LossExplorer scene and `saddle analyze --json`."""
