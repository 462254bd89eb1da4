"""Whether a predicate reports an event at all, and with what status: background clauses, scene-setting nouns,
wants and duties, refusals, stated intentions and reported obligations (mixed into the Coder).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from dyadwatch.document.doccache import children as dependents
from dyadwatch.document.doccache import head as head_of
from dyadwatch.document.doccache import heads
from dyadwatch.events import modality as mod
from dyadwatch.events.arguments import Arguments
from dyadwatch.events.found import Found
from dyadwatch.events.matcher import Match, Matcher
from dyadwatch.events.retype import conditional_threat, prepared_force, sanctions_relief
from dyadwatch.events.syntax import VERB_POS, logical_subjects

if TYPE_CHECKING:
    from spacy.tokens import Token


# Subordinators of temporal/causal clauses that tell what had already happened.
TEMPORAL_MARKS = frozenset({"after", "when", "as", "since", "while", "because", "once", "following"})
# Prepositions that put an earlier event in sequence with the reported one ("cut ties after the visit"): the
# writer makes that event part of the story, so it is coded even inside a sentence that reports another act.
SEQUENCE_PREPS = frozenset({"after", "following", "before", "prior"})
# ... and the multi-word prepositions that give an event as the cause ("closed the border because of fighting").
CAUSE_PREPS = frozenset({"because", "due", "owing"})
INVESTIGATION_ROOT = "09"  # CAMEO investigate (PLOVER ACCUSE investigate)


class EventStatus:
    """A predicate's status: background, wants, duties, refusals, intentions (mixed into ``Coder``)."""

    @staticmethod
    def _scene_setting(noun: Token, governors: set[int]) -> bool:
        """An event noun in a prepositional phrase under the sentence's reported act is what that act is about or
        when it happened ("complained over two air raids", "refused to join the war", "hiding since the
        invasion"), not a new event: the raid or war was reported when it happened. Nouns the text puts in
        sequence with the act ("after Pelosi's visit", "following the attack") stay: they are part of the story.
        """
        if not governors or noun.dep_ != "pobj" or head_of(noun).lower_ in SEQUENCE_PREPS:
            return False
        if head_of(noun).lower_ in CAUSE_PREPS or (head_of(noun).lower_ in ("of", "to")
                                               and head_of(head_of(noun)).lower_ in CAUSE_PREPS):
            return False
        up, k = heads(noun.doc), noun.i  # ``noun.ancestors`` without building each head word
        while up[k] != k:
            k = up[k]
            if k in governors:
                return True
        return False

    @staticmethod
    def _background(tok: Token) -> bool:
        """Whether a verb lies in a clause that sets the scene for the sentence's main event rather than reporting
        a new one: a relative clause on a participant other than the subject ("demanded the return of a helicopter
        that was captured last week", "refugees whom they blame") or a finite past-tense temporal clause
        ("..., one day after a jet shot down a helicopter").

        Such events are told as known background (and are usually reported on their own elsewhere); coding them
        again beside the main event counts one event twice. They are kept when the sentence has no other event.
        """
        t = tok
        for _ in range(len(tok.doc)):  # bounded: at most one step per token
            if head_of(t).i == t.i:
                break
            if t.dep_ == "relcl" and head_of(t).dep_ not in ("nsubj", "nsubjpass"):
                return True  # a relative clause on the subject ("Sudan, which expelled ...") tells more of its acts
            if t.dep_ == "advcl" and (t.tag_ in ("VBD", "VBN") or any(
                    c.dep_ in ("aux", "auxpass") and c.tag_ == "VBD" for c in dependents(t))) \
                    and any(c.dep_ == "mark" and c.lower_ in TEMPORAL_MARKS for c in dependents(t)):
                return True
            t = head_of(t)
        return False

    def _wanted(self, verb: Token, args: Arguments, matcher: Matcher) -> Match | None:
        """"X wants Y to pay compensation": X appeals to Y (CAMEO 02x, derived from what Y is to do); "X wants
        to buy tanks" (no second party) stays X's intention, handled as modality."""
        if "wish" not in self.lex.kinds(verb.lemma_.lower()):
            return None
        for comp in dependents(verb):
            if comp.dep_ != "ccomp" or comp.pos_ not in VERB_POS or not any(c.tag_ == "TO" for c in dependents(comp)):
                continue
            subjects = [c for c in dependents(comp) if c.dep_ == "nsubj"]
            if not subjects or not all(args.is_actor(s) for s in subjects):
                continue
            entry = next((e for e in self.lex.verbs.get("appeal", ()) if not e.prt), None)
            if entry is None:
                return None
            match = Match(verb, entry, entry.cameo, subjects, False, consumed={comp.i})
            inner = matcher.match_verb(comp)
            if inner is not None:
                match.inner, match.derived_from = inner, "complement"
                match.cameo = self.lex.derived("appeal", inner.cameo) or entry.cameo
                match.consumed |= inner.consumed
            return match
        return None

    def _reported_duty(self, verb: Token, args: Arguments) -> Match | None:
        """"X said Y must drop its barriers": X demands something of Y even when the demanded act is not in the
        lexicon. The clause is coded as a general demand (100) at its verb; ``_reported_obligation`` then makes
        the speaker the source and the clause's subject the target.
        """
        if not any(c.dep_ == "aux" and c.tag_ == "MD" and "obligation" in self.lex.kinds(c.lower_)
                   for c in dependents(verb)):
            return None
        if verb.dep_ != "ccomp" or "speech" not in self.lex.kinds(head_of(verb).lemma_.lower()):
            return None
        subjects = [c for c in dependents(verb) if c.dep_ in ("nsubj", "nsubjpass")]
        if not subjects or not all(args.is_actor(s) for s in subjects):
            return None
        if any(mod.first_person(s) for s in subjects):
            return None  # "we must accept that ...": a speaker exhorting their own side demands nothing of another
        entry = next((e for e in self.lex.verbs.get("demand", ()) if e.cameo == "100"), None)
        if entry is None:
            return None
        return Match(verb, entry, entry.cameo, [], False)

    @staticmethod
    def _asserts_fact(verb: Token) -> bool:
        """A demand verb whose clause is an indicative past-tense statement, not a wanted state of affairs.

        A clause after the verb's direct object is no content of the demand: a demand verb takes an object or a
        clause, and the parser hangs a closing attribution there ("demanded the withdrawal of X, diplomats
        quoted a declaration as saying")."""
        first_object = min((c.i for c in dependents(verb) if c.dep_ == "dobj"), default=None)
        for comp in dependents(verb):
            if first_object is not None and comp.i > first_object:
                continue
            if comp.dep_ == "ccomp" and comp.tag_ == "VBD" \
                    and not any(c.dep_ in ("aux", "auxpass") for c in dependents(comp)):
                return True
        return False

    def _refusal(self, event: Found) -> None:
        """"X will not accept / would not meet the demands": a refusal stated now, coded as REJECT (12x).

        CAMEO codes a stated unwillingness to cooperate as rejection, derived from the refused act's code; a plain
        past negation ("did not meet") reports a non-event and stays a negated event of its own type.
        """
        status = event.status
        if not status.negated or not event.cameo.startswith(("03", "04", "05", "06", "07", "08")):
            return
        if event.cameo.startswith("045"):
            return  # a would-be mediator declining the role rejects no one (126 is parties rejecting mediation)
        if status.kind not in (None, "future", "modal", "intent"):
            return  # "if the duties are not dropped, ...": a negation inside a condition refuses nothing
        if status.kind not in ("future", "modal", "intent") and status.notes.get("tense") != "present":
            return
        code = self.lex.derived("reject", event.cameo)
        if not code:
            return
        event.notes["refused_cameo"] = event.cameo
        event.match.cameo = code
        event.status = mod.Status(False, False, None, {**status.notes, "modality": "refusal"})

    def _reported_obligation(self, event: Found, args: Arguments) -> None:
        """"X said Y must withdraw" is X demanding that Y withdraw (CAMEO 10x), not Y withdrawing."""
        status = event.status
        speech_i = status.notes.get("reported_by_token")
        if status.kind != "obligation" or status.negated or speech_i is None:
            return
        tok = event.match.token
        if any(mod.first_person(c) for c in dependents(tok) if c.dep_ in ("nsubj", "nsubjpass")):
            return  # "we must cooperate": the speaker's own side, no demand on another (stays a hypothetical act)
        speaker = args.subjects(logical_subjects(event.match.token.doc[speech_i]))
        speaker = [a for a in speaker if a.resolved]
        if not speaker:
            return
        code = self.lex.derived("request", event.cameo) or "100"
        event.notes["demanded_cameo"] = event.cameo
        event.targets = [a for a in event.sources if a.resolved] or event.targets
        event.sources = speaker
        event.match.cameo = code
        event.status = mod.Status(False, False, None, {**status.notes, "modality": "obligation"})

    def _alleged_claim(self, event: Found) -> None:
        """"repeated the claim that X harbours the attackers": a claim with its content as a "that" clause is an
        allegation (CAMEO 112, PLOVER ACCUSE); PETRARCH2's "quote/renew a claim" reads a claim as a demand (claims
        to territory), which a claim with no such clause stays."""
        if event.nominal or not event.cameo.startswith("10"):
            return
        for obj in dependents(event.match.token):
            if obj.dep_ != "dobj" or "allegation" not in self.lex.kinds(obj.lemma_):
                continue
            if any(c.dep_ in ("acl", "ccomp", "relcl") and any(m.dep_ == "mark" and m.lower_ == "that"
                                                                for m in dependents(c)) for c in dependents(obj)):
                event.notes["alleged_cameo"] = event.cameo
                event.match.cameo = "112"
                return

    def _retype(self, event: Found, args: Arguments) -> None:
        """Relief from sanctions offered or granted is a concession, and an act its source will take in answer if
        a condition is met a conditional warning (``events/retype.py``, ``type_words.tsv``)."""
        relief = sanctions_relief(event, self.lex)
        if relief is not None:
            event.notes["relief_from"] = event.cameo
            event.notes["concession"] = True
            event.match.cameo = relief
            return
        threat = conditional_threat(event, self.lex, args)
        if threat is not None:
            event.notes["warned_cameo"] = event.cameo
            event.match.cameo, event.targets = threat
            event.status = mod.Status(event.status.negated, False, None,
                                      {**event.status.notes, "modality": "conditional-threat"})

    def _stated_intent(self, event: Found) -> None:
        """A future or intended act is coded as the statement of intent it is (CAMEO 03x/13x).

        "X will send aid" is X expressing intent to provide aid (033), "X may impose sanctions" a threat
        (1312): the statement happened, so the event counts; the act itself did not (yet) and is kept in
        notes. Negated, conditional and purely hypothetical events keep their type and stay uncounted.
        """
        status = event.status
        if status.kind not in ("future", "intent") or status.negated:
            return
        mobilized = prepared_force(event, self.lex)
        if mobilized is not None:  # "is preparing to launch a missile": posturing (MOBILIZE), no threat yet
            event.notes["mobilized_cameo"] = event.cameo
            event.match.cameo = mobilized
            event.status = mod.Status(False, False, None, {**status.notes, "modality": "preparation"})
            return
        if event.cameo.startswith(("02", "03", "10", "11", "12", "13", "01")):
            return  # already a statement ("will demand", "plans to reject"): the status flag is enough
        tok = event.match.token
        ground = status.notes.get("content_of")
        if ground is not None and "grounds" in self.lex.kinds(tok.doc[ground].lemma_.lower()):
            return  # "was accused of planning to kidnap X": an intent alleged by others, stated by no one
        while tok.dep_ == "conj" and head_of(tok).i != tok.i and not any(
                c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass") for c in dependents(tok)):
            tok = head_of(tok)  # "may be arrested and deported": the second verb shares the first one's voice
        if any(c.dep_ in ("auxpass", "nsubjpass") for c in dependents(tok)):
            return  # "they may be arrested": what may befall the subject, no intention the text gives anyone
        # A planned investigation keeps its own code: the PLOVER manual makes it a mode of ACCUSE and turns only
        # future cooperative acts into AGREE, so "will investigate X" is the ACCUSE its statement is (derive.tsv
        # has no intent row for 09).
        code = event.cameo if event.cameo.startswith(INVESTIGATION_ROOT) else self.lex.derived("intent", event.cameo)
        if not code:
            return
        event.notes["intended_cameo"] = event.cameo
        event.notes["modality"] = status.kind
        event.match.cameo = code
        event.status = mod.Status(False, False, None, {**status.notes, "modality": status.kind})
