from django.apps import AppConfig


class SecondFactorConfig(AppConfig):
    name = "second_factor"
    verbose_name = "Second factor"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from .policy import remember_opted_in_at_sign_in

        user_logged_in.connect(remember_opted_in_at_sign_in, dispatch_uid="second_factor.remember_opted_in")
