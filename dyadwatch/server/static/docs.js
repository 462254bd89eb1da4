// The API reference, drawn from /openapi.json by this page itself: no CDN, no bundled UI library, works offline.
// Each operation lists its parameters, body and responses; a GET can be tried from the page.
"use strict";

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith("on")) node.addEventListener(k.slice(2), v); else node.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children.flat(Infinity)) if (c !== null && c !== undefined) node.append(c instanceof Node ? c : String(c));
  return node;
}

function resolve(spec, schema) {
  let seen = 0;
  while (schema && schema.$ref && seen++ < 20) {
    schema = schema.$ref.replace(/^#\//, "").split("/").reduce((o, k) => (o || {})[k], spec);
  }
  return schema || {};
}

function typeOf(spec, schema) {
  schema = resolve(spec, schema);
  if (schema.enum) return schema.enum.map(v => JSON.stringify(v)).join(" | ");
  if (schema.anyOf) return schema.anyOf.map(x => typeOf(spec, x)).join(" | ");
  if (schema.type === "array") return `array of ${typeOf(spec, schema.items)}`;
  const bits = [schema.type || (schema.title ? schema.title : "object")];
  if (schema.format) bits.push(`(${schema.format})`);
  if (schema.pattern) bits.push(`matching ${schema.pattern}`);
  if (schema.minimum !== undefined) bits.push(`≥ ${schema.minimum}`);
  if (schema.maximum !== undefined) bits.push(`≤ ${schema.maximum}`);
  return bits.join(" ");
}

function tryIt(path, op) {
  const inputs = (op.parameters || []).map(p => {
    const input = el("input", {name: p.name, "aria-label": `${p.name} (${p.in})`,
      placeholder: p.schema && p.schema.default !== undefined ? String(p.schema.default) : p.name});
    return {p, input};
  });
  const out = el("pre", {class: "card try-out"});
  const run = async ev => {
    ev.preventDefault();
    let url = path;
    const query = new URLSearchParams();
    for (const {p, input} of inputs) {
      if (!input.value) continue;
      if (p.in === "path") url = url.replace(`{${p.name}}`, encodeURIComponent(input.value));
      else if (p.in === "query") query.set(p.name, input.value);
    }
    if (query.toString()) url += `?${query}`;
    out.textContent = `GET ${url}\n…`;
    const response = await fetch(url);
    const text = await response.text();
    let body = text;
    try { body = JSON.stringify(JSON.parse(text), null, 2); } catch (err) { /* not JSON: shown as it is */ }
    out.textContent = `GET ${url}\nHTTP ${response.status}\n\n${body.slice(0, 20000)}`;
  };
  return el("form", {class: "try", onsubmit: run},
    el("div", {class: "row"}, inputs.map(({input}) => input), el("button", {type: "submit"}, "Try it")), out);
}

function operation(spec, path, method, op) {
  const params = (op.parameters || []).map(p => el("tr", {},
    el("td", {}, el("code", {}, p.name)), el("td", {}, p.in), el("td", {}, p.required ? "yes" : ""),
    el("td", {}, typeOf(spec, p.schema)), el("td", {}, (p.description || (p.schema || {}).description || ""))));
  const body = op.requestBody && op.requestBody.content && op.requestBody.content["application/json"];
  const responses = Object.entries(op.responses || {}).map(([code, r]) => el("li", {},
    el("code", {}, code), ` ${r.description || ""}`,
    r.content ? ` (${Object.keys(r.content).join(", ")})` : ""));
  const id = `${method}-${path}`.replace(/[^A-Za-z0-9]+/g, "-");
  return el("article", {class: "card op", id},
    el("h3", {}, el("span", {class: `method ${method}`}, method.toUpperCase()), " ", el("code", {}, path)),
    op.summary ? el("p", {}, op.summary) : null,
    op.description ? el("p", {class: "muted pre"}, op.description) : null,
    params.length ? el("div", {class: "table-wrap"}, el("table", {}, el("thead", {}, el("tr", {},
      ["Parameter", "In", "Required", "Type", "Meaning"].map(t => el("th", {}, t)))), el("tbody", {}, params))) : null,
    body ? el("p", {}, "Body (JSON): ", typeOf(spec, body.schema)) : null,
    el("p", {class: "muted"}, "Responses:"), el("ul", {}, responses),
    method === "get" ? tryIt(path, op) : null);
}

async function main() {
  const status = document.getElementById("status");
  try {
    const spec = await fetch("/openapi.json").then(r => r.json());
    const byTag = new Map();
    for (const [path, item] of Object.entries(spec.paths)) {
      for (const [method, op] of Object.entries(item)) {
        const tag = (op.tags && op.tags[0]) || "other";
        if (!byTag.has(tag)) byTag.set(tag, []);
        byTag.get(tag).push([path, method, op]);
      }
    }
    const toc = el("nav", {class: "toc", "aria-label": "Operations"}, el("ul", {}, [...byTag].map(([tag, ops]) =>
      el("li", {}, tag, el("ul", {}, ops.map(([path, method]) => el("li", {},
        el("a", {href: `#${`${method}-${path}`.replace(/[^A-Za-z0-9]+/g, "-")}`}, `${method.toUpperCase()} ${path}`))))))));
    const sections = [...byTag].map(([tag, ops]) => el("section", {},
      el("h2", {}, tag), ops.map(([path, method, op]) => operation(spec, path, method, op))));
    document.getElementById("docs").replaceChildren(
      el("h2", {}, `${spec.info.title} ${spec.info.version}`), el("p", {class: "pre"}, spec.info.description || ""),
      toc, ...sections);
    document.title = `${spec.info.title} API ${spec.info.version}`;
    status.textContent = "";
  } catch (err) {
    status.textContent = `The API description did not load: ${err.message}`;
    status.className = "error";
  }
}

document.addEventListener("DOMContentLoaded", main);
