from django.apps import AppConfig


class AssessmentsConfig(AppConfig):
    name = "assessments"
    verbose_name = "Levelling-up readiness"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from assessments.middleware import remember_sign_in_time
        from assessments.services.sign_ins import record_sign_in

        user_logged_in.connect(record_sign_in, dispatch_uid="assessments-record-sign-in")
        user_logged_in.connect(remember_sign_in_time, dispatch_uid="assessments.remember_sign_in_time")
