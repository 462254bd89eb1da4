"""Generated news: Hypothesis strategies that compose news-like text from the pieces real feeds are made of.

Why composed, not random characters: the coder's failures (issue 12) came from common news shapes that random text
never produces (verbless headlines with a possessive, lists of "its X", repeated pronouns, upper-cased wire copy).
Each strategy below builds one such shape from small vocabularies of actors, acts, dates, places and amounts; the
article strategy strings several together under a dateline and then maybe changes the case or swaps letters for
Cyrillic/Greek look-alikes. The vocabularies are generic newsroom words, not sentences from any evaluation set.
"""

from __future__ import annotations

from datetime import date

from hypothesis import strategies as st

COUNTRIES = (
    "the United States", "China", "Russia", "Ukraine", "Venezuela", "Japan", "India", "Pakistan", "Iran", "Israel",
    "Turkey", "Brazil", "Germany", "France", "North Korea", "South Korea", "Taiwan", "Kenya", "Somalia", "Mexico",
    "the Philippines", "Vietnam", "Egypt", "Ethiopia", "Sudan", "Canada", "Britain", "Australia", "Nigeria",
)
DEMONYMS = ("American", "Chinese", "Russian", "Ukrainian", "Japanese", "Indian", "Iranian", "Israeli", "Turkish",
            "French", "German", "Kenyan", "Mexican", "British", "Egyptian")
ORGS = ("the United Nations", "NATO", "the European Union", "the African Union", "the World Bank", "the IMF",
        "the Security Council", "ASEAN", "the Red Cross", "Hamas", "the Taliban")
ROLES = ("President", "Prime Minister", "Foreign Minister", "Defense Secretary", "the spokesman", "the ambassador",
         "the envoy", "the army chief", "lawmakers", "officials", "protesters", "rebels", "police", "the ministry",
         "the government", "the military", "the navy", "the opposition", "diplomats", "troops")
PERSONS = ("John Smith", "Maria Lopez", "Wang Wei", "Ivan Petrov", "Amina Yusuf", "Kenji Sato", "Ali Reza",
           "Anna Schmidt", "David Cohen", "Grace Mwangi")
PRONOUNS = ("it", "its", "they", "their", "he", "his", "she", "her", "them")
VERBS = ("accused", "rejected", "met with", "signed a deal with", "condemned", "imposed sanctions on", "threatened",
         "praised", "attacked", "deployed troops to", "declined to meet", "agreed to talks with", "warned",
         "expelled diplomats from", "welcomed", "criticized", "sent aid to", "arrested citizens of", "urged",
         "blamed", "hosted", "visited", "called on", "denied", "refused to recognize", "pledged support for")
INTRANSITIVE = ("declined to comment", "did not respond", "said nothing", "walked out", "protested",
                "announced new measures", "held talks", "voted", "withdrew")
NOUNS = ("tariffs", "sanctions", "talks", "the deal", "the proposal", "the move", "the decision", "arms sales",
         "the ceasefire", "the treaty", "new restrictions", "military drills", "the agreement", "aid", "the visit",
         "the strike", "the blockade", "its timing", "its consequences", "its partners", "its donors")
DATES = ("on Friday", "last November", "in 2015", "two years ago", "earlier this month", "in April", "on Monday",
         "last week", "in March 2021", "on Nov. 3", "this year", "yesterday", "in the 1990s", "since 2010",
         "on 12 June", "next month", "in late 2022", "a decade ago")
PLACES = ("in Geneva", "in Laos", "at the United Nations", "in Beijing", "in Kyiv", "near the border", "in Gaza",
          "on Wall Street", "in the South China Sea", "in Nairobi", "at the summit", "in Caracas", "in Moscow",
          "in Washington", "in Tokyo", "in the capital")
CITIES = ("BEIJING", "WASHINGTON", "MOSCOW", "KYIV", "NAIROBI", "GENEVA", "TOKYO", "CARACAS", "NEW DELHI",
          "UNITED NATIONS", "ISTANBUL", "SEOUL")
OUTLETS = ("Reuters", "AP", "AFP", "VOA", "Xinhua")
SAY = ("said", "told reporters", "said in a statement", "wrote on social media", "added", "warned")

# Letters with a look-alike in another script (Cyrillic and Greek), as copy-pasted or adversarial text carries them.
HOMOGLYPHS = {
    "a": "а", "c": "с", "e": "е", "o": "о", "p": "р", "x": "х", "y": "у", "i": "і", "s": "ѕ",
    "A": "Α", "B": "Β", "E": "Ε", "H": "Η", "K": "Κ", "M": "Μ", "O": "Ο", "P": "Ρ", "T": "Τ", "X": "Χ",
}


def _pick(items: tuple[str, ...]) -> st.SearchStrategy[str]:
    return st.sampled_from(items)


def actors() -> st.SearchStrategy[str]:
    """A noun phrase that names or stands for an actor."""
    role_of = st.builds(lambda d, r: f"{d} {r.removeprefix('the ')}", _pick(DEMONYMS), _pick(ROLES))
    titled = st.builds(lambda r, p: f"{r} {p}", _pick(("President", "Minister", "General", "Ambassador")),
                       _pick(PERSONS))
    of_country = st.builds(lambda r, c: f"{r} of {c}", _pick(ROLES), _pick(COUNTRIES))
    possessive = st.builds(lambda c, r: f"{c}'s {r.removeprefix('the ')}", _pick(COUNTRIES), _pick(ROLES))
    return st.one_of(_pick(COUNTRIES), _pick(ORGS), role_of, titled, of_country, possessive, _pick(PERSONS),
                     _pick(("It", "They", "He", "She")))


def amounts() -> st.SearchStrategy[str]:
    """Numbers and money as news writes them."""
    money = st.builds(lambda n, u: f"${n} {u}", st.integers(1, 999), _pick(("million", "billion", "trillion")))
    count = st.builds(lambda n, w: f"{n:,} {w}", st.integers(1, 200_000),
                      _pick(("troops", "people", "refugees", "soldiers", "tonnes of grain", "percent")))
    decimal = st.builds(lambda n: f"{n:.1f}%", st.floats(0, 100, allow_nan=False))
    euros = st.builds(lambda n: f"€{n}m", st.integers(1, 9999))
    year = st.builds(str, st.integers(1900, 2099))
    return st.one_of(money, count, decimal, euros, year)


def _tail() -> st.SearchStrategy[str]:
    bits = st.lists(st.one_of(_pick(DATES), _pick(PLACES), st.builds(lambda a: f"over {a}", amounts())),
                    max_size=3)
    return bits.map(lambda xs: (" " + " ".join(xs)) if xs else "")


def clause() -> st.SearchStrategy[str]:
    """Subject-verb-object clause, with optional date, place and amount phrases (no final full stop)."""
    transitive = st.builds(lambda s, v, o, t: f"{s} {v} {o}{t}", actors(), _pick(VERBS), actors(), _tail())
    over = st.builds(lambda s, v, n, t: f"{s} {v} {n}{t}", actors(), _pick(VERBS), _pick(NOUNS), _tail())
    intransitive = st.builds(lambda s, v, t: f"{s} {v}{t}", actors(), _pick(INTRANSITIVE), _tail())
    return st.one_of(transitive, over, intransitive)


def headline() -> st.SearchStrategy[str]:
    """Verbless headlines and captions, including the possessive and list shapes that once stalled the coder."""
    nominal = st.builds(lambda n, a, b: f"{n.capitalize()} against {a} and its foreign allies by {b}.",
                        _pick(("approval of new tariffs", "sanctions", "criticism", "support", "a ban")),
                        actors(), actors())
    its_list = st.lists(_pick(NOUNS).map(lambda n: f"its {n.removeprefix('the ').removeprefix('its ')}"),
                        min_size=2, max_size=6).map(lambda xs: (", ".join(xs[:-1]) + ", " + xs[-1] + ".").capitalize())
    org_and_its = st.builds(lambda r, a, b: f"{r.capitalize()} and its {a}, its {b}.",
                            _pick(ROLES), _pick(("agencies", "partners", "allies")), _pick(("donors", "rivals")))
    noun_colon = st.builds(lambda a, n: f"{a}: {n} amid tensions", actors(), _pick(NOUNS))
    return st.one_of(nominal, its_list, org_and_its, noun_colon)


def repeated() -> st.SearchStrategy[str]:
    """A token repeated many times ("it it it ..."), as broken scrapers and ticker text produce."""
    return st.builds(lambda w, n: " ".join([w] * n) + ".", _pick((*PRONOUNS, "the", "and", "China", "said", "-")),
                     st.integers(3, 60))


def sentence() -> st.SearchStrategy[str]:
    """One sentence of a news story, in one of the shapes news uses."""
    simple = clause().map(lambda c: c[0].upper() + c[1:] + ".")
    listed = st.builds(lambda xs, v, o: f"{', '.join(xs[:-1])} and {xs[-1]} {v} {o}.",
                       st.lists(actors(), min_size=2, max_size=5), _pick(VERBS), actors())
    coordinated = st.builds(lambda a, b: f"{a[0].upper() + a[1:]}, and {b}.", clause(), clause())
    apposition = st.builds(lambda s, d, v, o: f"{s}, {d}, {v} {o}.", actors(),
                           st.builds(lambda r, c: f"a close ally of {c}", _pick(ROLES), _pick(COUNTRIES)),
                           _pick(VERBS), actors())
    relative = st.builds(lambda s, c, v, o: f"{s}, which {c}, {v} {o}.", actors(),
                         st.builds(lambda v, o: f"has long {v} {o}", _pick(VERBS), actors()), _pick(VERBS), actors())
    quote = st.builds(lambda c, who, say: f'"{c[0].upper() + c[1:]}," {who} {say}.', clause(), actors(), _pick(SAY))
    quote_first = st.builds(lambda who, say, c: f'{who} {say}: "{c}."', actors(), _pick(SAY), clause())
    numbers = st.builds(lambda s, v, a, d: f"{s} {v} {a} {d}.", actors(),
                        _pick(("pledged", "sent", "lost", "deployed", "froze", "announced")), amounts(), _pick(DATES))
    return st.one_of(simple, listed, coordinated, apposition, relative, quote, quote_first, numbers, headline(),
                     repeated(), long_sentence())


def long_sentence() -> st.SearchStrategy[str]:
    """A very long sentence: many clauses chained with commas, 'and', 'while' and 'after'."""
    joiners = _pick((", ", " and ", ", while ", " after ", "; ", ", which ", " because "))
    return st.lists(st.tuples(clause(), joiners), min_size=6, max_size=40).map(
        lambda parts: ("".join(c + j for c, j in parts[:-1]) + parts[-1][0]).capitalize() + "."
    )


def dateline() -> st.SearchStrategy[str]:
    plain = st.builds(lambda c, o: f"{c} ({o}) — ", _pick(CITIES), _pick(OUTLETS))
    dated = st.builds(lambda c, m, d: f"{c}, {m}. {d} — ", _pick(CITIES), _pick(("Jan", "Feb", "Nov", "Dec")),
                      st.integers(1, 28))
    return st.one_of(st.just(""), plain, dated)


DATELINE_COUNTRIES = ("China", "Egypt", "Kenya", "Lebanon", "India", "Japan", "Russia", "Venezuela")
REPORTERS = ("Jane Doe", "Ali Hassan", "Maria Lopez", "Wang Wei")


def datelines() -> st.SearchStrategy[str]:
    """A dateline in every style the wires and newsrooms use, as the first line of an article.

    "CAIRO --", "CAIRO, Egypt --", "BEIRUT, Lebanon (AP) -", "GENEVA, Nov. 3 (Reuters) -", "Beijing (Reuters) -",
    "Nairobi —", "NEW DELHI:", "new delhi:" (lower-cased copy), each followed by the story.
    """
    city = _pick(CITIES)
    title = city.map(lambda c: c.title())
    dash = _pick((" -- ", " - ", " — ", " – "))
    month = st.builds(lambda m, d: f"{m}. {d}", _pick(("Jan", "Feb", "Nov", "Dec")), st.integers(1, 28))
    return st.one_of(
        st.builds(lambda c, d: f"{c}{d}", city, dash),
        st.builds(lambda c, k, d: f"{c}, {k}{d}", city, _pick(DATELINE_COUNTRIES), dash),
        st.builds(lambda c, k, o, d: f"{c}, {k} ({o}){d}", city, _pick(DATELINE_COUNTRIES), _pick(OUTLETS), dash),
        st.builds(lambda c, m, o, d: f"{c}, {m} ({o}){d}", city, month, _pick(OUTLETS), dash),
        st.builds(lambda c, o, d: f"{c} ({o}){d}", title, _pick(OUTLETS), dash),
        st.builds(lambda c, d: f"{c}{d}", title, _pick((" — ", " -- "))),
        st.builds(lambda c: f"{c}: ", city),
        st.builds(lambda c: f"{c}: ", title),
    )


def structure_lines() -> st.SearchStrategy[str]:
    """A line of article structure that is no sentence of the story: a byline, a credit, an interview label."""
    return st.one_of(
        st.builds(lambda r: f"By {r}", _pick(REPORTERS)),
        st.builds(lambda r, o: f"By {r}, {o}", _pick(REPORTERS), _pick(OUTLETS)),
        st.builds(lambda o: f"Photo: {o}", _pick(OUTLETS)),
        st.builds(lambda o, r: f"FILE - Police stand guard. ({o} Photo/{r})", _pick(OUTLETS), _pick(REPORTERS)),
        st.builds(lambda r: f"(Reporting by {r}; Editing by {r})", _pick(REPORTERS)),
        st.builds(lambda r: f"{r} contributed to this report.", _pick(REPORTERS)),
        st.builds(lambda lab, c: f"{lab}: {c[0].upper()}{c[1:]}?", _pick(("Q", "VOA", "Reporter")), clause()),
        st.builds(lambda lab, c: f"{lab}: {c[0].upper()}{c[1:]}.", _pick(("A", "VOA")), clause()),
    )


_BUILT: dict[str, st.SearchStrategy[str]] = {}


def _strategy(name: str, make) -> st.SearchStrategy[str]:  # type: ignore[no-untyped-def]
    """Each strategy built once: a composite that rebuilds the sentence strategy per draw spends its time validating."""
    if name not in _BUILT:
        _BUILT[name] = make()
    return _BUILT[name]


@st.composite
def structured_articles(draw: st.DrawFn, max_sentences: int = 5) -> tuple[str, list[tuple[int, int]]]:
    """An article with a dateline and structure lines (bylines, credits, labels) among its paragraphs.

    Returns the text and the character ranges of its structure (the dateline, each byline and credit, each label
    with its colon): the parts that must never be read as actors.
    """
    story, structure = _strategy("sentence", sentence), _strategy("structure", structure_lines)
    ranges: list[tuple[int, int]] = []
    line = draw(_strategy("datelines", datelines))
    ranges.append((0, len(line.rstrip())))
    text = line + draw(story)
    for _ in range(draw(st.integers(0, max_sentences))):
        text += "\n\n"
        if draw(st.booleans()):
            text += draw(story)
            continue
        line = draw(structure)
        label = line.split(":", 1)[0] if line[:1] in "QAVR" and ": " in line else None
        end = len(text) + (len(label) + 1 if label is not None else len(line))
        ranges.append((len(text), end))
        text += line
    return (text.lower() if draw(st.integers(0, 4)) == 0 else text), ranges


def homoglyphs(text: str, ratio: int) -> str:
    """Swap every ``ratio``-th swappable letter for its Cyrillic/Greek look-alike."""
    out, seen = [], 0
    for ch in text:
        if ch in HOMOGLYPHS:
            seen += 1
            if seen % ratio == 0:
                out.append(HOMOGLYPHS[ch])
                continue
        out.append(ch)
    return "".join(out)


def _variant(text: str, kind: str, ratio: int) -> str:
    if kind == "lower":
        return text.lower()
    if kind == "upper":
        return text.upper()
    if kind == "mixed-script":
        return homoglyphs(text, ratio)
    return text


@st.composite
def news_texts(draw: st.DrawFn, max_sentences: int = 8) -> str:
    """A news-like article body: an optional dateline, then sentences in paragraphs, maybe re-cased or mixed-script."""
    sentences = draw(st.lists(sentence(), min_size=1, max_size=max_sentences))
    paragraphs: list[str] = []
    current: list[str] = []
    for s in sentences:
        current.append(s)
        if draw(st.booleans()):
            paragraphs.append(" ".join(current))
            current = []
    if current:
        paragraphs.append(" ".join(current))
    text = draw(dateline()) + "\n\n".join(paragraphs)
    kind = draw(st.sampled_from(("as-is", "as-is", "lower", "upper", "mixed-script")))
    return _variant(text, kind, draw(st.integers(1, 7)))


def published_dates() -> st.SearchStrategy[date | None]:
    return st.one_of(st.none(), st.dates(min_value=date(1990, 1, 1), max_value=date(2030, 12, 31)))


@st.composite
def news_articles(draw: st.DrawFn, max_sentences: int = 8) -> tuple[str, date | None]:
    """(text, publication date or None)."""
    return draw(news_texts(max_sentences)), draw(published_dates())
