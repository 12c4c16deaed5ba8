// whowhom dashboard: plain JavaScript and SVG, no dependencies. Views are hash routes:
// #/ overview, #/events?..., #/dyad/A/B, #/network, #/documents/ID.
"use strict";

const SVGNS = "http://www.w3.org/2000/svg";
const QUAD = {
  1: ["verbal cooperation", "#9bd3ae"], 2: ["material cooperation", "#2e8b57"],
  3: ["verbal conflict", "#f0a59c"], 4: ["material conflict", "#c0392b"],
};
const app = document.getElementById("app");

// -- helpers ---------------------------------------------------------------------------

function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith("on")) el.addEventListener(k.slice(2), v);
    else el.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children.flat()) {
    if (c !== null && c !== undefined && c !== false) {
      el.append(c instanceof Node ? c : String(c));
    }
  }
  return el;
}

function s(tag, attrs, ...children) {
  const el = document.createElementNS(SVGNS, tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k.startsWith("on")) el.addEventListener(k.slice(2), v);
    else el.setAttribute(k, v);
  }
  for (const c of children.flat()) if (c !== null && c !== undefined) el.append(c);
  return el;
}

async function api(path, params) {
  const url = new URL(path, location.origin);
  for (const [k, v] of Object.entries(params || {})) {
    if (v !== "" && v !== null && v !== undefined) url.searchParams.set(k, v);
  }
  let response;
  try {
    response = await fetch(url);
  } catch (e) {
    throw new Error("the server cannot be reached");
  }
  const body = await response.json().catch(() => null);
  if (!response.ok) {
    throw new Error((body && body.error && body.error.message) || `HTTP ${response.status}`);
  }
  return body;
}

function loading(what) { return h("p", { class: "loading" }, `Loading ${what}…`); }
function empty(text) { return h("p", { class: "empty" }, text); }
function failure(err) { return h("p", { class: "error", role: "alert" }, `Error: ${err.message}`); }

// Fills `box` with a loading line, then with render(data), or with the error.
async function load(box, what, fetcher, render) {
  box.replaceChildren(loading(what));
  try {
    const data = await fetcher();
    box.replaceChildren(render(data));
  } catch (err) {
    box.replaceChildren(failure(err));
  }
}

function actorLabel(a) {
  if (!a) return "—";
  return a.code || a.name || a.text;
}

function eventLabel(e) { return `${e.event}${e.cameo ? " " + e.cameo : ""}`; }

function fmt(n, digits = 1) { return n === null || n === undefined ? "—" : Number(n).toFixed(digits); }

// Text with spans [{role, start, end}] wrapped in <mark class=role>; overlaps are skipped.
function highlight(text, spans, markAttrs) {
  const out = [];
  let at = 0;
  for (const span of [...spans].sort((a, b) => a.start - b.start)) {
    if (span.start < at) continue;
    out.push(text.slice(at, span.start));
    const attrs = markAttrs ? markAttrs(span) : { class: span.role, title: span.role };
    out.push(h("mark", attrs, text.slice(span.start, span.end)));
    at = span.end;
  }
  out.push(text.slice(at));
  return out;
}

function periodEnd(start, interval) {
  const d = new Date(start + "T00:00:00Z");
  if (interval === "week") d.setUTCDate(d.getUTCDate() + 6);
  else if (interval === "year") d.setUTCFullYear(d.getUTCFullYear() + 1, 0, 0);
  else d.setUTCMonth(d.getUTCMonth() + 1, 0);
  return d.toISOString().slice(0, 10);
}

function legend(entries) {
  return h("div", { class: "legend" }, entries.map(([label, color]) =>
    h("span", {}, h("i", { class: "swatch", style: `background:${color}` }), label)));
}

// -- charts ----------------------------------------------------------------------------

// Stacked bars per period; series: [{key, color, label}], rows: [{period, values{key:n}}].
function stackedBars(rows, series, opts = {}) {
  const W = opts.width || 1100, H = opts.height || 260, M = { l: 40, r: 10, t: 10, b: 30 };
  const svg = s("svg", { viewBox: `0 0 ${W} ${H}`, width: "100%", class: "chart",
                         role: "img", "aria-label": opts.label || "chart" });
  const max = Math.max(1, ...rows.map(r => series.reduce((t, k) => t + (r.values[k.key] || 0), 0)));
  const bw = (W - M.l - M.r) / Math.max(1, rows.length);
  const y = v => H - M.b - (v / max) * (H - M.t - M.b);
  svg.append(s("line", { x1: M.l, x2: W - M.r, y1: y(0), y2: y(0), stroke: "#8c959f" }));
  svg.append(s("text", { x: 4, y: y(max) + 4 }, String(max)), s("text", { x: 4, y: y(0) }, "0"));
  const every = Math.ceil(rows.length / 12);
  rows.forEach((r, i) => {
    let base = 0;
    for (const k of series) {
      const v = r.values[k.key] || 0;
      if (!v) continue;
      svg.append(s("rect", { x: M.l + i * bw + 1, width: Math.max(1, bw - 2), y: y(base + v),
                             height: y(base) - y(base + v), fill: k.color },
                   s("title", {}, `${r.period} · ${k.label}: ${v}`)));
      base += v;
    }
    if (i % every === 0) {
      svg.append(s("text", { x: M.l + i * bw, y: H - 10 }, r.period.slice(0, 7)));
    }
  });
  return svg;
}

// The dyad timeline: cooperation up, conflict down (both directions summed), and the
// mean Goldstein score per period as a line on its own axis (-10..10).
function dyadChart(periods, interval, onPick) {
  const W = 1100, H = 320, M = { l: 40, r: 40, t: 14, b: 30 };
  const svg = s("svg", { viewBox: `0 0 ${W} ${H}`, width: "100%", class: "chart dyad-chart",
                         role: "img", "aria-label": "cooperation and conflict over time" });
  const coop = p => p.a_to_b.quad_class["1"] + p.a_to_b.quad_class["2"] +
                    p.b_to_a.quad_class["1"] + p.b_to_a.quad_class["2"];
  const conf = p => p.a_to_b.quad_class["3"] + p.a_to_b.quad_class["4"] +
                    p.b_to_a.quad_class["3"] + p.b_to_a.quad_class["4"];
  const max = Math.max(1, ...periods.map(p => Math.max(coop(p), conf(p))));
  const mid = (H - M.b + M.t) / 2, half = mid - M.t;
  const bw = (W - M.l - M.r) / Math.max(1, periods.length);
  const yg = g => mid - (g / 10) * half;
  svg.append(s("line", { x1: M.l, x2: W - M.r, y1: mid, y2: mid, stroke: "#8c959f" }));
  svg.append(s("text", { x: 2, y: M.t + 8 }, `+${max}`), s("text", { x: 2, y: H - M.b }, `-${max}`));
  svg.append(s("text", { x: W - M.r + 4, y: M.t + 8 }, "+10"),
             s("text", { x: W - M.r + 4, y: H - M.b }, "-10"));
  const line = [];
  const every = Math.ceil(periods.length / 12);
  periods.forEach((p, i) => {
    const x = M.l + i * bw;
    const g = s("g", { class: "point", "data-period": p.period, onclick: () => onPick(p, g) });
    g.append(s("rect", { x, width: bw, y: M.t, height: H - M.b - M.t, fill: "transparent",
                         class: "hit" }));
    const c = coop(p), k = conf(p);
    if (c) g.append(s("rect", { x: x + 1, width: Math.max(1, bw - 2), y: mid - (c / max) * half,
                                height: (c / max) * half, fill: "#2e8b57" }));
    if (k) g.append(s("rect", { x: x + 1, width: Math.max(1, bw - 2), y: mid,
                                height: (k / max) * half, fill: "#c0392b" }));
    g.append(s("title", {}, `${p.period}: ${c} cooperative, ${k} conflictual`));
    svg.append(g);
    const n = p.a_to_b.events + p.b_to_a.events;
    if (n) {
      const mean = ((p.a_to_b.goldstein_sum + p.b_to_a.goldstein_sum) / n);
      line.push([x + bw / 2, yg(mean)]);
    }
    if (i % every === 0) {
      svg.append(s("text", { x, y: H - 10 }, p.period.slice(0, interval === "week" ? 10 : 7)));
    }
  });
  if (line.length) {
    svg.append(s("polyline", { points: line.map(p => p.join(",")).join(" "), fill: "none",
                               stroke: "#0969da", "stroke-width": 2, class: "goldstein" }));
    for (const [x, y] of line) svg.append(s("circle", { cx: x, cy: y, r: 3, fill: "#0969da" }));
  }
  return svg;
}

function goldsteinColor(g) {
  if (g === null || g === undefined) return "#8c959f";
  const t = Math.max(-1, Math.min(1, g / 10));
  const mix = (a, b, u) => Math.round(a + (b - a) * u);
  const [r, gg, b] = t >= 0 ? [mix(140, 46, t), mix(149, 139, t), mix(159, 87, t)]
                            : [mix(140, 192, -t), mix(149, 57, -t), mix(159, 43, -t)];
  return `rgb(${r},${gg},${b})`;
}

function networkChart(data) {
  const W = 900, H = 640, cx = W / 2, cy = H / 2, R = Math.min(W, H) / 2 - 70;
  const svg = s("svg", { viewBox: `0 0 ${W} ${H}`, width: "100%", class: "chart network-chart",
                         role: "img", "aria-label": "network of states and organisations" });
  const pos = {};
  data.nodes.forEach((n, i) => {
    const a = (2 * Math.PI * i) / data.nodes.length - Math.PI / 2;
    pos[n.id] = [cx + R * Math.cos(a), cy + R * Math.sin(a), a];
  });
  const maxW = Math.max(1, ...data.edges.map(e => e.weight));
  const maxN = Math.max(1, ...data.nodes.map(n => n.events));
  for (const e of data.edges) {
    const [x1, y1] = pos[e.source], [x2, y2] = pos[e.target];
    svg.append(s("path", {
      d: `M${x1},${y1} Q${cx},${cy} ${x2},${y2}`, fill: "none", class: "edge",
      stroke: goldsteinColor(e.goldstein_mean), "stroke-width": 1 + 7 * (e.weight / maxW),
      "stroke-opacity": 0.8, "data-dyad": `${e.source}-${e.target}`,
      onclick: () => { location.hash = `#/dyad/${e.source}/${e.target}`; },
    }, s("title", {}, `${e.source}–${e.target}: ${e.weight} events, mean Goldstein ${fmt(e.goldstein_mean)}`)));
  }
  for (const n of data.nodes) {
    const [x, y, a] = pos[n.id];
    const r = 5 + 14 * Math.sqrt(n.events / maxN);
    const anchor = Math.cos(a) >= 0 ? "start" : "end";
    const lx = x + Math.cos(a) * (r + 4), ly = y + Math.sin(a) * (r + 4) + 4;
    svg.append(s("g", { class: "node", "data-node": n.id,
                        onclick: () => { location.hash = `#/events?country=${n.id}`; } },
      s("circle", { cx: x, cy: y, r, fill: n.kind === "organisation" ? "#8250df" : "#0969da" }),
      s("text", { x: lx, y: ly, "text-anchor": anchor }, n.id),
      s("title", {}, `${n.label}: ${n.events} events`)));
  }
  return svg;
}

// -- event table and evidence ----------------------------------------------------------

function eventsTable(items, opts = {}) {
  if (!items.length) return empty(opts.emptyText || "No events match.");
  const sortable = (key, label) => opts.onSort
    ? h("th", { class: "sortable", "data-sort": key, onclick: () => opts.onSort(key) },
        label + (opts.sort === key ? (opts.order === "asc" ? " ▲" : " ▼") : ""))
    : h("th", {}, label);
  const rows = items.map(e => h("tr", {
    class: "row", "data-event": e.event_id,
    onclick: ev => { if (opts.onPick) opts.onPick(e, ev.currentTarget); },
  },
    h("td", {}, e.date || "—"),
    h("td", {}, actorLabel(e.source)),
    h("td", { class: `q${e.quad_class}` }, eventLabel(e)),
    h("td", {}, actorLabel(e.target)),
    h("td", {}, e.trigger ? e.trigger.text : ""),
    h("td", {}, fmt(e.goldstein)),
    h("td", {}, fmt(e.confidence, 2)),
    h("td", {}, h("a", { href: `#/documents/${encodeURIComponent(e.doc_id)}`,
                         onclick: ev => ev.stopPropagation() }, e.doc_id))));
  return h("table", { class: "events" },
    h("thead", {}, h("tr", {}, sortable("date", "date"), h("th", {}, "source"),
      h("th", {}, "event"), h("th", {}, "target"), h("th", {}, "trigger"),
      sortable("goldstein", "Goldstein"), sortable("confidence", "conf"), h("th", {}, "document"))),
    h("tbody", {}, rows));
}

function evidenceCard(detail) {
  const e = detail.event, ev = detail.evidence;
  const sentence = h("p", { class: "sentence" }, highlight(ev.sentence, ev.spans));
  const mentions = detail.fused && detail.mentions.length > 1
    ? [h("h2", {}, `${detail.mentions.length} reports of this event`),
       h("ul", {}, detail.mentions.map(m => h("li", {},
         h("span", { class: "sentence" }, highlight(m.evidence.sentence, m.evidence.spans)), " ",
         h("a", { href: m.evidence.document.page }, m.evidence.document.doc_id))))]
    : [];
  return h("div", { class: "card evidence" },
    h("h2", {}, `${actorLabel(e.source)} → ${eventLabel(e)} → ${actorLabel(e.target)}`),
    h("p", { class: "meta" }, `${e.date || "undated"} (${e.date_precision || "?"}) · Goldstein ${fmt(e.goldstein)}`
      + ` · QuadClass ${e.quad_class ?? "—"} · confidence ${fmt(e.confidence, 2)}`
      + (e.flags && e.flags.length ? ` · ${e.flags.join(", ")}` : "")),
    legend([["source", "#b6e3ff"], ["trigger", "#ffd8b5"], ["target", "#d8b9ff"]]),
    sentence,
    h("p", {}, "From ", h("a", { href: ev.document.page, class: "doc-link" },
      ev.document.title || ev.document.doc_id),
      ev.document.published ? ` (${ev.document.published})` : ""),
    mentions);
}

function showEvidence(box, eventId) {
  load(box, "evidence", () => api(`/api/events/${encodeURIComponent(eventId)}`), evidenceCard);
}

// -- views -----------------------------------------------------------------------------

function overview() {
  const chart = h("div", {}), dyads = h("div", {}), latest = h("div", {});
  app.replaceChildren(h("h1", {}, "Overview"),
    h("div", { class: "card" }, h("h2", {}, "Events over time by QuadClass"),
      legend(Object.values(QUAD).map(([l, c]) => [l, c])), chart),
    h("div", { class: "grid" },
      h("div", { class: "card" }, h("h2", {}, "Top dyads"), dyads),
      h("div", { class: "card" }, h("h2", {}, "Latest events"), latest)));
  load(chart, "the timeline", () => api("/api/timeline", { interval: "month" }), data =>
    data.periods.length
      ? stackedBars(data.periods.map(p => ({ period: p.period, values: p.quad_class })),
          [1, 2, 3, 4].map(q => ({ key: String(q), color: QUAD[q][1], label: QUAD[q][0] })),
          { label: "events per month by QuadClass" })
      : empty("No dated events in the store yet."));
  load(dyads, "dyads", () => api("/api/network", { limit: 10 }), data =>
    data.edges.length
      ? h("table", {}, h("tbody", {}, data.edges.map(e => h("tr", {},
          h("td", {}, h("a", { href: `#/dyad/${e.source}/${e.target}` }, `${e.source} – ${e.target}`)),
          h("td", {}, `${e.weight} events`),
          h("td", { style: `color:${goldsteinColor(e.goldstein_mean)}` },
            `mean Goldstein ${fmt(e.goldstein_mean)}`)))))
      : empty("No events between two states or organisations yet."));
  load(latest, "events", () => api("/api/events", { limit: 10, sort: "date", order: "desc" }),
    data => eventsTable(data.items, {
      emptyText: "No events in the store yet.",
      onPick: e => { location.hash = `#/events?event_id=${encodeURIComponent(e.event_id)}`; },
    }));
}

const FILTERS = ["event", "country", "actor", "since", "until", "doc", "min_confidence"];

function eventsView(params) {
  const state = {
    sort: params.get("sort") || "date", order: params.get("order") || "desc",
    offset: Number(params.get("offset") || 0), limit: 50,
  };
  const filters = Object.fromEntries(FILTERS.map(k => [k, params.get(k) || ""]));
  const table = h("div", {}), detail = h("div", {}), pager = h("div", { class: "pager" });
  const form = h("form", { class: "filters", onsubmit: ev => {
    ev.preventDefault();
    const q = new URLSearchParams();
    for (const k of FILTERS) {
      const v = form.elements[k].value.trim();
      if (v) q.set(k, v);
    }
    location.hash = `#/events?${q}`;
  } }, FILTERS.map(k => h("label", {}, k.replace("_", " "),
    h("input", { name: k, value: filters[k], size: k === "actor" ? 16 : 10,
                 placeholder: { event: "ACCUSE", country: "KAZ", since: "2024-01-01",
                                until: "2024-12-31", min_confidence: "0.5" }[k] || "" }))),
    h("button", { type: "submit" }, "Filter"),
    h("button", { type: "button", class: "secondary",
                  onclick: () => { location.hash = "#/events"; } }, "Clear"));
  app.replaceChildren(h("h1", {}, "Events"), h("div", { class: "card" }, form),
    h("div", { class: "card" }, h("p", { class: "meta", id: "event-count" }), table, pager), detail);

  const refresh = () => load(table, "events", () => api("/api/events", {
    ...filters, sort: state.sort, order: state.order, limit: state.limit, offset: state.offset,
  }), data => {
    document.getElementById("event-count").textContent =
      `${data.total} event(s) match; showing ${data.items.length ? state.offset + 1 : 0}–${state.offset + data.items.length}`;
    pager.replaceChildren(
      h("button", { class: "secondary", disabled: state.offset === 0, onclick: () => {
        state.offset = Math.max(0, state.offset - state.limit); refresh(); } }, "← previous"),
      h("button", { class: "secondary", disabled: state.offset + state.limit >= data.total,
                    onclick: () => { state.offset += state.limit; refresh(); } }, "next →"));
    return eventsTable(data.items, {
      sort: state.sort, order: state.order,
      onSort: key => {
        state.order = state.sort === key && state.order === "desc" ? "asc" : "desc";
        state.sort = key; state.offset = 0; refresh();
      },
      onPick: (e, row) => {
        table.querySelectorAll("tr.selected").forEach(r => r.classList.remove("selected"));
        row.classList.add("selected");
        showEvidence(detail, e.event_id);
      },
    });
  });
  refresh();
  if (params.get("event_id")) showEvidence(detail, params.get("event_id"));
}

function dyadView(a, b, params) {
  const interval = params.get("interval") || "month";
  const form = h("form", { class: "filters", onsubmit: ev => {
    ev.preventDefault();
    const [x, y, i] = ["a", "b", "interval"].map(k => form.elements[k].value.trim());
    if (x && y) location.hash = `#/dyad/${x.toUpperCase()}/${y.toUpperCase()}?interval=${i}`;
  } },
    h("label", {}, "a", h("input", { name: "a", value: a || "", size: 6, placeholder: "KAZ" })),
    h("label", {}, "b", h("input", { name: "b", value: b || "", size: 6, placeholder: "BLR" })),
    h("label", {}, "interval", h("select", { name: "interval" },
      ["week", "month", "year"].map(i => h("option", { value: i, selected: i === interval }, i)))),
    h("button", { type: "submit" }, "Show"));
  const chart = h("div", {}), events = h("div", {}), detail = h("div", {});
  app.replaceChildren(h("h1", {}, a && b ? `Dyad ${a} – ${b}` : "Dyad"),
    h("div", { class: "card" }, form), h("div", { class: "card" }, chart),
    h("div", { class: "card" }, events), detail);
  if (!a || !b) {
    chart.replaceChildren(empty("Choose two states or organisations (ISO codes such as KAZ, "
      + "or organisation ids such as EU), or click an edge of the network."));
    return;
  }
  load(chart, "the dyad", () => api("/api/dyads", { a, b, interval }), data => {
    if (!data.periods.length) return empty(`No dated events between ${a} and ${b}.`);
    events.replaceChildren(empty("Click a period to list its events."));
    const t = data.totals;
    return h("div", {},
      h("p", { class: "meta" },
        `${a} → ${b}: ${t.a_to_b.events} events, mean Goldstein ${fmt(t.a_to_b.goldstein_mean)} · `
        + `${b} → ${a}: ${t.b_to_a.events} events, mean Goldstein ${fmt(t.b_to_a.goldstein_mean)}`),
      legend([["cooperation (up)", "#2e8b57"], ["conflict (down)", "#c0392b"],
              ["mean Goldstein (line, right axis)", "#0969da"]]),
      dyadChart(data.periods, interval, (p, g) => {
        chart.querySelectorAll(".selected-period").forEach(r => r.classList.remove("selected-period"));
        g.querySelector(".hit").classList.add("selected-period");
        const until = periodEnd(p.period, interval);
        load(events, "events", () => api("/api/events", {
          country: /^[A-Z]{3}$/.test(a) && a !== "IGO" ? a : "", actor: /^[A-Z]{3}$/.test(a) ? "" : a,
          since: p.period, until, limit: 1000, sort: "date", order: "asc" }), page => {
          const side = x => x && (x.country === "IGO" ? x.igo : x.country);
          const items = page.items.filter(e => e.target && (
            (side(e.source) === a && side(e.target) === b) || (side(e.source) === b && side(e.target) === a)));
          return h("div", {}, h("h2", {}, `${p.period} – ${until}`), eventsTable(items, {
            emptyText: "No events in this period.", onPick: e => showEvidence(detail, e.event_id) }));
        });
      }));
  });
}

function networkView(params) {
  const since = params.get("since") || "", until = params.get("until") || "";
  const form = h("form", { class: "filters", onsubmit: ev => {
    ev.preventDefault();
    const q = new URLSearchParams();
    for (const k of ["since", "until"]) if (form.elements[k].value) q.set(k, form.elements[k].value);
    location.hash = `#/network?${q}`;
  } },
    h("label", {}, "since", h("input", { name: "since", value: since, size: 10, placeholder: "2023-01-01" })),
    h("label", {}, "until", h("input", { name: "until", value: until, size: 10, placeholder: "2024-12-31" })),
    h("button", { type: "submit" }, "Show"));
  const chart = h("div", {});
  app.replaceChildren(h("h1", {}, "Network"), h("div", { class: "card" }, form),
    h("div", { class: "card" },
      legend([["cooperation", goldsteinColor(8)], ["neutral", goldsteinColor(0)],
              ["conflict", goldsteinColor(-8)], ["state", "#0969da"], ["organisation", "#8250df"]]),
      h("p", { class: "meta" }, "Click an edge to open its dyad, a node to list its events."),
      chart));
  load(chart, "the network", () => api("/api/network", { since, until, limit: 150 }), data =>
    data.nodes.length ? networkChart(data) : empty("No events between states or organisations."));
}

function documentView(docId) {
  const box = h("div", {}), detail = h("div", {});
  app.replaceChildren(h("h1", {}, "Document"), box, detail);
  load(box, "the document", () => api(`/api/documents/${encodeURIComponent(docId)}`), doc => {
    const triggers = doc.events.map(({ event, spans }) => {
      const t = spans.find(x => x.role === "trigger");
      return t && { ...t, event };
    }).filter(Boolean);
    const text = h("div", { class: "doc-text" }, highlight(doc.text, triggers, span => ({
      class: `event${span.event.negated || span.event.hypothetical ? " hidden" : ""}`,
      title: `${actorLabel(span.event.source)} ${eventLabel(span.event)} ${actorLabel(span.event.target)}`,
      "data-event": span.event.event_id,
      onclick: () => showEvidence(detail, span.event.event_id),
    })));
    return h("div", {},
      h("div", { class: "card" }, h("h2", {}, doc.title || doc.doc_id),
        h("p", { class: "meta" }, [doc.published, doc.outlet, doc.path].filter(Boolean).join(" · "),
          doc.url ? [" · ", h("a", { href: doc.url, rel: "noopener" }, "source")] : ""),
        text),
      h("div", { class: "card" }, h("h2", {}, `${doc.events.length} event(s)`),
        eventsTable(doc.events.map(x => x.event), {
          emptyText: "No events were coded from this document.",
          onPick: e => showEvidence(detail, e.event_id) })));
  });
}

// -- routing ---------------------------------------------------------------------------

function route() {
  const [path, query] = location.hash.replace(/^#/, "").split("?");
  const parts = (path || "/").split("/").filter(Boolean).map(decodeURIComponent);
  const params = new URLSearchParams(query || "");
  const view = parts[0] || "overview";
  document.querySelectorAll("header nav a").forEach(a =>
    a.classList.toggle("active", a.dataset.view === view));
  if (view === "events") eventsView(params);
  else if (view === "dyad") dyadView(parts[1], parts[2], params);
  else if (view === "network") networkView(params);
  else if (view === "documents") documentView(parts.slice(1).join("/"));
  else overview();
}

window.addEventListener("hashchange", route);
route();
