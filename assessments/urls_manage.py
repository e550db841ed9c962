"""/manage/: the service's own administration pages. Every view here is admin only."""
from django.urls import path

from assessments.views import (
    manage_authorities as authorities,
)
from assessments.views import (
    manage_authorities_import as authority_import,
)
from assessments.views import (
    manage_devolution as devolution,
)
from assessments.views import (
    manage_frameworks as frameworks,
)
from assessments.views import (
    manage_home as home,
)
from assessments.views import (
    manage_people as people,
)
from assessments.views import (
    manage_rounds as rounds,
)

urlpatterns = [
    path("", home.home, name="manage-home"),
    path("audit/", home.audit, name="manage-audit"),
    path("audit.csv", home.audit_csv, name="manage-audit-csv"),
    # Authorities
    path("authorities/", authorities.authority_index, name="manage-authorities"),
    path("authorities/new/", authorities.authority_new, name="manage-authority-new"),
    path("authorities/import/", authority_import.import_upload, name="manage-authorities-import"),
    path("authorities/import/template/<str:kind>.csv", authority_import.import_template, name="manage-authorities-import-template"),
    path("authorities/import/confirm/", authority_import.import_confirm, name="manage-authorities-import-confirm"),
    path("authorities/<int:pk>/", authorities.authority_detail, name="manage-authority"),
    path("authorities/<int:pk>/edit/", authorities.authority_edit, name="manage-authority-edit"),
    path("authorities/<int:pk>/councils/<str:landscape>/", authorities.authority_councils_edit, name="manage-authority-councils"),
    path("authorities/<int:pk>/abolish/", authorities.authority_abolish_view, name="manage-authority-abolish"),
    path("authorities/<int:pk>/reinstate/", authorities.authority_reinstate_view, name="manage-authority-reinstate"),
    path("authorities/export.csv", devolution.authorities_export, name="manage-authorities-export"),
    path("authorities/lineage.csv", devolution.lineage_export, name="manage-lineage-export"),
    path("authorities/<int:pk>/devolution/", devolution.authority_devolution_edit, name="manage-authority-devolution"),
    path("authorities/<int:pk>/tiers/add/", devolution.authority_tier_add, name="manage-authority-tier-add"),
    path("authorities/<int:pk>/tiers/<int:period_pk>/remove/", devolution.authority_tier_remove, name="manage-authority-tier-remove"),
    path("authorities/<int:pk>/lineage/add/", devolution.authority_link_add, name="manage-authority-link-add"),
    path("authorities/<int:pk>/lineage/<int:link_pk>/remove/", devolution.authority_link_remove, name="manage-authority-link-remove"),
    # People
    path("people/", people.people_index, name="manage-people"),
    path("people/invite/", people.invite, name="manage-invite"),
    path("people/<int:pk>/", people.person_detail, name="manage-person"),
    path("people/<int:pk>/role/", people.person_role, name="manage-person-role"),
    path("people/<int:pk>/access/", people.person_access_add, name="manage-person-access"),
    path("people/<int:pk>/access/<int:access_pk>/remove/", people.person_access_remove, name="manage-person-access-remove"),
    path("people/<int:pk>/active/", people.person_active, name="manage-person-active"),
    path("people/<int:pk>/password-reset/", people.person_password_reset, name="manage-person-password-reset"),
    path("invitations/", people.invitation_index, name="manage-invitations"),
    path("invitations/<int:pk>/resend/", people.invitation_resend_view, name="manage-invitation-resend"),
    path("invitations/<int:pk>/revoke/", people.invitation_revoke_view, name="manage-invitation-revoke"),
    # Rounds
    path("rounds/", rounds.round_index, name="manage-rounds"),
    path("rounds/new/", rounds.round_new, name="manage-round-new"),
    path("rounds/<int:pk>/", rounds.round_detail, name="manage-round"),
    path("rounds/<int:pk>/open/", rounds.round_open_view, name="manage-round-open"),
    path("rounds/<int:pk>/close/", rounds.round_close_view, name="manage-round-close"),
    path("rounds/<int:pk>/coverage/", rounds.round_coverage, name="manage-round-coverage"),
    path("rounds/<int:pk>/add-authority/", rounds.round_add_authority_view, name="manage-round-add-authority"),
    path("rounds/<int:pk>/assessments/<int:assessment_pk>/deadline/", rounds.assessment_deadline, name="manage-assessment-deadline"),
    # Framework versions
    path("frameworks/", frameworks.framework_index, name="manage-frameworks"),
    path("frameworks/import/", frameworks.framework_import_view, name="manage-framework-import"),
    path("frameworks/<int:pk>/", frameworks.framework_detail, name="manage-framework"),
    path("frameworks/<int:pk>/export/", frameworks.framework_export_view, name="manage-framework-export"),
    path("frameworks/<int:pk>/copy/", frameworks.framework_copy_view, name="manage-framework-copy"),
    path("frameworks/<int:pk>/publish/", frameworks.framework_publish_view, name="manage-framework-publish"),
    path("frameworks/<int:pk>/steps/<int:number>/", frameworks.framework_step_edit, name="manage-framework-step"),
    path("frameworks/<int:pk>/steps/<int:number>/criteria/new/", frameworks.criterion_new, name="manage-framework-criterion-new"),
    path("frameworks/<int:pk>/criteria/<int:criterion_pk>/", frameworks.criterion_edit, name="manage-framework-criterion"),
    path("frameworks/<int:pk>/criteria/<int:criterion_pk>/remove/", frameworks.criterion_remove, name="manage-framework-criterion-remove"),
]
