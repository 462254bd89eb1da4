// dyadwatch page: hand-written, no libraries. Routes live in the URL hash so every view is a link:
//   #/                      dyads present            #/dyad/A/B[/PERIOD]   chart, alerts, a period's events
//   #/event/ID              one event's evidence      #/article/ID          an article with its coded spans
//   #/alerts                every alert               #/code                paste an article, see it coded
//   #/country/CODE          a country's dyads          #/map                 events on a world map
// A view's filters and sort order follow a "?" in the hash (type, quad, since, until, all, unresolved, sort, desc),
// so the URL holds the whole view.
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

function countries() {
  const out = new Map();
  for (const p of dyadCache || []) { out.set(p.a, p.a_name || p.a); out.set(p.b, p.b_name || p.b); }
  return out;
}

function findCountry(text) {
  // One country named by its code or its name (whole, or a part of it that names only one country).
  const q = text.trim().toLowerCase();
  if (!q) return null;
  const all = [...countries()];
  const exact = all.find(([code, name]) => code.toLowerCase() === q || name.toLowerCase() === q);
  if (exact) return exact[0];
  const partial = all.filter(([, name]) => name.toLowerCase().includes(q));
  return partial.length === 1 ? partial[0][0] : null;
}

document.addEventListener("submit", ev => {
  if (ev.target.id !== "dyad-form") return;
  ev.preventDefault();
  const text = document.getElementById("dyad-search").value;
  const country = findCountry(text);
  const pair = country ? null : findPair(text);
  if (country) location.hash = `#/country/${country}${queryString()}`;
  else if (pair) location.hash = `#/dyad/${pair.a}/${pair.b}${queryString()}`;
  else status("No country or pair in the store matches that; type part of a country name, e.g. “China”.", true);
});

// --- filters, sorting and downloads (all held in the URL) ----------------------------------------------------
const FILTER_KEYS = ["type", "quad", "since", "until", "all", "unresolved"];
let params = new URLSearchParams();

function queryString(extra) {
  const q = new URLSearchParams();
  for (const k of FILTER_KEYS) if (params.get(k)) q.set(k, params.get(k));
  for (const [k, v] of Object.entries(extra || {})) if (v !== null && v !== undefined && v !== "") q.set(k, v);
  const text = q.toString();
  return text ? `?${text}` : "";
}

function apiFilters() {
  // The filters as the API's query parameters.
  const q = new URLSearchParams();
  if (params.get("type")) q.set("type", params.get("type"));
  if (params.get("quad")) q.set("quad_class", params.get("quad"));
  if (params.get("since")) q.set("since", params.get("since"));
  if (params.get("until")) q.set("until", params.get("until"));
  if (params.get("all")) q.set("include_uncounted", "true");
  if (params.get("unresolved")) q.set("include_unresolved", "true");
  return q;
}

function withFilters(path, extra) {
  const q = apiFilters();
  for (const [k, v] of Object.entries(extra || {})) if (v !== null && v !== undefined) q.set(k, v);
  const text = q.toString();
  return text ? `${path}${path.includes("?") ? "&" : "?"}${text}` : path;
}

function setParams(changes) {
  const [path] = location.hash.split("?");
  for (const [k, v] of Object.entries(changes)) { if (v) params.set(k, v); else params.delete(k); }
  const text = params.toString();
  location.hash = (path || "#/") + (text ? `?${text}` : "");
}

let typesLoaded = false;

async function typeOptions() {
  // The PLOVER types as suggestions for the type filter (a CAMEO code is accepted too).
  if (typesLoaded) return;
  typesLoaded = true;
  const data = await fetch("/v1/types").then(r => r.json()).catch(() => ({types: []}));
  const list = document.getElementById("type-options") || document.body.appendChild(h("datalist", {id: "type-options"}));
  list.replaceChildren(...data.types.map(t => h("option", {value: t.type}, `${t.type} (${t.quad.toLowerCase()})`)));
}

function filterBar() {
  const field = (label, input) => h("label", {class: "filter"}, h("span", {}, label), input);
  const quad = h("select", {id: "f-quad", name: "quad"}, h("option", {value: ""}, "all kinds"),
    Object.entries(QUAD).map(([k, v]) => h("option", {value: k, selected: params.get("quad") === k}, `${k} ${v}`)));
  const type = h("input", {id: "f-type", name: "type", value: params.get("type") || "", placeholder: "e.g. PROTEST, 14",
    size: 10, list: "type-options"});
  typeOptions();
  const since = h("input", {id: "f-since", name: "since", type: "date", value: params.get("since") || ""});
  const until = h("input", {id: "f-until", name: "until", type: "date", value: params.get("until") || ""});
  const all = h("input", {id: "f-all", name: "all", type: "checkbox", checked: !!params.get("all")});
  const unresolved = h("input", {id: "f-unresolved", name: "unresolved", type: "checkbox",
    checked: !!params.get("unresolved")});
  const apply = () => setParams({type: type.value.trim(), quad: quad.value, since: since.value, until: until.value,
    all: all.checked ? "1" : "", unresolved: unresolved.checked ? "1" : ""});
  for (const el of [quad, since, until, all, unresolved]) el.addEventListener("change", apply);
  return h("form", {class: "filters", id: "filters", "aria-label": "Filters", onsubmit: ev => { ev.preventDefault(); apply(); }},
    field("Type", type), field("QuadClass", quad), field("From", since), field("To", until),
    h("label", {class: "check"}, all, " negated, hypothetical, historical"),
    h("label", {class: "check"}, unresolved, " unresolved actors"),
    h("button", {type: "submit"}, "Apply"));
}

function downloads(view, extra, formats) {
  const make = to => withFilters(`/v1/download?view=${view}&to=${to}`, extra);
  const names = {csv: "CSV (this table)", gdelt: "GDELT TSV (its events)", parquet: "Parquet (its events)"};
  return h("p", {class: "downloads"}, "Download: ", (formats || ["csv", "gdelt", "parquet"]).map((to, i) =>
    [i ? " · " : "", h("a", {href: make(to), download: "", "data-format": to}, names[to])]));
}

function sortable(columns, rows, defaultKey, defaultDesc) {
  // A table whose header buttons sort it; the order is kept in the URL (sort=KEY&desc=1).
  const key = params.get("sort") && columns.some(c => c.key === params.get("sort")) ? params.get("sort") : defaultKey;
  const desc = params.get("sort") ? params.get("desc") === "1" : defaultDesc;
  const col = columns.find(c => c.key === key);
  const value = r => (col.sort ? col.sort(r) : r[key]);
  const sorted = [...rows].sort((x, y) => {
    const [a, b] = [value(x), value(y)];
    if (a === null || a === undefined) return (b === null || b === undefined) ? 0 : 1;  // empty last
    if (b === null || b === undefined) return -1;
    const c = typeof a === "string" ? a.localeCompare(b) : a - b;
    return desc ? -c : c;
  });
  const head = columns.map(c => {
    const active = c.key === key;
    const label = c.noSort ? c.label : h("button", {type: "button", class: "sort", "data-key": c.key,
      onclick: () => setParams({sort: c.key, desc: active ? (desc ? "" : "1") : (c.numeric ? "1" : "")})},
      c.label, active ? (desc ? " ▼" : " ▲") : "");
    return h("th", {scope: "col", class: c.numeric ? "num" : null,
      "aria-sort": active ? (desc ? "descending" : "ascending") : null}, label);
  });
  const body = sorted.map(r => h("tr", {}, columns.map(c => h("td", {class: c.numeric ? "num" : null}, c.cell(r)))));
  return h("div", {class: "table-wrap"}, h("table", {class: "sortable"}, h("thead", {}, h("tr", {}, head)),
    h("tbody", {}, body)));
}

function sparkline(values, label) {
  const W = 96, H = 22, max = Math.max(1, ...values);
  const step = W / Math.max(values.length, 1);
  const svg = s("svg", {class: "spark", viewBox: `0 0 ${W} ${H}`, width: W, height: H, role: "img",
    "aria-label": label});
  values.forEach((v, i) => {
    if (!v) return;
    const hgt = Math.max(2, (v / max) * (H - 2));
    svg.append(s("rect", {x: i * step + 1, y: H - hgt, width: Math.max(step - 2, 1), height: hgt}));
  });
  svg.append(s("line", {class: "base", x1: 0, x2: W, y1: H - 0.5, y2: H - 0.5}));
  return svg;
}

const fmt = v => (v === null || v === undefined ? "—" : (v > 0 ? "+" : "") + v.toFixed(2));

async function home() {
  const pairs = await dyadPairs();
  const data = await api(withFilters("/v1/pairs"));
  const range = data.first ? `${data.first.slice(0, 7)} to ${data.current.slice(0, 7)}` : "";
  const columns = [
    {key: "label", label: "Pair", sort: r => `${r.a_name || r.a} – ${r.b_name || r.b}`,
      cell: r => link(`#/dyad/${r.a}/${r.b}${queryString()}`, `${r.a_name || r.a} – ${r.b_name || r.b}`)},
    {key: "codes", label: "Codes", sort: r => `${r.a}–${r.b}`, cell: r => `${r.a}–${r.b}`},
    {key: "events", label: "Events", numeric: true, cell: r => r.events},
    {key: "conflict", label: "Conflict", numeric: true, cell: r => r.conflict},
    {key: "strain", label: "Strain", numeric: true, cell: r => fmt(r.strain)},
    {key: "spark", label: `Events per month${range ? ` (${range})` : ""}`, noSort: true,
      cell: r => sparkline(r.spark, `events per month, ${range}: ${r.spark.join(", ")}`)},
  ];
  show(h("h2", {}, "Dyads in the store"), filterBar(),
    data.pairs.length ? [sortable(columns, data.pairs, "events", true), downloads("pairs")]
      : h("p", {}, pairs.length ? "No pair has events under these filters."
        : "The store holds no events between two countries yet. Ingest articles with `dyadwatch ingest`."));
}

async function countryView(code) {
  await dyadPairs().catch(() => null);
  const data = await api(withFilters(`/v1/countries/${enc(code)}`));
  const name = data.country.name || code;
  document.getElementById("dyad-search").value = name;
  const now = data.current ? data.current.slice(0, 7) : null;
  const before = data.before ? `${data.before.from.slice(0, 7)} to ${data.before.until.slice(0, 7)}` : null;
  const columns = [
    {key: "partner", label: "With", sort: r => r.partner_name || r.partner || "",
      cell: r => r.partner ? link(`#/dyad/${[code, r.partner].sort().join("/")}${queryString()}`,
        `${r.partner_name || r.partner} (${r.partner})`) : "unresolved actor"},
    {key: "change", label: "Change", numeric: true, cell: r => h("span", {class: r.change > 0 ? "up" : r.change < 0 ? "down" : null},
      fmt(r.change))},
    {key: "strain_now", label: `Strain ${now || "now"}`, numeric: true, cell: r => fmt(r.strain_now)},
    {key: "events_now", label: `In ${now || "this period"}`, numeric: true, cell: r => r.events_now},
    {key: "strain_before", label: "Strain before", numeric: true, cell: r => fmt(r.strain_before)},
    {key: "events_before", label: "Before", numeric: true, cell: r => r.events_before},
    {key: "events", label: "Events", numeric: true, cell: r => r.events},
    {key: "conflict", label: "Conflict", numeric: true, sort: r => r.verbal_conflict + r.material_conflict,
      cell: r => r.verbal_conflict + r.material_conflict},
    {key: "strain", label: "Strain (all)", numeric: true, cell: r => fmt(r.strain)},
    {key: "spark", label: "Per month", noSort: true, cell: r => sparkline(r.spark, `events per month: ${r.spark.join(", ")}`)},
  ];
  show(h("h2", {}, `${name}: relations`),
    h("p", {class: "muted"}, `Every pair with ${name}, both directions. Change is the strain of ${now || "the latest month"} ` +
      `minus its strain before (${before || "the months before"}); strain runs from −1 (only cooperation) to +1 ` +
      "(only conflict). Sorted by change, largest rise first; choose a column to sort by it."),
    filterBar(),
    data.partners.length ? [sortable(columns, data.partners, "change", true), downloads("country", {a: code})]
      : h("p", {}, "No events with a partner country under these filters."),
    h("p", {}, link(`#/map${queryString()}`, "See the map")));
  focusHeading();
}

// --- the chart ---------------------------------------------------------------------------------------------
function chart(data, selected) {
  const series = data.series;
  // Drawn at the width it is shown (at most 860), so axis labels stay legible on a phone.
  const W = Math.round(Math.max(340, Math.min(860, view().clientWidth - 30 || 860)));
  const H = W < 600 ? 260 : 310, M = {l: 40, r: 40, t: 28, b: 46};
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
  const every = Math.ceil(n / Math.max(3, Math.floor(iw / 70)));
  series.forEach((r, i) => {
    const coop = r.q1_verbal_coop + r.q2_material_coop, conf = r.q3_verbal_conflict + r.q4_material_conflict;
    const other = Math.max(r.events - coop - conf, 0);
    const label = `${r.period}: ${r.events} event(s), ${coop} cooperation, ${conf} conflict` +
      (r.strain === null ? "" : `, strain ${r.strain.toFixed(2)}`) + (alerts.has(r.period) ? ", alert" : "");
    const a = s("a", {href: `#/dyad/${data.dyad.a}/${data.dyad.b}/${r.period}${queryString()}`, "aria-label": label,
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
    const mark = s("a", {href: `#/dyad/${data.dyad.a}/${data.dyad.b}/${r.period}${queryString()}`,
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
  const data = await api(withFilters(`/v1/dyads/${enc(a)}/${enc(b)}/series?by=month`));
  const title = `${data.dyad.a_name || a} – ${data.dyad.b_name || b}`;
  document.getElementById("dyad-search").value = pairLabel(data.dyad);
  const parts = [h("h2", {}, title), h("p", {class: "muted"},
    `Events between ${a} and ${b} per month, both directions; strain weighs conflict against cooperation. ` +
    "Choose a month (click, or Tab and Enter) to list its events. ",
    link(`#/country/${a}${queryString()}`, `All of ${data.dyad.a_name || a}'s relations`), " · ",
    link(`#/country/${b}${queryString()}`, `all of ${data.dyad.b_name || b}'s`)), filterBar()];
  if (!data.series.length) {
    show(...parts, h("p", {}, "No events for this pair under these filters."));
    return;
  }
  parts.push(h("div", {class: "card"}, legend(), h("div", {class: "chart-wrap"}, chart(data, period))),
    downloads("dyad", {a, b}));
  const alertItems = data.alerts.map(al => h("li", {},
    link(`#/dyad/${a}/${b}/${al.period}${queryString()}`, `${al.period}: strain ${al.direction} ${al.before.toFixed(2)} → ` +
      `${al.after.toFixed(2)}`), " — ", al.events.length ? al.events.slice(0, 3).map((e, i) => [i ? "; " : "",
      link(`#/event/${enc(e.group_id)}`, `${e.source_country} ${e.plover} ${e.target_country || "–"} (${e.trigger_text})`)])
      : "no single event stands out"));
  parts.push(h("h3", {}, `Alerts (${data.alerts.length})`),
    alertItems.length ? h("ul", {class: "alerts"}, alertItems) : h("p", {class: "muted"}, "No change alerts."));
  if (period) {
    const end = nextPeriod(data.series, period);
    const win = {since: period, until: end ? dayBefore(end) : params.get("until")};
    const events = await api(withFilters(`/v1/dyads/${enc(a)}/${enc(b)}/events`, win));
    parts.push(h("h3", {id: "period-events"}, `Events of ${period.slice(0, 7)}`), eventsTable(events.events),
      downloads("events", {a, b, ...win}));
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

// --- the map ---------------------------------------------------------------------------------------------
// Natural Earth 1:110m country outlines (public domain, package data; static/MANIFEST.json), drawn as SVG in a
// plain equirectangular projection: no tiles, no library, nothing from another host.
let worldCache = null;
const MAP = {W: 960, top: 84, bottom: -58};
MAP.H = Math.round(MAP.W * (MAP.top - MAP.bottom) / 360);
const px = lon => ((lon + 180) / 360) * MAP.W;
const py = lat => ((MAP.top - lat) / (MAP.top - MAP.bottom)) * MAP.H;

async function world() {
  if (!worldCache) {
    const response = await fetch("/static/world-110m.geojson");
    if (!response.ok) throw new Error(`the map outlines did not load (HTTP ${response.status})`);
    worldCache = await response.json();
  }
  return worldCache;
}

function outlinePath(geometry) {
  let d = "";
  for (const polygon of geometry.coordinates) {
    for (const ring of polygon) {
      // A ring cut at the antimeridian jumps from one edge to the other: move there, do not draw across.
      ring.forEach(([lon, lat], i) => {
        const jump = i && Math.abs(lon - ring[i - 1][0]) > 180;
        d += `${i && !jump ? "L" : "M"}${px(lon).toFixed(1)},${py(lat).toFixed(1)}`;
      });
      d += "Z";
    }
  }
  return d;
}

async function mapView(selected) {
  const [geo, data] = await Promise.all([world(), api(withFilters("/v1/map"))]);
  const centroids = new Map(geo.features.filter(f => f.id).map(f => [f.id, f.properties.centroid]));
  const names = new Map(geo.features.filter(f => f.id).map(f => [f.id, f.properties.name]));
  const withEvents = new Set(data.points.map(p => p.country));
  const listing = h("div", {id: "map-events"});
  const svg = s("svg", {class: "map", viewBox: `0 0 ${MAP.W} ${MAP.H}`, role: "group",
    "aria-label": `World map with ${data.points.length} place(s) with events`});
  svg.append(s("rect", {class: "sea", x: 0, y: 0, width: MAP.W, height: MAP.H}));
  for (const f of geo.features) {
    const label = f.properties.name + (withEvents.has(f.id) ? " (has events)" : "");
    const path = s("path", {class: "land" + (withEvents.has(f.id) ? " has-events" : "") +
      (f.id && f.id === selected ? " selected" : ""), d: outlinePath(f.geometry),
      "data-country": f.id || ""});
    path.append(s("title", {}, label));
    if (f.id) {
      const a = s("a", {href: `#/map/country/${f.id}${queryString()}`, "aria-label": label, class: "country"});
      a.append(path);
      svg.append(a);
    } else svg.append(path);
  }
  const biggest = Math.max(1, ...data.points.map(p => p.events));
  // On a narrow screen the map is shrunk: points grow in map units so they stay big enough to see and tap.
  const grow = Math.min(3, Math.max(1, 1.1 * MAP.W / Math.max(320, view().clientWidth)));
  for (const p of data.points) {
    const at = p.lat !== null && p.lon !== null ? [p.lon, p.lat] : centroids.get(p.country);
    if (!at) continue;
    const r = grow * (3 + 9 * Math.sqrt(p.events / biggest));
    const where = p.lat !== null ? `${p.name || "?"}, ${p.country_name || p.country || ""}`
      : `${p.country_name || p.country} (placed only in the country)`;
    const label = `${where}: ${p.events} event(s), mostly ${QUAD[p.quad_class] || "unclassified"}`;
    const href = p.geonameid !== null ? `#/map/place/${p.geonameid}${queryString()}`
      : `#/map/country/${p.country}${queryString({unplaced: "1"})}`;
    const a = s("a", {href, "aria-label": label, class: "point"});
    a.append(s("title", {}, label));
    a.append(s("circle", {class: `q${p.quad_class || 0}`, cx: px(at[0]).toFixed(1), cy: py(at[1]).toFixed(1), r: r.toFixed(1)}));
    svg.append(a);
  }
  const item = (cls, text) => h("span", {}, h("i", {class: `dot ${cls}`}), text);
  show(h("h2", {}, "Map"), h("p", {class: "muted"},
    "Events at their place, or at the middle of their country when only the country is known; colour by the kind " +
    "most of them are; the size grows with their number. Choose a point or a country to list its events."),
    filterBar(),
    h("div", {class: "legend"}, Object.entries(QUAD).map(([k, v]) => item(`q${k}`, v))),
    h("div", {class: "card map-wrap"}, svg), listing);
  return {listing, names};
}

async function mapEvents(kind, id) {
  const {listing, names} = await mapView(kind === "country" ? id : null);
  const query = kind === "place" ? {geonameid: id} : {country: id, unplaced: params.get("unplaced") ? "true" : null};
  const data = await api(withFilters("/v1/map/events", query));
  const where = kind === "place" ? (data.events[0] && data.events[0].location_name) || `place ${id}`
    : `${names.get(id) || id}${params.get("unplaced") ? " (placed only in the country)" : ""}`;
  listing.replaceChildren(h("h3", {id: "map-events-title"}, `Events in ${where} (${data.events.length})`),
    kind === "country" ? h("p", {}, link(`#/country/${id}${queryString()}`, `${names.get(id) || id}: every dyad`)) : null,
    eventsTable(data.events),
    data.events.length ? downloads("place", kind === "place" ? {geonameid: id}
      : {a: id, unplaced: params.get("unplaced") ? "true" : null}) : null);
  document.getElementById("map-events-title").scrollIntoView({block: "nearest"});
}

// --- feed watching (serve --watch) ---------------------------------------------------------------------------
let lastRevision = null, watchTimer = null;

async function watchStatus() {
  const el = document.getElementById("watch");
  try {
    const w = await fetch("/v1/watch").then(r => r.json());
    if (!w.enabled) { el.textContent = ""; clearInterval(watchTimer); return; }
    const when = t => (t ? t.replace("T", " ").replace("+00:00", " UTC") : "not yet");
    const last = w.last ? `${w.last.new} new article(s), ${w.last.events} event(s), ${w.last.skipped} already stored` +
      (w.last.failed_feeds.length ? `, ${w.last.failed_feeds.length} feed(s) failed` : "") : (w.error || "—");
    el.textContent = `Watching ${w.feeds} feed(s) every ${w.every_s} s · ` +
      (w.running ? "a round is running · " : "") + `last round ${when(w.last_finished)}: ${last}`;
    // A round stored something: views of the store's contents are drawn again (not a form being filled in).
    const revision = w.data_version.store_revision;
    const live = /^#?\/?(country|dyad|map|alerts)?(\/|\?|$)/.test(location.hash);
    if (lastRevision !== null && revision !== lastRevision && live) { dyadCache = null; route(); }
    lastRevision = revision;
  } catch (err) { el.textContent = ""; }
}

// --- router ------------------------------------------------------------------------------------------------
async function route() {
  const [path, query] = location.hash.replace(/^#\/?/, "").split("?");
  params = new URLSearchParams(query || "");
  const parts = path.split("/").map(decodeURIComponent);
  status("");
  try {
    if (parts[0] === "country" && parts[1]) await countryView(parts[1].toUpperCase());
    else if (parts[0] === "map" && (parts[1] === "place" || parts[1] === "country") && parts[2]) await mapEvents(parts[1], parts[2]);
    else if (parts[0] === "map") await mapView();
    else if (parts[0] === "dyad" && parts[1] && parts[2]) await dyad(parts[1].toUpperCase(), parts[2].toUpperCase(), parts[3]);
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
document.addEventListener("DOMContentLoaded", () => {
  route();
  watchStatus();
  watchTimer = setInterval(watchStatus, 5000);
});
