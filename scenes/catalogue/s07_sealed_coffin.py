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
    "coffin.plane_walls": {
        "en": "Seen from the third dimension, the walls are only {h} high, and nothing closes the square from above.",
        "zh": "从第三维来看，这些墙只有 {h} 高，正方形的上方没有任何东西盖住。",
    },
    "coffin.wall_label": {"en": "walls {h} high", "zh": "墙高 {h}"},
    # the coffin in space
    "coffin.space_intro": {
        "en": "Now the coffin in space: every path in our three dimensions hits its walls.",
        "zh": "现在是三维空间里的石棺：在三维里，每条路都会撞上石棺的壁。",
    },
    "coffin.tesseract_intro": {
        "en": "Think of the coffin as the slice w = 0 of a four-dimensional box. In the fourth direction, w, which "
              "we cannot see, its walls reach only from minus {h} to plus {h}.",
        "zh": "把石棺想成一个四维盒子在 w = 0 的切片。在我们看不到的第四个方向 w 上，它的墙只从负 {h} 延伸到正 {h}。",
    },
    "coffin.tesseract_label": {"en": "a box in four dimensions;\nthe coffin is its slice w = 0",
                               "zh": "四维的盒子；\n石棺是它在 w = 0 的切片"},
    "coffin.tesseract_turn": {
        "en": "Here is that box, turning in a plane that contains w, seen in perspective. The colour of each edge "
              "tells its w; the coffin we know is where w is zero.",
        "zh": "这就是那个四维盒子，在一个包含 w 的平面里转动，用透视画出来。"
              "每条边的颜色代表它的 w；我们认识的石棺就是 w 为零的地方。",
    },
    "coffin.key_above": {"en": "w > 0", "zh": "w > 0"},
    "coffin.key_below": {"en": "w < 0", "zh": "w < 0"},
    "coffin.wall_top": {"en": "top of the walls: w = {h}", "zh": "墙顶：w = {h}"},
    "coffin.space_fourth": {
        "en": "Now follow the grail in four coordinates: its position in our space, and w, shown as colour and on the "
              "gauge. While w is not zero, the grail is outside our space.",
        "zh": "现在用四个坐标追踪圣杯：它在我们空间里的位置，还有 w，用颜色和右边的刻度表示。"
              "只要 w 不是零，圣杯就不在我们的空间里。",
    },
    "coffin.space_crossing": {
        "en": "Where it passes the wall, w is {w}, higher than the walls reach, which is {h}. There is nothing to "
              "break through.",
        "zh": "它经过石棺壁的地方，w 是 {w}，比墙能到的高度 {h} 还高，所以没有东西挡住它。",
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
        "en": "The same picture holds for error surfaces. A point that is walled in, in the few dimensions we can "
              "draw, may have a way over the walls in one of the network's millions of other dimensions.",
        "zh": "error surface 也是一样。在我们画得出来的几个维度里被围住的点，"
              "在 network 其他百万个维度中，可能有路可以越过去。",
    },
}
