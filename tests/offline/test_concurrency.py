"""The page and the service worker send the same outbox form at the same moment (PostgreSQL):
one record. The second sending waits on the key's unique index while the first writes, then
finds it; it does not write a second record or fail."""

import threading
import time
import uuid

import pytest
from django.conf import settings
from django.db import connection

from etalase.catalog.models import Product
from etalase.offline import services
from tests.browser.conftest import restore_reference_data
from tests.factories import make_enterprise, make_product, owner_of

ON_POSTGRES = "postgresql" in settings.DATABASES["default"]["ENGINE"]
pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(not ON_POSTGRES, reason=(
        "waiting on a unique index needs PostgreSQL (CI runs this suite on it); SQLite "
        "serialises every write transaction anyway")),
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture(autouse=True)
def _reference_data():
    restore_reference_data()


def test_two_sendings_at_once_make_one_product():
    enterprise = make_enterprise("ID-SA", legal_name="UD Kakao Tondano")
    owner = owner_of(enterprise)
    key = uuid.uuid4()
    barrier = threading.Barrier(2)
    results: list = [None, None]

    def write():
        product = make_product(enterprise, name="Biji kakao Tondano")
        time.sleep(0.3)  # inside the transaction: the other sending arrives meanwhile
        return product

    def run(index):
        try:
            barrier.wait(timeout=10)
            results[index] = services.run_once(user=owner, client_id=key, form="product_create",
                                               write=write)
        except Exception as exc:  # reported to the test, not lost in the thread
            results[index] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert not any(isinstance(r, Exception) for r in results), results
    assert sorted(r.fresh for r in results) == [False, True]
    assert results[0].object_id == results[1].object_id
    assert Product.objects.filter(enterprise=enterprise).count() == 1
