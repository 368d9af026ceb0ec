"""The office's 网站运维监测 pages, under /workspace/publishing/health/ (publishing/urls.py includes
them, so their names are ``publishing:health`` and ``publishing:health_export``)."""
from django.urls import path

from . import health_views

urlpatterns = [
    path("", health_views.page, name="health"),
    path("export/", health_views.download, name="health_export"),
]
