from django.urls import include, path

from . import views

app_name = "oversight"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("compare/", views.compare, name="compare"),
    path("cell/", views.cell, name="cell"),
    path("cell/cases/", views.cell_cases, name="cell_cases"),
    path("export.xlsx", views.export, name="export"),
    path("health/", include("zfxxgk.oversight.views.health")),
]
