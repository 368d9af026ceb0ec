"""The public 主动公开 pages (no login), under /zfxxgk/ beside the annual reports' ndbg/:

    /zfxxgk/search/                          全站检索
    /zfxxgk/<code>/                          the agency's 公开目录
    /zfxxgk/<code>/lm/<column>/              a column's list;  …/feed/  its Atom feed
    /zfxxgk/<code>/xxgk/<id>/                a publication (the series' current version); …/v<n>/ an older one
    /zfxxgk/<code>/xxgk/<id>/fj/<att>/       an attachment
    /zfxxgk/<code>/feed/                     the agency's Atom feed
"""
from django.urls import path  # noqa: F401

app_name = "publishing_public"
urlpatterns: list = []
