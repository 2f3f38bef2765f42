"""Words of storyboard part 10: the recap as a decision chart."""

STRINGS = {
    "recap.title": {"en": "Recap: when the gradient is small", "zh": "总结：当 gradient 很小的时候"},
    "recap.critical": {"en": "gradient g ≈ 0: a critical point", "zh": "gradient g ≈ 0：critical point"},
    "recap.critical_said": {
        "en": "Training stalls where the gradient is almost zero: at a critical point.",
        "zh": "训练卡住的地方，gradient 几乎是零：那是一个 critical point。",
    },
    "recap.hessian": {"en": "look at the eigenvalues λ of the Hessian H", "zh": "看 Hessian H 的 eigenvalue λ"},
    "recap.hessian_said": {
        "en": "With g = 0 the Taylor series leaves only the Hessian term, so its eigenvalues decide the kind of point.",
        "zh": "g = 0 时，泰勒展开只剩下 Hessian 那一项，所以由它的 eigenvalue 来决定。",
    },
    "recap.minimum": {"en": "all λ > 0\nlocal minimum", "zh": "λ 全部 > 0\nlocal minima"},
    "recap.maximum": {"en": "all λ < 0\nlocal maximum", "zh": "λ 全部 < 0\nlocal maxima"},
    "recap.saddle": {"en": "λ of both signs\nsaddle point", "zh": "λ 有正有负\nsaddle point"},
    "recap.silent": {"en": "some λ = 0\nthe test is silent", "zh": "有 λ = 0\n无法判断"},
    "recap.kinds_said": {
        "en": "All positive: a local minimum. All negative: a local maximum. Both signs: a saddle point. A zero "
              "eigenvalue: look further.",
        "zh": "全部是正的：local minima；全部是负的：local maxima；有正有负：saddle point；有零：要再看更高阶。",
    },
    "recap.escape": {
        "en": "escape: θ = θ′ + u, u an eigenvector with λ < 0",
        "zh": "逃离：θ = θ′ + u，u 是 λ < 0 的 eigenvector",
    },
    "recap.escape_said": {
        "en": "At a saddle, step along an eigenvector of a negative eigenvalue: the loss goes down.",
        "zh": "在 saddle point，沿着负 eigenvalue 的 eigenvector 走一步，loss 就会下降。",
    },
    "recap.example": {
        "en": "e.g. the worst network at (0, 0):\nλ = {low}, {high} → saddle point",
        "zh": "例：最差的网络在 (0, 0)：\nλ = {low}, {high} → saddle point",
    },
    "recap.example_said": {
        "en": "Like the worst network at the origin: eigenvalues {low} and {high}, a saddle with a way down.",
        "zh": "就像最差的网络在原点：eigenvalue 是 {low} 和 {high}，是一个有路可走的 saddle point。",
    },
    "recap.common": {"en": "the common case", "zh": "最常见"},
    "recap.rare": {"en": "rare in many dimensions", "zh": "高维时很少见"},
    "recap.common_said": {
        "en": "And in the millions of dimensions of a network, saddle points are the common case; real local minima "
              "are rare.",
        "zh": "而在 network 百万维的空间里，saddle point 才是常见的情况，真正的 local minima 很少见。",
    },
}
