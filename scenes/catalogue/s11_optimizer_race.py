"""Words of the optimizer race (beyond the lecture): cheaper ways out of a saddle."""

STRINGS = {
    "race.title": {"en": "The optimizer race", "zh": "优化器大赛"},
    "race.setup": {
        "en": "Six optimizers start from the same point, {offset} off the stable manifold of the saddle.",
        "zh": "六个优化器从同一个点出发，离鞍点的稳定流形只差 {offset}。",
    },
    "race.start": {"en": "start ({x}, {y}), {steps} steps", "zh": "起点 ({x}, {y})，{steps} 步"},
    "race.racers": {
        "en": "Each has its settings on screen; the noisy one has a seed, so the run is repeatable.",
        "zh": "每个优化器的参数都写在画面上；有随机噪声的那个固定了 seed，可以重现。",
    },
    "race.go": {
        "en": "Go: {steps} steps each, with the loss of every racer live on the right.",
        "zh": "开始：每个跑 {steps} 步，右边是每个优化器当下的 loss。",
    },
    "race.settings": {"en": "{settings}", "zh": "{settings}"},
    "race.gd": {"en": "gradient descent", "zh": "梯度下降"},
    "race.perturbed-gd": {"en": "perturbed GD", "zh": "加噪声的梯度下降"},
    "race.momentum": {"en": "momentum", "zh": "Momentum"},
    "race.adam": {"en": "Adam", "zh": "Adam"},
    "race.newton": {"en": "Newton's method", "zh": "牛顿法"},
    "race.saddle-free-newton": {"en": "saddle-free Newton", "zh": "无鞍牛顿法"},
    "race.escaped": {"en": "escaped", "zh": "逃出"},
    "race.at_saddle": {"en": "on the saddle", "zh": "停在鞍点"},
    "race.stalled": {"en": "stalled", "zh": "卡住"},
    "race.gd_said": {
        "en": "Plain gradient descent is still sitting at the saddle: the tiny offset has barely begun to grow.",
        "zh": "普通的 gradient descent 还停在鞍点：那一点点偏差才刚开始变大。",
    },
    "race.newton_said": {
        "en": "Newton's method jumps to where the gradient of the quadratic model vanishes: right onto the saddle.",
        "zh": "牛顿法跳到二次近似 gradient 为零的地方：正好跳到鞍点上。",
    },
    "race.escapers_said": {
        "en": "Noise, momentum and Adam's adaptive steps all get out, with gradients only, no Hessian.",
        "zh": "加噪声、momentum、Adam 的自适应步长都逃出去了，只用 gradient，不用 Hessian。",
    },
    "race.sfn_said": {
        "en": "Saddle-free Newton flips the sign of H's negative eigenvalues, so it walks downhill and escapes "
              "fastest.",
        "zh": "无鞍牛顿法把 H 的负 eigenvalue 变号，所以一路下坡，最快逃出。",
    },
    "race.lesson": {
        "en": "Plain gradient descent is stopped by a saddle only on a knife's edge; cheap tricks get past it.",
        "zh": "鞍点只有在刀锋上才能挡住普通的 gradient descent；一些便宜的技巧就能越过它。",
    },
}
