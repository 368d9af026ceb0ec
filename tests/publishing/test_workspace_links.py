"""From the 主动公开 list an office reaches its registry, its content health and its public catalogue;
the supervisor's dashboard reaches the county's content health."""
import pytest

pytestmark = pytest.mark.django_db


def test_office_reaches_registry_health_and_public_catalogue(client, agency, catalogue, clerk):
    client.force_login(clerk)
    page = client.get(f"/workspace/publishing/?agency={agency.code}").content.decode()
    for href in (f"/workspace/publishing/registry/?agency={agency.code}", f"/workspace/publishing/health/?agency={agency.code}",
                 f"/zfxxgk/{agency.code}/"):
        assert f'href="{href}"' in page
        assert client.get(href).status_code == 200


def test_health_page_takes_the_agency_code_or_id_and_hides_others(client, agency, catalogue, clerk, other_agency):
    client.force_login(clerk)
    assert client.get(f"/workspace/publishing/health/?agency={agency.pk}").status_code == 200
    assert client.get(f"/workspace/publishing/health/?agency={other_agency.code}").status_code == 404
    assert client.get("/workspace/publishing/health/?agency=nonesuch").status_code == 404


def test_dashboard_links_county_health(client, county, agency, supervisor):
    client.force_login(supervisor)
    page = client.get(f"/workspace/oversight/?agency={county.pk}").content.decode()
    href = f"/workspace/oversight/health/?agency={county.pk}"
    assert f'href="{href}"' in page and client.get(href).status_code == 200
