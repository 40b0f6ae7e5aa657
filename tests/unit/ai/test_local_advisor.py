"""LocalFoodAdvisor: the FoodAdvisor port over the local enrichment the inventory uses."""

from __future__ import annotations

import pytest

from tests.conftest import data_pack_dir
from zerowaste.application.ports.ai import AiContext
from zerowaste.infrastructure.ai.local.advisor import LocalFoodAdvisor, LocalIngredientAdvisor
from zerowaste.infrastructure.reference.catalog import DataPackCatalog

pytestmark = pytest.mark.unit


@pytest.fixture(scope="module")
def enrichment() -> LocalIngredientAdvisor:
    return LocalIngredientAdvisor(DataPackCatalog.from_data_dir(data_pack_dir()), data_pack_dir())


def test_advice_is_the_local_enrichment_with_its_usage(enrichment):
    advisor = LocalFoodAdvisor(enrichment)
    answer = advisor.advise("Jitomate", kind="ingredient", description=None, context=AiContext())
    assert advisor.provider == "local"
    assert answer.advice == enrichment.enrich("Jitomate", kind="ingredient", description=None)
    assert {"environmental_impact", "utilization_ideas", "consumption_advice"} <= set(answer.advice)
    assert (answer.usage.provider, answer.usage.operation) == ("local", "enrich")


def test_an_unknown_food_gets_no_invented_advice(enrichment):
    answer = LocalFoodAdvisor(enrichment).advise(
        "Zzyzx", kind="food", description="nothing known", context=AiContext(language="en")
    )
    assert "environmental_impact" not in answer.advice
    assert "consumption_advice" not in answer.advice
