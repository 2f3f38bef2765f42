"""Words of storyboard part 5: the worst network and its Hessian."""

STRINGS = {
    "wnh.title": {"en": "The worst network: gradient and Hessian", "zh": "史上最废的 network：梯度与 Hessian"},
    "wnh.intro": {
        "en": "Take the toy network's loss and differentiate it once for the gradient, twice for the Hessian.",
        "zh": "把这个玩具网络的 loss 拿出来，微分一次得到 gradient，微分两次得到 Hessian。",
    },
    "wnh.gradient": {"en": "gradient g", "zh": "梯度 g"},
    "wnh.hessian": {"en": "Hessian H", "zh": "Hessian 矩阵 H"},
    "wnh.formulas": {
        "en": "The gradient is green and the Hessian red, as in the Taylor series.",
        "zh": "跟泰勒展开一样，gradient 用绿色，Hessian 用红色。",
    },
    "wnh.at_origin": {"en": "At the origin θ′ = (0, 0)", "zh": "在原点 θ′ = (0, 0)"},
    "wnh.substitute_origin": {
        "en": "Substitute the origin: the gradient is zero, so the origin is a critical point.",
        "zh": "代入原点：gradient 是零，所以原点是一个 critical point。",
    },
    "wnh.eigen_origin": {
        "en": "H has eigenvalues {low} and {high}: one negative, one positive.",
        "zh": "H 的 eigenvalue 是 {low} 和 {high}：一个负的，一个正的。",
    },
    "wnh.verdict_saddle": {"en": "eigenvalues of both signs → saddle point", "zh": "特征值有正有负 → 鞍点 (saddle point)"},
    "wnh.saddle_said": {
        "en": "Eigenvalues of both signs: the origin is a saddle point, not a local minimum.",
        "zh": "eigenvalue 有正有负，所以原点是 saddle point，不是 local minima。",
    },
    "wnh.at_valley": {"en": "On the valley, at θ′ = ({a}, {b})", "zh": "在山谷上，θ′ = ({a}, {b})"},
    "wnh.substitute_valley": {
        "en": "Now a point of the valley w₁w₂ = 1. The gradient is zero here too.",
        "zh": "再看山谷 w₁w₂ = 1 上的一个点，这里 gradient 也是零。",
    },
    "wnh.eigen_valley": {
        "en": "Its eigenvalues are {low} and {high}. A zero eigenvalue: the Hessian test cannot decide.",
        "zh": "它的 eigenvalue 是 {low} 和 {high}。有一个是零：只看 Hessian 没办法判断。",
    },
    "wnh.verdict_valley_1": {
        "en": "H is positive semi-definite, not definite: the test is inconclusive.",
        "zh": "H 只是半正定，不是正定：二阶测试没有结论。",
    },
    "wnh.verdict_valley_2": {
        "en": "Still a minimum: L ≥ 0 everywhere and L = 0 here.",
        "zh": "但它仍是极小值：L 处处 ≥ 0，而这里 L = 0。",
    },
    "wnh.flat_said": {
        "en": "The zero eigenvector points along the valley: walking along it, the loss stays at zero.",
        "zh": "特征值为零的方向就是沿着山谷的方向：沿着它走，loss 一直是零。",
    },
    "wnh.minimum_said": {
        "en": "It is a minimum anyway, because the loss can never be below zero. A careful lecture says so.",
        "zh": "它还是极小值，因为 loss 不可能小于零。严谨的课要把这一点讲清楚。",
    },
    "wnh.map_said": {
        "en": "On the map: the saddle at the origin with its escape direction, and the valley of minima with its flat direction.",
        "zh": "画在平面上：原点的鞍点和它的逃离方向，以及由极小值组成的山谷和它平坦的方向。",
    },
    "wnh.kind_origin": {"en": "(0, 0): saddle point", "zh": "(0, 0)：鞍点"},
    "wnh.kind_valley": {"en": "valley w₁w₂ = 1: minima", "zh": "山谷 w₁w₂ = 1：极小值"},
    "wnh.legend_negative": {"en": "λ < 0: escape", "zh": "λ < 0：逃离方向"},
    "wnh.legend_positive": {"en": "λ > 0: uphill", "zh": "λ > 0：上坡方向"},
    "wnh.legend_zero": {"en": "λ = 0: flat", "zh": "λ = 0：平坦方向"},
}
