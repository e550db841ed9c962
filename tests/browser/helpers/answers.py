"""What the official answers in the journeys, criterion by criterion, for the real framework.

One plan shared by the pointer and keyboard journeys, so both end with the same scores.
"""
from dataclasses import dataclass

LEVEL_NAMES = ["Absent", "Initial", "Developing", "Established", "Embedded"]
NOT_APPLICABLE = "na"


@dataclass(frozen=True)
class PlannedAnswer:
    code: str
    level: int | str  # 0-4, or NOT_APPLICABLE

    @property
    def step(self) -> int:
        return int(self.code.split(".")[0])

    @property
    def choice_label(self) -> str:
        """The radio's label on the step page."""
        if self.level == NOT_APPLICABLE:
            return "Not applicable"
        return f"{self.level} – {LEVEL_NAMES[self.level]}"

    @property
    def radio_value(self) -> str:
        return str(self.level)

    @property
    def justification(self) -> str:
        return f"Board paper {self.code}, agreed 2025."

    @property
    def evidence(self) -> str:
        """Levels 3 and 4 need an https link; others are left blank."""
        if isinstance(self.level, int) and self.level >= 3:
            return f"https://www.example.gov.uk/evidence/{self.code}"
        return ""


_LEVELS = {
    "1.1": 3, "1.2": 2, "1.3": 2,
    "2.1": 2, "2.2": 2, "2.3": 2,
    "3.1": 2, "3.2": 3, "3.3": NOT_APPLICABLE,
    "4.1": 1, "4.2": 2, "4.3": 1,
    "5.1": 2, "5.2": 2, "5.3": 2,
    "6.1": 2, "6.2": 1, "6.3": 2,
    "7.1": 3, "7.2": 2, "7.3": 2,
    "8.1": 2, "8.2": 2, "8.3": 4,
}
PLAN = [PlannedAnswer(code, level) for code, level in _LEVELS.items()]

# The one mistake the journeys make and then correct: level 3 for 1.1 without evidence.
MISTAKE_CODE = "1.1"
MISTAKE_MESSAGE = "Add evidence for 1.1: a link, a document or an item from your library, because levels 3 and 4 need evidence"
# Step 4 is left part-done with "Save and come back later"; this criterion is answered on return.
LEFT_FOR_LATER = "4.3"

# What the results page must show for this plan (see docs in assessments/scoring/__init__.py):
# step 3 leaves out its N/A answer, mean(2, 3) x 25; the index is the mean of the eight steps.
EXPECTED_STEP_3_SCORE = "62.50"
EXPECTED_INDEX = "52.60"


def planned_for_step(number: int) -> list[PlannedAnswer]:
    return [answer for answer in PLAN if answer.step == number]


def slug(code: str) -> str:
    """The form's field prefix for a criterion code, e.g. "c1-1" for "1.1"."""
    return "c" + code.replace(".", "-")
