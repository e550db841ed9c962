from django.urls import path

from . import views

urlpatterns = [
    path("account/two-factor/", views.verify, name="second-factor-verify"),
    path("account/two-factor/set-up/", views.setup, name="second-factor-setup"),
    path("account/two-factor/recovery-codes/", views.recovery_codes, name="second-factor-recovery-codes"),
    path("account/sign-in-security/", views.account, name="second-factor-account"),
    path("account/sign-in-security/turn-off/", views.turn_off, name="second-factor-turn-off"),
    path("manage/people/<int:pk>/second-factor/reset/", views.reset, name="manage-person-second-factor-reset"),
]
