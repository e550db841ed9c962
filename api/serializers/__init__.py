"""What the API says, field by field: stable snake_case names, ISO 8601 dates, numbers as JSON numbers.

One module a concern; this package gives callers every serializer under ``api.serializers``
(views import it as ``s``), so a view never needs to know which module holds one.
"""
from __future__ import annotations

from .answers import (
    CriterionAnswerSerializer,
    ModeratedAnswerSerializer,
    OwnAnswerSerializer,
)
from .authorities import (
    AuthorityFilters,
    AuthorityRefSerializer,
    AuthoritySerializer,
    MemberSerializer,
    TierPeriodSerializer,
)
from .frameworks import (
    CriterionSerializer,
    FrameworkDetailSerializer,
    FrameworkRefSerializer,
    FrameworkSerializer,
    LevelSerializer,
    StepSerializer,
)
from .problems import (
    ProblemErrorSerializer,
    ProblemSerializer,
)
from .published import (
    PublishedResultSerializer,
    PublishedRoundDetailSerializer,
    PublishedRoundSerializer,
)
from .rounds import (
    RoundRefSerializer,
    RoundSerializer,
)
from .scores import (
    RAG_CHOICES,
    SCORE,
    AppliedFiltersSerializer,
    AssessmentDetailSerializer,
    AssessmentRowSerializer,
    CountsSerializer,
    ExclusionSerializer,
    ResultSerializer,
    RoundRowFilters,
    RoundSummarySerializer,
    SpreadSerializer,
    StepResultSerializer,
    StepSpreadSerializer,
)
from .statistics import (
    BASIS_CHOICES,
    AuthorityIndicatorSerializer,
    AuthorityStatisticsSerializer,
    CouncilRangeSerializer,
    IndicatorFilters,
    IndicatorRefSerializer,
    IndicatorSerializer,
    IndicatorValueFilters,
    IndicatorValueSerializer,
    NamedValueSerializer,
    PeriodValueSerializer,
    PointSerializer,
    SourceSerializer,
)

__all__ = [
    "AppliedFiltersSerializer",
    "AssessmentDetailSerializer",
    "AssessmentRowSerializer",
    "AuthorityFilters",
    "AuthorityIndicatorSerializer",
    "AuthorityRefSerializer",
    "AuthoritySerializer",
    "AuthorityStatisticsSerializer",
    "BASIS_CHOICES",
    "CouncilRangeSerializer",
    "CountsSerializer",
    "CriterionAnswerSerializer",
    "CriterionSerializer",
    "ExclusionSerializer",
    "FrameworkDetailSerializer",
    "FrameworkRefSerializer",
    "FrameworkSerializer",
    "IndicatorFilters",
    "IndicatorRefSerializer",
    "IndicatorSerializer",
    "IndicatorValueFilters",
    "IndicatorValueSerializer",
    "LevelSerializer",
    "MemberSerializer",
    "ModeratedAnswerSerializer",
    "NamedValueSerializer",
    "OwnAnswerSerializer",
    "PeriodValueSerializer",
    "PointSerializer",
    "ProblemErrorSerializer",
    "ProblemSerializer",
    "PublishedResultSerializer",
    "PublishedRoundDetailSerializer",
    "PublishedRoundSerializer",
    "RAG_CHOICES",
    "ResultSerializer",
    "RoundRefSerializer",
    "RoundRowFilters",
    "RoundSerializer",
    "RoundSummarySerializer",
    "SCORE",
    "SourceSerializer",
    "SpreadSerializer",
    "StepResultSerializer",
    "StepSerializer",
    "StepSpreadSerializer",
    "TierPeriodSerializer",
]
