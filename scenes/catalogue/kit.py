"""Words the drawing kit shows in more than one scene: the eigen-direction legend and the toy map's labels."""

STRINGS = {
    "kit.sign_negative": {"en": "λ < 0: escape", "zh": "λ < 0：逃离方向"},
    "kit.sign_positive": {"en": "λ > 0: uphill", "zh": "λ > 0：上坡方向"},
    "kit.sign_zero": {"en": "λ = 0: flat", "zh": "λ = 0：平坦方向"},
    "kit.manifold": {"en": "stable manifold", "zh": "稳定流形"},
}
