import pytest
from django.core import mail
from tests.factories import make_user
@pytest.mark.django_db
def test_show(client):
    make_user("ana@example.test")
    client.post("/accounts/password/reset/", {"email": "ana@example.test"})
    print("SUBJECT:", repr(mail.outbox[0].subject)); print(mail.outbox[0].body)
    client.force_login(make_user())
    r = client.get("/accounts/lock"); 
