from django.urls import path

from web.audit import views

urlpatterns = [
    path("", views.audit_log, name="audit"),
    path("csv/", views.audit_csv, name="audit_csv"),
]
