import pytest


@pytest.fixture(scope="module")
def domain():
    from rasa.shared.core.domain import Domain
    return Domain.load("domain").as_dict()
