// dyadwatch page: hand-written, no libraries. Routes live in the URL hash so every view is a link:
//   #/                      dyads present            #/dyad/A/B[/PERIOD]   chart, alerts, a period's events
//   #/event/ID              one event's evidence      #/article/ID          an article with its coded spans
//   #/alerts                every alert               #/code                paste an article, see it coded
// Text from the store is always inserted as text (never as HTML).
"use strict";

const SVGNS = "http://www.w3.org/2000/svg";
const view = () => document.getElementById("view");
const QUAD = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"};
let dyadCache = null;

function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith("on")) el.addEventListener(k.slice(2), v); else el.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children.flat(Infinity)) if (c !== null && c !== undefined) el.append(c instanceof Node ? c : String(c));
  return el;
}

function s(tag, attrs, ...children) {
  const el = document.createElementNS(SVGNS, tag);
  for (const [k, v] of Object.entries(attrs || {})) if (v !== null && v !== undefined) el.setAttribute(k, v);
  for (const c of children.flat(Infinity)) if (c !== null && c !== undefined) el.append(c instanceof Node ? c : String(c));
  return el;
}

const enc = encodeURIComponent;
const link = (href, text, attrs) => h("a", {href, ...(attrs || {})}, text);
const status = (text, isError) => {
  const el = document.getElementById("status");
  el.textContent = text || "";
  el.className = isError ? "error" : "";
};

async function api(path, options) {
  const response = await fetch(path, options);
  const body = await response.json().catch(() => null);
  if (!response.ok) throw new Error((body && body.error && body.error.message) || `HTTP ${response.status}`);
  if (body && body.data_version) {
    document.getElementById("version").textContent =
      `coder ${body.data_version.coder_version} · store revision ${body.data_version.store_revision}`;
  }
  return body;
}

function show(...nodes) {
  const v = view();
  v.replaceChildren(...nodes.flat(Infinity).filter(n => n !== null && n !== undefined));
}

function focusHeading() {
  const heading = view().querySelector("h2");
  if (heading) { heading.setAttribute("tabindex", "-1"); heading.focus({preventScroll: false}); }
}

// --- dyad picker -------------------------------------------------------------------------------------------
function pairLabel(d) { return `${d.a_name || d.a} – ${d.b_name || d.b} (${d.a}–${d.b})`; }

async function dyadPairs() {
  if (dyadCache) return dyadCache;
  const data = await api("/v1/dyads");
  const pairs = new Map();
  for (const d of data.dyads) {
    if (d.source === d.target) continue;
    const [a, b] = [d.source, d.target].sort();
    const key = `${a}-${b}`;
    const names = {[d.source]: d.source_name, [d.target]: d.target_name};
    const p = pairs.get(key) || {a, b, a_name: names[a], b_name: names[b], events: 0, conflict: 0};
    p.events += d.events;
    p.conflict += d.verbal_conflict + d.material_conflict;
    pairs.set(key, p);
  }
  dyadCache = [...pairs.values()].sort((x, y) => y.events - x.events || pairLabel(x).localeCompare(pairLabel(y)));
  const options = document.getElementById("dyad-options");
  options.replaceChildren(...dyadCache.map(p => h("option", {value: pairLabel(p)})));
  return dyadCache;
}

function findPair(text) {
  const q = text.trim().toLowerCase();
  if (!q || !dyadCache) return null;
  const exact = dyadCache.find(p => pairLabel(p).toLowerCase() === q);
  if (exact) return exact;
  const words = q.split(/[\s,–\-/]+/).filter(Boolean);
  const matches = p => words.every(w => pairLabel(p).toLowerCase().includes(w));
  return dyadCache.find(matches) || null;
}

document.addEventListener("submit", ev => {
  if (ev.target.id !== "dyad-form") return;
  ev.preventDefault();
  const pair = findPair(document.getElementById("dyad-search").value);
  if (pair) location.hash = `#/dyad/${pair.a}/${pair.b}`;
  else status("No dyad in the store matches that; type part of a country name, e.g. “China”.", true);
});

async function home() {
  const pairs = await dyadPairs();
  const rows = pairs.map(p => h("tr", {},
    h("td", {}, link(`#/dyad/${p.a}/${p.b}`, `${p.a_name || p.a} – ${p.b_name || p.b}`)),
    h("td", {}, `${p.a}–${p.b}`), h("td", {}, p.events), h("td", {}, p.conflict)));
  show(h("h2", {}, "Dyads in the store"),
    pairs.length ? h("div", {class: "table-wrap"}, h("table", {},
      h("thead", {}, h("tr", {}, h("th", {}, "Pair"), h("th", {}, "Codes"), h("th", {}, "Events (both ways)"),
        h("th", {}, "Conflict events"))), h("tbody", {}, rows)))
      : h("p", {}, "The store holds no events between two countries yet. Ingest articles with `dyadwatch ingest`."));
}

// --- the chart ---------------------------------------------------------------------------------------------
function chart(data, selected) {
  const series = data.series;
  const W = 860, H = 310, M = {l: 44, r: 44, t: 28, b: 46};
  const iw = W - M.l - M.r, ih = H - M.t - M.b;
  const n = Math.max(series.length, 1), step = iw / n, bw = Math.max(Math.min(step * 0.7, 40), 2);
  const maxEvents = Math.max(1, ...series.map(r => r.events));
  const y = v => M.t + ih - (v / maxEvents) * ih;            // counts, left axis
  const ys = v => M.t + ih / 2 - (v * ih) / 2;               // strain in [-1, 1], right axis
  const x = i => M.l + step * i + step / 2;
  const alerts = new Map(data.alerts.map(a => [a.period, a]));
  const svg = s("svg", {class: "chart", viewBox: `0 0 ${W} ${H}`, role: "group",
    "aria-label": `Events per ${data.dyad.by} and strain; ${data.alerts.length} alert(s)`});
  svg.append(s("line", {class: "axis", x1: M.l, x2: M.l + iw, y1: M.t + ih, y2: M.t + ih}));
  svg.append(s("line", {class: "zero", x1: M.l, x2: M.l + iw, y1: ys(0), y2: ys(0)}));
  for (const v of [0, Math.round(maxEvents / 2), maxEvents]) {
    svg.append(s("text", {x: M.l - 6, y: y(v) + 4, "text-anchor": "end"}, v));
  }
  for (const v of [-1, 0, 1]) svg.append(s("text", {x: M.l + iw + 6, y: ys(v) + 4}, (v > 0 ? "+" : "") + v));
  svg.append(s("text", {x: 4, y: 12}, "events"));
  svg.append(s("text", {x: W - 4, y: 12, "text-anchor": "end"}, "strain"));
  const every = Math.ceil(n / 12);
  series.forEach((r, i) => {
    const coop = r.q1_verbal_coop + r.q2_material_coop, conf = r.q3_verbal_conflict + r.q4_material_conflict;
    const other = Math.max(r.events - coop - conf, 0);
    const label = `${r.period}: ${r.events} event(s), ${coop} cooperation, ${conf} conflict` +
      (r.strain === null ? "" : `, strain ${r.strain.toFixed(2)}`) + (alerts.has(r.period) ? ", alert" : "");
    const a = s("a", {href: `#/dyad/${data.dyad.a}/${data.dyad.b}/${r.period}`, "aria-label": label,
      class: r.period === selected ? "selected" : null});
    a.append(s("title", {}, label));
    a.append(s("rect", {class: "hit", x: M.l + step * i, y: M.t, width: step, height: ih}));
    let top = M.t + ih;
    for (const [count, cls] of [[coop, "bar-coop"], [conf, "bar-conf"], [other, "bar-other"]]) {
      if (!count) continue;
      const hgt = (count / maxEvents) * ih;
      top -= hgt;
      a.append(s("rect", {class: cls, x: x(i) - bw / 2, y: top, width: bw, height: hgt}));
    }
    svg.append(a);
    if (i % every === 0) {
      svg.append(s("text", {x: x(i), y: M.t + ih + 16, "text-anchor": "middle"}, r.period.slice(0, 7)));
    }
  });
  const pts = series.map((r, i) => (r.strain === null ? null : [x(i), ys(r.strain)]));
  let d = "", pen = false;
  for (const p of pts) { if (!p) { pen = false; continue; } d += `${pen ? "L" : "M"}${p[0]},${p[1]} `; pen = true; }
  if (d) svg.append(s("path", {class: "strain", d}));
  pts.forEach(p => { if (p) svg.append(s("circle", {class: "strain-dot", cx: p[0], cy: p[1], r: 3})); });
  series.forEach((r, i) => {
    const alert = alerts.get(r.period);
    if (!alert) return;
    const cx = x(i), cy = M.t + ih + 30;
    const mark = s("a", {href: `#/dyad/${data.dyad.a}/${data.dyad.b}/${r.period}`,
      "aria-label": `Alert: ${alert.message}`, class: "alert-link"});
    mark.append(s("title", {}, alert.message));
    mark.append(s("path", {class: "alert-mark", d: `M${cx},${cy - 9} L${cx + 8},${cy + 5} L${cx - 8},${cy + 5} Z`}));
    svg.append(mark);
  });
  return svg;
}

function legend() {
  const item = (color, text) => h("span", {}, h("i", {style: `background:${color}`}), text);
  return h("div", {class: "legend"}, item("var(--coop)", "cooperation events"), item("var(--conf)", "conflict events"),
    item("var(--strain)", "strain (right axis, −1 cooperation … +1 conflict)"), item("var(--alert)", "alert ▲"));
}

function clip(text, n) { return text.length > n ? text.slice(0, n - 1).trimEnd() + "…" : text; }

function eventsTable(events) {
  if (!events.length) return h("p", {class: "muted"}, "No counted events in this period.");
  const rows = events.map(e => h("tr", {},
    h("td", {}, e.event_date || ""),
    h("td", {}, link(`#/event/${enc(e.group_id)}`, `${e.source_country || "?"} ${e.plover} ${e.target_country || "–"}`)),
    h("td", {}, e.trigger_text || ""),
    h("td", {}, QUAD[e.quad_class] || ""),
    h("td", {}, `${e.n_mentions} / ${e.n_sources}`),
    h("td", {}, clip(e.evidence_text || "", 160))));
  return h("div", {class: "table-wrap"}, h("table", {}, h("thead", {}, h("tr", {},
    h("th", {}, "Date"), h("th", {}, "Event"), h("th", {}, "Trigger"), h("th", {}, "Kind"),
    h("th", {}, "Reports / outlets"), h("th", {}, "Evidence"))), h("tbody", {}, rows)));
}

function nextPeriod(series, period) {
  const later = series.map(r => r.period).filter(p => p > period).sort();
  return later[0] || null;
}

function dayBefore(iso) {
  const d = new Date(iso + "T00:00:00Z");
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

async function dyad(a, b, period) {
  await dyadPairs().catch(() => null);
  const data = await api(`/v1/dyads/${enc(a)}/${enc(b)}/series?by=month`);
  const title = `${data.dyad.a_name || a} – ${data.dyad.b_name || b}`;
  document.getElementById("dyad-search").value = pairLabel(data.dyad);
  const parts = [h("h2", {}, title), h("p", {class: "muted"},
    `Events between ${a} and ${b} per month, both directions; strain weighs conflict against cooperation. ` +
    "Choose a month (click, or Tab and Enter) to list its events.")];
  if (!data.series.length) {
    show(...parts, h("p", {}, "No counted events for this pair."));
    return;
  }
  parts.push(h("div", {class: "card"}, legend(), h("div", {class: "chart-wrap"}, chart(data, period))));
  const alertItems = data.alerts.map(al => h("li", {},
    link(`#/dyad/${a}/${b}/${al.period}`, `${al.period}: strain ${al.direction} ${al.before.toFixed(2)} → ` +
      `${al.after.toFixed(2)}`), " — ", al.events.length ? al.events.slice(0, 3).map((e, i) => [i ? "; " : "",
      link(`#/event/${enc(e.group_id)}`, `${e.source_country} ${e.plover} ${e.target_country || "–"} (${e.trigger_text})`)])
      : "no single event stands out"));
  parts.push(h("h3", {}, `Alerts (${data.alerts.length})`),
    alertItems.length ? h("ul", {class: "alerts"}, alertItems) : h("p", {class: "muted"}, "No change alerts."));
  if (period) {
    const end = nextPeriod(data.series, period);
    const q = `since=${period}` + (end ? `&until=${dayBefore(end)}` : "");
    const events = await api(`/v1/dyads/${enc(a)}/${enc(b)}/events?${q}`);
    parts.push(h("h3", {id: "period-events"}, `Events of ${period.slice(0, 7)}`), eventsTable(events.events));
  }
  show(...parts);
  if (period) document.getElementById("period-events").scrollIntoView({block: "nearest"});
}

// --- evidence ----------------------------------------------------------------------------------------------
function highlighted(text, offset, spans) {
  // Marks non-overlapping spans (given in article offsets) inside text that starts at `offset`.
  const parts = [];
  let pos = 0;
  const inside = spans.filter(sp => sp && sp.start !== null && sp.start >= offset && sp.end <= offset + text.length)
    .sort((x, y) => x.start - y.start);
  for (const sp of inside) {
    const start = sp.start - offset, end = sp.end - offset;
    if (start < pos) continue;
    parts.push(text.slice(pos, start), h("mark", {class: sp.kind, title: sp.kind}, text.slice(start, end)));
    pos = end;
  }
  parts.push(text.slice(pos));
  return parts;
}

function reportCard(r, eventId) {
  const ev = r.evidence || {};
  const spans = [
    r.source && {...r.source, kind: "source"}, r.target && {...r.target, kind: "target"},
    r.event && r.event.trigger && {...r.event.trigger, kind: "trigger"},
  ];
  const outlet = r.outlet || "unknown outlet";
  return h("div", {class: "card"},
    h("p", {class: "evidence"}, highlighted(ev.text || "", ev.start || 0, spans)),
    h("p", {class: "muted"}, `${outlet}, published ${r.published || "?"} · `,
      link(`#/article/${enc(r.article_id)}`, r.title ? `article: ${r.title}` : `article ${r.article_id}`),
      r.url ? [" · ", h("a", {href: r.url, rel: "noopener noreferrer"}, "source page")] : null,
      r.reason ? ` · grouped: ${r.reason}` : null,
      r.event_id === eventId ? " · (this report)" : null));
}

async function eventView(id) {
  const data = await api(`/v1/events/${enc(id)}`);
  const g = data.event;
  const first = data.reports[0] || {};
  const type = g || {plover: first.event && first.event.plover, source_country: first.source && first.source.country,
    target_country: first.target && first.target.country};
  const title = `${type.source_country || "?"} ${type.plover} ${type.target_country || "–"}`;
  const facts = g ? [
    ["Date", `${g.event_date || "?"} (${g.date_precision || "?"})`], ["CAMEO", g.cameo],
    ["Kind", QUAD[g.quad_class] || ""], ["Goldstein", g.goldstein],
    ["Reported by", `${g.n_mentions} report(s) in ${g.n_articles} article(s) from ${g.n_sources} outlet(s)`],
    ["Place", g.location_name || "—"], ["Counted", g.counted ? "yes" : "no (historical, negated or hypothetical)"],
  ] : [["Status", "not grouped yet"]];
  const linked = (items, none) => items.length ? h("ul", {}, items.map(l => h("li", {},
    link(`#/event/${enc(l.id)}`, l.label || l.id), l.cue ? ` — cue: “${l.cue}”` : null))) : h("p", {class: "muted"}, none);
  show(h("h2", {}, title),
    h("p", {class: "legend"}, h("span", {}, h("mark", {class: "source"}, "source")),
      h("span", {}, h("mark", {class: "trigger"}, "trigger")), h("span", {}, h("mark", {class: "target"}, "target"))),
    h("dl", {class: "kv"}, facts.map(([k, v]) => [h("dt", {}, k), h("dd", {}, v === null ? "—" : v)])),
    h("h3", {}, "Responds to"), linked(data.responds_to, "Nothing this event answers is stated in the text."),
    h("h3", {}, "Responses"), linked(data.responses, "No later event is linked to this one."),
    h("h3", {}, `Evidence (${data.reports.length} report(s))`),
    data.reports.map(r => reportCard(r, id)));
  focusHeading();
}

// --- articles and coding -----------------------------------------------------------------------------------
function articleText(text, spans) {
  // Every coded span marked; overlapping spans split into segments that carry every kind covering them.
  const marks = spans.filter(sp => sp.kind !== "evidence");
  const evidence = spans.filter(sp => sp.kind === "evidence");
  const cuts = new Set([0, text.length]);
  for (const sp of spans) { cuts.add(sp.start); cuts.add(sp.end); }
  const points = [...cuts].filter(p => p >= 0 && p <= text.length).sort((x, y) => x - y);
  const out = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const [a, b] = [points[i], points[i + 1]];
    const piece = text.slice(a, b);
    const kinds = [...new Set(marks.filter(sp => sp.start <= a && sp.end >= b).map(sp => sp.kind))];
    const inEv = evidence.some(sp => sp.start <= a && sp.end >= b);
    if (kinds.length) out.push(h("mark", {class: kinds.join(" ") + (inEv ? " in-evidence" : ""), title: kinds.join(", ")}, piece));
    else if (inEv) out.push(h("span", {class: "in-evidence"}, piece));
    else out.push(piece);
  }
  return h("div", {class: "card article-text"}, out);
}

function codedEvents(events, stored) {
  if (!events.length) return h("p", {class: "muted"}, "No events coded in this text.");
  return h("ol", {}, events.map(e => h("li", {},
    `${e.source.country || e.source.text} ${e.event.plover} ${e.target ? (e.target.country || e.target.text) : "–"}`,
    ` — “${e.event.trigger.text}”, ${e.date.value || "undated"}`,
    e.negated ? " (negated)" : "", e.hypothetical ? " (hypothetical)" : "", e.date.historical ? " (historical)" : "",
    e.responds_to.length ? " — responds to an earlier event" : "",
    stored ? [" · ", link(`#/event/${enc(e.event_id)}`, "evidence")] : null)));
}

function spanLegend() {
  return h("p", {class: "legend"}, ["source", "target", "trigger", "date", "location"].map(k =>
    h("span", {}, h("mark", {class: k}, k))));
}

async function articleView(id) {
  const data = await api(`/v1/articles/${enc(id)}`);
  const a = data.article;
  show(h("h2", {}, a.title || a.article_id),
    h("p", {class: "muted"}, `${a.source || "unknown outlet"}, published ${a.published || "?"}`,
      a.url ? [" · ", h("a", {href: a.url, rel: "noopener noreferrer"}, "source page")] : null),
    spanLegend(), articleText(a.text, data.spans), h("h3", {}, `Events (${data.events.length})`),
    codedEvents(data.events, true));
  focusHeading();
}

function codeView() {
  const result = h("div", {id: "code-result"});
  const text = h("textarea", {id: "code-text", "aria-label": "Article text"});
  const published = h("input", {id: "code-published", type: "date", "aria-label": "Publication date"});
  const form = h("form", {id: "code-form", onsubmit: async ev => {
    ev.preventDefault();
    status("Coding…");
    try {
      const body = {text: text.value};
      if (published.value) body.published = published.value;
      const data = await api("/v1/code", {method: "POST", headers: {"Content-Type": "application/json"},
        body: JSON.stringify(body)});
      status("");
      result.replaceChildren(h("h3", {}, `Events (${data.events.length})`), codedEvents(data.events, false), spanLegend(),
        articleText(data.article.text, data.spans));
    } catch (err) { status(err.message, true); }
  }},
    h("label", {for: "code-text"}, "Paste an article (nothing is stored):"), text,
    h("div", {class: "row"}, h("label", {for: "code-published"}, "Published"), published,
      h("button", {type: "submit"}, "Code it")));
  show(h("h2", {}, "Code an article"), form, result);
  text.focus();
}

async function alertsView() {
  const data = await api("/v1/alerts");
  const items = data.alerts.map(al => h("li", {},
    link(`#/dyad/${al.dyad.a}/${al.dyad.b}/${al.period}`,
      `${al.dyad.a_name || al.dyad.a} – ${al.dyad.b_name || al.dyad.b}, ${al.period}`),
    `: strain ${al.direction} ${al.before.toFixed(2)} → ${al.after.toFixed(2)}`));
  show(h("h2", {}, `Alerts (${data.alerts.length})`),
    h("p", {class: "muted"}, "Also as an Atom feed: ", link("/v1/alerts.atom", "/v1/alerts.atom")),
    items.length ? h("ul", {class: "alerts"}, items) : h("p", {}, "No change alerts in the store."));
  focusHeading();
}

// --- router ------------------------------------------------------------------------------------------------
async function route() {
  const parts = location.hash.replace(/^#\/?/, "").split("/").map(decodeURIComponent);
  status("");
  try {
    if (parts[0] === "dyad" && parts[1] && parts[2]) await dyad(parts[1].toUpperCase(), parts[2].toUpperCase(), parts[3]);
    else if (parts[0] === "event" && parts[1]) await eventView(parts.slice(1).join("/"));
    else if (parts[0] === "article" && parts[1]) await articleView(parts.slice(1).join("/"));
    else if (parts[0] === "alerts") await alertsView();
    else if (parts[0] === "code") codeView();
    else await home();
  } catch (err) {
    status(err.message, true);
  }
}

window.addEventListener("hashchange", route);
document.addEventListener("DOMContentLoaded", route);
