// The geokg graph page: draws the inlined graph on a canvas with pan and zoom, shows facts with
// their evidence, finds actors by name and filters facts by date. Nothing is fetched: the data
// is in the page and the Content-Security-Policy forbids every request.
//
// For tests, the page reports on <body>: data-drawn-nodes, data-drawn-edges (what the last
// frame drew), data-highlighted (labels found, joined by "|") and data-errors (script errors,
// console errors and blocked requests). The address's hash sets the controls on load, so a view
// can be shared: "#search=NAME&from=2023-01-01&to=2023-12-31&undated=0".
"use strict";

const errors = [];
window.addEventListener("error", (e) => errors.push(String(e.message)));
window.addEventListener("unhandledrejection", (e) => errors.push(String(e.reason)));
document.addEventListener("securitypolicyviolation", (e) => errors.push("blocked " + e.blockedURI));
const consoleError = console.error.bind(console);
console.error = (...args) => { errors.push(args.join(" ")); consoleError(...args); };

const graph = JSON.parse(document.getElementById("graph-data").textContent);
const canvas = document.getElementById("graph");
const context = canvas.getContext("2d");
const details = document.getElementById("details");
const tooltip = document.getElementById("tooltip");
const search = document.getElementById("search");
const found = document.getElementById("found");
const from = document.getElementById("from");
const to = document.getElementById("to");
const undated = document.getElementById("undated");
const body = document.body;

const DASHES = { solid: [], dashed: [6, 4], dotted: [1.5, 3], negated: [2, 6] };
const DAY = 86400000;
const toDay = (iso) => Math.floor(Date.parse(iso + "T00:00:00Z") / DAY);
const fromDay = (day) => new Date(day * DAY).toISOString().slice(0, 10);
const fold = (text) => text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();

for (const edge of graph.edges) {
  edge.lo = edge.start ? toDay(edge.start) : null;
  edge.hi = edge.end ? toDay(edge.end) : null;
}
for (const node of graph.nodes) node.folded = fold(node.label);
// Labels are placed best connected first, so those are the ones that win a crowded spot.
const byDegree = graph.nodes.map((_, i) => i).sort((a, b) => graph.nodes[b].degree - graph.nodes[a].degree || a - b);
// Many lines drown each other: thinner ink the more there are.
const ink = Math.max(0.25, Math.min(1, 300 / Math.max(1, graph.edges.length)));

// The view: world coordinates (the layout's pixels) to screen pixels.
const view = { scale: 1, x: 0, y: 0 };
let highlighted = new Set();
let selected = null;
let frame = 0;

// --- dates -----------------------------------------------------------------------------------
const days = graph.edges.flatMap((e) => (e.lo === null ? [] : [e.lo, e.hi]));
const firstDay = days.length ? Math.min(...days) : 0;
const lastDay = days.length ? Math.max(...days) : 0;
for (const input of [from, to]) {
  input.min = firstDay;
  input.max = lastDay;
  input.step = 1;
  input.disabled = days.length === 0;
}
from.value = firstDay;
to.value = lastDay;

function dateWindow() {
  const a = Number(from.value), b = Number(to.value);
  return [Math.min(a, b), Math.max(a, b)];
}

function showDates() {
  const [a, b] = dateWindow();
  document.getElementById("from-label").textContent = days.length ? fromDay(a) : "no dates";
  document.getElementById("to-label").textContent = days.length ? fromDay(b) : "";
}

function visible(edge) {
  if (edge.lo === null) return undated.checked;
  const [a, b] = dateWindow();
  return edge.hi >= a && edge.lo <= b;
}

// --- geometry --------------------------------------------------------------------------------
function screen(node) {
  return [node.x * view.scale + view.x, node.y * view.scale + view.y];
}

// The control point of an edge's curve, in world coordinates.
function control(edge) {
  const a = graph.nodes[edge.from], b = graph.nodes[edge.to];
  const dx = b.x - a.x, dy = b.y - a.y;
  const length = Math.hypot(dx, dy) || 1;
  const sign = edge.from <= edge.to ? 1 : -1;
  return [(a.x + b.x) / 2 - (dy / length) * sign * edge.bend, (a.y + b.y) / 2 + (dx / length) * sign * edge.bend];
}

function fit() {
  const width = canvas.clientWidth, height = canvas.clientHeight;
  if (!graph.nodes.length) return;
  let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
  for (const n of graph.nodes) {
    x0 = Math.min(x0, n.x - 40); y0 = Math.min(y0, n.y - 30);
    x1 = Math.max(x1, n.x + 40); y1 = Math.max(y1, n.y + 30);
  }
  view.scale = Math.min(width / (x1 - x0), height / (y1 - y0), 2);
  view.x = (width - (x1 - x0) * view.scale) / 2 - x0 * view.scale;
  view.y = (height - (y1 - y0) * view.scale) / 2 - y0 * view.scale;
}

// --- drawing ---------------------------------------------------------------------------------
function resize() {
  const ratio = window.devicePixelRatio || 1;
  canvas.width = Math.max(1, Math.round(canvas.clientWidth * ratio));
  canvas.height = Math.max(1, Math.round(canvas.clientHeight * ratio));
  context.setTransform(ratio, 0, 0, ratio, 0, 0);
}

function arrow(x, y, angle, colour) {
  context.save();
  context.translate(x, y);
  context.rotate(angle);
  context.fillStyle = colour;
  context.beginPath();
  context.moveTo(0, 0);
  context.lineTo(-8, -4);
  context.lineTo(-8, 4);
  context.closePath();
  context.fill();
  context.restore();
}

function draw() {
  frame = 0;
  context.clearRect(0, 0, canvas.clientWidth, canvas.clientHeight);
  const focus = highlighted.size > 0 || selected !== null;
  const lit = (i) => highlighted.has(i) || (selected && selected.node === i);
  let drawnEdges = 0;
  for (const edge of graph.edges) {
    if (!visible(edge)) continue;
    drawnEdges += 1;
    const a = graph.nodes[edge.from], b = graph.nodes[edge.to];
    const [ax, ay] = screen(a), [bx, by] = screen(b);
    const [cwx, cwy] = control(edge);
    const cx = cwx * view.scale + view.x, cy = cwy * view.scale + view.y;
    const near = lit(edge.from) || lit(edge.to) || (selected && selected.edge === edge);
    context.globalAlpha = (focus && !near ? 0.15 : near ? 1 : ink) * (edge.line === "negated" ? 0.4 : 1);
    context.strokeStyle = edge.color;
    context.lineWidth = selected && selected.edge === edge ? 3 : 1.4;
    context.setLineDash(DASHES[edge.line]);
    let ex = bx, ey = by;
    const angle = Math.atan2(by - cy, bx - cx);
    if (edge.directed) {
      const r = b.r * view.scale + 1;
      ex = bx - Math.cos(angle) * r;
      ey = by - Math.sin(angle) * r;
    }
    context.beginPath();
    context.moveTo(ax, ay);
    context.quadraticCurveTo(cx, cy, ex, ey);
    context.stroke();
    context.setLineDash([]);
    if (edge.directed) arrow(ex, ey, angle, edge.color);
  }
  context.globalAlpha = 1;
  let drawnNodes = 0;
  const labelAll = view.scale >= 0.9 || graph.nodes.length <= 60;
  for (let i = 0; i < graph.nodes.length; i += 1) {
    const node = graph.nodes[i];
    const [x, y] = screen(node);
    const r = Math.max(2, node.r * view.scale);
    drawnNodes += 1;
    context.globalAlpha = focus && !lit(i) && !neighbourOfFocus(i) ? 0.25 : 1;
    context.beginPath();
    context.arc(x, y, r, 0, 2 * Math.PI);
    context.fillStyle = node.color;
    context.fill();
    context.lineWidth = lit(i) || i === graph.center ? 3 : 1.5;
    context.strokeStyle = lit(i) ? "#000" : i === graph.center ? "#333" : "#fff";
    context.stroke();
  }
  // Labels: found and selected actors always, the others while there is room for them.
  const placed = [];
  context.textAlign = "center";
  for (const i of byDegree) {
    const node = graph.nodes[i];
    if (!(labelAll || lit(i) || node.degree >= graph.labelDegree)) continue;
    const [x, y] = screen(node);
    const top = y + Math.max(2, node.r * view.scale) + 2;
    context.font = (lit(i) ? "bold " : "") + "11px 'DejaVu Sans', 'Liberation Sans', Arial, sans-serif";
    const half = context.measureText(node.label).width / 2;
    const box = [x - half, top, x + half, top + 13];
    if (!lit(i) && placed.some((b) => box[0] < b[2] && b[0] < box[2] && box[1] < b[3] && b[1] < box[3])) continue;
    placed.push(box);
    context.globalAlpha = focus && !lit(i) && !neighbourOfFocus(i) ? 0.25 : 1;
    context.lineWidth = 3;
    context.strokeStyle = "#fff";
    context.strokeText(node.label, x, top + 10);
    context.fillStyle = "#111";
    context.fillText(node.label, x, top + 10);
  }
  context.globalAlpha = 1;
  body.dataset.drawnNodes = drawnNodes;
  body.dataset.drawnEdges = drawnEdges;
  body.dataset.errors = errors.length;
  body.dataset.errorMessages = errors.join("\n");
}

function neighbourOfFocus(i) {
  if (!selected || selected.node === undefined) return false;
  return graph.adjacent[selected.node].includes(i);
}

function redraw() {
  if (!frame) frame = requestAnimationFrame(draw);
}

// --- finding things under the pointer --------------------------------------------------------
function nodeAt(x, y) {
  let best = null, bestDistance = Infinity;
  graph.nodes.forEach((node, i) => {
    const [nx, ny] = screen(node);
    const d = Math.hypot(nx - x, ny - y);
    if (d <= Math.max(4, node.r * view.scale) + 3 && d < bestDistance) { best = i; bestDistance = d; }
  });
  return best;
}

function edgeAt(x, y) {
  let best = null, bestDistance = 6;
  for (const edge of graph.edges) {
    if (!visible(edge)) continue;
    const [ax, ay] = screen(graph.nodes[edge.from]), [bx, by] = screen(graph.nodes[edge.to]);
    const [cwx, cwy] = control(edge);
    const cx = cwx * view.scale + view.x, cy = cwy * view.scale + view.y;
    let px = ax, py = ay;
    for (let step = 1; step <= 16; step += 1) {
      const t = step / 16, u = 1 - t;
      const qx = u * u * ax + 2 * u * t * cx + t * t * bx, qy = u * u * ay + 2 * u * t * cy + t * t * by;
      const d = segmentDistance(x, y, px, py, qx, qy);
      if (d < bestDistance) { best = edge; bestDistance = d; }
      px = qx; py = qy;
    }
  }
  return best;
}

function segmentDistance(x, y, ax, ay, bx, by) {
  const dx = bx - ax, dy = by - ay;
  const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy || 1)));
  return Math.hypot(x - ax - t * dx, y - ay - t * dy);
}

// --- details ---------------------------------------------------------------------------------
function element(tag, text, className) {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  if (className) e.className = className;
  return e;
}

function describeNode(node) {
  return node.kind + (node.wikidata ? " · " + node.wikidata : "") + " · " + node.degree + (node.degree === 1 ? " fact" : " facts");
}

function factElement(edge) {
  const box = element("div", undefined, "fact");
  const a = graph.nodes[edge.from].label, b = graph.nodes[edge.to].label;
  box.append(element("div", a + (edge.relation === "met" ? " — " : " → ") + b, "what"));
  box.append(element("div", edge.summary));
  for (const source of edge.sources) {
    for (const sentence of source.evidence) box.append(element("blockquote", sentence));
    box.append(element("div", source.document + (source.published ? " (" + source.published + ")" : ""), "source"));
  }
  return box;
}

function showNode(i) {
  const node = graph.nodes[i];
  details.replaceChildren(element("h2", node.label), element("p", describeNode(node), "meta"), element("p", node.iri, "source"));
  for (const edge of graph.edges) {
    if ((edge.from === i || edge.to === i) && visible(edge)) details.append(factElement(edge));
  }
}

function showEdge(edge) {
  details.replaceChildren(element("h2", edge.relation), factElement(edge));
}

// --- search ----------------------------------------------------------------------------------
function find(text) {
  const query = fold(text.trim());
  highlighted = new Set();
  if (query) graph.nodes.forEach((node, i) => { if (node.folded.includes(query)) highlighted.add(i); });
  const labels = [...highlighted].map((i) => graph.nodes[i].label);
  body.dataset.highlighted = labels.join("|");
  found.textContent = query ? labels.length + (labels.length === 1 ? " actor" : " actors") : "";
  if (highlighted.size === 1) {
    const i = [...highlighted][0];
    selected = { node: i };
    showNode(i);
    const [x, y] = screen(graph.nodes[i]);
    view.x += canvas.clientWidth / 2 - x;
    view.y += canvas.clientHeight / 2 - y;
  }
  draw();
}

// --- interaction -----------------------------------------------------------------------------
let drag = null;
canvas.addEventListener("pointerdown", (e) => {
  drag = { x: e.offsetX, y: e.offsetY, moved: false };
  canvas.setPointerCapture(e.pointerId);
});
canvas.addEventListener("pointermove", (e) => {
  if (drag) {
    const dx = e.offsetX - drag.x, dy = e.offsetY - drag.y;
    if (Math.abs(dx) + Math.abs(dy) > 2) drag.moved = true;
    if (drag.moved) {
      canvas.classList.add("dragging");
      view.x += dx; view.y += dy;
      drag.x = e.offsetX; drag.y = e.offsetY;
      tooltip.hidden = true;
      redraw();
    }
    return;
  }
  const i = nodeAt(e.offsetX, e.offsetY);
  const edge = i === null ? edgeAt(e.offsetX, e.offsetY) : null;
  if (i === null && !edge) { tooltip.hidden = true; return; }
  tooltip.textContent = i !== null ? graph.nodes[i].label + " — " + describeNode(graph.nodes[i])
    : graph.nodes[edge.from].label + (edge.relation === "met" ? " — " : " → ") + graph.nodes[edge.to].label + ": " + edge.summary;
  tooltip.style.left = e.clientX + 12 + "px";
  tooltip.style.top = e.clientY + 12 + "px";
  tooltip.hidden = false;
});
canvas.addEventListener("pointerup", (e) => {
  canvas.classList.remove("dragging");
  const clicked = drag && !drag.moved;
  drag = null;
  if (!clicked) return;
  const i = nodeAt(e.offsetX, e.offsetY);
  const edge = i === null ? edgeAt(e.offsetX, e.offsetY) : null;
  if (i !== null) { selected = { node: i }; showNode(i); }
  else if (edge) { selected = { edge }; showEdge(edge); }
  else selected = null;
  redraw();
});
canvas.addEventListener("pointerleave", () => { tooltip.hidden = true; });
canvas.addEventListener("wheel", (e) => {
  e.preventDefault();
  const factor = Math.exp(-e.deltaY * 0.0015);
  const scale = Math.min(20, Math.max(0.05, view.scale * factor));
  view.x = e.offsetX - ((e.offsetX - view.x) * scale) / view.scale;
  view.y = e.offsetY - ((e.offsetY - view.y) * scale) / view.scale;
  view.scale = scale;
  redraw();
}, { passive: false });
canvas.addEventListener("keydown", (e) => {
  const step = 40;
  const moves = { ArrowLeft: [step, 0], ArrowRight: [-step, 0], ArrowUp: [0, step], ArrowDown: [0, -step] };
  if (moves[e.key]) { view.x += moves[e.key][0]; view.y += moves[e.key][1]; }
  else if (e.key === "+" || e.key === "-") {
    const scale = view.scale * (e.key === "+" ? 1.25 : 0.8);
    view.x = canvas.clientWidth / 2 - ((canvas.clientWidth / 2 - view.x) * scale) / view.scale;
    view.y = canvas.clientHeight / 2 - ((canvas.clientHeight / 2 - view.y) * scale) / view.scale;
    view.scale = scale;
  } else return;
  e.preventDefault();
  redraw();
});
search.addEventListener("input", () => find(search.value));
for (const input of [from, to]) input.addEventListener("input", () => { showDates(); redraw(); });
undated.addEventListener("change", redraw);
document.getElementById("fit").addEventListener("click", () => { fit(); redraw(); });
window.addEventListener("resize", () => { resize(); redraw(); });

// --- legend ----------------------------------------------------------------------------------
function legend() {
  const footer = document.getElementById("legend");
  for (const [kind, colour] of graph.kinds) {
    const item = element("span", undefined, "item");
    const dot = element("span", undefined, "dot");
    dot.style.background = colour;
    item.append(dot, kind);
    footer.append(item);
  }
  const lines = graph.relations.map(([name, colour]) => [name, colour, "solid"]).concat([
    ["occurred", "#555555", "solid"], ["planned, speculative", "#555555", "dashed"],
    ["alleged", "#555555", "dotted"], ["negated", "#bbbbbb", "dashed"],
  ]);
  for (const [name, colour, style] of lines) {
    const item = element("span", undefined, "item");
    const line = element("span", undefined, "line");
    line.style.borderTopStyle = style;
    line.style.borderTopColor = colour;
    item.append(line, name);
    footer.append(item);
  }
}

// --- start -----------------------------------------------------------------------------------
document.getElementById("caption").textContent = graph.caption;
legend();
showDates();
resize();
fit();
draw();
const hash = new URLSearchParams(location.hash.slice(1));
if (hash.has("from")) from.value = toDay(hash.get("from"));
if (hash.has("to")) to.value = toDay(hash.get("to"));
if (hash.has("undated")) undated.checked = hash.get("undated") !== "0";
showDates();
draw();
if (hash.has("search")) {
  search.value = hash.get("search");
  find(search.value);
}
