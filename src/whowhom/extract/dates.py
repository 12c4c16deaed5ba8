"""Date mentions in news text, resolved against the publication date.

Regex-based and pure, because it runs on every document. ``find_dates`` first collects
candidate spans from all patterns and keeps the longest non-overlapping ones, then resolves
them in text order: anaphoric forms ("a day later", "in June of that year") look back at the
mentions already resolved, deictic forms ("on Wednesday", "last week") at the publication
date. Precision follows coding-conventions.md, rules 10-13 ("last week" is month precision).

Month names and weekdays must be capitalised (or all capitals) so that the modal "may" and
the verb "march" never match; a bare month name counts only after a preposition or a
qualifier ("in May", "since March", "early June"), and a bare year only after a preposition
("in 2022", "since 2014").
"""

from __future__ import annotations

import bisect
import calendar
import datetime
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import NamedTuple

__all__ = ["DateMention", "find_dates", "parse_iso_date", "sentence_date"]


@dataclass(frozen=True)
class DateMention:
    """One date expression: its span in the text and the date it resolves to."""

    start: int
    end: int
    text: str
    value: str  # "YYYY-MM-DD" | "YYYY-MM" | "YYYY"
    precision: str  # "day" | "month" | "year"
    relative: bool  # resolved from the publication date or an earlier mention


_PRECISION_RANK = {"day": 3, "month": 2, "year": 1}

# A month-and-day without a year is placed in the publication year unless that puts it
# more than about two months after publication; then it is the year before (an article
# of 3 January 2025 mentioning "December 30" means 2024; one of 20 December mentioning
# "January 5" means the coming January).
_FUTURE_WINDOW = datetime.timedelta(days=62)

_MONTHS = {
    name: number
    for number, name in enumerate(
        (
            "january", "february", "march", "april", "may", "june",
            "july", "august", "september", "october", "november", "december",
        ),
        start=1,
    )
}  # fmt: skip
_MONTH_ABBREVIATIONS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7,
    "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}  # fmt: skip


def _capitalised(words: Sequence[str]) -> str:
    """Alternation of the words in Title case or all capitals, longest first."""
    ordered = sorted(words, key=len, reverse=True)
    return "|".join(f"{word.title()}|{word.upper()}" for word in ordered)


_MONTH_FULL = rf"(?:{_capitalised(list(_MONTHS))})\b"
_MONTH_ANY = rf"(?:{_MONTH_FULL}|(?:{_capitalised(list(_MONTH_ABBREVIATIONS))})\b\.?)"
_WEEKDAY = rf"(?:{_capitalised(_WEEKDAYS)})\b"
_DAY = r"(?P<day>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?\b"
_DAY_RANGE = r"(?:\s*[-–]\s*(?:3[01]|[12]\d|0?[1-9])\b)?"  # "15-16 August": the first day
_YEAR = r"(?P<year>1[89]\d\d|20\d\d)(?!\w|[.,]\d)"
_NUMBER = rf"(?P<n>\d{{1,3}}|(?i:{'|'.join(sorted(_NUMBER_WORDS, key=len, reverse=True))}))"
# "that year", "last year", "the following year": the year part of "June of that year".
_YEAR_REF = (
    r"(?P<yref>(?i:(?:that|that\s+same|the\s+same|last|this|next|the\s+following"
    r"|the\s+next|the\s+previous|the\s+preceding)\s+year))"
)
_YEAR_REF_TAIL = rf"(?:,?\s+(?i:of\s+)?{_YEAR_REF})"
_QUALIFIER = r"(?i:early|late|mid)"
_MONTH_PREPOSITION = (
    r"(?P<prep>(?i:(?:the\s+)?end\s+of|in|since|by|until|till|through|throughout|from|during"
    r"|of|before|after|between))"
)
# Deadlines may lie ahead: "until November" in an August article is the coming November,
# "by March" the past one.
_FORWARD_PREPOSITIONS = ("by", "until", "till", "end of")
_DEADLINE_WINDOW = datetime.timedelta(days=183)
_YEAR_PREPOSITION = (
    r"(?i:in|since|by|until|till|through|throughout|from|during|before|after|between"
    r"|(?:spring|summer|autumn|fall|winter|end|beginning|start|middle|half|quarter)\s+of)"
)
# Numbers followed by these are counts, not days or years ("May 15 people", "in 1999 cases").
_NOT_A_COUNT = (
    r"(?!\s+(?i:people|persons|men|women|children|troops|soldiers|civilians|fighters"
    r"|cases|deaths|dead|votes|members|percent|per\s+cent|years|months|weeks|days|hours"
    r"|minutes|times|km|kilometres|kilometers|miles|tons|tonnes|dollars|euros"
    r"|million|billion|thousand|hundred)\b)"
)
# Weekdays that are part of names of days, events or newspapers.
_NOT_A_WEEKDAY_BEFORE = (
    "".join(
        f"(?<!{word} )"
        for word in ("Bloody", "Black", "Good", "Ash", "Holy", "Palm", "Easter", "Super", "Cyber")
    )
    + "(?<!Mail on )"
)
_NOT_A_WEEKDAY_AFTER = (
    r"(?!\s+(?:Times|Telegraph|Herald|Express|Mirror|Post|Independent|Mail|Agreement)\b)"
)


class _Resolved(NamedTuple):
    date: datetime.date  # first day of the month or year at coarser precisions
    precision: str
    relative: bool
    names_year: bool  # the text fixes the year (not only the publication date)


@dataclass(frozen=True)
class _Found:
    mention: DateMention
    resolved: _Resolved


class _Context:
    """Publication date and the mentions resolved so far, in text order."""

    def __init__(self, published: datetime.date | None) -> None:
        self.published = published
        self.found: list[_Found] = []

    def previous(self, *precisions: str) -> _Found | None:
        for found in reversed(self.found):
            if found.resolved.precision in precisions:
                return found
        return None

    def year_anchor(self) -> _Found | None:
        """The latest mention whose year the text gives, else the latest mention."""
        for found in reversed(self.found):
            if found.resolved.names_year:
                return found
        return self.found[-1] if self.found else None


_Resolver = Callable[[re.Match[str], _Context], _Resolved | None]


class _Rule(NamedTuple):
    pattern: re.Pattern[str]  # the mention's span is the group "d"
    resolve: _Resolver
    # Lower-case words of which the text must contain one for the pattern to be tried at
    # all: a cheap filter, since the patterns run on every document.
    keywords: tuple[str, ...] = ()


_Candidate = tuple[int, int, int, re.Match[str]]  # start, end, rule index, match


def _make_date(year: int, month: int, day: int = 1) -> datetime.date | None:
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None


def _add_months(date: datetime.date, months: int) -> datetime.date | None:
    index = date.year * 12 + date.month - 1 + months
    year, month = divmod(index, 12)
    if not 1 <= year <= 9999:
        return None
    day = min(date.day, calendar.monthrange(year, month + 1)[1])
    return datetime.date(year, month + 1, day)


def _add_days(date: datetime.date, days: int) -> datetime.date | None:
    try:
        return date + datetime.timedelta(days=days)
    except OverflowError:
        return None


def _month_number(name: str) -> int:
    key = name.lower().rstrip(".")
    return _MONTHS.get(key) or _MONTH_ABBREVIATIONS[key]


def _number(word: str) -> int:
    return int(word) if word.isdigit() else _NUMBER_WORDS[word.lower()]


def _unit(word: str) -> str:
    return word.lower().rstrip("s")


def _year_from_reference(reference: str, context: _Context) -> int | None:
    """The year named by "that year", "last year", "the following year" and the like."""
    kind = " ".join(reference.lower().split()[:-1])
    published = context.published
    if kind in ("last", "this", "next"):
        if published is None:
            return None
        return published.year + {"last": -1, "this": 0, "next": 1}[kind]
    anchor = context.year_anchor()
    if anchor is None:
        return None
    shift = {"the following": 1, "the next": 1, "the previous": -1, "the preceding": -1}
    return anchor.resolved.date.year + shift.get(kind, 0)


def _nearest_year_for(
    month: int, day: int, published: datetime.date, window: datetime.timedelta = _FUTURE_WINDOW
) -> datetime.date | None:
    """The latest such date no further than ``window`` after publication."""
    latest = published + window
    for year in range(published.year + 1, published.year - 5, -1):  # -5: reach a 29 February
        date = _make_date(year, month, day)
        if date is not None and date <= latest:
            return date
    return None


def _resolve_month_day(match: re.Match[str], context: _Context) -> _Resolved | None:
    month, day = _month_number(match["month"]), int(match["day"])
    if match["year"]:
        date = _make_date(int(match["year"]), month, day)
        return _Resolved(date, "day", False, True) if date else None
    if match["yref"]:
        year = _year_from_reference(match["yref"], context)
        date = _make_date(year, month, day) if year else None
        return _Resolved(date, "day", True, True) if date else None
    if context.published is None:
        return None
    date = _nearest_year_for(month, day, context.published)
    return _Resolved(date, "day", True, False) if date else None


def _resolve_month_year(match: re.Match[str], context: _Context) -> _Resolved | None:
    date = _make_date(int(match["year"]), _month_number(match["month"]))
    return _Resolved(date, "month", False, True) if date else None


def _resolve_month_alone(match: re.Match[str], context: _Context) -> _Resolved | None:
    """ "in June", "last June", "June of that year": the year from context."""
    month = _month_number(match["month"])
    if match["yref"]:
        year = _year_from_reference(match["yref"], context)
        date = _make_date(year, month) if year else None
        return _Resolved(date, "month", True, True) if date else None
    published = context.published
    if published is None:
        return None
    which = (match["rel"] or "").lower()
    if which == "this":
        year = published.year
    elif which == "next":
        year = published.year if month > published.month else published.year + 1
    elif which == "last":
        year = published.year if month < published.month else published.year - 1
    elif " ".join((match["prep"] or "").lower().split()).endswith(_FORWARD_PREPOSITIONS):
        ahead = _nearest_year_for(month, 1, published, _DEADLINE_WINDOW)
        return _Resolved(ahead, "month", True, False) if ahead else None
    else:  # the most recent such month, the publication month included
        year = published.year if month <= published.month else published.year - 1
    date = _make_date(year, month)
    return _Resolved(date, "month", True, False) if date else None


def _resolve_numeric(match: re.Match[str], context: _Context) -> _Resolved | None:
    date = _make_date(int(match["year"]), int(match["mon"]), int(match["day"]))
    return _Resolved(date, "day", False, True) if date else None


def _resolve_year(match: re.Match[str], context: _Context) -> _Resolved | None:
    return _Resolved(datetime.date(int(match["year"]), 1, 1), "year", False, True)


def _resolve_weekday(match: re.Match[str], context: _Context) -> _Resolved | None:
    """ "on Wednesday": the latest Wednesday on or before publication; "last" excludes the
    publication day itself, "next" looks forward."""
    published = context.published
    if published is None:
        return None
    weekday = _WEEKDAYS.index(match["weekday"].lower())
    which = " ".join((match["rel"] or "").lower().split())
    if which in ("next", "coming", "this coming"):
        date = published + datetime.timedelta(days=(weekday - published.weekday()) % 7 or 7)
    else:
        back = (published.weekday() - weekday) % 7
        if which in ("last", "past", "this past") and back == 0:
            back = 7
        date = published - datetime.timedelta(days=back)
    return _Resolved(date, "day", True, False)


def _days_from_published(days: int) -> _Resolver:
    def resolve(match: re.Match[str], context: _Context) -> _Resolved | None:
        if context.published is None:
            return None
        return _Resolved(context.published + datetime.timedelta(days=days), "day", True, False)

    return resolve


def _resolve_weekend(match: re.Match[str], context: _Context) -> _Resolved | None:
    """ "over the weekend": the month of the latest Saturday on or before publication."""
    published = context.published
    if published is None:
        return None
    saturday = published - datetime.timedelta(days=(published.weekday() - 5) % 7)
    return _Resolved(saturday.replace(day=1), "month", True, False)


def _resolve_this_last_next(match: re.Match[str], context: _Context) -> _Resolved | None:
    """ "last week" (month precision), "this month", "next year" from the publication date."""
    published = context.published
    if published is None:
        return None
    step = {"last": -1, "this": 0, "next": 1}[match["which"].lower()]
    unit = _unit(match["unit"])
    if unit == "week":
        week = published + datetime.timedelta(days=7 * step)
        return _Resolved(week.replace(day=1), "month", True, False)
    if unit == "month":
        date = _add_months(published.replace(day=1), step)
        return _Resolved(date, "month", True, False) if date else None
    return _Resolved(datetime.date(published.year + step, 1, 1), "year", True, True)


def _resolve_ago(match: re.Match[str], context: _Context) -> _Resolved | None:
    published = context.published
    if published is None:
        return None
    count, unit = _number(match["n"]), _unit(match["unit"])
    if unit == "hour":
        return _Resolved(published, "day", True, False)
    if unit == "day":
        date = _add_days(published, -count)
        return _Resolved(date, "day", True, False) if date else None
    if unit == "week":
        date = _add_days(published, -7 * count)
        return _Resolved(date.replace(day=1), "month", True, False) if date else None
    if unit == "month":
        date = _add_months(published.replace(day=1), -count)
        return _Resolved(date, "month", True, False) if date else None
    date = _make_date(published.year - count, 1)
    return _Resolved(date, "year", True, True) if date else None


_SENTENCE_BREAK = re.compile(r"[.!?][\"'”’)]*\s|\n")


def _dates_the_antecedent(match: re.Match[str], anchor: DateMention) -> bool:
    """Whether "a day after X" dates X rather than the clause it is attached to.

    "The offensive comes a day after the attack" and "they met on Monday, a day after
    the attack" place the attack a day *before* the known date; "A day after the vote,
    they met" (the vote dated in an earlier sentence) places the meeting a day after.
    """
    if match["comes"]:
        return True
    between = match.string[anchor.end : match.start("d")]
    return _SENTENCE_BREAK.search(between) is None


def _shift_previous(
    unit: str, count: int, context: _Context, match: re.Match[str] | None = None
) -> _Resolved | None:
    """A date ``count`` units after (or before, when negative) the previous mention.

    Days and weeks count from the previous day-precision mention (weeks give month
    precision), months from the previous day- or month-precision one, years from the
    previous mention of any precision ("that year": the latest year the text names).
    With ``match`` (an "after"/"before" form) the shift turns round where the form dates
    its antecedent (see ``_dates_the_antecedent``).
    """
    if unit in ("hour", "minute", "day", "week"):
        anchor = context.previous("day")
    elif unit == "month":
        anchor = context.previous("day", "month")
    elif count == 0:
        anchor = context.year_anchor()
    else:
        anchor = context.previous("day", "month", "year")
    if anchor is None:
        return None
    if match is not None and _dates_the_antecedent(match, anchor.mention):
        count = -count
    base, names_year = anchor.resolved.date, anchor.resolved.names_year
    if unit in ("hour", "minute", "day", "week"):
        date = _add_days(base, {"day": count, "week": 7 * count}.get(unit, 0))
        if date is None:
            return None
        if unit == "week":
            return _Resolved(date.replace(day=1), "month", True, names_year)
        return _Resolved(date, "day", True, names_year)
    if unit == "month":
        date = _add_months(base.replace(day=1), count)
        return _Resolved(date, "month", True, names_year) if date else None
    date = _make_date(base.year + count, 1)
    return _Resolved(date, "year", True, names_year) if date else None


def _resolve_units_later(match: re.Match[str], context: _Context) -> _Resolved | None:
    """ "a day later", "two weeks earlier", "hours after"."""
    unit = _unit(match["unit"])
    if match["n"] is None and unit not in ("hour", "minute"):
        return None  # "days later": too vague
    count = _number(match["n"]) if match["n"] else 0
    direction = match["dir"].lower()
    sign = 1 if direction in ("later", "after") else -1
    relation = match if direction in ("after", "before") else None
    return _shift_previous(unit, sign * count, context, relation)


def _resolve_the_next(match: re.Match[str], context: _Context) -> _Resolved | None:
    """ "the next day", "the following month", "the day before", "the year after"."""
    direction = (match["dir1"] or match["dir2"]).lower()
    sign = 1 if direction in ("next", "following", "after") else -1
    relation = match if match["dir2"] else None
    return _shift_previous(_unit(match["unit1"] or match["unit2"]), sign, context, relation)


def _resolve_that(match: re.Match[str], context: _Context) -> _Resolved | None:
    """ "that day", "the same month", "that year"."""
    return _shift_previous(_unit(match["unit"]), 0, context)


_COMES = r"(?i:comes|came|come|coming)"
_MONTH_KEYWORDS = tuple(name[:3] for name in _MONTHS)

_RULES: tuple[_Rule, ...] = (
    # "August 15, 2024", "Aug. 15", "Wednesday, August 21", "August 15 of last year"
    _Rule(
        re.compile(
            rf"\b(?P<d>(?:{_WEEKDAY},?\s+)?(?P<month>{_MONTH_ANY})\s+{_DAY}{_DAY_RANGE}"
            rf"(?:,?\s+{_YEAR}|{_YEAR_REF_TAIL})?){_NOT_A_COUNT}"
        ),
        _resolve_month_day,
        _MONTH_KEYWORDS,
    ),
    # "15 August 2024", "the 15th of August", "Wednesday 21 August"
    _Rule(
        re.compile(
            rf"(?<![\d.,:/])\b(?P<d>(?:{_WEEKDAY},?\s+)?(?:(?i:the)\s+)?{_DAY}{_DAY_RANGE}"
            rf"\s+(?:(?i:of)\s+)?(?P<month>{_MONTH_ANY})(?:,?\s+{_YEAR}|{_YEAR_REF_TAIL})?)"
            rf"{_NOT_A_COUNT}"
        ),
        _resolve_month_day,
        _MONTH_KEYWORDS,
    ),
    # "January 2022", "early June 2022", "June of 2022"
    _Rule(
        re.compile(
            rf"\b(?P<d>(?:{_QUALIFIER}[\s-]*)?(?P<month>{_MONTH_ANY}),?\s+(?:(?i:of)\s+)?"
            rf"{_YEAR}){_NOT_A_COUNT}"
        ),
        _resolve_month_year,
        _MONTH_KEYWORDS,
    ),
    # "in June", "since March", "mid-May", "last June", "in June of that year"
    _Rule(
        re.compile(
            rf"\b(?:{_MONTH_PREPOSITION}\s+|(?={_QUALIFIER}\b|(?i:last|next|this)\s))"
            rf"(?P<d>(?:{_QUALIFIER}[\s-]*)?(?:(?P<rel>(?i:last|next|this))\s+)?"
            rf"(?P<month>{_MONTH_FULL})(?!['’]s\b){_YEAR_REF_TAIL}?)"
        ),
        _resolve_month_alone,
        _MONTH_KEYWORDS,
    ),
    # "2024-08-15"
    _Rule(
        re.compile(r"(?<![\d-])(?P<d>(?P<year>\d{4})-(?P<mon>\d\d)-(?P<day>\d\d))(?!\d)"),
        _resolve_numeric,
    ),
    # "15.08.2024": day.month.year
    _Rule(
        re.compile(
            r"(?<![\d.])(?P<d>(?P<day>\d{1,2})\.(?P<mon>\d{1,2})\.(?P<year>\d{4}))(?!\d|\.\d)"
        ),
        _resolve_numeric,
    ),
    # "in 2022", "since 2014", "in early 2022", "mid-2022", "the summer of 2022"
    _Rule(
        re.compile(
            rf"\b(?:{_YEAR_PREPOSITION}\s+|(?={_QUALIFIER}\b))"
            rf"(?P<d>(?:{_QUALIFIER}[\s-]*)?{_YEAR}){_NOT_A_COUNT}"
        ),
        _resolve_year,
    ),
    # "on Wednesday", "Wednesday's talks", "last Wednesday", "Monday night", "next Tuesday"
    _Rule(
        re.compile(
            rf"{_NOT_A_WEEKDAY_BEFORE}\b(?P<d>(?:(?P<rel>(?i:last|next|this\s+past"
            rf"|this\s+coming|past|coming))\s+)?(?P<weekday>{_WEEKDAY})"
            rf"(?:\s+(?i:morning|afternoon|evening|night))?){_NOT_A_WEEKDAY_AFTER}"
        ),
        _resolve_weekday,
        ("day",),
    ),
    _Rule(
        re.compile(
            r"(?<!Russia )(?<!RUSSIA )(?<!USA )"
            r"\b(?P<d>(?i:today|tonight|this\s+(?:morning|afternoon|evening)))\b"
        ),
        _days_from_published(0),
        ("today", "tonight", "this"),
    ),
    _Rule(
        re.compile(
            r"(?<![Tt]he )\b(?P<d>(?i:yesterday(?:\s+(?:morning|afternoon|evening))?"
            r"|last\s+night))\b"
        ),
        _days_from_published(-1),
        ("yesterday", "night"),
    ),
    _Rule(
        re.compile(r"\b(?P<d>(?i:the\s+day\s+before\s+yesterday))\b"),
        _days_from_published(-2),
        ("yesterday",),
    ),
    _Rule(
        re.compile(r"\b(?P<d>(?i:tomorrow(?:\s+(?:morning|afternoon|evening|night))?))\b"),
        _days_from_published(1),
        ("tomorrow",),
    ),
    _Rule(
        re.compile(r"\b(?P<d>(?i:the\s+day\s+after\s+tomorrow))\b"),
        _days_from_published(2),
        ("tomorrow",),
    ),
    # "last week", "earlier this month", "late last year"; not "over the last year"
    _Rule(
        re.compile(
            r"(?<![Tt]he )\b(?P<d>(?:(?i:earlier|later|early|late)\s+)?"
            r"(?P<which>(?i:this|last|next))\s+(?P<unit>(?i:week|month|year)))\b"
        ),
        _resolve_this_last_next,
        ("week", "month", "year"),
    ),
    _Rule(
        re.compile(
            r"\b(?:(?i:over|at|during)\s+(?=(?i:the)\s)|(?=(?i:last|this\s+past)\s))"
            r"(?P<d>(?i:the|last|this\s+past)\s+(?i:weekend))\b"
        ),
        _resolve_weekend,
        ("weekend",),
    ),
    # "two days ago", "three weeks ago"
    _Rule(
        re.compile(
            rf"\b(?P<d>{_NUMBER}\s+(?P<unit>(?i:hours?|days?|weeks?|months?|years?))"
            r"\s+(?i:ago))\b"
        ),
        _resolve_ago,
        ("ago",),
    ),
    # "a day later", "two weeks after", "hours later", "a month earlier"
    _Rule(
        re.compile(
            rf"\b(?:(?P<comes>{_COMES})\s+)?(?P<d>(?:{_NUMBER}\s+)?(?P<unit>(?i:hours?|minutes?|days?|weeks?|months?"
            r"|years?))\s+(?P<dir>(?i:later|after|earlier|before)))\b"
        ),
        _resolve_units_later,
        ("later", "after", "earlier", "before"),
    ),
    # "the next day", "the following month", "the day before"
    _Rule(
        re.compile(
            rf"\b(?:(?P<comes>{_COMES})\s+)?(?P<d>(?i:the)\s+(?:(?P<dir1>(?i:next|following|previous|preceding))\s+"
            r"(?P<unit1>(?i:day|week|month|year))|(?P<unit2>(?i:day|week|month|year))\s+"
            r"(?P<dir2>(?i:after|before))))\b"
        ),
        _resolve_the_next,
        ("day", "week", "month", "year"),
    ),
    # "that day", "the same month", "that year"
    _Rule(
        re.compile(r"\b(?P<d>(?i:that|that\s+same|the\s+same)\s+(?P<unit>(?i:day|month|year)))\b"),
        _resolve_that,
        ("day", "month", "year"),
    ),
)


def _longest_first(candidates: list[_Candidate]) -> list[_Candidate]:
    """The longest non-overlapping candidates (ties: the earlier, then the earlier rule),
    in text order."""
    chosen: list[_Candidate] = []  # kept in text order, so only neighbours can overlap
    starts: list[int] = []
    for candidate in sorted(candidates, key=lambda c: (c[0] - c[1], c[0], c[2])):
        start, end = candidate[0], candidate[1]
        at = bisect.bisect_left(starts, start)
        if (at == 0 or chosen[at - 1][1] <= start) and (at == len(chosen) or chosen[at][0] >= end):
            chosen.insert(at, candidate)
            starts.insert(at, start)
    return chosen


def _format(resolved: _Resolved) -> str:
    date = resolved.date
    if resolved.precision == "day":
        return date.isoformat()
    if resolved.precision == "month":
        return f"{date.year:04d}-{date.month:02d}"
    return f"{date.year:04d}"


def find_dates(text: str, published: datetime.date | None) -> list[DateMention]:
    """All date mentions in ``text``, in text order, resolved against ``published``.

    With ``published`` None, forms that need it ("on Wednesday", "August 15", "last
    week") are left out; absolute dates and forms anchored on an earlier mention remain.
    """
    lowered = text.lower()
    candidates: list[_Candidate] = [
        (*match.span("d"), index, match)
        for index, rule in enumerate(_RULES)
        if not rule.keywords or any(word in lowered for word in rule.keywords)
        for match in rule.pattern.finditer(text)
    ]
    context = _Context(published)
    for start, end, index, match in _longest_first(candidates):
        resolved = _RULES[index].resolve(match, context)
        if resolved is None:
            continue
        mention = DateMention(
            start=start,
            end=end,
            text=text[start:end],
            value=_format(resolved),
            precision=resolved.precision,
            relative=resolved.relative,
        )
        context.found.append(_Found(mention, resolved))
    return [found.mention for found in context.found]


def sentence_date(mentions: Sequence[DateMention], start: int, end: int) -> DateMention | None:
    """The most specific mention inside ``[start, end)``: day over month over year, and
    the first of equals."""
    best: DateMention | None = None
    for mention in mentions:
        if (
            mention.start >= start
            and mention.end <= end
            and (
                best is None or _PRECISION_RANK[mention.precision] > _PRECISION_RANK[best.precision]
            )
        ):
            best = mention
    return best


_ISO_DATE = re.compile(r"\d{4}-\d\d-\d\d")


def parse_iso_date(value: str) -> datetime.date | None:
    """``value`` as a date when it is exactly "YYYY-MM-DD" and valid, else None."""
    if not _ISO_DATE.fullmatch(value):
        return None
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        return None
