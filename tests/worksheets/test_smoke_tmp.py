from pytest_django.asserts import assertContains

from tests.worksheets.conftest import SECRET


def test_pages_render(client, participant, cba):
    client.force_login(participant)
    for url in [
        "/worksheets/",
        f"/worksheets/{cba.pk}/",
        "/worksheets/new/cba/",
        "/worksheets/new/change-plan/",
        f"/worksheets/{cba.pk}/print/",
        f"/worksheets/{cba.pk}/revisions/",
        f"/worksheets/{cba.pk}/export.json",
        f"/worksheets/compare/?a={cba.pk}&b={cba.pk}",
        f"/worksheets/{cba.pk}/delete/",
        "/accounts/export/",
        "/accounts/export/print/",
        "/accounts/delete/",
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
    assertContains(client.get(f"/worksheets/{cba.pk}/"), SECRET)


def test_anonymous_pages_render(client, db):
    response = client.get("/worksheets/new/cba/")
    assert response.status_code == 200
    response = client.post("/worksheets/new/cba/", {"version": "1", "title": "x", "behaviour": "y"})
    assert response.status_code == 302, response.content.decode()[:3000]
    url = response.url
    for suffix in ["", "print/", "export.json", "revisions/", "delete/"]:
        assert client.get(url + suffix).status_code == 200, suffix
    assert client.get("/worksheets/").status_code == 200
