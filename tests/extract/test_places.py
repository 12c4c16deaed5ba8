"""Event locations: places in locative phrases, datelines, the offline gazetteer."""

from __future__ import annotations

import pytest

from whowhom.extract.places import Gazetteer, default_gazetteer, find_dateline, find_location
from whowhom.model import Location
from whowhom.nlp import load_nlp


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return default_gazetteer()


def locate(text: str, gazetteer: Gazetteer, dateline: Location | None = None
           ) -> Location | None:
    doc = load_nlp()(text)
    return find_location(next(iter(doc.sents)), doc.text, dateline, gazetteer)


@pytest.mark.parametrize(("text", "name", "country"), [
    ("The two foreign ministers met in Yerevan on Monday.", "Yerevan", "ARM"),
    ("Putin spoke at an economic forum in St. Petersburg on Friday.", "Saint Petersburg", "RUS"),
    ("Protesters threw eggs at the Belarusian Embassy in Armenia.", "Armenia", "ARM"),
    ("Tokayev received the envoy at Akorda on Wednesday.", "Akorda", "KAZ"),
    ("Russian troops pulled back from villages in the Kherson region.", "Kherson region", "UKR"),
    ("Shells landed near the border town of Sumy overnight.", "Sumy", "UKR"),
])
def test_a_place_in_a_locative_phrase_is_the_location(text: str, name: str, country: str,
                                                       gazetteer: Gazetteer) -> None:
    location = locate(text, gazetteer)
    assert location is not None
    assert (location.name, location.country) == (name, country)
    assert location.lat is not None and location.lon is not None


def test_a_city_wins_over_a_country_named_in_the_same_sentence(gazetteer: Gazetteer) -> None:
    location = locate("Armenian police detained protesters in Yerevan.", gazetteer)
    assert location is not None and location.name == "Yerevan"


def test_an_ambiguous_city_is_the_most_populous_unless_the_sentence_names_its_country(
        gazetteer: Gazetteer) -> None:
    plain = locate("The delegations met in Tripoli on Tuesday.", gazetteer)
    assert plain is not None and plain.country == "LBY"
    in_lebanon = locate("Clashes broke out in Tripoli, in northern Lebanon.", gazetteer)
    assert in_lebanon is not None and in_lebanon.country == "LBN"


def test_a_sentence_without_a_place_has_no_location(gazetteer: Gazetteer) -> None:
    assert locate("Lukashenko criticised Kazakhstan for its stance.", gazetteer) is None


def test_the_dateline_is_the_fallback_location(gazetteer: Gazetteer) -> None:
    dateline = find_dateline("ASTANA, Aug 21 — The ministry summoned the envoy.", gazetteer)
    assert dateline is not None and (dateline.name, dateline.country) == ("Astana", "KAZ")
    assert locate("The ministry summoned the envoy.", gazetteer, dateline) == dateline
    own = locate("The envoy was summoned in Almaty.", gazetteer, dateline)
    assert own is not None and own.name == "Almaty"


@pytest.mark.parametrize(("text", "name"), [
    ("MOSCOW (Reuters) - Russia said on Monday", "Moscow"),
    ("Armenia rejects claim\nYerevan, Armenia, 23 August 2024 – The ministry said", "Yerevan"),
])
def test_datelines_with_agency_or_date(text: str, name: str, gazetteer: Gazetteer) -> None:
    dateline = find_dateline(text, gazetteer)
    assert dateline is not None and dateline.name == name


def test_a_dash_in_an_ordinary_opening_is_not_a_dateline(gazetteer: Gazetteer) -> None:
    assert find_dateline("Kazakhstan - a country of contrasts - said no.", gazetteer) is None
