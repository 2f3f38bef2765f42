"""Words of storyboard part 4: the sign of vᵀHv and the eigenvalues of H."""

STRINGS = {
    "hst.title": {"en": "Reading the Hessian", "zh": "从 Hessian 判断地貌"},
    "hst.intro": {
        "en": "At a critical point the gradient term is gone: near θ′ only the red Hessian term is left.",
        "zh": "在 critical point，gradient 这一项是零，θ′ 附近就只剩下红色的 Hessian 这一项。",
    },
    "hst.question": {
        "en": "Write v for θ − θ′. Is vᵀHv positive, negative, or both, as v points in every direction?",
        "zh": "我们用 v 来表示 θ − θ′。v 往各个方向的时候，vᵀHv 是大于零、小于零，还是有正有负？",
    },
    "hst.saddle_hessian": {
        "en": "Take the worst network's Hessian at the origin.",
        "zh": "拿史上最废的 network 在原点的 Hessian 来看。",
    },
    "hst.sweep_setup": {
        "en": "Let v be a unit vector at angle φ, and plot vᵀHv against φ.",
        "zh": "让 v 是角度为 φ 的单位向量，把 vᵀHv 对 φ 画出来。",
    },
    "hst.sweep": {
        "en": "Turn v once round. Where vᵀHv is positive (violet) the loss goes up; where it is negative (orange) it "
              "goes down.",
        "zh": "让 v 转一整圈。vᵀHv 是正的地方（紫色）loss 会变大，是负的地方（橙色）loss 会变小。",
    },
    "hst.extremes": {
        "en": "Its smallest value is {low} and its largest {high}: exactly the eigenvalues of H.",
        "zh": "它最小是 {low}，最大是 {high}：刚好就是 H 的 eigenvalue。",
    },
    "hst.eigenvectors": {
        "en": "They are reached along the eigenvectors: for an eigenvector u, uᵀHu = λ‖u‖².",
        "zh": "在 eigenvector 的方向上取到它们：如果 u 是 eigenvector，uᵀHu = λ‖u‖²。",
    },
    "hst.no_need": {
        "en": "So we need not try every v: the eigenvalues of H already tell us the sign.",
        "zh": "所以不需要把所有的 v 都乘看看，直接看 H 的 eigenvalue 就知道正负。",
    },
    "hst.row_minimum": {
        "en": "A bowl: vᵀHv is positive in every direction.",
        "zh": "一个碗：vᵀHv 对所有的 v 都大于零。",
    },
    "hst.rule_minimum": {
        "en": "All eigenvalues positive, H is positive definite: a local minimum.",
        "zh": "eigenvalue 全部都是正的，H 是 positive definite：local minima。",
    },
    "hst.row_maximum": {
        "en": "A dome: vᵀHv is negative in every direction.",
        "zh": "一个山顶：vᵀHv 对所有的 v 都小于零。",
    },
    "hst.rule_maximum": {
        "en": "All eigenvalues negative: a local maximum.",
        "zh": "eigenvalue 全部都是负的：local maxima。",
    },
    "hst.row_saddle": {
        "en": "The worst network's origin: vᵀHv is sometimes positive, sometimes negative.",
        "zh": "最废的 network 的原点：vᵀHv 有时候大于零，有时候小于零。",
    },
    "hst.rule_saddle": {
        "en": "Eigenvalues of both signs: a saddle point.",
        "zh": "eigenvalue 有正有负：saddle point。",
    },
    "hst.summary": {
        "en": "Compute H, look at its eigenvalues, and you know what kind of critical point you are at.",
        "zh": "算出 H，看它的 eigenvalue，就知道现在卡在哪一种 critical point。",
    },
    "hst.verdict_minimum": {"en": "all λ > 0 → local minimum", "zh": "λ 全部为正 → 局部最小值"},
    "hst.verdict_maximum": {"en": "all λ < 0 → local maximum", "zh": "λ 全部为负 → 局部最大值"},
    "hst.verdict_saddle": {"en": "λ of both signs → saddle point", "zh": "λ 有正有负 → 鞍点"},
}
