"""Words of storyboard part 6: escaping the saddle, and what it would cost in a real network."""

STRINGS = {
    "esc.title": {"en": "Escaping the saddle", "zh": "逃离鞍点"},
    "esc.map": {
        "en": "The toy network's loss, seen from above: the valley of minima, and the line w₁ = −w₂ through the "
              "saddle.",
        "zh": "从上往下看玩具网络的 loss：极小值组成的山谷，和穿过鞍点的直线 w₁ = −w₂。",
    },
    "esc.start": {
        "en": "Start gradient descent on that line, with step size η = {lr}.",
        "zh": "在这条线上开始做 gradient descent，步长 η = {lr}。",
    },
    "esc.step": {"en": "step", "zh": "步数"},
    "esc.stall": {
        "en": "It slides straight into the saddle and stops: the gradient is {norm}, and the loss is stuck at {loss}.",
        "zh": "它直接滑进鞍点然后停住：gradient 只剩 {norm}，loss 卡在 {loss}。",
    },
    "esc.stalled": {"en": "training stalls", "zh": "训练卡住了"},
    "esc.hessian": {
        "en": "The gradient is no help here. The Hessian is: its eigenvectors are the saddle's two directions.",
        "zh": "这时 gradient 帮不上忙，但 Hessian 可以：它的 eigenvector 就是鞍点的两个方向。",
    },
    "esc.escape_direction": {
        "en": "Along the eigenvector of λ = {value} the loss curves down: that is the way out.",
        "zh": "沿着 λ = {value} 的 eigenvector，loss 往下弯：这就是出路。",
    },
    "esc.take_step": {
        "en": "Take one step of length {length} along u. The loss drops from {before} to {after}.",
        "zh": "沿着 u 走一步，长度 {length}。loss 从 {before} 降到 {after}。",
    },
    "esc.before": {"en": "before", "zh": "之前"},
    "esc.after": {"en": "after", "zh": "之后"},
    "esc.model_predicts": {"en": "quadratic model: {value}", "zh": "二次近似：{value}"},
    "esc.slice": {
        "en": "The slice along u: the exact loss and the quadratic model match near the saddle, then part ways.",
        "zh": "沿着 u 切一刀：真正的 loss 和二次近似在鞍点附近一致，走远了就分开。",
    },
    "esc.exact": {"en": "exact", "zh": "真实"},
    "esc.model": {"en": "quadratic model", "zh": "二次近似"},
    "esc.model_said": {
        "en": "The model promised {model}; the true loss is {after}. Still lower: the step works.",
        "zh": "近似预测 {model}，真实的 loss 是 {after}。还是变小了：这一步有用。",
    },
    "esc.resume": {
        "en": "From there plain gradient descent takes over and rolls into the valley.",
        "zh": "从那里开始，普通的 gradient descent 就能一路滚进山谷。",
    },
    "esc.cost_title": {"en": "Why nobody does this in practice", "zh": "为什么实际上没人这样做"},
    "esc.cost_entries": {
        "en": "H has P² entries. A network with P = {params} parameters would need {entries} numbers: {tb} TB in "
              "float32.",
        "zh": "H 有 P² 个元素。P = {params} 个参数的网络要存 {entries} 个数：float32 就是 {tb} TB。",
    },
    "esc.entries": {"en": "entries", "zh": "个元素"},
    "esc.terabytes": {"en": "{tb} TB in float32", "zh": "float32 要 {tb} TB"},
    "esc.hvp": {
        "en": "But the product H·v of H with one vector costs only about two gradients, and never needs H itself.",
        "zh": "但 H 乘上一个向量 v 只要大约两次 gradient 的计算量，完全不需要 H 本身。",
    },
    "esc.hvp_cost": {"en": "≈ cost of 2 gradients", "zh": "≈ 2 次 gradient 的计算量"},
    "esc.lanczos": {
        "en": "Lanczos iteration uses only such products. On a tanh network with {params} parameters it finds the "
              "most negative eigenvalue, {value}, with {products} products.",
        "zh": "Lanczos 方法只用这种乘积。在一个有 {params} 个参数的 tanh 网络上，它用 {products} 次乘积就找到最负的 "
              "eigenvalue：{value}。",
    },
    "esc.network": {"en": "tanh network, P = {params} parameters", "zh": "tanh 网络，P = {params} 个参数"},
    "esc.products": {"en": "Hessian-vector products: {products}", "zh": "Hessian-向量乘积：{products} 次"},
    "esc.dense_cost": {
        "en": "forming H: {params} products, {entries} entries",
        "zh": "建出 H：{params} 次乘积，{entries} 个元素",
    },
    "esc.network_step": {
        "en": "a step of {step} along it: L {before} → {after}",
        "zh": "沿它走 {step}：L 从 {before} 变成 {after}",
    },
    "esc.lanczos_step": {
        "en": "And a small step along that eigenvector lowers the network's loss, just as in the toy.",
        "zh": "沿着这个 eigenvector 走一小步，网络的 loss 也下降了，跟玩具例子一样。",
    },
    "esc.later": {
        "en": "Cheaper ways out exist: noise, momentum, adaptive steps. We race them later.",
        "zh": "还有更便宜的逃离方法：加噪声、momentum、自适应步长。后面让它们比一比。",
    },
}
