"""What the service knows about each ONS indicator beyond its files: the mission and the direction.

ONS's metadata says neither which White Paper mission an indicator measures nor whether
a higher value is better, so both are decided here, once, with the reason, and stored
on the indicator at import. An uploaded file with an indicator not listed here is
refused: someone has to decide its direction before it can be ranked.
"""
from __future__ import annotations

from dataclasses import dataclass

from .models import AreaType, Mission


@dataclass(frozen=True)
class Entry:
    mission: Mission
    higher_is_better: bool
    reason: str


def _entry(mission: Mission, higher: bool, reason: str) -> Entry:
    return Entry(mission, higher, reason)


CATALOGUE: dict[str, Entry] = {
    "Gross median weekly pay": _entry(Mission.LIVING_STANDARDS, True, "Mission 1 aims to raise pay; higher pay means higher living standards."),
    "Employment rate": _entry(Mission.LIVING_STANDARDS, True, "Mission 1 aims to raise employment; more people in work is better."),
    "Economically inactive": _entry(Mission.LIVING_STANDARDS, False, "The mirror of the employment rate: fewer people outside the labour market is better."),
    "Gross value added per hour worked": _entry(Mission.LIVING_STANDARDS, True, "Mission 1 aims to raise productivity; more output per hour is better."),
    "Gross value added per filled job": _entry(Mission.LIVING_STANDARDS, True, "Mission 1 aims to raise productivity; more output per job is better."),
    "Gross disposable household income": _entry(Mission.LIVING_STANDARDS, True, "More income to spend or save per person means higher living standards."),
    "Drive to work": _entry(Mission.TRANSPORT, False, "Mission 3 aims for better-connected places: a shorter journey to employment is better."),
    "Cycle to work": _entry(Mission.TRANSPORT, False, "Mission 3 aims for better-connected places: a shorter journey to employment is better."),
    "Public transport or walk to work": _entry(
        Mission.TRANSPORT, False, "Mission 3 aims for local public transport closer to London's: a shorter journey is better."
    ),
    "Gigabit capable broadband": _entry(Mission.DIGITAL, True, "Mission 4 aims for nationwide gigabit broadband: more premises covered is better."),
    "4G coverage": _entry(Mission.DIGITAL, True, "Mission 4 aims for 4G (and 5G) coverage for the majority: more area covered is better."),
    "Pupils meeting the expected standard in reading, writing and maths": _entry(
        Mission.EDUCATION, True, "Mission 5 aims for 90% of primary pupils to meet the expected standard: more is better."),
    "GCSEs in English and Maths": _entry(Mission.EDUCATION, True, "A larger share of young people with both GCSEs is better."),
    "Apprenticeship starts (England)": _entry(Mission.SKILLS, True, "Mission 6 aims to raise the number completing high-quality skills training."),
    "Apprenticeship achievements (England)": _entry(Mission.SKILLS, True, "Mission 6 aims to raise the number completing high-quality skills training."),
    "Further education and skills learner achievements": _entry(Mission.SKILLS, True, "Mission 6: more adults completing a course is better."),
    "Level 3 or above qualifications (Great Britain)": _entry(Mission.SKILLS, True, "A larger share of people qualified to level 3 or above is better."),
    "Female healthy life expectancy": _entry(Mission.HEALTH, True, "Mission 7 aims to narrow the gap in healthy life expectancy and raise it."),
    "Male healthy life expectancy": _entry(Mission.HEALTH, True, "Mission 7 aims to narrow the gap in healthy life expectancy and raise it."),
    "Satisfaction": _entry(Mission.WELLBEING, True, "Mission 8 aims to improve well-being: higher life satisfaction is better."),
    "Happiness": _entry(Mission.WELLBEING, True, "Mission 8 aims to improve well-being: higher happiness is better."),
    "Worthwhile": _entry(Mission.WELLBEING, True, "Mission 8 aims to improve well-being: feeling life is more worthwhile is better."),
    "Anxiety": _entry(Mission.WELLBEING, False, "The anxiety score runs the other way: lower anxiety is better."),
    "Engaged with the arts": _entry(Mission.PRIDE_IN_PLACE, True, "Mission 9 aims to raise pride in place; more engagement with culture is better."),
    "Visited a heritage site": _entry(Mission.PRIDE_IN_PLACE, True, "Mission 9: more engagement with heritage is better."),
    "Visited a museum or gallery": _entry(Mission.PRIDE_IN_PLACE, True, "Mission 9: more engagement with culture is better."),
    "Visited a public library": _entry(Mission.PRIDE_IN_PLACE, True, "Mission 9: more use of local public services is better."),
    "First-time buyer mortgage sales": _entry(
        Mission.HOUSING, True, "Mission 10 aims to increase first-time buyers: more sales per 1,000 dwellings is better."
    ),
    "Housing affordability ratio (residence-based)": _entry(
        Mission.HOUSING, False, "The ratio of house prices to earnings: a lower ratio means more affordable homes."),
    "Net additions to the housing stock (England)": _entry(Mission.HOUSING, True, "More homes added to the stock per 1,000 dwellings is better."),
    "Homicide Offences": _entry(Mission.CRIME, False, "Mission 11 aims to cut homicide: a lower rate is better."),
    "Greenhouse gas emissions": _entry(Mission.CONTEXT, False, "Net zero: lower emissions per person are better."),
}

ENGLAND_CODE = "E92000001"
COUNCIL_PREFIXES = ("E06", "E07", "E08", "E09", "E10")
# Rows kept, by the first three characters of the GSS code; everything else is skipped on purpose.
AREA_TYPES = {"E92": AreaType.ENGLAND, "E12": AreaType.REGION, "E47": AreaType.COMBINED, "E61": AreaType.COMBINED}
AREA_TYPES.update({prefix: AreaType.COUNCIL for prefix in COUNCIL_PREFIXES})
SKIP_REASONS = {
    "S": "Scotland (outside England)",
    "W": "Wales (outside England)",
    "N": "Northern Ireland (outside England)",
    "K": "United Kingdom or Great Britain totals",
    "TL": "ITL regions (another geography)",
}


def area_type(code: str) -> AreaType | None:
    return AREA_TYPES.get(code[:3])


def skip_reason(code: str) -> str:
    """Why a row the service does not keep was skipped (for the import report)."""
    for prefix, reason in SKIP_REASONS.items():
        if code.startswith(prefix):
            return reason
    return "Other English geographies (police force areas, metropolitan counties)"
