"""Words of the loss explorer (beyond the lecture): the lecture's analysis on any loss."""

STRINGS = {
    "exp.title": {"en": "Explore a loss", "zh": "探索一个 loss"},
    "exp.intro": {
        "en": "The same analysis on any loss of two parameters. This one is on screen, over the box shown.",
        "zh": "同样的分析可以用在任何两个参数的 loss 上。现在画面上是这一个，范围如图。",
    },
    "exp.surface": {
        "en": "Its surface, coloured by height. Now look from straight above.",
        "zh": "这是它的曲面，颜色代表高度。接下来从正上方看。",
    },
    "exp.points": {
        "en": "Every critical point in the box: {minima} minima, {maxima} maxima, {saddles} saddles, "
              "{undecided} undecided.",
        "zh": "范围内所有的 critical point：{minima} 个极小值、{maxima} 个极大值、{saddles} 个鞍点、{undecided} "
              "个无法判断。",
    },
    "exp.curves": {
        "en": "Some critical points are not isolated: they form curves, drawn as curves.",
        "zh": "有些 critical point 不是孤立的点，而是连成曲线，就画成曲线。",
    },
    "exp.eigen": {
        "en": "At each point, the Hessian's eigenvectors: escape colour for λ < 0, uphill for λ > 0, flat for λ = 0.",
        "zh": "在每个点画出 Hessian 的 eigenvector：λ < 0 是逃离方向，λ > 0 是上坡方向，λ = 0 是平坦方向。",
    },
    "exp.higher_order": {
        "en": "At {count} of them H has a zero eigenvalue, so the Hessian test is silent; the loss on a small ring "
              "around the point decides the kind.",
        "zh": "其中 {count} 个点的 H 有零 eigenvalue，Hessian 测试没有结论；改看点周围一小圈上的 loss 来判断种类。",
    },
    "exp.escape": {
        "en": "From every saddle, a small step along the escape direction, then gradient descent with step size {lr}.",
        "zh": "从每个鞍点沿逃离方向走一小步，再做步长 {lr} 的 gradient descent。",
    },
    "exp.no_saddle": {
        "en": "This loss has no saddle in the box: nothing to escape from.",
        "zh": "这个 loss 在范围内没有鞍点，不需要逃离。",
    },
    "exp.end": {
        "en": "Try your own: saddle explore \"EXPR\" --box LO HI for each variable.",
        "zh": "试试你自己的：saddle explore \"EXPR\" --box，每个变量给 LO HI。",
        "spoken": {  # what the voice says instead of reading the command out symbol by symbol
            "en": "Try your own loss: saddle explore takes an expression and a box.",
            "zh": "试试你自己的 loss：用 saddle explore，给它一个表达式和一个范围。",
        },
    },
    "exp.many_intro": {
        "en": "A loss of {n} variables has no surface to draw. In the box it has {points} critical points: "
              "{minima} minima, {saddles} saddles, {maxima} maxima.",
        "zh": "{n} 个变量的 loss 画不出曲面。范围内它有 {points} 个 critical point："
              "{minima} 个极小值、{saddles} 个鞍点、{maxima} 个极大值。",
    },
    "exp.by_index": {"en": "points by index (negative eigenvalues): {counts}",
                     "zh": "按 index（负 eigenvalue 个数）：{counts}"},
    "exp.slice": {
        "en": "So look at a saddle through a slice: the plane of its most negative and most positive "
              "eigenvectors. This saddle has index {index}; in the plane λ = {low} and {high}.",
        "zh": "那就透过切面看鞍点：由最负和最正的 eigenvalue 的 eigenvector 张成的平面。"
              "这个鞍点的 index 是 {index}；在这个平面上 λ = {low} 和 {high}。",
    },
    "exp.slice_caption": {"en": "saddle at {point}, index {index}", "zh": "鞍点 {point}，index {index}"},
    "exp.slice_minus": {"en": "s₋ along u₋ (λ < 0)", "zh": "s₋ 沿 u₋（λ < 0）"},
    "exp.slice_plus": {"en": "s₊ along u₊ (λ > 0)", "zh": "s₊ 沿 u₊（λ > 0）"},
    "exp.slice_escape": {
        "en": "In the plane, a small step along u₋ and gradient descent lead down and away.",
        "zh": "在这个平面上，沿 u₋ 走一小步再做 gradient descent，就往下离开了鞍点。",
    },
    "exp.minimum": {"en": "minimum", "zh": "极小值"},
    "exp.maximum": {"en": "maximum", "zh": "极大值"},
    "exp.saddle": {"en": "saddle", "zh": "鞍点"},
    "exp.undecided": {"en": "undecided", "zh": "无法判断"},
    "exp.curve": {"en": "critical curve: {kind}", "zh": "临界点曲线：{kind}"},
    "exp.mixed": {"en": "mixed kinds", "zh": "种类不一"},
    "exp.descent": {"en": "descent from a saddle", "zh": "从鞍点下降"},
}
