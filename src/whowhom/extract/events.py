"""Find events in a parsed document: triggers from the lexicon, their actors from the
dependency parse, and what the sentence says about whether they happened.

The output is ``FoundEvent`` records with resolved actors but no coding tables applied;
``whowhom.coder`` turns them into ``Event`` records.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field, replace

from spacy.tokens import Doc, Span, Token

from whowhom.extract.actors import ActorRef, DocumentActors
from whowhom.extract.lexicon import Lexicon, Modality, Pattern

VERB_POS = frozenset({"VERB"})
NOUN_POS = frozenset({"NOUN", "PROPN"})
SUBJECT_DEPS = ("nsubj", "csubj")
OBJECT_DEPS = ("dobj", "dative", "iobj", "attr")
EMBEDDING_DEPS = ("xcomp", "ccomp")
COOPERATIVE = frozenset({"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID",
                         "RETREAT"})
HOSTILE = frozenset({"ACCUSE", "SANCTION", "ASSAULT", "COERCE", "MOBILIZE", "PROTEST"})
THREATS = HOSTILE | {"THREATEN"}
# acts done to a place's people whoever the sentence names: "imposed a curfew in Cizre",
# "fired at targets in Jericho", "deployed troops in Bosnia"
PLACED_TARGETS = frozenset({"COERCE", "CONCEDE", "ASSAULT", "THREATEN", "MOBILIZE",
                            "SANCTION"})
REPORT_PRONOUNS = frozenset({"it", "they", "we"})
FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP"})


@dataclass
class FoundEvent:
    """An event as read from one sentence, before coding tables are applied."""

    pattern: Pattern
    event: str
    mode: str
    cameo: str
    source: ActorRef
    target: ActorRef | None
    trigger: Token
    sentence: Span
    sentence_index: int
    negated: bool = False
    hypothetical: bool = False
    reported_by: str | None = None
    flags: list[str] = field(default_factory=list)
    via_coreference: bool = False
    needs_place: bool = False  # the target is the people of the sentence's place, if any


def find_events(doc: Doc, actors: DocumentActors, lexicon: Lexicon) -> list[FoundEvent]:
    """Every event the document's sentences report, in text order."""
    assert lexicon.modality is not None
    out: list[FoundEvent] = []
    for sent_index, sent in enumerate(doc.sents):
        actors.observe(sent)
        in_sentence: list[FoundEvent] = []
        for tok in sent:
            # the most specific reading that finds its actors wins
            for pattern in _readings(tok, lexicon):
                found = list(_read_event(tok, pattern, sent, sent_index, actors, lexicon))
                if found:
                    in_sentence.extend(found)
                    break
        out.extend(_without_protest_demands(_without_restatements(in_sentence)))
    return out


def _without_restatements(events: list[FoundEvent]) -> list[FoundEvent]:
    """"X and Y agreed to share information": the promise is the agreeing verb's own
    event; the infinitive it governs, turned into the same promise, adds nothing."""
    told: dict[tuple, bool] = {}  # the governor's event -> whether it found a target
    for e in events:
        if not e.needs_place:
            key = (e.trigger.i, e.event, e.source.key)
            told[key] = told.get(key, False) or e.target is not None

    def restated(e: FoundEvent) -> bool:
        gov = _governor(e.trigger)
        if gov is None or (gov.i, e.event, e.source.key) not in told:
            return False
        return told[(gov.i, e.event, e.source.key)] or e.target is None

    # "expressed Japan's readiness to cooperate with Vietnam": the infinitive tells the
    # promise with its holder and party; the expressing verb's own reading is dropped
    superseded = {(g.head.i, e.event) for e in events
                  if (g := _governor(e.trigger)) is not None and g.pos_ == "NOUN"
                  and g.dep_ == "dobj"}
    return [e for e in events
            if not restated(e) and (e.trigger.i, e.event) not in superseded]


def _without_protest_demands(events: list[FoundEvent]) -> list[FoundEvent]:
    """"Students demonstrated, calling for reforms", "blocked roads to press their
    demands": what protesters demand is what the protest is about, not a second event."""
    protests = {e.trigger.i for e in events if e.event == "PROTEST"}
    if not protests:
        return events

    def purpose_of_protest(tok: Token) -> bool:
        for _ in range(3):
            if tok.dep_ not in ("advcl", "xcomp", "acl", "pcomp", "prep", "conj") \
                    or tok.head is tok:
                return False
            tok = tok.head
            if tok.i in protests:
                return True
        return False

    return [e for e in events if e.event != "REQUEST" or not purpose_of_protest(e.trigger)]


def _readings(tok: Token, lexicon: Lexicon) -> Iterator[Pattern]:
    matched = False
    for pat in matching_patterns(tok, lexicon):
        matched = True
        yield pat
    if not matched:
        implied = _implied_pattern(tok, lexicon.modality)
        if implied is not None:
            yield implied


_ANY_PREPS = ("to", "with", "from", "on", "against", "into", "toward", "towards", "for")
# Events that a clause implies whatever its verb: "X will hand Y over" (intent),
# "X refused to meet Y", "X threatened to cut off Y", "X said Y must leave" (a demand).
INTENT = Pattern("*", "verb", "AGREE", cameo="030", target_preps=_ANY_PREPS,
                 origin="implied: intent or future")
REFUSAL = Pattern("*", "verb", "REJECT", cameo="120", target_preps=_ANY_PREPS,
                  origin="implied: refusal")
THREAT = Pattern("*", "verb", "THREATEN", cameo="130", target_preps=_ANY_PREPS,
                 origin="implied: threat")
DEMAND = Pattern("*", "verb", "REQUEST", cameo="100", target="clause",
                 origin="implied: X said Y must")
OBLIGATION = frozenset({"must", "should"})
GENERIC_OBJECTS = frozenset({"effort", "efforts", "programme", "program", "process", "project",
                             "scheme", "activity", "activities", "work", "operation",
                             "operations", "initiative"})
PARTITIVES = frozenset({"part", "parts", "some", "all", "most", "much", "portion", "half",
                        "rest", "bulk", "days", "weeks", "months", "round", "rounds",
                        "series"})  # "launched 10 days of war games"


def _implied_pattern(tok: Token, modality: Modality | None) -> Pattern | None:
    """A verb with no pattern of its own that still reports an event through what
    governs it: a future or intent ("will evacuate", "offered to hand over"), a refusal,
    a threat, or a reported obligation ("said Sudan must return")."""
    if modality is None or tok.pos_ != "VERB":
        return None
    lemma = tok.lemma_.lower()
    if lemma in modality.report:
        for c in tok.children:
            if c.dep_ == "ccomp" and (_subjunctive(c) or any(
                    a.dep_ == "aux" and a.lower_ in OBLIGATION for a in c.children)):
                return DEMAND
        return None
    if any(c.dep_ == "aux" and c.lower_ in modality.future for c in tok.children):
        return INTENT
    gov = _governor(tok)
    if gov is None or not (tok.dep_ in ("xcomp", "acl") or _promised_by(tok, modality)):
        return None
    gov_lemma = gov.lemma_.lower()
    if gov_lemma in modality.intent:
        return INTENT
    if gov_lemma in modality.refusal:
        return REFUSAL
    if gov_lemma in modality.threat:
        return THREAT
    return None


def match_pattern(tok: Token, lexicon: Lexicon) -> Pattern | None:
    """The most specific pattern whose conditions ``tok`` meets."""
    return next(matching_patterns(tok, lexicon), None)


def matching_patterns(tok: Token, lexicon: Lexicon) -> Iterator[Pattern]:
    """Every pattern whose conditions ``tok`` meets, most specific first."""
    if tok.pos_ in VERB_POS:
        pos = "verb"
    elif tok.pos_ in NOUN_POS:
        pos = "noun"
    else:
        return
    lemma = tok.lemma_.lower()
    for pat in lexicon.candidates(lemma, pos):
        if _meets(tok, pat):
            yield pat
    if pos == "noun" and tok.lower_ != lemma:
        for pat in lexicon.candidates(tok.lower_, pos):
            if _meets(tok, pat):
                yield pat


def _meets(tok: Token, pat: Pattern) -> bool:
    kids = list(tok.children)
    if pat.particle and not any(c.dep_ == "prt" and c.lower_ == pat.particle for c in kids):
        return False
    if pat.objects and not any(_names_object(o, pat.objects) for c in kids
                               if c.dep_ in ("dobj", "nsubjpass") for o in (c, *c.conjuncts)):
        return False
    if pat.prep and not _prep_objects(tok, pat.prep):
        return False
    return not (pat.needs_xcomp and not any(c.dep_ == "xcomp" for c in kids))


def _names_object(obj: Token, objects: frozenset[str]) -> bool:
    """Whether ``obj`` is one of ``objects``: a lemma ("talks") or a head with its
    modifier ("hunger strike", which "strike" alone is not)."""
    if obj.lemma_.lower() in objects or obj.lower_ in objects:
        return True
    if obj.lower_ in PARTITIVES:  # "suspended part of the aid programme"
        return any(_names_object(p, objects) for prep in obj.children
                   if prep.dep_ == "prep" and prep.lower_ == "of"
                   for p in prep.children if p.dep_ == "pobj")
    modifiers = {c.lower_ for c in obj.children if c.dep_ in ("compound", "amod")}
    # "ended mediation efforts", "froze the aid programme": the modifier names the thing
    return bool(obj.lemma_.lower() in GENERIC_OBJECTS and modifiers & objects) or any(
        f"{m} {obj.lemma_.lower()}" in objects or f"{m} {obj.lower_}" in objects
        for m in modifiers)


def _prep_objects(tok: Token, prep: str) -> list[Token]:
    """Objects of ``tok``'s preposition ``prep`` ("at Kazakhstan's stance" -> stance)."""
    words = prep.split()
    out: list[Token] = []
    for c in tok.children:
        if c.dep_ in ("prep", "prt", "agent", "dative") and c.lower_ == words[-1]:
            out.extend(g for g in c.children if g.dep_ in ("pobj", "pcomp"))
    if not out and tok.dep_ in ("dobj",):
        return out
    # "took a swipe at X": the preposition hangs off the object
    for obj in (c for c in tok.children if c.dep_ == "dobj"):
        for c in obj.children:
            if c.dep_ == "prep" and c.lower_ == words[-1]:
                out.extend(g for g in c.children if g.dep_ == "pobj")
    return out


# ---- reading one event ----------------------------------------------------------


def _read_event(tok: Token, pat: Pattern, sent: Span, sent_index: int,
                actors: DocumentActors, lexicon: Lexicon) -> Iterator[FoundEvent]:
    modality = lexicon.modality
    assert modality is not None
    if pat.pos == "noun" and _is_argument_of_trigger(tok, lexicon):
        return
    sources, coref = _sources(tok, pat, actors, modality)
    if not sources:
        return
    if pat.symmetric and pat.target == "none" and len(sources) < 2:
        return  # a joint act needs its parties: "X and Y held drills"
    targets = _targets(tok, pat, actors)
    gov = _governor(tok)
    pledged = _pledged(tok, gov, modality)
    # a promise, refusal or threat is an event in itself, whoever it concerns
    needs_place = False
    if not targets and not pat.target_optional and not (pat.symmetric and len(sources) > 1) \
            and not ((pledged == "future" and pat.lemma != "*")
                     or (gov is not None and gov.lemma_.lower() in modality.committing)):
        if pat.event not in PLACED_TARGETS or pat.lemma == "*":
            return
        needs_place = True  # "fired shells at targets in Jericho": if the place is known
    event, mode, cameo = pat.event, pat.mode, pat.cameo
    negated = _negated(tok)
    hypothetical = False
    flags: list[str] = []
    reported_by = None
    if gov is not None:
        lemma = gov.lemma_.lower()
        if lemma in modality.intent:
            # "vowed to retaliate" threatens; "offered to mediate" promises
            event, mode, cameo = ("THREATEN", "", "130") if event in THREATS else \
                ("AGREE", "", "030")
            negated = negated or _negated(gov)
        elif lemma in modality.refusal:
            event, mode, cameo = "REJECT", "", "120"
        elif lemma in modality.failure:
            if event in COOPERATIVE:  # "failed to reach agreement"
                event, mode, cameo = "REJECT", "", "120"
            else:
                negated, flags = True, [*flags, "failed"]
        elif lemma in modality.threat and event != "THREATEN":
            event, mode, cameo = "THREATEN", "", "130"
        elif lemma in modality.denial:
            negated, flags = True, [*flags, "denied"]
        elif lemma in modality.request and gov.pos_ == "VERB" and not _is_passive(gov) \
                and (tok.dep_ == "xcomp" or lemma not in modality.report):
            # ("X told Y to leave" asks; "X told AFP that ...", "a court was told" report)
            hypothetical, flags = True, [*flags, "requested"]
        elif lemma in modality.report:
            reported_by = _reporter(gov, actors)
    else:
        trailing = _trailing_reporter(tok, modality)
        if trailing is not None:
            reported_by = _reporter(trailing, actors)
    if _subjunctive(tok):
        hypothetical, flags = True, [*flags, "requested"]
    elif _purpose(tok):
        hypothetical, flags = True, [*flags, "purpose"]
    elif _embedded(tok, modality) or _content_of_noun(tok, modality):
        # "accused X of attacking Y", "criticized X for wanting to take Y": the act is
        # what the statement is about, not something reported as done
        hypothetical, flags = True, [*flags, "embedded"]
    if pledged == "future":
        if event in COOPERATIVE and negated:  # "will not accept": a refusal, said now
            event, mode, cameo, negated = "REJECT", "", "120", False
        elif event in COOPERATIVE and not _ultimatum(tok):
            event, mode, cameo = "AGREE", "", "030"
        elif event in HOSTILE or event in COOPERATIVE:
            # "will withdraw its force unless ...": an ultimatum threatens
            event, mode, cameo = "THREATEN", "", "130"
    elif _aux(tok) & modality.modal:
        hypothetical, flags = True, [*flags, "modal"]
    if _conditional(tok, modality):
        hypothetical, flags = True, [*flags, "conditional"]
    if sent.text.rstrip().endswith("?"):
        hypothetical, flags = True, [*flags, "question"]
    if negated and "denied" not in flags:
        flags.append("negated")

    if event == "PROTEST" and not any(t.country for t in targets):
        # a protest that names no one is aimed at the protesters' own government
        implied = [g for a in sources if (g := actors.own_state(a)) is not None]
        if implied:
            targets, flags = implied, [*flags, "implied target"]
    if event == "THREATEN" and not any(t.country for t in targets):
        # "threatened to stop talks if the United States deploys ...": the one warned
        targets = _conditioned(tok, gov, actors) or targets
    if pat.reverse and targets:
        sources, targets = targets, sources
    if pat.symmetric and len(sources) > 1 and all(not t.country for t in targets):
        targets = []  # "Ukraine and Russia agreed to exchange prisoners": with each other
    # "X said it would meet Y" is X's promise alone; "X and Y agreed to meet" is both's
    # and a party found deep in the phrase ("agreed to extend the force in Lebanon") is
    # what the act concerns, not a co-party
    symmetric = pat.symmetric and (event == pat.event or len(sources) > 1) \
        and not any(t.deep for t in targets)
    pairs = list(_pairs(sources, targets, symmetric))
    if not pairs and targets and (pat.target_optional or pledged):
        # "Armenian authorities imposed a curfew in Yerevan": the target was the source
        pairs = [(a, None) for a in sources]
    for source, target in pairs:
        if not source.country and (target is None or not target.country):
            continue  # no state on either side: nothing an analyst could count
        yield FoundEvent(pat, event, mode, cameo, source, target, tok, sent, sent_index,
                         negated, hypothetical, reported_by, list(flags), coref,
                         needs_place and target is None)


def _pairs(sources: list[ActorRef], targets: list[ActorRef],
           symmetric: bool) -> Iterator[tuple[ActorRef, ActorRef | None]]:
    if not targets:
        if symmetric and len(sources) > 1:
            for a in sources:
                for b in sources:
                    if a is not b:
                        yield a, b
        else:
            for a in sources:
                yield a, None
        return
    seen: set[tuple[tuple[str, str, str], tuple[str, str, str]]] = set()
    for a in sources:
        for b in targets:
            if _same_actor(a, b):
                continue
            for pair in ((a, b), (b, a)) if symmetric else ((a, b),):
                key = (pair[0].key, pair[1].key)
                if key not in seen:
                    seen.add(key)
                    yield pair


def _same_actor(a: ActorRef, b: ActorRef) -> bool:
    """An actor acting on itself is no event between actors ("Trump lifted a U.S. ban")."""
    if a.country and a.key == b.key:
        return True
    return a.start == b.start and a.end == b.end


# ---- arguments ---------------------------------------------------------------------


def _sources(tok: Token, pat: Pattern, actors: DocumentActors,
             modality: Modality) -> tuple[list[ActorRef], bool]:
    if pat.pos == "noun":
        return _noun_sources(tok, pat, actors), False
    if _is_passive(tok):
        found: list[ActorRef] = []
        agents = [c for c in tok.children if c.dep_ == "agent"]
        for c in agents:
            for pobj in (g for g in c.children if g.dep_ == "pobj"):
                found.extend(actors.resolve_all(pobj))
        for prep in pat.passive_source:
            if not found:
                for pobj in _prep_objects(tok, prep):
                    found.extend(actors.resolve_all(pobj))
        if not found and pat.event == "ASSAULT" and (
                not agents or any(_unattributed(a, modality) for a in agents)):
            found = [actors.unidentified(tok)]  # "were killed in a bombing"
        elif not found and not agents and (pat.event == "COERCE" or pat.mode == "INVESTIGATE"):
            found = [actors.unidentified(tok, "authorities")]  # "was arrested in Lebanon"
        return found, False
    subj = _subject(tok)
    if subj is not None and pat.event == "ASSAULT" and subj.dep_ == "nsubj" \
            and subj.lemma_.lower() in modality.unattributed and actors.resolve(subj) is None:
        return [actors.unidentified(tok)], False  # "a roadside bomb killed two soldiers"
    if subj is None:
        return _stranded_subject(tok, actors), False
    if subj.lower_ in REPORT_PRONOUNS:
        reporter = _report_subject(tok, modality)
        if reporter is not None:
            return actors.resolve_all(reporter), True
        return [], False
    found = actors.resolve_all(subj)
    if not found and subj.pos_ == "PRON":
        # "Iraq's prime minister said he was expelling ...": no person met before, so the
        # one who speaks
        reporter = _report_subject(tok, modality)
        if reporter is not None and reporter.pos_ != "PRON":
            found = actors.resolve_all(reporter)
    return found, subj.pos_ == "PRON"


def _subject(tok: Token) -> Token | None:
    """The subject of a verb, climbing through coordination, infinitives and relative
    clauses when the verb has none of its own."""
    seen = 0
    deps: tuple[str, ...] = SUBJECT_DEPS
    while seen < 6:
        seen += 1
        for c in tok.children:
            if c.dep_ in deps:
                return c
        # the passive subject of a verb taking an infinitive or gerund is the actor:
        # "X is committed to opening", "X was forced to withdraw"
        deps = (*SUBJECT_DEPS, "nsubjpass") if tok.dep_ in ("xcomp", "pcomp") \
            else SUBJECT_DEPS
        if tok.dep_ == "conj" and tok.tag_ == "VBG" and tok.head.tag_ in FINITE_TAGS:
            return None  # "criticized X and siding with Y": a misattached gerund, no clause
        if tok.dep_ in ("conj", "xcomp", "acomp", "advcl", "pcomp"):
            nxt = tok.head if tok.dep_ != "pcomp" else tok.head.head
            if nxt is tok:
                return None
            tok = nxt
            continue
        if tok.dep_ in ("relcl", "acl"):
            head = tok.head
            maker = next((p for c in head.children if c.dep_ == "prep" and c.lower_ == "by"
                          for p in c.children if p.dep_ == "pobj"), None)
            if tok.dep_ == "acl" and maker is not None:
                return maker  # "the decision by Kinshasa to expel": Kinshasa expels
            holder = next((c for c in head.children if c.dep_ == "poss"), None)
            if tok.dep_ == "acl" and holder is not None and holder.pos_ != "PRON":
                return holder  # "expressed China's readiness to cooperate": China
            if head.dep_ in ("dobj",) and tok.dep_ == "acl":
                tok = head.head  # "issued a statement calling on X": the issuer speaks
                continue
            return head
        return None
    return None


def _stranded_subject(tok: Token, actors: DocumentActors) -> list[ActorRef]:
    """A main verb the parser left without a subject because it joined the subject to an
    opening phrase ("During talks in Istanbul, Ukraine and Russia agreed ..." parsed as
    Istanbul, Ukraine and Russia): the names after the last comma before the verb."""
    if tok.dep_ != "ROOT" or tok.pos_ != "VERB":
        return []
    left = tok.doc[tok.i - 1] if tok.i > tok.sent.start else None
    while left is not None and left.dep_ in ("advmod", "aux", "neg") and left.i > tok.sent.start:
        left = tok.doc[left.i - 1]
    if left is None or left.pos_ not in ("PROPN", "NOUN") or left.dep_ not in ("conj", "pobj"):
        return []
    group = sorted([left, *left.conjuncts], key=lambda t: t.i)
    commas = [t.i for t in tok.doc[group[0].i:left.i] if t.text == ","]
    if not commas:
        return []
    return [a for t in group if t.i > commas[-1] and (a := actors.resolve(t)) is not None]


def _unattributed(agent: Token, modality: Modality) -> bool:
    """"killed by a roadside bomb": an agent that is a weapon, not a wielder."""
    return any(p.lemma_.lower() in modality.unattributed for p in agent.children
               if p.dep_ == "pobj")


def _report_subject(tok: Token, modality: Modality) -> Token | None:
    """For "Hungary said it will support ...", "Syria says it is willing to withdraw":
    the subject of the reporting verb the clause hangs from."""
    t = tok
    for _ in range(4):
        if t.dep_ not in ("xcomp", "ccomp", "acomp", "conj", "pcomp") or t.head is t:
            return None
        t = t.head.head if t.dep_ == "pcomp" else t.head
        if t.lemma_.lower() in modality.report:
            return next((c for c in t.children if c.dep_ in SUBJECT_DEPS), None)
    return None


def _noun_sources(tok: Token, pat: Pattern, actors: DocumentActors) -> list[ActorRef]:
    for c in tok.children:
        if c.dep_ == "poss":
            found = actors.resolve_all(c)
            if found:
                return found
    for prep in pat.source_preps:
        for pobj in _prep_objects(tok, prep):
            found = actors.resolve_all(pobj)
            if found:
                return found
    for c in tok.children:
        if c.dep_ in ("amod", "compound"):
            found = actors.resolve_all(c)
            if found:
                return found
    # (with "with" only for what is said: "countered with allegations", not "complies
    # with sanctions")
    preps = ("for", "with") if pat.event in ("ACCUSE", "REQUEST") else ("for",)
    verb = tok.head if tok.dep_ == "dobj" else tok.head.head if tok.dep_ == "pobj" \
        and tok.head.lower_ in preps else None
    if verb is not None and verb.pos_ == "VERB":
        # "the ILO reiterated its demand", "negotiators return to Geneva for talks": who
        # holds the noun is the verb's subject
        subj = _subject(verb)
        if subj is not None and subj.pos_ != "PRON":
            return actors.resolve_all(subj)
    return []


def _targets(tok: Token, pat: Pattern, actors: DocumentActors) -> list[ActorRef]:
    if pat.target == "none":
        return []
    if pat.target == "clause":
        return _clause_subjects(tok, actors)
    found: list[ActorRef] = []
    if pat.target == "prep":
        for pobj in _prep_objects(tok, pat.prep):
            found.extend(actors.resolve_all(pobj))
        return found
    if pat.pos == "verb":
        for obj in _objects(tok):
            found.extend(actors.resolve_all(obj))
    # "withdrew its troops from Gaza": an object with no state of its own is what the
    # source moves or uses; the target is then in the pattern's prepositions
    stateless = [a for a in found if not a.country]
    if stateless and len(stateless) == len(found):
        for prep in pat.target_preps:
            placed = [a for pobj in _prep_objects(tok, prep) for a in actors.resolve_all(pobj)
                      if a.country]
            if placed:
                return placed
    for prep in pat.target_preps:
        if found:
            break
        for pobj in _prep_objects(tok, prep):
            found.extend(actors.resolve_all(pobj))
    if not found and pat.event == "ACCUSE":
        # "an investigation into crimes committed by Croat forces": the accused
        found = [a for prep in pat.target_preps for pobj in _prep_objects(tok, prep)
                 for p in _perpetrators(pobj) for a in actors.resolve_all(p)]
    if not found and pat.event in ("REQUEST", "ACCUSE"):
        # "demanded that the US cancel the sale", "its demand that Israel ease",
        # "allegations that Afghanistan was sheltering militants"
        found = _clause_subjects(tok, actors)
    if not found and (pat.pos == "verb" or pat.event in HOSTILE) \
            and pat.event not in ("REQUEST", "ACCUSE"):
        # (what a demand or a criticism is about is not whom it addresses)
        found = [replace(a, deep=True) for a in _deeper_targets(tok, actors)]
    return found


_NO_DESCENT = frozenset({"ccomp", "advcl", "relcl", "nsubj", "nsubjpass", "csubj", "conj",
                         "parataxis", "mark", "pcomp", "poss", "agent"})
# prepositions that lead to the place or party acted on, not to a reason or a time
_DEEP_PREPS = frozenset({"in", "at", "on", "of", "to", "with", "against", "into", "from",
                         "toward", "towards", "near", "between", "across", "inside", "onto",
                         "for"})


def _deeper_targets(tok: Token, actors: DocumentActors) -> list[ActorRef]:
    """The first state named inside the verb's own phrase when no argument slot holds
    one: "threatened to impose a curfew in Algiers", "agreed to extend the mandate of the
    force in Lebanon". Clauses of their own (that-clauses, relative and adverbial
    clauses) are not searched."""
    def descend(t: Token) -> list[Token]:
        return [c for c in reversed(list(t.children)) if c.dep_ not in _NO_DESCENT
                and not (c.dep_ == "prep" and c.lower_ not in _DEEP_PREPS)]

    stack = descend(tok)
    while stack:
        t = stack.pop()
        if t.dep_ in ("pobj", "dobj", "dative") and t.pos_ in ("PROPN", "NOUN"):
            placed = [a for a in actors.resolve_all(t) if a.country]
            if placed:
                return placed
        stack.extend(descend(t))
    return []


def _conditioned(tok: Token, gov: Token | None, actors: DocumentActors) -> list[ActorRef]:
    """The subject of an if- or unless-clause on a threat: who must act to avert it."""
    for head in (tok, gov):
        for clause in (c for c in (head.children if head is not None else ())
                       if c.dep_ == "advcl"):
            if any(m.dep_ == "mark" and m.lower_ in ("if", "unless") for m in clause.children):
                subj = next((c for c in clause.children if c.dep_ == "nsubj"), None)
                if subj is not None:
                    found = [a for a in actors.resolve_all(subj) if a.country]
                    if found:
                        return found
    return []


def _perpetrators(noun: Token) -> list[Token]:
    """Who did what ``noun`` names: "crimes committed by X", "abuses by X"."""
    out = [p for c in noun.children if c.dep_ == "prep" and c.lower_ == "by"
           for p in c.children if p.dep_ == "pobj"]
    for clause in (c for c in noun.children if c.dep_ == "acl"):
        out += [p for a in clause.children if a.dep_ == "agent"
                for p in a.children if p.dep_ == "pobj"]
    return out


def _clause_subjects(tok: Token, actors: DocumentActors) -> list[ActorRef]:
    """The subject of a verb's (or a noun's) that-clause: who is asked or told to act."""
    for c in tok.children:
        if c.dep_ == "ccomp" or (c.dep_ == "acl" and tok.pos_ == "NOUN"):
            subj = next((g for g in c.children if g.dep_ in ("nsubj", "nsubjpass")), None)
            if subj is not None:
                return actors.resolve_all(subj)
    return []


def _objects(tok: Token) -> list[Token]:
    """Direct and indirect objects; the subject of a passive; an object shared with a
    coordinated verb ("reprimanded and warned X")."""
    if _is_passive(tok):
        return [c for c in tok.children if c.dep_ == "nsubjpass"]
    objs = _direct_objects(tok)
    if objs:
        return objs
    for conj in tok.conjuncts:
        if conj.i > tok.i:
            shared = _direct_objects(conj)
            if shared:
                return shared
    # intent and request verbs carry their target in the infinitive ("offered to hand X")
    for x in (c for c in tok.children if c.dep_ == "xcomp"):
        inner = [c for c in x.children if c.dep_ in ("dobj", "dative")]
        inner += [g for c in x.children if c.dep_ == "prep" and c.lower_ in ("to", "with")
                  for g in c.children if g.dep_ == "pobj"]
        if inner:
            return inner
    return []


def _direct_objects(tok: Token) -> list[Token]:
    return [c for c in tok.children if (c.dep_ in OBJECT_DEPS and c.dep_ != "attr")
            or (c.dep_ == "npadvmod" and c.pos_ == "PROPN")]  # a parse slip for names


def _trailing_reporter(tok: Token, modality: Modality) -> Token | None:
    """"X condemned Y, the ministry said": a reporting verb tacked on after the event."""
    for c in tok.children:
        if (c.dep_ in ("conj", "parataxis", "advcl") and c.i > tok.i
                and c.lemma_.lower() in modality.report
                and not _direct_objects(c) and not any(g.dep_ == "ccomp" for g in c.children)):
            return c
    return None


def _reporter(gov: Token, actors: DocumentActors) -> str | None:
    subj = next((c for c in gov.children if c.dep_ in SUBJECT_DEPS), None)
    if subj is None:
        return None
    actor = actors.resolve(subj)
    if actor is not None:
        return actor.text
    return gov.doc[subj.left_edge.i: subj.right_edge.i + 1].text


# ---- modality ------------------------------------------------------------------------


def _is_passive(tok: Token) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in tok.children)


def _negated(tok: Token) -> bool:
    if any(c.dep_ == "neg" for c in tok.children):
        return True
    return any(c.dep_ == "det" and c.lower_ == "no" for c in tok.children)


def _governor(tok: Token) -> Token | None:
    """The verb (or adjective: "ready to") an event clause is embedded under."""
    if tok.dep_ in EMBEDDING_DEPS and tok.head is not tok:
        head = tok.head
        if head.pos_ == "AUX" or head.lemma_ == "be":  # "is willing to": the adjective
            return next((c for c in head.children if c.dep_ == "acomp"), head)
        return head
    if tok.dep_ == "conj":
        return _governor(tok.head)
    if tok.dep_ == "pcomp":
        return tok.head.head
    if tok.dep_ == "acl" and tok.head.pos_ == "NOUN" and any(
            c.dep_ == "aux" and c.lower_ == "to" for c in tok.children):
        return tok.head  # "its readiness to cooperate", "a pledge to withdraw"
    return None


def _embedded(tok: Token, modality: Modality) -> bool:
    t = tok
    for _ in range(4):
        if t.dep_ == "pcomp" and t.head.dep_ == "prep" and t.head.head.pos_ == "VERB":
            return not _promised_by(t, modality)
        if t.dep_ not in ("xcomp", "conj") or t.head is t:
            return False
        t = t.head
    return False


def _promised_by(tok: Token, modality: Modality) -> bool:
    """"committed to opening", "pledged to": a gerund the promise is about."""
    return tok.dep_ == "pcomp" and tok.head.lower_ == "to" \
        and tok.head.head.lemma_.lower() in modality.intent


def _aux(tok: Token) -> set[str]:
    return {c.lower_ for c in tok.children if c.dep_ in ("aux", "auxpass")}


def _pledged(tok: Token, gov: Token | None, modality: Modality) -> str | None:
    """Whether the clause is a statement about the source's own future conduct: "will
    release", "said they would meet" (future), "promised to", "refused to",
    "threatened to" (the governing verb)."""
    if gov is not None and gov.lemma_.lower() in (modality.intent | modality.refusal |
                                                  modality.threat):
        return "governed"
    aux = _aux(tok)
    if aux & modality.future:
        return "future"
    if "would" in aux and gov is not None and gov.lemma_.lower() in modality.report:
        return "future"  # the future of reported speech
    return None


def _ultimatum(tok: Token) -> bool:
    """"X will withdraw unless Y complies": the promised act is held over Y."""
    return any(c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ == "unless"
                                         for m in c.children) for c in tok.children)


def _subjunctive(tok: Token) -> bool:
    """"(demanded) that Israel ease restrictions": a bare verb after a singular subject
    asks for the act rather than reporting it."""
    if tok.dep_ != "ccomp" or tok.tag_ != "VB" or any(
            c.dep_ in ("aux", "auxpass") for c in tok.children):
        return False
    subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
    return subj is not None and (subj.tag_ in ("NN", "NNP") or subj.lower_ in ("he", "she",
                                                                              "it"))


def _purpose(tok: Token) -> bool:
    """"ensure security to allow supplies in", "launched an offensive to retake the
    town": what an act is for is not told as done."""
    return tok.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to"
                                       for c in tok.children)


def _content_of_noun(tok: Token, modality: Modality) -> bool:
    """"an admission that X murdered Y", "claims that X attacked": what a noun of saying
    or asking holds is not told as having happened."""
    t = tok
    while t.dep_ == "conj" and t.head is not t:
        t = t.head
    return t.dep_ in ("acl", "ccomp") and t.head.pos_ == "NOUN" \
        and t.head.lemma_.lower() in modality.content


def _conditional(tok: Token, modality: Modality) -> bool:
    t, steps = tok, 0
    while steps < 4:
        steps += 1
        if any(c.dep_ == "mark" and c.lower_ in modality.conditional for c in t.children):
            return True
        if t.dep_ in ("advcl", "conj", "xcomp") and t.head is not t:
            t = t.head
            continue
        return False
    return False


def _is_argument_of_trigger(tok: Token, lexicon: Lexicon) -> bool:
    """A noun like "criticism" that is the object of another event verb ("rejected the
    criticism") or of a light verb pattern ("held talks") is not a separate event."""
    if tok.dep_ not in ("dobj", "nsubjpass", "pobj", "nsubj"):
        return False
    head = tok.head if tok.dep_ != "pobj" else tok.head.head
    return head.pos_ == "VERB" and match_pattern(head, lexicon) is not None
