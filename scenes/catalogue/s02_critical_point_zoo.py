"""Words of storyboard part 2: the zoo of critical points."""

STRINGS = {
    "zoo.title": {"en": "Three kinds of critical point", "zh": "三种 critical point"},
    "zoo.intro": {
        "en": "Where the gradient is zero, the loss surface is flat. That can happen in three ways.",
        "zh": "gradient 为零的地方，error surface 是平的。这有三种可能。",
    },
    "zoo.minimum": {"en": "local minimum", "zh": "局部最小值"},
    "zoo.maximum": {"en": "local maximum", "zh": "局部最大值"},
    "zoo.saddle": {"en": "saddle point", "zh": "鞍点"},
    "zoo.minimum_said": {
        "en": "A local minimum: from the bottom of the bowl, every direction goes up.",
        "zh": "local minima：在碗底，往哪个方向走 loss 都会变大。",
    },
    "zoo.maximum_said": {
        "en": "A local maximum: from the top of the dome, every direction goes down.",
        "zh": "local maxima：在山顶，往哪个方向走 loss 都会变小。",
    },
    "zoo.saddle_said": {
        "en": "A saddle point: higher in one direction, lower in another, shaped like a horse's saddle.",
        "zh": "saddle point：左右这个方向比较高，前后这个方向比较低，就像一个马鞍的形状。",
    },
    "zoo.turn_said": {
        "en": "Turn it around: up along x, down along y.",
        "zh": "转过来看：沿 x 方向往上，沿 y 方向往下。",
    },
    "zoo.flat_said": {
        "en": "At all three points the gradient is zero: the tangent plane lies flat.",
        "zh": "这三个点的 gradient 都是零：切平面都是平的。",
    },
    "zoo.dont": {"en": "Don't say \"stuck in a local minimum\"", "zh": "不要说「卡在 local minima」"},
    "zoo.why": {"en": "a saddle point has zero gradient too", "zh": "saddle point 的 gradient 也是零"},
    "zoo.dont_said": {
        "en": "So when training stops, don't say it is stuck in a local minimum: it may just as well be a saddle "
              "point.",
        "zh": "所以 training 停下来的时候，千万不要说卡在 local minima，它也可能是 saddle point。",
    },
    "zoo.critical_said": {
        "en": "Say it is at a critical point, and then find out which kind.",
        "zh": "你可以说卡在了 critical point，然后再去判断是哪一种。",
    },
}
