"""The public 政府信息公开年报 pages (no login): /zfxxgk/<agency code>/ndbg/… ("ndbg" = 年度报告)."""
from django.urls import path, register_converter

from . import public_views


class Format:
    regex = "docx|pdf|xlsx|html"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(Format, "ndbgfmt")

app_name = "public_annual"
urlpatterns = [
    path("<slug:code>/ndbg/", public_views.agency_reports, name="agency"),
    path("<slug:code>/ndbg/<int:year>/", public_views.report, name="report"),
    path("<slug:code>/ndbg/<int:year>/v<int:number>/", public_views.version, name="version"),
    path("<slug:code>/ndbg/<int:year>/v<int:number>.<ndbgfmt:fmt>", public_views.download, name="download"),
]
