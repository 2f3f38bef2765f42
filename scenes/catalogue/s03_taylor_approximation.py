"""Words of storyboard part 3: the Taylor series approximation around θ′."""

STRINGS = {
    "tay.title": {"en": "Taylor series approximation", "zh": "泰勒级数近似 (Taylor series)"},
    "tay.intro": {
        "en": "We cannot draw the whole loss surface of a network. But near a point θ′ we can write it down.",
        "zh": "network 的 error surface 完整的样子写不出来，但是给定一组参数 θ′，它附近的 loss 是可以写出来的。",
    },
    "tay.surface_said": {
        "en": "Here is a loss of two parameters, and a point θ′ in blue.",
        "zh": "这是一个只有两个参数的 loss，蓝色的点是 θ′。",
    },
    "tay.constant_said": {
        "en": "Start with the loss at θ′ itself: a level plane at the height L(θ′).",
        "zh": "先从 θ′ 的 loss 开始：高度为 L(θ′) 的一个水平面。",
    },
    "tay.gradient_said": {
        "en": "Add the gradient term, in green: the plane tilts to touch the surface. g is the first derivative.",
        "zh": "加上绿色的 gradient 这一项：平面倾斜，贴住 error surface。g 就是一次微分。",
    },
    "tay.hessian_said": {
        "en": "Add the Hessian term, in red: H holds the second derivatives, and the plane bends.",
        "zh": "再加上红色的 Hessian 这一项：H 里面是二次微分，平面就弯了起来。",
    },
    "tay.fit_said": {
        "en": "Near θ′ the quadratic model hugs the true surface.",
        "zh": "在 θ′ 附近，这个二次的近似跟真正的 error surface 贴得很紧。",
    },
    "tay.critical_said": {
        "en": "Now move θ′ to a critical point, where the gradient is zero.",
        "zh": "现在把 θ′ 移到一个 critical point，那里 gradient 是零。",
    },
    "tay.vanish_said": {
        "en": "The green term vanishes completely: the plane no longer tilts.",
        "zh": "绿色的这一项完全不见了：平面不再倾斜。",
    },
    "tay.red_decides_said": {
        "en": "Only the red term is left. It alone tells what the surface looks like around a critical point.",
        "zh": "只剩下红色的这一项。在 critical point 附近 error surface 长什么样子，就由它来决定。",
    },
    "tay.gradient_zero": {"en": "gradient term = 0", "zh": "gradient 这一项 = 0"},
}
