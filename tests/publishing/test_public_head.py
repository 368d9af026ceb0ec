"""The public pages' shared frame: feeds announced in <head>, the catalogue reachable from the nav,
and agency codes that would collide with the site's own addresses refused."""
import pytest
from django.core.exceptions import ValidationError

from zfxxgk.agencies.models import Agency
from zfxxgk.publishing.columns import ensure_catalogue

pytestmark = pytest.mark.django_db


def test_feed_link_in_head_and_catalogue_in_nav(client, agency):
    ensure_catalogue(agency)
    page = client.get(f"/zfxxgk/{agency.code}/").content.decode()
    head = page.split("</head>")[0]
    assert '<link rel="alternate" type="application/atom+xml"' in head
    assert f"/zfxxgk/{agency.code}/feed/" in head
    home = client.get("/").content.decode()
    assert 'href="/zfxxgk/"' in home and 'href="/zfxxgk/search/"' in home


def test_reserved_code_refused():
    with pytest.raises(ValidationError) as err:
        Agency(name="某机关", code="search").full_clean()
    assert "保留" in str(err.value)
