"""The 0-4 maturity scale and the words for an answer's level, defined once.

The scale is docs/framework.md's; the database has nowhere to keep another, so framework
files may only restate it. Every label a person reads for a level ("2 – Developing" on a
form, "Level 3" in a trail, "Not applicable", "Not answered") is derived here.
"""
SCALE = (
    (0, "Absent", "Nothing in place"),
    (1, "Initial", "Intent or ad hoc activity, not agreed"),
    (2, "Developing", "Documented and agreed, partly implemented"),
    (3, "Established", "Implemented across the area, evidenced, reviewed yearly"),
    (4, "Embedded", "Outcomes evidenced, externally scrutinised, improving"),
)
LEVEL_NAMES = [name for _level, name, _meaning in SCALE]  # indexed by level
NOT_APPLICABLE = "na"  # the form value (and chart key) for "not applicable"
NOT_APPLICABLE_LABEL = "Not applicable"
NOT_ANSWERED_LABEL = "Not answered"


def level_choice_label(level: int) -> str:
    """A level as a choice on a form: "2 – Developing"."""
    return f"{level} – {LEVEL_NAMES[level]}"


def level_heading(level: int) -> str:
    """A level as a column heading: "2 Developing"."""
    return f"{level} {LEVEL_NAMES[level]}"


def level_label(score: int | None, not_applicable: bool = False) -> str:
    """An answer's (or moderation's) level in words: "Level 3", "Not applicable" or "Not answered"."""
    if not_applicable:
        return NOT_APPLICABLE_LABEL
    return NOT_ANSWERED_LABEL if score is None else f"Level {score}"
