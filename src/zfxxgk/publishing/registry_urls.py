"""Staff pages of the registry of 规章 and 规范性文件, included by publishing/urls.py at
/workspace/publishing/registry/ (names ``publishing:registry:…``)."""
from django.urls import path

from .views import registry

app_name = "registry"
urlpatterns = [
    path("", registry.registry_list, name="list"),
    path("export.csv", registry.export, name="export"),
    path("new/", registry.create, name="new"),
    path("<int:pk>/", registry.edit, name="edit"),
    path("<int:pk>/end/", registry.end, name="end"),
    path("table2/", registry.table2, name="table2"),
]
