"""Words of storyboard part 9, continued: the minimum ratio from 10³ to 10⁵ parameters (our scaled study)."""

STRINGS = {
    "mrs.title": {"en": "Minimum ratio at scale", "zh": "更大的网络的 minimum ratio"},
    "mrs.intro_said": {
        "en": "Our small networks were all local minima. Does size change that? {networks} networks from {low} to "
              "{high} parameters, trained on {datasets}.",
        "zh": "我们的小网络全都是 local minima。网络变大以后会不会不一样？我们训练了 {networks} 个网络，参数从 {low} "
              "到 {high} 个，数据是 {datasets}。",
    },
    "mrs.converged_said": {
        "en": "Each one trained with Adam, then driven by Newton steps towards a critical point: gradient "
              "norms from {low} to {high}.",
        "zh": "每个网络先用 Adam 训练，再用牛顿法往 critical point 走：gradient 的大小是 {low} 到 {high}。",
    },
    "mrs.converged_partly_said": {
        "en": "Each one trained with Adam, then driven by Newton steps towards a critical point. {critical} of "
              "{networks} got there: gradient norms from {low} to {high}. The other {near}, with {sizes} parameters, "
              "stopped at {near_low} to {near_high}: near a critical point, not at it.",
        "zh": "每个网络先用 Adam 训练，再用牛顿法往 critical point 走。{networks} 个里有 {critical} 个走到了："
              "gradient 的大小是 {low} 到 {high}。另外 {near} 个是 {sizes} 个参数的网络，只到 {near_low} 到 "
              "{near_high}：在 critical point 附近，还不在上面。",
    },
    "mrs.converged_none_said": {
        "en": "Each one trained with Adam, then driven by Newton steps towards a critical point, but none got there: "
              "gradient norms from {low} to {high}, near critical points, not at them.",
        "zh": "每个网络先用 Adam 训练，再用牛顿法往 critical point 走，但没有一个走到：gradient 的大小是 {low} 到 "
              "{high}，在 critical point 附近，还不在上面。",
    },
    "mrs.critical_line": {"en": "critical point", "zh": "critical point"},
    "mrs.stopped_label": {"en": "Adam stopped", "zh": "Adam 停下"},
    "mrs.converged_label": {"en": "after L-BFGS and Newton", "zh": "L-BFGS 和牛顿法之后"},
    "mrs.spectrum_title": {
        "en": "eigenvalue density, {parameters} parameters",
        "zh": "eigenvalue 的分布，{parameters} 个参数",
    },
    "mrs.spectrum_said": {
        "en": "The largest network has {parameters} parameters: its Hessian has {parameters} × {parameters} "
              "entries, too many to diagonalise here. Lanczos sees it through Hessian-vector products only.",
        "zh": "最大的网络有 {parameters} 个参数，它的 Hessian 有 {parameters} × {parameters} 个数，"
              "这里没办法整个对角化。Lanczos 只用 Hessian 乘向量就能看到它的 eigenvalue 分布。",
    },
    "mrs.negatives_said": {
        "en": "Most eigenvalues sit in a bulk near zero, a few stand out. {negative} lie below minus tau; the "
              "lowest is {lowest}.",
        "zh": "大部分 eigenvalue 挤在零附近，只有少数几个离得远。有 {negative} 个小于负 τ，最小的是 {lowest}。",
    },
    "mrs.no_negatives_said": {
        "en": "Most eigenvalues sit in a bulk near zero, a few stand out, and none lies below minus tau "
              "({tolerance}): the lowest is {lowest}.",
        "zh": "大部分 eigenvalue 挤在零附近，只有少数几个离得远，而且没有一个小于负 τ（{tolerance}）：最小的是 "
              "{lowest}。",
    },
    "mrs.negatives_at_least_said": {
        "en": "Most eigenvalues sit in a bulk near zero, a few stand out. At least {negative} lie below minus tau; "
              "the lowest is at most {lowest}.",
        "zh": "大部分 eigenvalue 挤在零附近，只有少数几个离得远。至少有 {negative} 个小于负 τ，最小的不超过 {lowest}。",
    },
    "mrs.negatives_unknown_said": {
        "en": "Most eigenvalues sit in a bulk near zero, a few stand out. None that Lanczos found lies below minus "
              "tau (the lowest: {lowest}), but a few could hide in the bulk, where Lanczos cannot see them one by one.",
        "zh": "大部分 eigenvalue 挤在零附近，只有少数几个离得远。Lanczos 找到的没有一个小于负 τ（最小的是 {lowest}），"
              "但零附近那一大堆里面可能还藏着几个，Lanczos 没办法一个一个分辨。",
    },
    "mrs.agreement": {
        "en": "exact vs Lanczos, {compared} networks:\nlargest eigenvalue off by {top} (relative),\n"
              "fractions of each sign within {gap} %",
        "zh": "精确值对比 Lanczos（{compared} 个网络）：\n最大 eigenvalue 的相对误差 {top}，\n各类比例差 {gap} % 以内",
    },
    "mrs.agreement_said": {
        "en": "Can we trust it? On the {compared} networks small enough for every eigenvalue, exact and Lanczos "
              "agree: the largest eigenvalue to a relative {top}, the fractions of each sign within {gap} percent.",
        "zh": "这个结果可信吗？在 {compared} 个小到可以算出全部 eigenvalue 的网络上，精确值和 Lanczos 一致："
              "最大的 eigenvalue 相对误差是 {top}，各类比例差不到百分之 {gap}。",
    },
    "mrs.axis_parameters": {"en": "parameters", "zh": "参数个数"},
    "mrs.exact_label": {"en": "exact: every eigenvalue", "zh": "精确：全部 eigenvalue"},
    "mrs.lanczos_label": {"en": "Lanczos, with its error bar", "zh": "Lanczos，带误差范围"},
    "mrs.near_label": {"en": "hollow: near a critical point, not at it",
                       "zh": "空心：在 critical point 附近，不在上面"},
    "mrs.ratio_said": {
        "en": "The minimum ratio of every network against its size: from {low} to {high}.",
        "zh": "每个网络的 minimum ratio 对参数个数画出来：从 {low} 到 {high}。",
    },
    "mrs.loose_said": {
        "en": "For the largest network, Lanczos pins the ratio only between {low} and {high}: the bulk sits right "
              "at the threshold tau, and the quadrature cannot split it.",
        "zh": "最大的网络，Lanczos 只能把 ratio 限定在 {low} 到 {high} 之间：那一大堆 eigenvalue 刚好落在门槛 τ "
              "附近，求积分不开它们。",
    },
    "mrs.verdict_agrees": {
        "en": "Like the lecture: {inside} of {networks} in its band, no local minimum among them.",
        "zh": "跟课程一样：{networks} 个里有 {inside} 个在课程的范围里，没有一个是 local minima。",
    },
    "mrs.verdict_agrees_said": {
        "en": "Like the lecture: {inside} of {networks} networks fall in its band, and none is a local minimum.",
        "zh": "跟课程一样：{networks} 个网络里有 {inside} 个落在课程的范围里，没有一个是 local minima。",
    },
    "mrs.verdict_differs": {
        "en": "{inside} of {networks} estimates in the lecture's band; {minima} local minima, {saddles} saddle points, "
              "{unsure} undecided",
        "zh": "{networks} 个估计值中有 {inside} 个在课程的范围里；{minima} 个 local minima，{saddles} 个 saddle point，"
              "{unsure} 个无法判断",
    },
    "mrs.verdict_differs_said": {
        "en": "Up to {largest} parameters, {inside} of {networks} estimates fall in the lecture's band; {minima} "
              "networks are local minima, {saddles} are saddle points, and {unsure} we cannot decide. At these "
              "sizes our data do not show the lecture's picture; whether far larger networks do, they cannot say.",
        "zh": "到 {largest} 个参数为止，{networks} 个估计值中有 {inside} 个落在课程的范围里；{minima} 个网络是 "
              "local minima，{saddles} 个是 saddle point，{unsure} 个无法判断。在这些大小上，我们的数据看不到"
              "课程里的那张图；大得多的网络会怎样，这些数据说不了。",
    },
}
