"""Words of storyboard part 8: a slice that hides a saddle, how rare positive definite Hessians are, and how
few of the critical points of n double wells are minima."""

STRINGS = {
    # SliceReveal
    "slice.title": {"en": "One dimension hides the saddle", "zh": "少一维，就看不到 saddle point"},
    "slice.intro": {
        "en": "Here is the loss along one direction only. At the blue point the gradient is zero and every way goes "
              "up.",
        "zh": "这是只沿着一个方向看的 loss。在蓝色的点，gradient 是零，往哪边走都是上坡。",
    },
    "slice.looks_minimum": {"en": "in 1-D: a local minimum?", "zh": "在一维看：local minima？"},
    "slice.minimum_said": {
        "en": "In one dimension this is a local minimum. Training would seem to be stuck for good.",
        "zh": "在一维空间中，这是一个 local minima，看起来训练就卡死在这里了。",
    },
    "slice.turn_on": {
        "en": "Now turn on the second dimension: the curve is one slice of a surface.",
        "zh": "现在把第二个维度打开：这条曲线只是一个曲面的切片。",
    },
    "slice.is_saddle": {"en": "in 2-D: a saddle point", "zh": "在二维看：saddle point"},
    "slice.saddle_said": {
        "en": "The same point is a saddle. Its Hessian has eigenvalues {low} and {high}.",
        "zh": "同一个点其实是 saddle point。它的 Hessian 的 eigenvalue 是 {low} 和 {high}。",
    },
    "slice.up": {"en": "λ = {value}: up", "zh": "λ = {value}：往上"},
    "slice.down": {"en": "λ = {value}: down, the way out", "zh": "λ = {value}：往下，出路"},
    "slice.directions_said": {
        "en": "Along the eigenvector of {high} the loss goes up: that is the slice we saw. Along the eigenvector of "
              "{low} it goes down: a way out.",
        "zh": "沿着 {high} 的 eigenvector，loss 往上，就是刚才看到的切片；沿着 {low} 的 eigenvector，loss 往下，"
              "这就是出路。",
    },
    # RandomHessians
    "rh.title": {"en": "How rare is a real local minimum?", "zh": "真正的 local minima 有多少见？"},
    "rh.intro": {
        "en": "A critical point is a local minimum only if every eigenvalue of its Hessian is positive.",
        "zh": "一个 critical point 要是 local minima，它的 Hessian 的 eigenvalue 必须全部是正的。",
    },
    "rh.question": {
        "en": "So take random symmetric N×N matrices: how often are all their eigenvalues positive?",
        "zh": "那就随机产生 N×N 的对称矩阵：有多少比例的 eigenvalue 全部是正的？",
    },
    "rh.axis_n": {"en": "matrix size N", "zh": "矩阵大小 N"},
    "rh.axis_p": {"en": "fraction with all λ > 0", "zh": "λ 全为正的比例"},
    "rh.counting": {
        "en": "Draw {samples} random matrices of each size and count. At N = 1: half of them. At N = 2: {two}.",
        "zh": "每种大小随机抽 {samples} 个矩阵来数。N = 1：一半。N = 2：{two}。",
    },
    "rh.counting_end": {
        "en": "At N = {last} counting still finds {hits} in {samples}; beyond that, it finds none.",
        "zh": "到 N = {last}，{samples} 个里只剩 {hits} 个；再大就一个都数不到了。",
    },
    "rh.legend_counted": {"en": "counted ({samples} matrices)", "zh": "直接数 ({samples} 个矩阵)"},
    "rh.legend_sampled": {"en": "importance sampled ({samples})", "zh": "重要性采样 ({samples} 个)"},
    "rh.sampling": {
        "en": "Importance sampling on the eigenvalues reaches much smaller probabilities, and agrees where counting "
              "works.",
        "zh": "对 eigenvalue 做重要性采样，可以估计小得多的机率，而且在数得到的地方结果一致。",
    },
    "rh.legend_trend": {
        "en": "trend line; θ from Dean & Majumdar (2006)",
        "zh": "趋势线；θ 来自 Dean & Majumdar (2006)",
    },
    "rh.legend_fit": {"en": "N-term and constant fitted", "zh": "N 的一次项和常数项是拟合的"},
    "rh.trend": {
        "en": "The trend line is e to the minus theta times N squared, theta = ln 3 / 4, the exact rate of Dean and "
              "Majumdar; its lower-order terms are fitted.",
        "zh": "趋势线是 e 的负 θN² 次方，θ = ln 3 / 4，是 Dean 和 Majumdar 算出的衰减率；低阶项是拟合的。",
    },
    "rh.conclusion": {
        "en": "At N = {size} about one matrix in {one_in} is positive definite. A network has millions of parameters.",
        "zh": "N = {size} 时，大约 {one_in} 个矩阵里才有一个是正定的。而 network 的参数动辄百万。",
    },
    "rh.histogram_intro": {
        "en": "Look inside one large random matrix, {size}×{size}: where are its eigenvalues?",
        "zh": "看一个大的随机矩阵，{size}×{size}：它的 eigenvalue 分布在哪里？",
    },
    "rh.axis_lambda": {"en": "eigenvalue λ / √N", "zh": "特征值 λ / √N"},
    "rh.semicircle": {
        "en": "They fill Wigner's semicircle, symmetric about zero.",
        "zh": "它们填满 Wigner 半圆，对零对称。",
    },
    "rh.negative_count": {
        "en": "{negative} of {size} eigenvalues are negative",
        "zh": "{size} 个 eigenvalue 中有 {negative} 个是负的",
    },
    "rh.half_said": {
        "en": "{negative} of {size} are negative: about half. A random critical point has about as many ways down as "
              "up.",
        "zh": "{size} 个中有 {negative} 个是负的，大约一半。随机的 critical point 往下走的路跟往上走的一样多。",
    },
    # CriticalPointCount
    "cpc.title": {"en": "Count the critical points", "zh": "数一数 critical point"},
    "cpc.one_well": {
        "en": "One double well has three critical points: two minima and, between them, a maximum.",
        "zh": "一个双井函数有三个 critical point：两个 local minima，中间夹着一个 local maxima。",
    },
    "cpc.sum": {
        "en": "With n variables, add one well for each. A critical point picks one of the three in every variable: "
              "3 to the n of them.",
        "zh": "把 n 个井加起来，每个变量一个。每个变量都从三个点里选一个，"
              "所以一共有 3 的 n 次方个 critical point。",
    },
    "cpc.table": {
        "en": "saddle analyze finds them all and classifies each: {three} in three variables, {six} in six.",
        "zh": "saddle analyze 把它们全部找出来并分类：三个变量有 {three} 个，六个变量有 {six} 个。",
    },
    "cpc.minima": {
        "en": "Only the points at ±1 in every variable are minima: 2 to the n. The origin is a maximum; "
              "all the rest are saddles.",
        "zh": "只有每个变量都在 ±1 的点才是 local minima，共 2 的 n 次方个。"
              "原点是 local maxima，其余全是 saddle point。",
    },
    "cpc.bars": {
        "en": "The index counts a point's negative eigenvalues. Saddles of every index fill the bars; "
              "the minima fall to {share} at n = {n}.",
        "zh": "index 是一个点的负 eigenvalue 个数。各种 index 的 saddle point 占满了长条；"
              "到 n = {n}，local minima 只剩 {share}。",
    },
    "cpc.conclusion": {
        "en": "{saddles} of {points} critical points are saddles. In high dimension, most critical points are saddles.",
        "zh": "{points} 个 critical point 中有 {saddles} 个是 saddle point。"
              "维度越高，critical point 绝大多数都是 saddle point。",
    },
    "cpc.n": {"en": "n", "zh": "n"},
    "cpc.points": {"en": "points", "zh": "总数"},
    "cpc.minimum": {"en": "minima", "zh": "minima"},
    "cpc.saddle": {"en": "saddles", "zh": "saddle"},
    "cpc.maximum": {"en": "maxima", "zh": "maxima"},
    "cpc.axis_n": {"en": "number of variables n", "zh": "变量个数 n"},
    "cpc.axis_share": {"en": "share of the critical points", "zh": "占 critical point 的比例"},
    "cpc.index_low": {"en": "index 0: minimum", "zh": "index 0：local minima"},
    "cpc.index_high": {"en": "index n: maximum", "zh": "index n：local maxima"},
    "cpc.index_meaning": {"en": "index = number of negative eigenvalues", "zh": "index = 负 eigenvalue 的个数"},
}
