from django.urls import path

from . import views

urlpatterns = [
    path("authorities/<int:pk>/", views.library, name="evidence-library"),
    path("authorities/<int:pk>/add/", views.add, name="evidence-add"),
    path("items/<int:pk>/", views.item, name="evidence-item"),
    path("items/<int:pk>/edit/", views.edit, name="evidence-edit"),
    path("items/<int:pk>/replace/", views.replace, name="evidence-replace"),
    path("items/<int:pk>/remove/", views.remove, name="evidence-remove"),
    path("versions/<int:pk>/download/", views.download, name="evidence-download"),
]
