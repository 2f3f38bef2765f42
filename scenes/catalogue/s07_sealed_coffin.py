"""Words of storyboard part 7: the sealed coffin, closed in three dimensions and open in four."""

STRINGS = {
    "coffin.title": {"en": "The sealed coffin", "zh": "密封的石棺"},
    "coffin.year": {"en": "{year} · Constantinople", "zh": "{year} 年 · 君士坦丁堡"},
    "coffin.story_city": {
        "en": "{year}. Constantinople is about to fall, and the emperor sends for the magician Diorena.",
        "zh": "{year} 年，君士坦丁堡即将沦陷，皇帝找来了一位魔法师：狄奥伦娜。",
    },
    "coffin.source": {"en": "after The Three-Body Problem: Death's End", "zh": "出自《三体 III：死神永生》"},
    "coffin.story_coffin": {
        "en": "Under the Hagia Sophia lies a grail, in a stone coffin that is sealed: nobody can open it.",
        "zh": "圣索菲亚大教堂的地下室里，有一个圣杯放在密封的石棺里，没有人可以打开它。",
    },
    "coffin.hagia_sophia": {"en": "Hagia Sophia", "zh": "圣索菲亚大教堂"},
    "coffin.sealed": {"en": "sealed", "zh": "密封"},
    "coffin.story_grail": {
        "en": "Diorena shows them the grail. They pry the coffin open: the grail is gone, and fresh grapes lie inside.",
        "zh": "狄奥伦娜拿出了那个圣杯。大家撬开石棺：圣杯真的不见了，里面有一串新鲜的葡萄。",
    },
    "coffin.story_how": {
        "en": "The coffin is sealed only in three dimensions. Diorena went through the fourth.",
        "zh": "石棺只有在三维空间里是封闭的。狄奥伦娜走的是第四维。",
    },
    # the plane
    "coffin.plane_intro": {
        "en": "One dimension lower: a point sealed inside a square, in a flat world.",
        "zh": "先降一维：在一个平面世界里，一个点被封在正方形里。",
    },
    "coffin.plane_blocked": {
        "en": "Every path inside the plane runs into a wall.",
        "zh": "在平面里，不管怎么走都会撞到墙。",
    },
    "coffin.blocked": {"en": "blocked", "zh": "走不出去"},
    "coffin.plane_lift": {
        "en": "But step up into the third dimension: over the wall, and down again outside.",
        "zh": "可是往第三维走：从墙的上方越过去，再落到外面。",
    },
    "coffin.plane_back": {
        "en": "The same way back in, with the grapes. The wall was never crossed inside the plane.",
        "zh": "再用同样的方法把葡萄放进去。在平面里，从来没有穿过墙。",
    },
    "coffin.height": {"en": "height z", "zh": "高度 z"},
    # the coffin in space
    "coffin.space_intro": {
        "en": "Now the coffin in space: every path in our three dimensions hits its walls.",
        "zh": "现在是三维空间里的石棺：在三维里，每条路都会撞上石棺的壁。",
    },
    "coffin.space_fourth": {
        "en": "A fourth coordinate w, drawn as colour: while w is not zero the point is outside our space, and the "
              "walls are not in its way.",
        "zh": "第四个坐标 w 用颜色表示：只要 w 不是零，这个点就不在我们的空间里，石棺的壁挡不住它。",
    },
    "coffin.space_crossing": {
        "en": "Where it passes the wall, w is {w}: the point is not in our space there, so there is nothing to break "
              "through.",
        "zh": "它经过石棺壁的地方，w 是 {w}：那时这个点不在我们的空间里，所以没有东西挡住它。",
    },
    "coffin.space_back": {
        "en": "The grail is outside, the grapes are inside, and the coffin was never opened in our three dimensions.",
        "zh": "圣杯在外面，葡萄在里面，而在我们的三维空间里，石棺从来没有被打开过。",
    },
    "coffin.meter": {"en": "4th coordinate w", "zh": "第四个坐标 w"},
    "coffin.in_space": {"en": "w = 0: in our space", "zh": "w = 0：在我们的空间里"},
    # the lesson
    "coffin.lesson_1": {
        "en": "Closed in few dimensions can be open in more.",
        "zh": "在低维空间中封闭的，在高维空间中可能有路可走。",
    },
    "coffin.lesson_2": {
        "en": "An error surface has as many dimensions as the network has parameters: millions.",
        "zh": "error surface 的维度就是参数的数目：动辄百万、千万。",
    },
    "coffin.lesson_3": {
        "en": "A local minimum in a low-dimensional picture may be a saddle point in the full space.",
        "zh": "在低维图上看起来的 local minima，在高维空间中可能只是 saddle point。",
    },
    "coffin.lesson_said": {
        "en": "So a point that looks like a local minimum in a picture may have a way out in the network's millions "
              "of dimensions.",
        "zh": "所以图上看起来是 local minima 的点，在 network 百万维的空间里，可能其实有路可以走。",
    },
}
