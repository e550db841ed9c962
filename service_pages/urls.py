from django.urls import path

from . import views

urlpatterns = [
    path("help/", views.help_page, name="help"),
    path("help/framework/", views.framework_page, name="help-framework"),
    path("help/framework.csv", views.framework_csv, name="help-framework-csv"),
    path("accessibility/", views.accessibility_statement, name="accessibility-statement"),
    path("privacy/", views.privacy_notice, name="privacy-notice"),
    path("cookies/", views.cookies_page, name="cookies"),
    path("contact/", views.contact_page, name="contact"),
]
