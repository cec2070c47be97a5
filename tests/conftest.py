"""Personas: the seeker owns data, the coach helps seekers, the stranger must see nothing."""

import pytest

from tests.factories import make_user


@pytest.fixture
def seeker(db):
    return make_user("seeker", email="seeker@example.com")


@pytest.fixture
def coach(db):
    return make_user("coach", email="coach@example.com")


@pytest.fixture
def stranger(db):
    return make_user("stranger", email="stranger@example.com")


@pytest.fixture
def seeker_client(client, seeker):
    client.force_login(seeker)
    return client


@pytest.fixture
def stranger_client(client, stranger):
    client.force_login(stranger)
    return client
