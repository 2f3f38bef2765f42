// The interactive page: draws PAGE (saddle/interactive/page.py) with plotly.js, which is inlined above or beside it.
// PAGE.losses: each loss's analysis (as `saddle analyze --json` prints it) and the LossExplorer scene's drawing
// data: `plane` for two variables, `slices` (one per saddle shown) for more. Nothing here computes the maths.
"use strict";
window.scriptStart = performance.now();  // plotly.js has been read by now: the rest of firstDraw is drawing
const PAGE = JSON.parse(document.getElementById("page-data").textContent);
const W = PAGE.words, C = PAGE.colours;
const state = { loss: 0, slice: 0, pinned: false };

function fmt(x) { return x === null ? W.none : Number(x.toPrecision(5)).toString(); }
function vec(v) { return "(" + v.map(fmt).join(", ") + ")"; }
function signColour(value) { return value < 0 ? C.negative : value > 0 ? C.positive : C.zero; }
function clock(t) { const s = Math.floor(t); return Math.floor(s / 60) + ":" + String(s % 60).padStart(2, "0"); }

// What one picture shows: a loss of two variables, or one saddle's slice of a loss of more.
function panel(loss) {
  const rows = loss.analysis.critical_points;
  if (loss.plane) {
    return { box: loss.analysis.box, names: loss.analysis.variables, surface: loss.plane.surface,
             points: rows.map((p, row) => ({ xy: p.point, z: p.value, kind: p.kind, row, eigen:
               p.kind === "saddle" ? p.eigenvectors.map((u, k) => [u, p.eigenvalues[k]]) : [] })),
             descents: loss.plane.descents.filter(Boolean).map(d => d.path), curves: loss.plane.curves };
  }
  const cut = loss.slices[state.slice];
  if (!cut) return null;
  const [low, high] = cut.saddle.eigenvalues;
  return { box: cut.box, names: [W.slice_minus, W.slice_plus], surface: cut.surface,
           points: [{ xy: [0, 0], z: cut.saddle.value, kind: "saddle", row: cut.point,
                      eigen: [[[1, 0], low], [[0, 1], high]] }],
           descents: cut.descents.filter(Boolean).map(d => d.path), curves: [] };
}

function eigenSegments(view) {  // each eigen-direction of a saddle, both ways, in its tangent plane (L = L(θ′))
  const length = 0.14 * Math.min(view.box[1] - view.box[0], view.box[3] - view.box[2]);
  return view.points.flatMap(p => p.eigen.map(([u, lambda]) => ({
    from: [p.xy[0] - length * u[0], p.xy[1] - length * u[1]], to: [p.xy[0] + length * u[0], p.xy[1] + length * u[1]],
    z: p.z, colour: signColour(lambda), lambda })));
}

function colourscale() { return C.surface.map((c, i) => [i / (C.surface.length - 1), c]); }
function pointHover(view) { return view.points.map(p => W[p.kind] + "<br>L = " + fmt(p.z)); }

function traces(view) {
  const threeD = [{ type: "surface", x: view.surface.x, y: view.surface.y, z: view.surface.z, opacity: 0.85,
                    colorscale: colourscale(), showscale: false, hoverinfo: "x+y+z", name: "L" }];
  const flat = [{ type: "contour", x: view.surface.x, y: view.surface.y, z: view.surface.z, colorscale: colourscale(),
                  showscale: false, ncontours: 24, contours: { coloring: "heatmap", showlines: true },
                  line: { color: C.background, width: 0.5 }, hoverinfo: "x+y+z", name: "L" }];
  for (const curve of view.curves) {
    for (const branch of curve.branches) {
      const line = { color: C.kinds[curve.kind] || C.muted, width: 6 };
      const name = W.curve.replace("{kind}", W[curve.kind] || curve.kind);
      threeD.push({ type: "scatter3d", mode: "lines", x: branch.map(p => p[0]), y: branch.map(p => p[1]),
                    z: branch.map(p => p[2]), line, name, hoverinfo: "name" });
      flat.push({ type: "scatter", mode: "lines", x: branch.map(p => p[0]), y: branch.map(p => p[1]),
                  line: { ...line, width: 4 }, name, hoverinfo: "name" });
    }
  }
  for (const path of view.descents) {
    const line = { color: C.theta, width: 8 };
    threeD.push({ type: "scatter3d", mode: "lines", x: path.map(p => p[0]), y: path.map(p => p[1]),
                  z: path.map(p => p[2]), line, name: W.descent, hoverinfo: "name" });
    flat.push({ type: "scatter", mode: "lines", x: path.map(p => p[0]), y: path.map(p => p[1]),
                line: { ...line, width: 3 }, name: W.descent, hoverinfo: "name" });
  }
  for (const s of eigenSegments(view)) {
    const name = s.lambda < 0 ? W.eigen_negative : W.eigen_positive;
    threeD.push({ type: "scatter3d", mode: "lines", x: [s.from[0], s.to[0]], y: [s.from[1], s.to[1]], z: [s.z, s.z],
                  line: { color: s.colour, width: 10 }, name, hoverinfo: "name" });
  }
  const colours = view.points.map(p => C.kinds[p.kind] || C.muted);
  const rows = view.points.map(p => p.row);
  threeD.push({ type: "scatter3d", mode: "markers", x: view.points.map(p => p.xy[0]), y: view.points.map(p => p.xy[1]),
                z: view.points.map(p => p.z), customdata: rows, text: pointHover(view), hoverinfo: "text",
                marker: { size: 8, color: colours, line: { color: C.background, width: 1 } }, name: "points" });
  flat.push({ type: "scatter", mode: "markers", x: view.points.map(p => p.xy[0]), y: view.points.map(p => p.xy[1]),
              customdata: rows, text: pointHover(view), hoverinfo: "text",
              marker: { size: 12, color: colours, line: { color: C.background, width: 1.5 } }, name: "points" });
  const arrows = eigenSegments(view).map(s => ({ x: s.to[0], y: s.to[1], ax: s.from[0], ay: s.from[1],
    xref: "x", yref: "y", axref: "x", ayref: "y", showarrow: true, arrowhead: 2, arrowside: "end+start",
    arrowwidth: 2.5, arrowcolor: s.colour, text: "" }));
  return { threeD, flat, arrows };
}

function layouts(view, arrows) {
  const font = { family: '"Noto Sans CJK SC", sans-serif', color: C.text, size: 13 };
  const axis = title => ({ title: { text: title }, color: C.text, gridcolor: C.muted, zerolinecolor: C.muted,
                           backgroundcolor: C.panel, showbackground: true });
  const base = { paper_bgcolor: C.background, plot_bgcolor: C.background, font, showlegend: false,
                 margin: { l: 50, r: 10, t: 10, b: 45 }, hoverlabel: { font: { family: font.family } } };
  return {
    threeD: { ...base, margin: { l: 0, r: 0, t: 0, b: 0 },
              scene: { xaxis: axis(view.names[0]), yaxis: axis(view.names[1]), zaxis: axis("L"),
                       aspectmode: "cube", camera: { eye: { x: 1.5, y: -1.6, z: 1.0 } } } },
    flat: { ...base, annotations: arrows,
            xaxis: { title: { text: view.names[0] }, color: C.text, range: [view.box[0], view.box[1]], zeroline: false },
            yaxis: { title: { text: view.names[1] }, color: C.text, range: [view.box[2], view.box[3]], zeroline: false,
                     scaleanchor: "x" } },
  };
}

function row(label, value) {
  const tr = document.createElement("tr");
  const th = document.createElement("th"), td = document.createElement("td");
  th.textContent = label; td.append(value); tr.append(th, td);
  return tr;
}

function showCard(rowIndex) {
  const p = PAGE.losses[state.loss].analysis.critical_points[rowIndex];
  const card = document.getElementById("card");
  card.replaceChildren();
  const kind = document.createElement("h3");
  kind.textContent = W[p.kind] || p.kind;
  kind.style.color = C.kinds[p.kind] || C.muted;
  const table = document.createElement("table");
  const eigenvalues = document.createElement("span");
  p.eigenvalues.forEach((value, k) => {
    const item = document.createElement("span");
    item.textContent = (k ? ", " : "") + fmt(value);
    item.style.color = signColour(value);
    eigenvalues.append(item);
  });
  table.append(row(W.point, vec(p.point)), row("L", fmt(p.value)), row("‖g‖", fmt(p.gradient_norm)),
               row(W.eigenvalues, p.eigenvalues.length ? eigenvalues : W.none),
               row(W.eigenvectors, p.eigenvectors.length ? p.eigenvectors.map(vec).join("  ") : W.none),
               row(W.index, p.index === null ? W.none : String(p.index)), row(W.test, W.tests[p.test] || p.test));
  card.append(kind, table);
  const moment = PAGE.video && (PAGE.video.said[p.kind] || PAGE.video.chapter);
  if (moment) card.append(playButton(moment));
  card.dataset.row = String(rowIndex);
}

function playButton(moment) {
  const button = document.createElement("button");
  button.className = "play";
  button.textContent = "▶ " + W.play.replace("{time}", clock(moment.offset)) + " (" + moment.why + ")";
  button.addEventListener("click", () => seek(moment.offset));
  return button;
}

function seek(offset) {  // the gallery's player, when this view is inside it; otherwise open the gallery there
  const scene = PAGE.video.scene;
  if (window.parent !== window) window.parent.postMessage({ type: "saddle-seek", scene, offset }, "*");
  else window.location.href = PAGE.video.gallery + "#play=" + scene + "@" + offset;
}

function hookHover(div) {  // once, after plotly's first drawing of the div has given it .on
  if (div.dataset.hooked) return;
  div.dataset.hooked = "yes";
  div.on("plotly_hover", event => {
    const hit = event.points.find(p => p.data.name === "points");
    if (hit && !state.pinned) showCard(hit.customdata);
  });
  div.on("plotly_click", event => {
    const hit = event.points.find(p => p.data.name === "points");
    if (hit) { state.pinned = true; showCard(hit.customdata); }
  });
}

function draw() {
  const view = panel(PAGE.losses[state.loss]);
  document.getElementById("plots").hidden = !view;
  if (!view) return Promise.resolve();
  const made = traces(view), layout = layouts(view, made.arrows);
  const config = { displaylogo: false, responsive: true };
  return Promise.all([Plotly.react("surface", made.threeD, layout.threeD, config),
                      Plotly.react("contour", made.flat, layout.flat, config)])
    .then(divs => divs.forEach(hookHover));
}

function buttons(holder, labels, chosen, choose) {
  holder.replaceChildren(...labels.map((label, k) => {
    const button = document.createElement("button");
    button.textContent = label;
    button.className = k === chosen ? "chosen" : "";
    button.addEventListener("click", () => choose(k));
    return button;
  }));
}

function header() {
  const loss = PAGE.losses[state.loss], analysis = loss.analysis;
  document.getElementById("formula").innerHTML = loss.formula_mathml;
  const ranges = analysis.variables.map((v, k) => v + " ∈ [" + analysis.box[2 * k] + ", " + analysis.box[2 * k + 1] + "]");
  const method = analysis.numeric_starts ? W.numeric.replace("{starts}", analysis.numeric_starts) : W.exact;
  const counts = analysis.counts;
  const kinds = Object.entries(counts.by_kind).map(([k, n]) => (W[k] || k) + ": " + n).join(", ");
  const indices = Object.entries(counts.by_index).map(([i, n]) => i + ": " + n).join("   ");
  document.getElementById("facts").textContent = ranges.join(", ") + " · " + method;
  document.getElementById("counts").textContent = counts.points
    ? W.counts.replace("{points}", counts.points) + " (" + kinds + ")."
      + (indices ? " " + W.by_index.replace("{counts}", indices) : "")
    : W.no_points;
  const sets = analysis.critical_sets.map(s => (s.dimension === 1 ? W.curve : W.set.replace("{dimension}", s.dimension))
    .replace("{kind}", W[s.kind] || s.kind) + ": " + s.equation);
  document.getElementById("sets").textContent = sets.join(" · ");
  const slices = document.getElementById("slices");
  slices.hidden = !loss.slices;
  if (loss.slices) {
    document.getElementById("slice-note").textContent = loss.slices.length ? W.slices : W.no_slices;
    buttons(document.getElementById("slice-buttons"), loss.slices.map((cut, k) => W.slice_button
      .replace("{number}", k + 1).replace("{index}", cut.index) + " " + vec(analysis.critical_points[cut.point].point)),
      state.slice, k => { state.slice = k; state.pinned = false; render(); });
  }
}

function render() {
  header();
  const hint = document.createElement("p");
  hint.className = "muted";
  hint.textContent = W.hint;
  document.getElementById("card").replaceChildren(hint);
  delete document.getElementById("card").dataset.row;
  return draw();
}

function chooseLoss(k) {
  state.loss = k; state.slice = 0; state.pinned = false;
  buttons(document.getElementById("loss-buttons"), PAGE.losses.length < 2 ? []
    : PAGE.losses.map(loss => "L = " + loss.analysis.loss), k, chooseLoss);
  return render();
}

if (PAGE.video) document.getElementById("chapter").append(playButton(PAGE.video.chapter));
chooseLoss(0).then(() => { window.firstDraw = performance.now(); });
