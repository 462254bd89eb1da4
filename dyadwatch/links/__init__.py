"""Cause -> response links: which event in an article answers which other event, as the text says it.

News explains responses: "rejected the proposal, citing the arms sale as its justification", "in retaliation
for", "The rejection follows the approval". This stage reads those cues in the dependency parse and records, on
each response candidate, the candidate indices it responds to (``EventCandidate.responds_to``); the assemble
stage turns them into event ids.

Three steps:

1. **Event coreference inside the article.** Mentions of one event ("declined a meeting", "rejected the
   proposal", "the refusal", "the rejection") are chained: same PLOVER type, compatible mode, compatible actors
   and dates, and either one of them is a noun (nominal anaphora) or both name the same actors. A link found
   on any mention applies to every mention of the response and points at the cause's most informative mention.
2. **Cues.** Prepositional cues ("in response to X", "following X", "after X"), clausal ones ("After X did A,
   Y did B"), verbs ("X follows Y", "X prompted Y", "Y responded to X"), "citing X", and reaction verbs whose
   object is itself an event ("condemned the deal"). The cause is the event whose trigger lies in the cue's
   phrase; failing that, the phrase's head noun is resolved to an event of the article by its stem
   ("the rejection" -> "rejected", "the approval" -> "approved") or, for "this move", to the latest event.
3. **Plausibility of temporal cues.** "after" and "following" are also used for mere sequence ("comes days
   after the leaders met"). A link from a temporal cue needs the response to be aimed at a party of the cause
   (or the cause at the responder; unknown actors do not pass), the cause not to be dated after the response,
   and, inside one dyad, the
   same direction (cooperation answering cooperation, conflict answering conflict: reciprocity, the pattern
   event-data research measures; conflict right after cooperation in one dyad is contrast, not response).
"""

from __future__ import annotations

from dyadwatch.document.analysis import Analysis
from dyadwatch.links.coreference import chains, corefer, representative, share_date
from dyadwatch.links.cues import CueFinder, Link, plausible

__all__ = ["Link", "corefer", "link_candidates"]


def link_candidates(analysis: Analysis) -> None:
    """Record, on every response candidate of the article, the candidates it responds to (in place)."""
    cands = analysis.candidates
    if len(cands) < 2 or analysis.doc is None:
        return
    finder = CueFinder(analysis)
    event_chains = chains(cands)
    chain_of = {i: k for k, chain in enumerate(event_chains) for i in chain}
    reps = [representative(cands, chain) for chain in event_chains]
    found: dict[tuple[int, int], Link] = {}
    for link in finder.links():
        rc, cc = chain_of[link.response], chain_of[link.cause]
        if rc == cc:
            continue
        if link.strength == "weak" and not plausible(cands, event_chains[rc], event_chains[cc]):
            continue
        key = (rc, cc)
        if (cc, rc) in found:  # never both ways: keep the first (strong cues are found first)
            continue
        if key not in found or (found[key].strength == "weak" and link.strength == "strong"):
            found[key] = link
    for (rc, cc), link in sorted(found.items()):
        cause = reps[cc]
        span = analysis.sentences[link.sentence_index].span if analysis.sentences else None
        for i in event_chains[rc]:
            cand = cands[i]
            if cause != i and cause not in cand.responds_to:
                cand.responds_to.append(cause)
            cand.notes.setdefault("links", []).append({
                "responds_to": cause,
                "cue": link.cue,
                "strength": link.strength,
                "sentence_index": link.sentence_index,
                "evidence": span.to_dict() if span else None,
            })
    for k, chain in enumerate(event_chains):
        if len(chain) > 1:
            share_date(cands, chain, reps[k])
            for i in chain:
                cands[i].notes["coref"] = [reps[k], *sorted(j for j in chain if j != reps[k])]
