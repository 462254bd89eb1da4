"""Constructed news sentences about deaths and damage with no political author (natural disasters, accidents,
epidemics, crime by unknown people), beside political protest and violence: is the first coded as conflict,
and the second with a political type?

Why: a coder that reads "floods killed 40 people" like "militants killed 40 people" fills dyad series with
weather. The sentences are written from the grammar of how news reports such deaths -- the hazard as subject
("a cyclone killed"), the victims as subject of "died in", "were killed when", "lost their lives in", a clause of
result ("..., killing 12"), a passive with "by" -- and of how it reports protest and political violence (a
named or placed political actor, a purpose clause, a stance phrase). None is taken from an evaluation text.

Used by tests/test_nonevents.py (Hypothesis draws from the same parts) and by tools/nonevent_check.py, which
codes a seeded sample and reports the shares:

    python tests/strategies/hazard_news.py /tmp/hazard-cases/articles.jsonl 400
    PYTHONPATH=$PWD .venv/bin/python tools/nonevent_check.py --n 400
"""

from __future__ import annotations

import json
import random
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hypothesis import strategies as st

# (country, adjective, a city of it): places every actor table names.
PLACES = (
    ("Kenya", "Kenyan", "Mombasa"), ("India", "Indian", "Mumbai"), ("Pakistan", "Pakistani", "Karachi"),
    ("Nigeria", "Nigerian", "Lagos"), ("Brazil", "Brazilian", "Rio de Janeiro"), ("Peru", "Peruvian", "Lima"),
    ("Bangladesh", "Bangladeshi", "Dhaka"), ("the Philippines", "Philippine", "Manila"),
    ("Indonesia", "Indonesian", "Jakarta"), ("Egypt", "Egyptian", "Cairo"), ("Turkey", "Turkish", "Istanbul"),
    ("Iran", "Iranian", "Tehran"), ("Mexico", "Mexican", "Guadalajara"), ("Chile", "Chilean", "Santiago"),
    ("Vietnam", "Vietnamese", "Hanoi"), ("Ethiopia", "Ethiopian", "Addis Ababa"),
)
NUMBERS = ("three", "five", "seven", "12", "19", "23", "40", "dozens of", "more than 100", "at least 60")
# Victims as news names them, plural.
VICTIMS = ("people", "villagers", "residents", "passengers", "workers", "children", "miners", "pilgrims",
           "fishermen", "students", "tourists")
NATURAL = ("flood", "earthquake", "landslide", "cyclone", "typhoon", "storm", "wildfire", "avalanche",
           "heat wave", "mudslide", "tornado", "tsunami")
NATURAL_PLURAL = ("floods", "heavy rains", "landslides", "storms", "wildfires", "mudslides")
ILLNESS = ("cholera", "dengue fever", "measles", "an outbreak of cholera", "a measles epidemic",
           "a dengue epidemic")
VEHICLES = ("bus", "train", "minibus", "truck", "ferry", "boat", "helicopter", "plane")
STRUCTURES = ("a building", "a bridge", "a factory", "a school roof", "a mine", "a dam", "a stadium wall",
              "a hotel")

# kind "disaster": no political author; kind "crime": deaths by unknown common criminals; kind "political":
# protest or political violence by a political actor. {N} number, {V} victims, {H} a natural hazard (singular),
# {Hs} plural, {I} an illness, {C} a vehicle, {S} a structure, {P} country, {a} its adjective, {c} its city.
TEMPLATES: tuple[tuple[str, str, str], ...] = (
    ("disaster", "hazard-subject", "A {H} killed {N} {V} in {P} on Sunday."),
    ("disaster", "hazard-subject-plural", "{Hs} have killed {N} {V} across {P}, officials said."),
    ("disaster", "died-in", "{N} {V} died in {HA} in northern {P}."),
    ("disaster", "killed-when", "{N} {V} were killed when {HA} struck {c}."),
    ("disaster", "lost-lives", "{N} {V} lost their lives in {HA} that hit southern {P}."),
    ("disaster", "killed-by", "{N} {V} were killed by {HA} in {P}."),
    ("disaster", "result-clause", "{HA} swept through villages in {P}, killing {N} {V}."),
    ("disaster", "crash", "A {C} crash killed {N} {V} near {c} on Tuesday."),
    ("disaster", "collided", "Two {C}s collided outside {c}, killing {N} {V}."),
    ("disaster", "plunged", "{N} {V} were killed when a {C} plunged into a river in {P}."),
    ("disaster", "capsized", "{N} {V} drowned after a {C} capsized off the coast of {P}."),
    ("disaster", "collapse", "{N} {V} died when {S} collapsed in {c}."),
    ("disaster", "collapse-subject", "The collapse of {S} in {c} killed {N} {V}."),
    ("disaster", "stampede", "{N} {V} were crushed to death in a stampede at a festival in {P}."),
    ("disaster", "fire", "A fire tore through a market in {c}, killing {N} {V}."),
    ("disaster", "blaze", "{N} {V} died in a blaze at a garment factory in {c}."),
    ("disaster", "explosion", "A gas explosion at a chemical plant in {c} killed {N} {V}."),
    ("disaster", "epidemic", "{I} has killed {N} {V} in {P} this year, the health ministry said."),
    ("disaster", "epidemic-died", "{N} {V} have died of {I} in {P} since January."),
    ("disaster", "heat", "{N} {V} died of heatstroke as temperatures soared in {P}."),
    ("disaster", "injured", "{N} {V} were injured when {HA} hit {c}, destroying hundreds of homes."),
    ("disaster", "damage", "{Hs} destroyed {N} homes and damaged roads in {P}."),
    ("disaster", "trapped", "{N} {V} remain trapped after {S} caved in near {c}."),
    ("disaster", "swept-away", "{N} {V} were swept away by floodwaters in {P}."),
    ("disaster", "caught-fire", "At least {N} {V} perished when a {C} caught fire near {c}."),
    ("disaster", "overturned", "A {C} carrying {V} overturned on a highway near {c}, killing {N}."),
    ("disaster", "lightning", "Lightning strikes killed {N} {V} in eastern {P}."),
    ("disaster", "derailed-leaving", "A train derailed in {P} on Friday, leaving {N} {V} dead."),
    ("disaster", "electrocuted", "{N} {V} were electrocuted when a power line fell in {c}."),
    ("disaster", "boiler", "A boiler explosion at a textile mill in {c} killed {N} {V}."),
    ("disaster", "buried", "{N} {V} were buried alive when a hillside gave way in {P}."),
    ("disaster", "road-accident", "Police said {N} {V} died in a road accident near {c}."),
    ("disaster", "vehicle-hit", "A {C} carrying {V} hit a truck near {c}, killing {N}."),
    ("disaster", "army-camp", "A landslide hit an army camp in {P}, killing {N} soldiers."),
    ("disaster", "broke-out", "Fire broke out at a hospital in {c}, killing {N} patients."),
    ("disaster", "claimed-lives", "{HA} has claimed {N} lives in {P}."),
    ("disaster", "hunger", "Drought and hunger have killed {N} {V} in {P}, aid agencies said."),
    ("disaster", "relief", "The {a} army was deployed to rescue {V} stranded by floods in {P}."),
    ("disaster", "evacuated", "{a} soldiers evacuated thousands of {V} as {HA} approached {c}."),
    ("crime", "robbers", "Armed robbers shot dead {N} {V} at a petrol station in {c}."),
    ("crime", "unknown-gunmen", "Unidentified gunmen killed {N} {V} in a robbery in {c}."),
    ("crime", "stabbed", "A man was stabbed to death during a robbery in {c}, police said."),
    ("political", "protest", "Thousands of {a} {VP} protested in {c} against the government."),
    ("political", "protest-demand", "{a} {VP} marched through {c} to demand the release of jailed activists."),
    ("political", "tear-gas", "{a} police fired tear gas at protesters in {c}."),
    ("political", "clash", "Opposition supporters clashed with {a} police in {c}."),
    ("political", "shelling", "{a} troops shelled rebel positions near {c}."),
    ("political", "militant-attack", "Militants attacked a {a} army post, killing {N} soldiers."),
    ("political", "arrest", "{a} security forces arrested {N} opposition activists in {c}."),
    ("political", "strike", "{a} {VP} went on strike in {c} to protest against new taxes."),
    ("political", "fired-on", "{N} people were killed when {a} soldiers opened fire on demonstrators in {c}."),
    ("political", "bombing", "A suicide bomber killed {N} {a} policemen at a checkpoint in {c}."),
    ("political", "rebels-killed", "Rebel fighters raided a hamlet in northern {P} and killed {N} {V}."),
    ("political", "blockade", "Protesters blocked roads in {c} to denounce the election results."),
    ("political", "deploy", "The {a} government deployed troops to {c} after days of riots."),
    ("political", "sit-in", "{a} {VP} staged a sit-in outside parliament in {c}."),
    ("political", "streets", "Hundreds of {a} {VP} took to the streets of {c}, demanding the governor's resignation."),
    ("political", "water-cannon", "{a} police used water cannon to disperse {VP} outside the ministry in {c}."),
    ("political", "torched", "Protesters torched police vehicles in {c} after the disputed election."),
    ("political", "blocked-highway", "Angry residents blocked the highway near {c} to protest against power cuts."),
    ("political", "ambush", "Suspected militants ambushed a {a} police patrol near {c}, killing {N} officers."),
    ("political", "bomb", "A roadside bomb hit a {a} army convoy in {c}, wounding {N} soldiers."),
    ("political", "general-strike", "{a} opposition parties called a general strike in {c}."),
    ("political", "boycott", "{a} {VP} boycotted classes in {c} to protest a fee increase."),
    ("political", "rally", "{a} {VP} held a rally in {c} to denounce corruption."),
    ("political", "supporters-clash", "Supporters of the jailed opposition leader fought {a} security forces in {c}."),
    ("political", "curfew", "{a} authorities imposed a curfew in {c} after deadly clashes."),
    ("political", "custody", "Villagers stormed a police station in {P} after a man died in custody."),
    ("political", "crackdown", "{a} police detained {N} journalists who covered the protests in {c}."),
)
# People who protest, plural.
PROTESTERS = ("students", "teachers", "farmers", "workers", "doctors", "nurses", "lawyers", "traders")


@dataclass(frozen=True, slots=True)
class Case:
    """One constructed sentence and what it is: ``disaster``, ``crime`` or ``political``."""

    kind: str
    structure: str
    text: str


def _article(noun: str) -> str:
    if noun.startswith(("a ", "an ", "the ")) or noun.endswith("s"):
        return noun
    return ("an " if noun[0] in "aeiou" else "a ") + noun


def fill(template: str, place: tuple[str, str, str], number: str, victims: str, hazard: str, hazards: str,
         illness: str, vehicle: str, structure: str, protesters: str) -> str:
    text = template.format(P=place[0], a=place[1], c=place[2], N=number, V=victims, H=hazard, HA=_article(hazard),
                           Hs=hazards, I=illness, C=vehicle, S=structure, VP=protesters)
    return text[0].upper() + text[1:]


@st.composite
def cases(draw: st.DrawFn, kind: str | None = None) -> Case:
    """Hypothesis: one constructed sentence (of ``kind`` when given)."""
    pool = [t for t in TEMPLATES if kind is None or t[0] == kind]
    which, structure, template = draw(st.sampled_from(pool))
    text = fill(template, draw(st.sampled_from(PLACES)), draw(st.sampled_from(NUMBERS)),
                draw(st.sampled_from(VICTIMS)), draw(st.sampled_from(NATURAL)),
                draw(st.sampled_from(NATURAL_PLURAL)), draw(st.sampled_from(ILLNESS)),
                draw(st.sampled_from(VEHICLES)), draw(st.sampled_from(STRUCTURES)),
                draw(st.sampled_from(PROTESTERS)))
    return Case(which, structure, text)


def constructed(n: int, seed: int = 20) -> list[Case]:
    """``n`` cases drawn with a fixed seed, every structure in turn."""
    rng = random.Random(seed)
    out: list[Case] = []
    for k in range(n):
        which, structure, template = TEMPLATES[k % len(TEMPLATES)]
        text = fill(template, rng.choice(PLACES), rng.choice(NUMBERS), rng.choice(VICTIMS), rng.choice(NATURAL),
                    rng.choice(NATURAL_PLURAL), rng.choice(ILLNESS), rng.choice(VEHICLES), rng.choice(STRUCTURES),
                    rng.choice(PROTESTERS))
        out.append(Case(which, structure, text))
    return out


CONFLICT_ROOTS = ("14", "15", "17", "18", "19", "20")  # PROTEST, MOBILIZE, COERCE, ASSAULT (CAMEO roots)


def is_conflict(event: Any) -> bool:
    """An event of a conflict type (by its CAMEO root)."""
    return bool(event.type.cameo) and str(event.type.cameo).startswith(CONFLICT_ROOTS)


def shares(results: list[tuple[Case, list[Any]]]) -> dict[str, Any]:
    """From (case, asserted events) pairs: the share of disasters coded as conflict (goal <= 0.10), of crime
    coded as conflict, and of political sentences coded with a political type (goal >= 0.70) and with a
    conflict type."""
    n: Counter[str] = Counter()
    conflict: Counter[str] = Counter()
    typed: Counter[str] = Counter()
    for case, events in results:
        n[case.kind] += 1
        conflict[case.kind] += any(is_conflict(e) for e in events)
        typed[case.kind] += any(e.type.plover for e in events)

    def share(counter: Counter[str], kind: str) -> float | None:
        return counter[kind] / n[kind] if n[kind] else None

    return {"disaster_as_conflict": share(conflict, "disaster"), "crime_as_conflict": share(conflict, "crime"),
            "political_typed": share(typed, "political"), "political_as_conflict": share(conflict, "political"),
            "counts": dict(n)}


def misses(results: list[tuple[Case, list[Any]]]) -> list[tuple[Case, list[Any]]]:
    """Disasters coded as conflict and political sentences coded with no type."""
    return [(c, evs) for c, evs in results
            if (c.kind == "disaster" and any(is_conflict(e) for e in evs))
            or (c.kind == "political" and not any(e.type.plover for e in evs))]


def write_jsonl(path: Path, items: list[Case]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as out:
        for n, case in enumerate(items):
            out.write(json.dumps({"id": f"case-{n:03d}-{case.kind}-{case.structure}", "text": case.text,
                                  "published": "2025-06-01"}) + "\n")


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("hazard-cases/articles.jsonl")
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 2 * len(TEMPLATES)
    write_jsonl(target, constructed(count))
    print(f"{count} constructed cases -> {target}")
