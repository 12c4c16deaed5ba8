"""Who the noun phrases of a document are: states, organisations, people, groups.

``DocumentActors`` resolves the head token of a noun phrase to an actor using the
knowledge base (names, demonyms, capitals, seats of power, sector words) and what the
document said earlier: a person introduced with a role ("Kazakhstan's Foreign Minister,
Murat Nurtleu") is remembered, so "Nurtleu" or "he" later resolve to the same actor.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from rapidfuzz import fuzz
from spacy.tokens import Doc, Span, Token

from whowhom.kb.index import Hit, NameIndex
from whowhom.kb.model import KnowledgeBase
from whowhom.kb.normalize import norm_name, norm_token
from whowhom.kb.resolver import Resolver

# modifiers that belong to the noun phrase of their head
NP_DEPS = frozenset({"compound", "amod", "poss", "nmod", "det", "nummod", "appos", "flat",
                     "case", "quantmod", "npadvmod"})
COUNTRY_KINDS = frozenset({"country", "demonym", "capital", "seat"})
PERSON_PRONOUNS = frozenset({"he", "him", "his", "she", "her"})
# how strongly a prepositional phrase ties an actor to a country
OF_PREPS = frozenset({"of"})
WEAK_PREPS = frozenset({"in", "from", "throughout", "across"})
# heads that only count or gather the actor named in their of-phrase
QUANTITY_HEADS = frozenset({"thousand", "thousands", "hundred", "hundreds", "dozen", "dozens",
                            "ten", "tens", "million", "millions", "score", "scores", "group",
                            "number", "crowd", "crowds", "band", "handful", "contingent",
                            "some", "many", "most", "all", "majority"})
MIN_FUZZY_NAME = 5
FUZZY_THRESHOLD = 85


@dataclass(frozen=True)
class ActorRef:
    """An actor as the text names it and as the knowledge base codes it."""

    text: str
    name: str
    country: str
    sector: str
    kb_id: str | None
    start: int  # character span of the noun phrase
    end: int
    igo: str = ""
    kind: str = ""  # person | org | state | group | pronoun | unidentified | place
    deep: bool = False  # found inside the trigger's phrase, not in an argument slot
    via: str = ""  # how it was resolved, for explanations

    @property
    def code(self) -> str:
        if self.country == "IGO":
            return f"IGO{self.igo}{self.sector}"
        return f"{self.country}{self.sector}"

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.country, self.igo, self.sector)


@dataclass(frozen=True)
class TokenHit:
    start: int  # token indices of the whole matched name
    end: int
    hit: Hit


def find_hits(doc: Doc, index: NameIndex) -> dict[int, TokenHit]:
    """Every knowledge-base name in ``doc``, keyed by each token it covers."""
    out: dict[int, TokenHit] = {}
    for sent in doc.sents:  # names never cross a sentence boundary
        toks = [t for t in sent if not t.is_punct and not t.is_space]
        words = [norm_token(t.text) for t in toks]
        surfaces = [t.text for t in toks]
        for m in index.scan(words, surfaces):
            th = TokenHit(toks[m.start].i, toks[m.end - 1].i + 1, m.hit)
            if th.hit.kind in COUNTRY_KINDS and _negating_prefix(doc, th.start):
                continue  # "post-Soviet", "pro-Russian", "anti-American": not that state
            for i in range(th.start, th.end):
                out[i] = th
    return out


# entity types of words that are never an actor's name ("Friday" is not Godwin Friday)
NOT_NAMES = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT",
                       "QUANTITY"})
NEGATING_PREFIXES = frozenset({"post", "pro", "anti", "non", "ex", "pan"})


def _negating_prefix(doc: Doc, i: int) -> bool:
    return i >= 2 and doc[i - 1].text == "-" and doc[i - 2].lower_ in NEGATING_PREFIXES


class DocumentActors:
    """Actor resolution for one parsed document, with its memory of earlier mentions."""

    def __init__(self, doc: Doc, kb: KnowledgeBase, index: NameIndex,
                 day: dt.date | None, resolver: Resolver | None = None) -> None:
        self.doc = doc
        self.text = doc.text  # Doc.text joins every token on each access
        self.kb = kb
        self.day = day
        self.resolver = resolver
        self.hits = find_hits(doc, index)
        # ``Token.sent`` walks the whole document on each call; look sentences up instead
        self._sent_start = [0] * len(doc)
        for sent in doc.sents:
            self._sent_start[sent.start:sent.end] = [sent.start] * (sent.end - sent.start)
        self._cache: dict[int, ActorRef | None] = {}
        self._people: dict[str, ActorRef] = {}  # normalised name or surname -> actor
        self._person_mentions: list[tuple[int, ActorRef, bool]] = []  # (token, actor, subject)
        self._by_head: dict[str, ActorRef] = {}  # last group actor per head lemma
        self._sentence_country: dict[int, str] = {}

    # ---- public ---------------------------------------------------------------

    def observe(self, sent: Span) -> None:
        """Learn the people a sentence introduces, before its events are read."""
        self._sentence_country[sent.start] = self._place_country(sent)
        for tok in sent:
            if (tok.pos_ == "PROPN" and tok.dep_ not in ("compound", "flat")) or any(
                c.dep_ == "appos" for c in tok.children
            ):
                self.resolve(tok)

    def resolve(self, tok: Token) -> ActorRef | None:
        """The actor whose noun phrase is headed by ``tok``, or None."""
        if tok.i not in self._cache:
            self._cache[tok.i] = self._resolve(tok)
            actor = self._cache[tok.i]
            if actor is not None and actor.kind == "person":
                self._person_mentions.append((tok.i, actor, tok.dep_.startswith("nsubj")))
        return self._cache[tok.i]

    def resolve_all(self, tok: Token) -> list[ActorRef]:
        """Actors of ``tok`` and its conjuncts ("Armenia and Kazakhstan"), falling back to
        possessors and named modifiers when the head itself is no actor
        ("Kazakhstan's stance", "CIS and EEU partners")."""
        heads = [tok, *tok.conjuncts]
        found: list[ActorRef] = []
        for h in heads:
            actor = self.resolve(h)
            if actor is not None:
                found.extend(self._split_by_country(h, actor))
        if len(found) > 1:
            # "Israeli helicopters and tanks": the nationality covers every conjunct
            placed = next((a for a in found if a.kind == "group" and a.country), None)
            if placed is not None:
                found = [replace(a, country=placed.country, kb_id=placed.kb_id)
                         if a.kind == "group" and not a.country else a for a in found]
        if found and not any(a.country for a in found):
            # "their forces", "its troops": the state of whoever owns them in the clause
            owner = self._owner(tok)
            if owner is not None:
                found = [replace(a, country=owner.country, kb_id=owner.kb_id,
                                 via=f"{a.via}; {tok.text!r} of {owner.text!r}")
                         if a.kind == "group" else a for a in found]
        if not found:
            for h in heads:
                found.extend(self._modifier_actors(h))
        if not found:
            # "a camp for Congolese refugees": a place that stands for the people it holds
            for prep in (c for h in heads for c in h.children
                         if c.dep_ == "prep" and c.lower_ == "for"):
                for pobj in (c for c in prep.children if c.dep_ == "pobj"):
                    found.extend(a for t in (pobj, *pobj.conjuncts)
                                 if (a := self.resolve(t)) is not None and a.country)
        return _distinct(found)

    def _split_by_country(self, h: Token, actor: ActorRef) -> list[ActorRef]:
        """"Hungarian and Romanian officials", "U.S. and Russian negotiators": one group
        actor per country named in its coordinated modifiers."""
        if actor.kind != "group":
            return [actor]
        countries: list[str] = []
        for child in h.children:
            if child.dep_ not in ("amod", "compound", "nmod"):
                continue
            for t in (child, *child.conjuncts):
                hit = self.hits.get(t.i)
                state = hit.hit.id if hit is not None and hit.hit.kind in COUNTRY_KINDS else (
                    self.kb.organisations[hit.hit.id].country
                    if hit is not None and hit.hit.kind == "org" else "")
                if state and state not in countries:  # "Taliban and Tajik forces"
                    countries.append(state)
        if len(countries) < 2:
            return [actor]
        return [replace(actor, country=c, kb_id=c,
                        name=f"{self.kb.countries[c].name} {actor.sector}".strip())
                for c in countries]

    def _owner(self, h: Token) -> ActorRef | None:
        """For a noun with "its"/"their": the nearest subject up the clauses that is a
        state or a group with one ("Bosnian Serbs said their forces had withdrawn")."""
        if not any(c.dep_ == "poss" and c.lower_ in ("its", "their") for c in h.children):
            return None
        t = h
        for _ in range(5):
            if t.head is t:
                return None
            t = t.head
            for subj in (c for c in t.children if c.dep_ in ("nsubj", "nsubjpass")
                         and c.i != h.i and c.pos_ != "PRON"):
                actor = self.resolve(subj)
                if actor is not None and actor.country and actor.country != "IGO":
                    return actor
        return None

    def antecedent(self, tok: Token) -> ActorRef | None:
        """The person a pronoun most likely refers to: the latest earlier person mention,
        subjects first."""
        earlier = [(i, a, subj) for i, a, subj in self._person_mentions if i < tok.i]
        if not earlier:
            return None
        subjects = [m for m in earlier if m[2]]
        i, actor, _ = (subjects or earlier)[-1]
        if earlier[-1][0] > i and not earlier[-1][2]:
            # a closer non-subject mention in the same sentence is a stronger candidate
            same_sentence = self._sent_start[earlier[-1][0]] == self._sent_start[tok.i]
            if same_sentence:
                actor = earlier[-1][1]
        return replace(actor, text=tok.text, start=tok.idx, end=tok.idx + len(tok.text),
                       kind="pronoun", via=f"pronoun {tok.text!r} -> {actor.name}")

    @staticmethod
    def unidentified(tok: Token, who: str = "attackers") -> ActorRef:
        """Whoever carried out an act the text attributes to no one ("were killed in a
        bombing", "was arrested in Lebanon"); the coder places it in the country where
        the act happened. Attackers are unidentified armed forces (UAF); authorities have
        no sector the text would confirm."""
        sector = "UAF" if who == "attackers" else ""
        return ActorRef("", f"unidentified {who}", "", sector, None, tok.idx, tok.idx,
                        kind="unidentified", via=f"implied: the text names none of the {who}")

    def own_state(self, actor: ActorRef) -> ActorRef | None:
        """The government of ``actor``'s own country, for acts aimed at it without naming
        it ("students staged demonstrations to demand reforms"). It has no words in the
        text: an empty span at the actor's start."""
        if not actor.country or actor.country not in self.kb.countries \
                or actor.sector == "GOV":
            return None
        c = self.kb.countries[actor.country]
        return ActorRef("", c.name, c.id, "GOV", c.id, actor.start, actor.start, kind="state",
                        via=f"implied: the government of {actor.text!r}")

    # ---- resolution -----------------------------------------------------------

    def _resolve(self, h: Token) -> ActorRef | None:
        if h.pos_ == "PRON":
            return self.antecedent(h) if h.lower_ in PERSON_PRONOUNS else None
        if h.lower_ in QUANTITY_HEADS and h.i not in self.hits:
            # "thousands of Iraqi Kurds", "a group of Moroccan diplomats"
            counted = [p for prep in h.children if prep.dep_ == "prep" and prep.lower_ == "of"
                       for p in prep.children if p.dep_ == "pobj"]
            if counted:
                return self.resolve(counted[0])
        strong, of_toks, weak = self._np(h)
        span_toks = strong + of_toks
        words = [t for t in span_toks if not t.is_punct] or span_toks
        start = min(t.idx for t in words)
        end = max(t.idx + len(t.text) for t in words)
        text = self.text[start:end]
        head_hit = self.hits.get(h.i)
        hits = _hits_in(self.hits, strong)

        person = next((th.hit for th in hits if th.hit.kind == "person"), None)
        if person is not None and (head_hit is None or head_hit.hit.kind in ("person", "sector")):
            return self._learn(self._person_actor(person, text, start, end), h)
        if head_hit is not None:
            kind = head_hit.hit.kind
            if kind == "org":
                return self._org_actor(head_hit.hit.id, "", text, start, end)
            if kind in ("country", "capital", "seat"):
                country = self.kb.countries[head_hit.hit.id]
                return ActorRef(text, country.name, country.id, "GOV", country.id, start, end,
                                kind="state", via=f"{kind} {head_hit.hit.via!r}")
            if kind == "demonym":
                # "Bosnian Serbs", "Iraqi Kurds": people of one nation living in another
                # state belong to the state the modifier names
                home = next((th.hit.id for th in hits if th.start != head_hit.start
                             and th.hit.kind in ("demonym", "country")), head_hit.hit.id)
                country = self.kb.countries[home]
                return ActorRef(text, country.name, country.id, "", country.id, start, end,
                                kind="group", via=f"demonym {head_hit.hit.via!r}")
            if kind in ("sector", "office"):
                return self._group_actor(h, head_hit.hit, strong, of_toks, weak, text, start,
                                         end)
        if h.pos_ == "PROPN":
            return self._named_actor(h, strong, text, start, end)
        return None

    def _group_actor(self, h: Token, head: Hit, strong: list[Token], of_toks: list[Token],
                     weak: list[Token], text: str, start: int, end: int) -> ActorRef | None:
        """A sector word ("ministry", "protesters") placed by the words around it."""
        sector = "GOV" if head.kind == "office" else head.id
        if head.kind == "office":
            return self._org_actor(head.id, sector, text, start, end)
        layers = [(strong, "modifier"), (of_toks, "of-phrase")]
        if sector != "MIL":  # "protesters in Yerevan" are local; "troops in Syria" need not be
            # then "refugees fleeing the war in Liberia"
            layers += [(weak, "place"), (_place_phrases(h), "nested place")]
        else:  # but "troops from Chad" are Chad's
            layers.append(([t for prep in h.children if prep.dep_ == "prep"
                            and prep.lower_ == "from" for t in prep.subtree], "from-phrase"))
        for toks, strength in layers:
            hits = _hits_in(self.hits, toks)
            country = next((th.hit for th in hits if th.hit.kind in COUNTRY_KINDS), None)
            if country is not None:
                c = self.kb.countries[country.id]
                return self._remember_group(h, ActorRef(
                    text, f"{c.name} {self.kb.sector_labels.get(sector, sector)}".strip(), c.id,
                    sector, c.id, start, end, kind="group",
                    via=f"{sector} word {head.via!r} + {strength} {country.via!r}"))
            org = next((th.hit for th in hits if th.hit.kind in ("org", "office")), None)
            if org is not None:
                return self._org_actor(org.id, sector, text, start, end)
        earlier = self._by_head.get(h.lemma_.lower())
        if earlier is not None and earlier.country:
            return replace(earlier, text=text, start=start, end=end,
                           via=f"same as earlier {earlier.text!r}")
        country = self._sentence_country.get(self._sent_start[h.i], "")
        via = f"{sector} word {head.via!r}" + (" + sentence place" if country else "")
        return self._remember_group(h, ActorRef(
            text, text, country, sector, None, start, end, kind="group", via=via))

    def _remember_group(self, h: Token, actor: ActorRef) -> ActorRef:
        self._by_head[h.lemma_.lower()] = actor
        return actor

    def _named_actor(self, h: Token, strong: list[Token], text: str, start: int,
                     end: int) -> ActorRef | None:
        """A proper name the knowledge base does not hold: remembered from earlier in the
        document, or placed by a role and nationality next to it."""
        name_toks = [t for t in strong if t.pos_ == "PROPN" and t.i not in self.hits]
        name = " ".join(t.text for t in name_toks) or h.text
        earlier = self._recall(name)
        if earlier is not None:
            return replace(earlier, text=text, start=start, end=end,
                           via=f"same as earlier {earlier.text!r}")
        if h.dep_ == "appos":
            role = self._role_of_apposition(h)
            if role is not None:
                return self._learn(replace(role, text=text, start=start, end=end), h, name)
        hits = _hits_in(self.hits, strong)
        country = next((th.hit for th in hits if th.hit.kind in COUNTRY_KINDS), None)
        sector = next((th.hit for th in hits if th.hit.kind == "sector"), None)
        if country is None and self.resolver is not None and h.ent_type_ not in NOT_NAMES:
            # typos and transliterations the exact index misses ("Ethopia", "Lukaschenko")
            res = self.resolver.resolve(name, self.day)
            if res is not None and res.kind in ("person", "country", "org") and res.country:
                kind = "state" if res.kind == "country" else res.kind
                actor = ActorRef(text, res.name, res.country,
                                 res.sector or ("GOV" if kind == "state" else ""),
                                 res.kb_id or None, start, end, igo=res.igo, kind=kind,
                                 via=res.why)
                return self._learn(actor, h, name) if kind == "person" else actor
        if h.ent_type_ not in ("PERSON", "ORG", "NORP", ""):
            return None
        if country is None:
            # "U.N. mediator Diego Cordovez": an unknown name serving an organisation
            org = next((th.hit for th in hits if th.hit.kind == "org"), None)
            if org is None or h.ent_type_ != "PERSON":
                return None
            return self._learn(self._org_actor(org.id, sector.id if sector else "", text,
                                               start, end), h, name)
        c = self.kb.countries[country.id]
        actor = ActorRef(text, name, c.id, sector.id if sector else "", None, start, end,
                         kind="person" if h.ent_type_ != "ORG" else "group",
                         via=f"unknown name {name!r} with {country.via!r}"
                             + (f" and {sector.via!r}" if sector else ""))
        return self._learn(actor, h, name)

    def _role_of_apposition(self, h: Token) -> ActorRef | None:
        """"Kazakhstan's Ambassador to Belarus, Timur Zhaksylykov": the name takes the
        actor of the role it stands beside (skipping a place the parser attached it to)."""
        head = h.head
        for _ in range(3):
            actor = self.resolve(head) if head.i != h.i else None
            if actor is not None and actor.kind in ("group", "person"):
                return actor
            if head.dep_ not in ("pobj", "prep") or head.head is head:
                return None
            head = head.head
        return None

    def _person_actor(self, hit: Hit, text: str, start: int, end: int) -> ActorRef:
        person = self.kb.people[hit.id]
        country, sector, igo, via = person.code_on(self.day)
        return ActorRef(text, person.name, country, sector, person.id, start, end, igo=igo,
                        kind="person", via=f"person {hit.via!r}: {via}")

    def _org_actor(self, org_id: str, sector: str, text: str, start: int,
                   end: int) -> ActorRef:
        org = self.kb.organisations[org_id]
        if org.country:  # a national group: Hamas, the PKK, a party
            return ActorRef(text, org.name, org.country, sector or org.sector, org.id, start,
                            end, kind="group", via=f"group {org.id} of {org.country}")
        if org.kind == "group":  # a transnational armed group: no state of its own
            return ActorRef(text, org.name, "", sector or org.sector, org.id, start, end,
                            kind="group", via=f"transnational group {org.id}")
        what = "non-governmental organisation" if org.kind == "ngo" else "organisation"
        return ActorRef(text, org.name, "IGO", sector or org.sector, org.id, start, end,
                        igo=org.id, kind="org", via=f"{what} {org.id}")

    # ---- memory of named people -----------------------------------------------

    def _learn(self, actor: ActorRef, h: Token, name: str | None = None) -> ActorRef:
        full = norm_name(name or actor.name)
        if full:
            self._people.setdefault(full, actor)
            surname = full.split()[-1]
            if len(surname) >= 3:
                self._people.setdefault(surname, actor)
        return actor

    def _recall(self, name: str) -> ActorRef | None:
        key = norm_name(name)
        if not key:
            return None
        if key in self._people:
            return self._people[key]
        surname = key.split()[-1]
        if surname in self._people:
            return self._people[surname]
        if len(surname) < MIN_FUZZY_NAME:
            return None
        best = max(((fuzz.ratio(surname, k), k) for k in self._people if k[0] == surname[0]),
                   default=(0, ""))
        return self._people[best[1]] if best[0] >= FUZZY_THRESHOLD else None

    # ---- noun-phrase geometry ------------------------------------------------

    def _np(self, h: Token) -> tuple[list[Token], list[Token], list[Token]]:
        """The head's own modifiers, its "of" phrases, and its "in/from" phrases."""
        strong: list[Token] = []
        stack = [h]
        while stack:
            t = stack.pop()
            strong.append(t)
            stack.extend(c for c in t.children if c.dep_ in NP_DEPS)
        of_toks: list[Token] = []
        weak: list[Token] = []
        for prep in (c for c in h.children if c.dep_ == "prep"):
            target = of_toks if prep.lower_ in OF_PREPS else weak if prep.lower_ in WEAK_PREPS \
                else None
            if target is not None:
                for pobj in (c for c in prep.children if c.dep_ == "pobj"):
                    target.extend(t for t in pobj.subtree if t.dep_ != "relcl")
        strong.sort(key=lambda t: t.i)
        return strong, of_toks, weak

    def _modifier_actors(self, h: Token) -> list[ActorRef]:
        for dep in ("poss", "compound", "nmod"):
            for child in (c for c in h.children if c.dep_ == dep):
                hit = self.hits.get(child.i)
                if dep != "poss" and (hit is None or hit.hit.kind not in ("country", "org")):
                    continue
                actors = [a for a in (self.resolve(x) for x in [child, *child.conjuncts]) if a]
                if actors:
                    return actors
        # "rejected an Indian proposal", "shelled Ukrainian positions": the state behind it
        found: list[ActorRef] = []
        for child in (c for c in h.children if c.dep_ in ("amod", "compound")):
            for t in (child, *child.conjuncts):
                hit = self.hits.get(t.i)
                if hit is not None and hit.hit.kind == "demonym":
                    c = self.kb.countries[hit.hit.id]
                    found.append(ActorRef(t.text, c.name, c.id, "", c.id, t.idx,
                                          t.idx + len(t.text), kind="state",
                                          via=f"nationality {hit.hit.via!r} of {h.text!r}"))
        return found

    def _place_country(self, sent: Span) -> str:
        """The country of a sentence's scene-setting place ("In Yerevan, ...")."""
        root = sent.root
        for prep in (c for c in root.children if c.dep_ == "prep" and c.lower_ == "in"):
            for pobj in (c for c in prep.children if c.dep_ == "pobj"):
                hit = self.hits.get(pobj.i)
                if hit is not None and hit.hit.kind in ("country", "capital"):
                    return hit.hit.id
        return ""


PLACE_PREPS = frozenset({"in", "of", "from"})
CLAUSE_DEPS = frozenset({"relcl", "advcl", "ccomp", "xcomp", "pcomp", "conj", "appos"})


def _place_phrases(h: Token) -> list[Token]:
    """Words of the "in/of/from" phrases below a noun, through participles ("refugees
    fleeing the war in Liberia") but not into clauses or other prepositions."""
    out: list[Token] = []
    stack = [c for c in h.children]
    while stack:
        t = stack.pop()
        if t.dep_ in CLAUSE_DEPS or (t.dep_ == "prep" and t.lower_ not in PLACE_PREPS):
            continue
        out.append(t)
        stack.extend(t.children)
    return out


def _hits_in(hits: dict[int, TokenHit], toks: list[Token]) -> list[TokenHit]:
    seen: dict[int, TokenHit] = {}
    for t in toks:
        th = hits.get(t.i)
        if th is not None:
            seen.setdefault(th.start, th)
    return [seen[k] for k in sorted(seen)]


def _distinct(actors: list[ActorRef]) -> list[ActorRef]:
    """One actor per state (compound actors are for different countries)."""
    out: list[ActorRef] = []
    seen: set[tuple[str, str]] = set()
    for a in actors:
        key = (a.country, a.igo) if a.country else (a.text, "")
        if key not in seen:
            seen.add(key)
            out.append(a)
    return out
