"""Events and actors the text implies rather than names: promises, threats and refusals
without a target, protests aimed at the protesters' own government, attacks and arrests
no one is named for, demands in that-clauses, possessives and counted crowds. Texts are
written for these tests."""

from __future__ import annotations

from support import dyads
from whowhom import code_text
from whowhom.coder import Coder

PUB = "2024-08-23"


def code(text: str, coder: Coder, published: str = PUB, **kw):
    return code_text(text, published=published, coder=coder, **kw)


def triples(events) -> set[tuple[str, str, str]]:
    """(event, source country, target country) of the events that have a target."""
    return {(e.event, e.source.country, e.target.country) for e in events if e.target}


# ---- promises, threats, refusals ---------------------------------------------------


def test_a_promise_is_an_event_without_a_target(coder: Coder) -> None:
    events = code("The Kenyan president promised to hold free elections.", coder)
    assert ("AGREE", "KENGOV", "-") in dyads(events)


def test_would_in_reported_speech_is_a_promise(coder: Coder) -> None:
    events = code("Estonian officials said they would meet the Latvian delegation.", coder)
    assert {(e.event, e.source.country, e.target and e.target.country) for e in events} \
        == {("AGREE", "EST", "LVA")}


def test_a_future_act_held_over_another_party_is_a_threat(coder: Coder) -> None:
    events = code("Chad said it will withdraw its troops from Mali unless the junta holds "
                  "elections.", coder)
    assert triples(events) == {("THREATEN", "TCD", "MLI")}


def test_a_threat_aims_at_whoever_must_act_in_its_if_clause(coder: Coder) -> None:
    events = code("Iran threatened to halt the talks if the United States imposes new "
                  "sanctions.", coder)
    assert ("THREATEN", "IRNGOV", "USAGOV") in dyads(events)


def test_a_refusal_needs_no_target(coder: Coder) -> None:
    events = code("The Peruvian prime minister declined to resign.", coder)
    assert ("REJECT", "PERGOV", "-") in dyads(events)


def test_a_bare_wish_about_an_unknown_act_is_no_event(coder: Coder) -> None:
    assert code("The Peruvian prime minister hopes to travel more.", coder) == []


# ---- protests ----------------------------------------------------------------------


def test_a_protest_that_names_no_one_targets_the_protesters_government(coder: Coder) -> None:
    events = code("Thousands of Chilean students demonstrated in the capital on Monday, "
                  "demanding lower fees.", coder)
    assert dyads(events) == {("PROTEST", "CHLEDU", "CHLGOV")}
    assert "implied target" in events[0].flags
    assert events[0].target is not None and events[0].target.text == ""


def test_a_hunger_strike_is_a_protest_and_a_drone_strike_is_not(coder: Coder) -> None:
    hunger = code("Jailed Turkish journalists began a hunger strike.", coder)
    drone = code("Ukraine launched a drone strike on a Russian refinery.", coder)
    assert {e.event for e in hunger} == {"PROTEST"}
    assert "PROTEST" not in {e.event for e in drone}


# ---- attacks and arrests no one is named for ---------------------------------------


def test_an_agentless_killing_is_an_attack_by_someone_in_that_country(coder: Coder) -> None:
    events = code("Two Malian soldiers were killed in a roadside bombing near Gao.", coder)
    assert len(events) == 1
    e = events[0]
    assert (e.event, e.source.country, e.source.sector, e.source.text) == \
        ("ASSAULT", "MLI", "UAF", "")
    assert e.target is not None and e.target.country == "MLI"


def test_a_weapon_as_subject_is_an_unidentified_attacker(coder: Coder) -> None:
    events = code("A car bomb killed three Somali police officers in Mogadishu.", coder)
    assert triples(events) == {("ASSAULT", "SOM", "SOM")}


def test_an_agentless_arrest_belongs_to_the_authorities_of_the_place(coder: Coder) -> None:
    placed = code("A French aid worker was arrested in Niger on Tuesday.", coder)
    unplaced = code("A French aid worker was arrested on Tuesday.", coder)
    assert triples(placed) == {("COERCE", "NER", "FRA")}
    assert unplaced == []


def test_an_act_done_in_a_named_place_targets_its_people(coder: Coder) -> None:
    events = code("Turkish authorities imposed a curfew in Diyarbakir.", coder)
    assert triples(events) == {("COERCE", "TUR", "TUR")}
    assert "implied target" in events[0].flags


# ---- demands -----------------------------------------------------------------------


def test_a_subjunctive_that_clause_is_asked_for_not_reported(coder: Coder) -> None:
    text = "The European Union demanded that Serbia release the detained activists."
    events = code(text, coder)
    assert triples(events) == {("REQUEST", "IGO", "SRB")}
    hidden = [e for e in code(text, coder, include_all=True) if not e.is_default]
    assert all(e.source.country == "SRB" and "requested" in e.flags for e in hidden)


def test_what_a_demanded_admission_holds_did_not_happen_in_the_text(coder: Coder) -> None:
    events = code("Warsaw demanded an admission by Moscow that Soviet troops had killed the "
                  "prisoners.", coder)
    assert ("REQUEST", "POLGOV", "RUSGOV") in dyads(events)
    assert "ASSAULT" not in {e.event for e in events}


def test_a_noun_demand_belongs_to_its_verbs_subject(coder: Coder) -> None:
    events = code("The Arab League renewed its demand that Israel lift the blockade.", coder)
    assert triples(events) == {("REQUEST", "IGO", "ISR")}


# ---- actors --------------------------------------------------------------------------


def test_a_counted_group_is_the_people_counted(coder: Coder) -> None:
    events = code("A group of Moroccan diplomats held talks with Spanish officials.", coder)
    assert ("CONSULT", "MAR", "ESP") in triples(events)


def test_their_forces_belong_to_whoever_owns_them(coder: Coder) -> None:
    events = code("Sudan said its troops had completed their withdrawal from Chad.", coder)
    assert {(e.event, e.source.country) for e in events} == {("RETREAT", "SDN")}


def test_an_ethnic_group_belongs_to_the_state_its_modifier_names(coder: Coder) -> None:
    events = code("Bosnian Serbs rallied in Banja Luka.", coder)
    assert {(e.event, e.source.country) for e in events} == {("PROTEST", "BIH")}


def test_a_transnational_group_has_no_state(coder: Coder) -> None:
    events = code("Al-Qaeda threatened to attack the United States.", coder)
    assert {(e.event, e.source.name, e.source.country, e.target.country)
            for e in events if e.target} == {("THREATEN", "al-Qaeda", "", "USA")}


def test_a_name_the_knowledge_base_writes_in_lower_case_matches(coder: Coder) -> None:
    events = code("Fighters of al-Shabaab attacked a Kenyan base.", coder)
    assert triples(events) == {("ASSAULT", "SOM", "KEN")}


def test_an_ngo_codes_as_an_organisation(coder: Coder) -> None:
    events = code("Amnesty International accused Egypt of torturing detainees.", coder)
    accusations = [e for e in events if e.event == "ACCUSE"]
    assert accusations and accusations[0].source.country == "IGO"
    assert accusations[0].source.igo == "AMNESTY"


def test_a_past_head_of_state_codes_by_the_event_date(coder: Coder) -> None:
    text = "President Juvenal Habyarimana criticised Uganda."
    then = code(text, coder, published="1992-05-01")
    later = code(text, coder, published="2010-05-01")
    assert ("ACCUSE", "RWAGOV", "UGAGOV") in dyads(then)
    assert {e.source.code for e in later} == {"RWAELI"}


# ---- objects -----------------------------------------------------------------------


def test_a_partitive_object_is_read_through(coder: Coder) -> None:
    events = code("Washington suspended part of its military aid programme for Georgia.",
                  coder)
    assert triples(events) == {("SANCTION", "USA", "GEO")}


def test_joint_drills_need_two_parties(coder: Coder) -> None:
    joint = code("Russian and Belarusian troops held joint exercises.", coder)
    alone = code("Chinese troops held exercises near Taiwan.", coder)
    assert ("COOPERATE", "RUS", "BLR") in triples(joint)
    assert "COOPERATE" not in {e.event for e in alone}


# ---- what did not happen -------------------------------------------------------------


def test_failing_to_agree_is_a_rejection(coder: Coder) -> None:
    events = code("Serbia and Kosovo failed to reach agreement on the border.", coder)
    assert {(e.event, e.source.country) for e in events} == {("REJECT", "SRB"),
                                                             ("REJECT", "XKX")}


def test_what_an_act_is_for_is_not_told_as_done(coder: Coder) -> None:
    text = "The Dutch navy sent a frigate to the Red Sea to attack Houthi positions."
    default = {e.event for e in code(text, coder)}
    hidden = [e for e in code(text, coder, include_all=True) if not e.is_default]
    assert "MOBILIZE" in default and "ASSAULT" not in default
    assert [(e.event, e.flags) for e in hidden] == [("ASSAULT", ["purpose"])]


def test_a_right_to_act_is_not_the_act(coder: Coder) -> None:
    events = code("Washington defended the right of Israeli troops to fire on militants in "
                  "Lebanon.", coder)
    assert "ASSAULT" not in {e.event for e in events}


def test_an_attack_on_unnamed_targets_needs_a_place(coder: Coder) -> None:
    placed = code("Russian troops fired shells at targets in Kharkiv.", coder)
    unplaced = code("Russian troops fired shells at targets.", coder)
    assert triples(placed) == {("ASSAULT", "RUS", "UKR")}
    assert unplaced == []


def test_he_with_no_person_before_is_the_one_who_speaks(coder: Coder) -> None:
    events = code("Latvia's prime minister said he was expelling the Russian ambassador.",
                  coder)
    assert triples(events) == {("SANCTION", "LVA", "RUS")}


def test_a_stated_readiness_is_a_promise_of_its_holder(coder: Coder) -> None:
    events = code("The minister expressed Japan's readiness to cooperate with Vietnam.", coder)
    assert triples(events) == {("AGREE", "JPN", "VNM")}


def test_giving_permission_is_a_concession(coder: Coder) -> None:
    events = code("Myanmar gave permission to the Red Cross to visit the camps.", coder)
    assert ("CONCEDE", "MMR", "IGO") in triples(events)


def test_allegations_accuse_the_subject_of_their_that_clause(coder: Coder) -> None:
    said = code("Uzbek officials countered with allegations that Kyrgyzstan was arming "
                "smugglers.", coder)
    complied = code("Astana complies with sanctions imposed on Russia by the West.", coder)
    assert triples(said) == {("ACCUSE", "UZB", "KGZ")}
    assert not any(e.source.country == "KAZ" for e in complied)
