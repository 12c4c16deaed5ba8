"""Date mentions found in news text and resolved against the publication date."""

from __future__ import annotations

import datetime

import pytest

from whowhom.extract.dates import DateMention, find_dates, parse_iso_date, sentence_date

FRIDAY = datetime.date(2024, 8, 23)  # a Friday
SUNDAY = datetime.date(2024, 8, 25)


def resolved(text: str, published: datetime.date | None = FRIDAY) -> list[tuple[str, str, str]]:
    return [(m.text, m.value, m.precision) for m in find_dates(text, published)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The envoy spoke on Wednesday.", [("Wednesday", "2024-08-21", "day")]),
        ("The envoy spoke on Friday.", [("Friday", "2024-08-23", "day")]),
        ("Wednesday's talks failed.", [("Wednesday", "2024-08-21", "day")]),
        ("He left last Wednesday.", [("last Wednesday", "2024-08-21", "day")]),
        ("He left last Friday.", [("last Friday", "2024-08-16", "day")]),
        ("Talks resume next Tuesday.", [("next Tuesday", "2024-08-27", "day")]),
        ("Shelling began on Monday night.", [("Monday night", "2024-08-19", "day")]),
        ("Crowds gathered after Friday prayers.", [("Friday", "2024-08-23", "day")]),
    ],
)
def test_weekdays_resolve_to_the_latest_such_day_before_publication(text, expected):
    assert resolved(text) == expected


def test_weekday_in_an_article_published_on_sunday_is_the_past_one():
    assert resolved("The minister arrived on Monday.", SUNDAY) == [("Monday", "2024-08-19", "day")]


@pytest.mark.parametrize(
    "text",
    [
        "The Good Friday Agreement was cited.",
        "The Sunday Times reported the visit.",
        "The anniversary of Bloody Sunday passed.",
    ],
)
def test_weekdays_inside_names_are_not_dates(text):
    assert resolved(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The deal was signed today.", [("today", "2024-08-23", "day")]),
        ("Troops moved in this morning.", [("this morning", "2024-08-23", "day")]),
        ("Leaders meet tonight.", [("tonight", "2024-08-23", "day")]),
        ("The ministry said yesterday.", [("yesterday", "2024-08-22", "day")]),
        ("The talks were held last week.", [("last week", "2024-08", "month")]),
        ("The talks were held last month.", [("last month", "2024-07", "month")]),
        ("The talks were held last year.", [("last year", "2023", "year")]),
        ("Talks began earlier this month.", [("earlier this month", "2024-08", "month")]),
        ("Elections are due this year.", [("this year", "2024", "year")]),
        ("The envoy left two days ago.", [("two days ago", "2024-08-21", "day")]),
        ("The envoy left three weeks ago.", [("three weeks ago", "2024-08", "month")]),
        ("Fighting resumed over the weekend.", [("the weekend", "2024-08", "month")]),
    ],
)
def test_relative_words_resolve_against_the_publication_date(text, expected):
    assert resolved(text) == expected


def test_the_last_year_is_a_period_not_last_year():
    assert resolved("Trade grew over the last year.") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The summit opened on August 15.", [("August 15", "2024-08-15", "day")]),
        ("Signed August 15, 2024 in Minsk.", [("August 15, 2024", "2024-08-15", "day")]),
        ("Signed Aug. 15, 2024 in Minsk.", [("Aug. 15, 2024", "2024-08-15", "day")]),
        ("Signed on 15 August 2024.", [("15 August 2024", "2024-08-15", "day")]),
        ("Signed on the 15th of August.", [("the 15th of August", "2024-08-15", "day")]),
        ("Ahead of the August 21 meeting.", [("August 21", "2024-08-21", "day")]),
        ("Dated 2024-08-15.", [("2024-08-15", "2024-08-15", "day")]),
        ("Minsk, 15.08.2024. The council met.", [("15.08.2024", "2024-08-15", "day")]),
        ("Talks on June 4-5, 2024 ended.", [("June 4-5, 2024", "2024-06-04", "day")]),
        (
            "He spoke on Wednesday, August 21, 2024.",
            [("Wednesday, August 21, 2024", "2024-08-21", "day")],
        ),
        ("The pact of August 15 last year.", [("August 15 last year", "2023-08-15", "day")]),
    ],
)
def test_day_dates(text, expected):
    assert resolved(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Relations froze in January 2022.", [("January 2022", "2022-01", "month")]),
        ("Relations froze in early June 2022.", [("early June 2022", "2022-06", "month")]),
        ("Relations froze in early 2022.", [("early 2022", "2022", "year")]),
        ("Relations froze in late 2022.", [("late 2022", "2022", "year")]),
        ("Relations froze in mid-2022.", [("mid-2022", "2022", "year")]),
        ("Relations froze in 2022.", [("2022", "2022", "year")]),
        ("He has ruled since 2014.", [("2014", "2014", "year")]),
        ("Relations froze in the summer of 2022.", [("2022", "2022", "year")]),
    ],
)
def test_month_and_year_dates_keep_the_precision_the_text_gives(text, expected):
    assert resolved(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The deal was struck in June.", [("June", "2024-06", "month")]),
        ("The deal was struck in August.", [("August", "2024-08", "month")]),
        ("The deal was struck in September.", [("September", "2023-09", "month")]),
        ("The deal was struck last June.", [("last June", "2024-06", "month")]),
        ("Fighting eased in mid-May.", [("mid-May", "2024-05", "month")]),
        ("The ban holds until November.", [("November", "2024-11", "month")]),
        ("The deal was struck in June last year.", [("June last year", "2023-06", "month")]),
    ],
)
def test_a_month_without_a_year_is_the_latest_such_month(text, expected):
    assert resolved(text) == expected


def test_that_year_takes_the_year_of_an_earlier_mention_and_a_month_later_follows_it():
    text = (
        "Talks broke down in February 2022. In June of that year the border closed. "
        "A month later it reopened. That year ended badly."
    )
    assert resolved(text) == [
        ("February 2022", "2022-02", "month"),
        ("June of that year", "2022-06", "month"),
        ("A month later", "2022-07", "month"),
        ("That year", "2022", "year"),
    ]


@pytest.mark.parametrize(
    ("follow_up", "expected"),
    [
        ("A day later, they signed.", ("A day later", "2024-08-11", "day")),
        ("A day after, they signed.", ("A day after", "2024-08-11", "day")),
        ("The next day they signed.", ("The next day", "2024-08-11", "day")),
        ("The following day they signed.", ("The following day", "2024-08-11", "day")),
        ("Two days later, they signed.", ("Two days later", "2024-08-12", "day")),
        ("A week later, they signed.", ("A week later", "2024-08", "month")),
        ("That same day they signed.", ("That same day", "2024-08-10", "day")),
    ],
)
def test_anaphoric_forms_count_from_the_previous_day_mention(follow_up, expected):
    assert resolved("They met on August 10. " + follow_up)[1] == expected


def test_a_day_after_without_an_earlier_day_mention_is_skipped():
    assert resolved("A day later, they signed.") == []


def test_an_after_clause_in_the_same_sentence_dates_the_earlier_act():
    text = "The embassy closed on Wednesday, a day after the drone strike."
    assert resolved(text)[1] == ("a day after", "2024-08-20", "day")


def test_comes_a_month_after_dates_the_earlier_act():
    text = "Talks ended on August 10. The accord comes a month after the vote."
    assert resolved(text)[1] == ("a month after", "2024-07", "month")


@pytest.mark.parametrize(
    "text",
    [
        "The plan may provide relief.",
        "Veterans may march on the capital.",
        "Some 2,022 troops were deployed.",
        "The fund helped in 1,000 cases.",
        "About 15 people were hurt.",
        "Theresa May spoke to reporters.",
        "Over 2000 people took part in 1999 cases.",
        "May 15 people be spared?",
        "Police stopped the march on the capital.",
        "Reforms began in 1990s Russia.",
    ],
)
def test_numbers_and_words_that_are_not_dates_do_not_match(text):
    assert resolved(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("In May he resigned.", [("May", "2024-05", "month")]),
        ("Unrest has grown since March.", [("March", "2024-03", "month")]),
        ("Protests began in late March.", [("late March", "2024-03", "month")]),
        ("The vote on May 9 was annulled.", [("May 9", "2024-05-09", "day")]),
        ("The vote in May 2022 was annulled.", [("May 2022", "2022-05", "month")]),
    ],
)
def test_may_and_march_are_months_only_in_date_context(text, expected):
    assert resolved(text) == expected


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        (
            "Border guards fired on December 30.",
            datetime.date(2025, 1, 3),
            [("December 30", "2024-12-30", "day")],
        ),
        (
            "The summit is set for January 5.",
            datetime.date(2024, 12, 20),
            [("January 5", "2025-01-05", "day")],
        ),
        (
            "Rebels attacked on Tuesday.",
            datetime.date(2025, 1, 1),
            [("Tuesday", "2024-12-31", "day")],
        ),
        (
            "The talks were held last month.",
            datetime.date(2025, 1, 3),
            [("last month", "2024-12", "month")],
        ),
        (
            "The deal was struck in December.",
            datetime.date(2025, 1, 3),
            [("December", "2024-12", "month")],
        ),
    ],
)
def test_dates_wrap_around_the_turn_of_the_year(text, published, expected):
    assert resolved(text, published) == expected


def test_without_a_publication_date_only_self_contained_dates_are_emitted():
    text = (
        "On Wednesday, yesterday and last week, on August 15 and in June, nothing. "
        "On August 15, 2024 they met. A day later they signed. In 2022 it began."
    )
    assert resolved(text, None) == [
        ("August 15, 2024", "2024-08-15", "day"),
        ("A day later", "2024-08-16", "day"),
        ("2022", "2022", "year"),
    ]


def test_the_longest_mention_wins_over_the_dates_inside_it():
    mentions = find_dates("The treaty was signed on August 15, 2024 in Minsk.", FRIDAY)
    assert mentions == [
        DateMention(
            start=25,
            end=40,
            text="August 15, 2024",
            value="2024-08-15",
            precision="day",
            relative=False,
        )
    ]


def test_spans_point_into_the_text_and_mentions_come_in_text_order():
    text = "In 2022 the border closed; on Wednesday it reopened; yesterday talks began."
    mentions = find_dates(text, FRIDAY)
    assert [text[m.start : m.end] for m in mentions] == ["2022", "Wednesday", "yesterday"]
    assert [m.relative for m in mentions] == [False, True, True]


def test_sentence_date_prefers_the_most_specific_mention_in_the_span():
    text = "In 2022 and in June, the talks held on Wednesday and on Thursday failed. Today."
    mentions = find_dates(text, FRIDAY)
    sentence_end = text.index(".") + 1
    best = sentence_date(mentions, 0, sentence_end)
    assert best is not None
    assert (best.text, best.value) == ("Wednesday", "2024-08-21")


def test_sentence_date_takes_the_first_of_equally_specific_mentions():
    mentions = find_dates("In June and in July the talks stalled.", FRIDAY)
    best = sentence_date(mentions, 0, 40)
    assert best is not None
    assert best.text == "June"


def test_sentence_date_ignores_mentions_outside_the_span():
    text = "Talks failed. On Wednesday they resumed."
    mentions = find_dates(text, FRIDAY)
    assert sentence_date(mentions, 0, text.index(".") + 1) is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-08-15", datetime.date(2024, 8, 15)),
        ("2024-02-30", None),
        ("2024-08", None),
        ("2024", None),
        ("20240815", None),
        ("", None),
    ],
)
def test_parse_iso_date_accepts_only_full_dates(value, expected):
    assert parse_iso_date(value) == expected
