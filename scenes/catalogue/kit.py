"""Words the drawing kit shows in more than one scene: the eigen-direction legend, the toy map's labels, and the
lecture's own title and part numbers (also the decks' and the gallery's title)."""

STRINGS = {
    "kit.sign_negative": {"en": "λ < 0: escape", "zh": "λ < 0：逃离方向"},
    "kit.sign_positive": {"en": "λ > 0: uphill", "zh": "λ > 0：上坡方向"},
    "kit.sign_zero": {"en": "λ = 0: flat", "zh": "λ = 0：平坦方向"},
    "kit.manifold": {"en": "stable manifold", "zh": "稳定流形"},
    "kit.lecture": {"en": "When the gradient is small: critical points in deep learning",
                    "zh": "当 gradient 很小的时候：深度学习中的 critical point"},
    "kit.part": {"en": "Part {number} of {parts}", "zh": "第 {number} 部分（共 {parts} 部分）"},
    "kit.list": {"en": "{rest} and {last}", "zh": "{rest} 和 {last}"},
    "kit.list_separator": {"en": ", ", "zh": "、"},
    "kit.choices": {"en": "{rest} or {last}", "zh": "{rest} 或 {last}"},
}
