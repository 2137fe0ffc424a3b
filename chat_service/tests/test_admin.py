def test_the_admin_works_for_a_staff_user(admin_client):
    response = admin_client.get("/admin/")

    assert response.status_code == 200
    assert b"Site administration" in response.content


def test_the_admin_sends_anonymous_visitors_to_its_login_page(client, db):
    response = client.get("/admin/")

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
