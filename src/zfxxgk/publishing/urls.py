"""Staff pages for 主动公开 (/workspace/publishing/): publications, review, the registry, content health."""
from django.urls import path  # noqa: F401  (filled by the views' owners)

app_name = "publishing"
urlpatterns: list = []
