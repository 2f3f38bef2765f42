"""Words of storyboard part 5: the worst network, its example and error surface (WorstNetwork), then its
gradient and Hessian (WorstNetworkHessian)."""

STRINGS = {
    "wn.title": {"en": "The worst network ever", "zh": "史上最废的 network"},
    "wn.network": {
        "en": "The worst network ever: an input x, one neuron, and then another: one neuron per layer.",
        "zh": "史上最废的 network：输入一个 x，只有一个 neuron，再接一个 neuron，每层只有一个 neuron。",
    },
    "wn.model": {
        "en": "No bias and no activation function: x times w₁, times w₂, is the output y.",
        "zh": "没有 bias，也没有 activation function：x 乘上 w₁ 再乘上 w₂，就是输出 y。",
    },
    "wn.example": {"en": "the one training example:", "zh": "唯一的一笔训练资料："},
    "wn.example_said": {
        "en": "And the worst training set ever: one example. When x is 1, the label is 1.",
        "zh": "还有史上最废的 training set：只有一笔 data，x 是 1 的时候，label 是 1。",
    },
    "wn.loss_definition": {
        "en": "The loss is the squared error between the label ŷ and the output y.",
        "zh": "loss 就是正确答案 ŷ 减掉 model 的输出 y，再取平方。",
    },
    "wn.loss": {
        "en": "Put in x = 1 and ŷ = 1: a loss of just two parameters, w₁ and w₂.",
        "zh": "x 代 1，ŷ 代 1：loss 就只跟 w₁ 和 w₂ 两个参数有关。",
    },
    "wn.surface": {
        "en": "With only two parameters we can try every w₁ and w₂ and draw the error surface (cut at L = {ceiling}).",
        "zh": "只有两个参数，我们可以穷举所有的 w₁ 跟 w₂，把 error surface 画出来（L 在 {ceiling} 截断）。",
    },
    "wn.corners": {
        "en": "The loss is high in the four corners and low along a curved valley.",
        "zh": "四个角落 loss 是高的，中间有一条弯弯的山沟 loss 是低的。",
    },
    "wn.saddle": {
        "en": "The origin is a critical point: a saddle point, at loss 1.",
        "zh": "原点是一个 critical point：它是 saddle point，loss 是 1。",
    },
    "wn.valley": {
        "en": "And the whole valley w₁w₂ = 1 is critical too: a curve of minima, at loss 0.",
        "zh": "整条山沟 w₁w₂ = 1 也都是 critical point：一整排 local minima，loss 是 0。",
    },
    "wn.contours": {
        "en": "Seen from above, the surface becomes the contour plot of the slide; every contour is a hyperbola.",
        "zh": "从上面看下去，就是投影片上的等高线图；每一条等高线都是双曲线。",
    },
    "wn.not_dots": {
        "en": "The slide marks three dots on each branch; the truth is both whole branches of w₁w₂ = 1.",
        "zh": "投影片在每一边画了三个黑点；其实是 w₁w₂ = 1 的两整条曲线。",
    },
    "wn.cut": {"en": "surface cut at L = {ceiling}", "zh": "曲面在 L = {ceiling} 截断"},
    "wn.legend_saddle": {"en": "(0, 0): saddle point", "zh": "(0, 0)：鞍点"},
    "wn.legend_valley": {"en": "w₁w₂ = 1: minima", "zh": "w₁w₂ = 1：极小值"},
    "wnh.title": {"en": "The worst network: gradient and Hessian", "zh": "史上最废的 network：梯度与 Hessian"},
    "wnh.intro": {
        "en": "Take the loss of the toy network and differentiate it once for the gradient, twice for the Hessian.",
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
    "wnh.verdict_saddle": {
        "en": "eigenvalues of both signs → saddle point",
        "zh": "特征值有正有负 → 鞍点 (saddle point)",
    },
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
        "en": "On the map: the saddle at the origin with its escape direction, and the valley of minima with its "
              "flat direction.",
        "zh": "画在平面上：原点的鞍点和它的逃离方向，以及由极小值组成的山谷和它平坦的方向。",
    },
    "wnh.kind_origin": {"en": "(0, 0): saddle point", "zh": "(0, 0)：鞍点"},
    "wnh.kind_valley": {"en": "valley w₁w₂ = 1: minima", "zh": "山谷 w₁w₂ = 1：极小值"},
}
