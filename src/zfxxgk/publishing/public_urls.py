"""The public 主动公开 pages (no login), under /zfxxgk/ beside the annual reports' ndbg/:

    /zfxxgk/                                 every agency, linking its catalogue
    /zfxxgk/search/                          全站检索
    /zfxxgk/<code>/                          the agency's 公开目录;  …/search/ its search;  …/feed/ its Atom feed
    /zfxxgk/<code>/lm/<column>/              a column's list;  …/feed/  its Atom feed
    /zfxxgk/<code>/xxgk/<id>/                a publication (the series' current version); …/v<n>/ an older one
    /zfxxgk/<code>/xxgk/<id>/fj/<att>/       an attachment

The annual reports' /zfxxgk/<code>/ndbg/… are mounted before these and share no prefix with them
(lm/, xxgk/, feed/, search/). ``search/`` comes before ``<code>/``: an agency whose code were
"search" would lose only its catalogue's address to the site search, never shadow it.
"""
from django.urls import path

from . import feeds
from .public_views import attachment, catalogue, publication, search


app_name = "publishing_public"
urlpatterns = [
    path("", catalogue.index, name="index"),
    path("search/", search.search, name="search"),
    path("<slug:code>/", catalogue.agency, name="agency"),
    path("<slug:code>/search/", search.agency_search, name="agency_search"),
    path("<slug:code>/feed/", feeds.AgencyFeed(), name="agency_feed"),
    path("<slug:code>/lm/<slug:column>/", catalogue.column, name="column"),
    path("<slug:code>/lm/<slug:column>/feed/", feeds.ColumnFeed(), name="column_feed"),
    path("<slug:code>/xxgk/<int:series>/", publication.current, name="publication"),
    path("<slug:code>/xxgk/<int:series>/v<int:number>/", publication.version, name="version"),
    path("<slug:code>/xxgk/<int:series>/fj/<int:attachment>/", attachment.download, name="attachment"),
]
