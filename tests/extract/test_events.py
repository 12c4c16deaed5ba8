"""Event finding on short texts written for these tests."""

from __future__ import annotations

import pytest

from support import dyads
from whowhom import code_text
from whowhom.coder import Coder

PUB = "2024-08-23"


def code(text: str, coder: Coder, **kw):
    return code_text(text, published=PUB, coder=coder, **kw)


def test_summoning_an_envoy_is_an_accusation_of_the_envoys_state(coder: Coder) -> None:
    events = code("The Kazakh Foreign Ministry summoned the Belarusian ambassador.", coder)
    assert ("ACCUSE", "KAZGOV", "BLRGOV") in dyads(events)
    assert events[0].cameo == "111"


def test_passive_summons_takes_the_summoner_from_the_preposition(coder: Coder) -> None:
    events = code("Georgia's ambassador was summoned to the Russian Foreign Ministry.", coder)
    assert dyads(events) == {("ACCUSE", "RUSGOV", "GEOGOV")}


def test_coordinated_actors_give_one_event_per_pair(coder: Coder) -> None:
    events = code("Moscow and Minsk condemned Lithuania and Latvia.", coder)
    assert dyads(events) == {
        ("ACCUSE", "RUSGOV", "LTUGOV"), ("ACCUSE", "RUSGOV", "LVAGOV"),
        ("ACCUSE", "BLRGOV", "LTUGOV"), ("ACCUSE", "BLRGOV", "LVAGOV"),
    }


def test_coordinated_verbs_share_their_object(coder: Coder) -> None:
    events = code("The Armenian government criticized and warned Azerbaijan.", coder)
    assert {e.event for e in events} == {"ACCUSE", "THREATEN"}
    assert all(e.target is not None and e.target.country == "AZE" for e in events)


def test_apposition_gives_the_minister_his_country(coder: Coder) -> None:
    text = ("Armenia's Foreign Minister, Ararat Mirzoyan, urged Azerbaijan to release the "
            "detainees. Later Mirzoyan criticized Baku again.")
    events = code(text, coder)
    assert ("REQUEST", "ARMGOV", "AZEGOV") in dyads(events)
    assert ("ACCUSE", "ARMGOV", "AZEGOV") in dyads(events)


def test_unknown_person_with_role_is_remembered_by_surname(coder: Coder) -> None:
    text = ("Moldova's envoy to Romania, Dorin Zabulichescu, met Romanian officials. "
            "Zabulichescu later praised Bucharest.")
    events = code(text, coder)
    assert ("SUPPORT", "MDAGOV", "ROUGOV") in dyads(events)


def test_pronoun_he_refers_to_the_last_person_named(coder: Coder) -> None:
    text = ("Kazakh President Kassym-Jomart Tokayev arrived in Tashkent. "
            "He praised Uzbekistan for its reforms.")
    assert ("SUPPORT", "KAZGOV", "UZBGOV") in dyads(code(text, coder))


def test_negated_event_is_flagged_and_left_out_by_default(coder: Coder) -> None:
    text = "Uzbekistan did not condemn Russia."
    assert code(text, coder) == []
    everything = code(text, coder, include_all=True)
    assert [e.negated for e in everything] == [True]


@pytest.mark.parametrize("text, flag", [
    ("If Baku attacks, Yerevan could ask Moscow for help.", "modal"),
    ("Tbilisi urged Moscow to withdraw its troops.", "requested"),
    ("Did Ankara criticize Athens?", "question"),
])
def test_hypothetical_events_are_flagged(coder: Coder, text: str, flag: str) -> None:
    flagged = [e for e in code(text, coder, include_all=True) if e.hypothetical]
    assert flagged and any(flag in e.flags for e in flagged)


def test_urge_to_is_a_request_to_the_party_asked(coder: Coder) -> None:
    events = code("The European Union urged Serbia to recognize Kosovo.", coder)
    assert [(e.event, e.source.country, e.source.igo, e.target.country) for e in events
            if e.target] == [("REQUEST", "IGO", "EU", "SRB")]


def test_reported_speech_keeps_the_actor_and_names_the_reporter(coder: Coder) -> None:
    text = "Kyrgyzstan condemned Tajikistan, the Kyrgyz foreign ministry said on Monday."
    events = code(text, coder)
    assert ("ACCUSE", "KGZGOV", "TJKGOV") in dyads(events)
    assert events[0].reported_by is not None and "ministry" in events[0].reported_by


def test_future_cooperation_is_coded_as_intent(coder: Coder) -> None:
    events = code("Japan will provide aid to the Philippines.", coder)
    assert ("AGREE", "JPNGOV", "PHLGOV") in dyads(events)


def test_symmetric_agreement_is_coded_both_ways(coder: Coder) -> None:
    events = code("Azerbaijan and Georgia signed a transit agreement.", coder)
    assert {("SUPPORT", "AZEGOV", "GEOGOV"), ("SUPPORT", "GEOGOV", "AZEGOV")} <= dyads(events)


def test_event_date_comes_from_the_sentence(coder: Coder) -> None:
    events = code("On Wednesday, Lithuania expelled a Russian diplomat.", coder)
    assert [(e.event, e.date, e.date_precision) for e in events] == [
        ("SANCTION", "2024-08-21", "day")]


def test_undated_event_falls_back_to_publication(coder: Coder) -> None:
    events = code("Lithuania expelled a Russian diplomat.", coder)
    assert [(e.date, e.date_precision) for e in events] == [(PUB, "publication")]


def test_mixed_script_name_resolves_like_the_latin_one(coder: Coder) -> None:
    cyrillic_a = "\u0430"
    events = code(f"Lukashenk{cyrillic_a} criticized Kazakhstan.", coder)
    assert ("ACCUSE", "BLRGOV", "KAZGOV") in dyads(events)


def test_the_same_act_told_twice_is_one_event(coder: Coder) -> None:
    text = ("Poland condemns Belarus.\nPoland condemned Belarus on Tuesday over the border "
            "incident.")
    events = code(text, coder)
    assert len([e for e in events if e.event == "ACCUSE"]) == 1
    assert events[0].date == "2024-08-20"


def test_every_event_points_at_its_evidence(coder: Coder) -> None:
    text = "Hungary praised China. Romania criticized Russia."
    for e in code(text, coder):
        assert text[slice(*e.trigger_span)] == e.trigger_text
        assert text[slice(*e.source.span)] == e.source.text
        assert e.sentence in text


def test_a_weekday_is_not_a_person_of_that_surname(coder: Coder) -> None:
    events = code("Armenia and Georgia agreed to share information Friday.", coder)
    assert {e.target.country for e in events if e.target} <= {"ARM", "GEO"}


def test_a_group_and_a_nationality_in_one_phrase_are_two_sides(coder: Coder) -> None:
    events = code("Taliban and Tajik border forces exchanged fire on Sunday.", coder)
    assert {(e.source.country, e.target.country) for e in events if e.target} >= {
        ("AFG", "TJK"), ("TJK", "AFG")}


def test_a_withdrawal_targets_the_place_left(coder: Coder) -> None:
    events = code("Israel has begun withdrawing its troops from Gaza.", coder)
    assert [(e.event, e.source.country, e.target.country if e.target else None)
            for e in events] == [("RETREAT", "ISR", "PSE")]
