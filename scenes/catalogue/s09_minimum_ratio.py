"""Words of storyboard part 9: the minimum ratio of real trained networks (our own study)."""

STRINGS = {
    "mr.title": {"en": "Minimum ratio of trained networks", "zh": "训练好的网络的 minimum ratio"},
    "mr.intro": {
        "en": "The lecture's evidence: train many networks until the gradient is tiny, then count the signs of "
              "the Hessian's eigenvalues. We ran that experiment ourselves.",
        "zh": "课程的证据是：训练很多个网络，训练到 gradient 很小，再去数 Hessian 的 eigenvalue 有几个正、几个负。"
              "我们自己把这个实验做了一遍。",
    },
    "mr.definition": {"en": "minimum ratio =", "zh": "minimum ratio ="},
    "mr.definition_said": {
        "en": "Minimum ratio: positive eigenvalues over all eigenvalues. Only a true local minimum reaches one.",
        "zh": "minimum ratio 就是正的 eigenvalue 的数目除以所有 eigenvalue 的数目。只有真正的 local minima "
              "才会等于一。",
    },
    "mr.legend_positive": {"en": "N₊: λ > τ", "zh": "N₊：λ > τ"},
    "mr.legend_near_zero": {"en": "N₀: |λ| ≤ τ, near zero", "zh": "N₀：|λ| ≤ τ，接近零"},
    "mr.legend_negative": {"en": "N₋: λ < −τ", "zh": "N₋：λ < −τ"},
    "mr.tolerance_said": {
        "en": "An over-parameterised network has many eigenvalues that are almost zero, so we count them apart, "
              "below a stated tolerance τ.",
        "zh": "参数很多的网络会有很多几乎是零的 eigenvalue，所以我们用一个明确的门槛 τ，把它们另外数。",
    },
    "mr.setup_said": {
        "en": "{networks} small networks, {inputs} pixels, one tanh layer of {widths} units, 10 classes: "
              "{low} to {high} parameters, trained on {samples} digit images from scikit-learn.",
        "zh": "{networks} 个小网络：{inputs} 个像素输入，一层 {widths} 个 tanh 神经元，10 个类别，"
              "参数 {low} 到 {high} 个，用 scikit-learn 的 {samples} 张手写数字训练。",
    },
    "mr.axis_ratio": {"en": "minimum ratio", "zh": "minimum ratio"},
    "mr.axis_loss": {"en": "training loss", "zh": "training loss"},
    "mr.more_minimum": {"en": "more like a local minimum →", "zh": "越像 local minima →"},
    "mr.stopped_label": {"en": "Adam stopped: ‖g‖ ≤ {high}", "zh": "Adam 停下：‖g‖ ≤ {high}"},
    "mr.lecture_band": {"en": "lecture", "zh": "课程"},
    "mr.stopped_said": {
        "en": "Each dot is one network, trained with Adam, then stopped where the loss curve looked flat: gradient "
              "norms from {low} to {high}. Of these {networks}, {negative} still have negative eigenvalues.",
        "zh": "每个点是一个网络，在 Adam 停下、loss 曲线看起来已经平了的地方：gradient 的大小是 {low} 到 {high}。"
              "{networks} 个里面有 {negative} 个还有负的 eigenvalue。",
    },
    "mr.converged_label": {"en": "gradient → 0: ‖g‖ ≤ {high}", "zh": "gradient → 0：‖g‖ ≤ {high}"},
    "mr.converged_said": {
        "en": "Now L-BFGS followed by Newton steps drive the gradient down, to at most {high}: true critical points.",
        "zh": "接着用 L-BFGS 和牛顿法把 gradient 一路压到最多 {high}：这才是真正的 critical point。",
    },
    "mr.histogram_title": {
        "en": "eigenvalues of network {index} ({parameters} parameters)",
        "zh": "第 {index} 个网络的 eigenvalue（{parameters} 个参数）",
    },
    "mr.histogram_stopped": {"en": "Adam stopped", "zh": "Adam 停下"},
    "mr.histogram_converged": {"en": "gradient → 0", "zh": "gradient → 0"},
    "mr.histogram_said": {
        "en": "The spectrum of one network, on a log scale for either sign. Where Adam stopped: {before} negative "
              "eigenvalues. At the true critical point: {after}.",
        "zh": "把一个网络的 eigenvalue 画在对数刻度上。Adam 停下的地方有 {before} 个负的 eigenvalue；"
              "在真正的 critical point 上剩 {after} 个。",
    },
    "mr.aside_label": {"en": "ratio with N₀ set aside", "zh": "不算 N₀ 的 ratio"},
    "mr.set_aside_said": {
        "en": "Set the near-zero band aside and count positive over positive plus negative: the dots move to {ratio}.",
        "zh": "把接近零的那些先放一边，只算正的除以正的加负的，这些点就移到 {ratio}。",
    },
    "mr.lecture_annotation": {"en": "lecture: no real local minimum found", "zh": "课程：没有找到真正的 local minima"},
    "mr.verdict_differs": {
        "en": "Ours differs: {minima} of {networks} networks\nare true local minima (no negative\n"
              "eigenvalue); their ratio stays below 1\nonly because of near-zero eigenvalues.",
        "zh": "我们的结果不一样：{networks} 个网络中有\n{minima} 个是真正的 local minima（没有负的\n"
              "eigenvalue）；ratio 小于 1 只是因为有\n接近零的 eigenvalue。",
    },
    "mr.verdict_agrees": {
        "en": "Like the lecture: ratios {low}–{high},\nand no real local minimum found.",
        "zh": "跟课程一样：ratio 在 {low}–{high}，\n而且没有找到真正的 local minima。",
    },
    "mr.verdict_said": {
        "en": "The lecture found no real local minimum. Truly converged, {minima} of our {networks} small networks "
              "sit in local minima; near-zero eigenvalues keep their ratio below one. What the plot shows "
              "depends on how far training really went.",
        "zh": "课程里没有找到真正的 local minima。真正收敛以后，我们 {networks} 个小网络中有 {minima} 个停在 "
              "local minima；ratio 小于一是因为接近零的 eigenvalue。图上看到什么，要看训练到底有没有真的收敛。",
    },
    "mr.agrees_said": {
        "en": "Like the lecture: even the most minimum-like networks are saddles. Real local minima are rare.",
        "zh": "跟课程一样：连最像 local minima 的网络也还是 saddle point。真正的 local minima 很少见。",
    },
}
