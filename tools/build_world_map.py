"""Build the page's world map (``dyadwatch/server/static/world-110m.geojson``) from Natural Earth 110m countries.

    npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz     # in a temporary directory
    PYTHONPATH=. .venv/bin/python tools/build_world_map.py /tmp/x/package/countries-110m.json --version 2.0.2

The npm package ``world-atlas`` (ISC, Mike Bostock) ships Natural Earth's 1:110m Admin 0 countries (public
domain) as TopoJSON, keyed by ISO 3166-1 numeric code. This decodes the topology (quantised, delta-encoded arcs)
into GeoJSON, keys each country by its ISO 3166-1 alpha-3 code (pycountry; Kosovo by its user-assigned XKX),
rounds coordinates to 0.1 degree (the 110m scale's own resolution), adds each country's centroid (where events
placed only in a country are drawn), and records the source package, version, licence and both sha256 sums in
``static/MANIFEST.json``. Run once when the source changes; the program never downloads anything.
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
STATIC = REPO / "dyadwatch" / "server" / "static"
OUT = STATIC / "world-110m.geojson"
# Natural Earth features without an ISO 3166-1 numeric code in world-atlas, by name.
BY_NAME = {"Kosovo": "XKX", "N. Cyprus": None, "Somaliland": None}


def decode_arcs(topo: dict[str, Any]) -> list[list[tuple[float, float]]]:
    """Absolute lon/lat arcs from a quantised topology (TopoJSON spec: delta-encoded integer positions)."""
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def ring(indexes: list[int], arcs: list[list[tuple[float, float]]]) -> list[list[float]]:
    """A ring from arc indexes (a negative index ~i is arc i reversed); shared end points are not repeated."""
    out: list[tuple[float, float]] = []
    for i in indexes:
        points = arcs[i] if i >= 0 else arcs[~i][::-1]
        out.extend(points[1:] if out else points)
    rounded: list[list[float]] = []
    for lon, lat in out:
        p = [round(lon, 1), round(lat, 1)]
        if not rounded or rounded[-1] != p:
            rounded.append(p)
    if rounded and rounded[0] != rounded[-1]:
        rounded.append(rounded[0])
    return rounded


def area_centroid(rings: list[list[float]]) -> tuple[float, float, float]:
    """Signed area and centroid of a ring (shoelace formula, in degrees: good enough to place a marker)."""
    a = cx = cy = 0.0
    for (x0, y0), (x1, y1) in itertools.pairwise(rings):
        cross = x0 * y1 - x1 * y0
        a += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    if abs(a) < 1e-12:
        xs, ys = [p[0] for p in rings], [p[1] for p in rings]
        return 0.0, sum(xs) / len(xs), sum(ys) / len(ys)
    return a / 2, cx / (3 * a), cy / (3 * a)


def alpha3(numeric: str | None, name: str) -> str | None:
    import pycountry

    if numeric and numeric.isdigit():
        country = pycountry.countries.get(numeric=numeric.zfill(3))
        if country is not None:
            return str(country.alpha_3)
    return BY_NAME.get(name)


def build(topo: dict[str, Any]) -> dict[str, Any]:
    arcs = decode_arcs(topo)
    features = []
    for geom in topo["objects"]["countries"]["geometries"]:
        name = geom.get("properties", {}).get("name", "")
        if geom["type"] == "Polygon":
            polygons = [geom["arcs"]]
        elif geom["type"] == "MultiPolygon":
            polygons = geom["arcs"]
        else:
            continue
        coords = [[ring(r, arcs) for r in poly] for poly in polygons]
        coords = [[r for r in poly if len(r) >= 4] for poly in coords]
        coords = [poly for poly in coords if poly]
        if not coords:
            continue
        biggest = max((area_centroid(poly[0]) for poly in coords), key=lambda t: abs(t[0]))
        if not -180 <= biggest[1] <= 180:  # a ring cut at the antimeridian (Russia): mean of its vertices
            outer = max((poly[0] for poly in coords), key=len)
            inside = [p for p in outer if -180 <= p[0] <= 180]
            biggest = (0.0, sum(p[0] for p in inside) / len(inside), sum(p[1] for p in inside) / len(inside))
        features.append({
            "type": "Feature", "id": alpha3(geom.get("id"), name),
            "properties": {"name": name, "centroid": [round(biggest[1], 2), round(biggest[2], 2)]},
            "geometry": {"type": "MultiPolygon", "coordinates": coords},
        })
    features.sort(key=lambda f: (f["id"] or "~", f["properties"]["name"]))
    return {"type": "FeatureCollection", "features": features}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("topojson", help="countries-110m.json from the npm package world-atlas")
    parser.add_argument("--version", required=True, help="the world-atlas package version it came from")
    args = parser.parse_args()
    raw = Path(args.topojson).read_bytes()
    data = build(json.loads(raw))
    text = json.dumps(data, separators=(",", ":"), ensure_ascii=False) + "\n"
    OUT.write_text(text, encoding="utf-8")
    manifest_path = STATIC / "MANIFEST.json"
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    entry = {
        "file": OUT.name,
        "origin": "Natural Earth 1:110m Cultural Vectors, Admin 0 - Countries, as TopoJSON in the npm package "
                  f"world-atlas@{args.version} (countries-110m.json); converted by tools/build_world_map.py",
        "source_package": f"npm:world-atlas@{args.version}",
        "source_file": "countries-110m.json",
        "source_sha256": hashlib.sha256(raw).hexdigest(),
        "licence": "Natural Earth data: public domain; world-atlas packaging: ISC (Mike Bostock)",
        "sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
        "features": len(data["features"]),
    }
    manifest["third_party"] = [e for e in manifest.get("third_party", []) if e.get("file") != OUT.name] + [entry]
    manifest_path.write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {OUT} ({len(text):,} bytes, {len(data['features'])} countries)")


if __name__ == "__main__":
    main()
