"""Words of storyboard part 1: training stalls at a critical point."""

STRINGS = {
    "ts.title": {"en": "Why does training stall?", "zh": "训练为什么卡住了？"},
    "ts.intro": {
        "en": "You train a network. Update after update the loss goes down, and then it stops going down.",
        "zh": "你在训练 network，参数不断 update，loss 一直往下降，然后就不再下降了。",
    },
    "ts.plateau": {
        "en": "The loss flattens out far above the lowest loss this model can reach.",
        "zh": "loss 停在一个值，离这个模型能达到的最低 loss 还很远。",
    },
    "ts.landscape": {
        "en": "What gradient descent sees: a ball on the landscape of the loss, always stepping downhill.",
        "zh": "看看 gradient descent 在做什么：就像一颗球在 error surface 上，每一步都往下坡走。",
    },
    "ts.slows": {
        "en": "The ball slows down, and stops where the slope vanishes.",
        "zh": "球越走越慢，在斜率为零的地方停了下来。",
    },
    "ts.stop_said": {
        "en": "When the gradient is zero, gradient descent cannot update the parameters any more: training stops.",
        "zh": "当 gradient 为零的时候，gradient descent 就没有办法再 update 参数了，training 就停下来了。",
    },
    "ts.critical_said": {
        "en": "Points where the gradient is zero are called critical points.",
        "zh": "像这种 gradient 为零的点，统称为 critical point。",
    },
    "ts.minimum_said": {
        "en": "A local minimum is a critical point; so is a local maximum.",
        "zh": "local minima 是 critical point，local maxima 也是。",
    },
    "ts.saddle_said": {
        "en": "Where our ball stopped the gradient is zero too, yet it is neither a minimum nor a maximum: a saddle "
              "point.",
        "zh": "球停下来的地方 gradient 也是零，但它既不是 local minima 也不是 local maxima：它是 saddle point。",
    },
    "ts.not_stuck_said": {
        "en": "So the ball is not stuck in a local minimum: beyond this point the loss still goes down.",
        "zh": "所以球并不是卡在 local minima：过了这个点，loss 还可以继续下降。",
    },
    "ts.step": {"en": "update step", "zh": "更新次数"},
    "ts.loss": {"en": "loss", "zh": "loss"},
    "ts.gap": {"en": "far above the lowest loss", "zh": "离最低 loss 还很远"},
    "ts.stop_rule": {"en": "gradient = 0  →  training stops", "zh": "梯度 = 0  →  训练停止"},
    "ts.critical_point": {"en": "critical point", "zh": "临界点 (critical point)"},
    "ts.local_minimum": {"en": "local minimum", "zh": "局部最小值"},
    "ts.local_maximum": {"en": "local maximum", "zh": "局部最大值"},
    "ts.saddle_point": {"en": "saddle point", "zh": "鞍点 (saddle point)"},
}
