"""Words of storyboard part 5, first scene: the worst network, its example and its error surface."""

STRINGS = {
    "wn.title": {"en": "The worst network ever", "zh": "史上最废的 network"},
    "wn.network": {
        "en": "The worst network ever: an input x, one neuron, then another: one neuron per layer.",
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
}
