"""The words of the reports in Spanish and English, and the sources cited where figures appear
(texts as each data set's SOURCE.md asks for them)."""

from __future__ import annotations

NUTRITION_SOURCE = (
    "U.S. Department of Agriculture, Agricultural Research Service. USDA National Nutrient "
    "Database for Standard Reference, Release 28 (slightly revised), 2016."
)
FOOTPRINT_SOURCE = (
    "Source: Poore & Nemecek (2018), Science; processed by Our World in Data (CC BY 4.0)."
)
PRICES_SOURCE = (
    "Fuente: PROFECO, Quién es Quién en los Precios (datos abiertos), 16–31 dic 2025 y "
    "1 abr–15 may 2026. https://datos.profeco.gob.mx/datos_abiertos/qqp.php "
    "(consultado 2026-09-12)."
)

MEALS = {
    "es": {
        "breakfast": "Desayuno",
        "lunch": "Comida",
        "dinner": "Cena",
        "dessert": "Postre",
        "snack": "Colación",
    },
    "en": {
        "breakfast": "Breakfast",
        "lunch": "Lunch",
        "dinner": "Dinner",
        "dessert": "Dessert",
        "snack": "Snack",
    },
}
WEEKDAYS = {
    "es": ("Lunes", "Martes", "Miércoles", "Jueves", "Viernes", "Sábado", "Domingo"),
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
}

_TEXT = {
    "es": {
        "meal-plan": "Menú de la semana",
        "meals_by_day": "Comidas por día",
        "shopping-list": "Lista de compras",
        "recipe-book": "Mi recetario",
        "analytics": "Informe de análisis",
        "week": "Semana {week} ({start} – {end})",
        "recipes": "Recetas de la semana",
        "ingredients": "Ingredientes",
        "steps": "Preparación",
        "servings": "{n} porciones",
        "notes": "Notas",
        "no_meals": "No hay comidas planeadas esta semana.",
        "no_items": "La lista está vacía.",
        "no_recipes": "Aún no has guardado recetas.",
        "other_aisle": "Otros",
        "estimated_total": "Total estimado",
        "items": "Artículos",
        "checked": "Marcados",
        "window": "Del {start} al {end}",
        "generated": "Generado el {day}",
        "favorite": "Favorita",
        "rating": "Calificación: {n}/5",
        "ready_title": "Tu informe está listo",
        "ready_body": "«{title}» está listo para descargar durante 24 horas.",
    },
    "en": {
        "meal-plan": "Weekly meal plan",
        "meals_by_day": "Meals by day",
        "shopping-list": "Shopping list",
        "recipe-book": "My recipe book",
        "analytics": "Analytics report",
        "week": "Week {week} ({start} – {end})",
        "recipes": "This week's recipes",
        "ingredients": "Ingredients",
        "steps": "Method",
        "servings": "{n} servings",
        "notes": "Notes",
        "no_meals": "No meals are planned this week.",
        "no_items": "The list is empty.",
        "no_recipes": "You have not saved any recipes yet.",
        "other_aisle": "Other",
        "estimated_total": "Estimated total",
        "items": "Items",
        "checked": "Checked",
        "window": "From {start} to {end}",
        "generated": "Generated on {day}",
        "favorite": "Favourite",
        "rating": "Rating: {n}/5",
        "ready_title": "Your report is ready",
        "ready_body": "“{title}” can be downloaded for the next 24 hours.",
    },
}


def text(lang: str, key: str, **values: object) -> str:
    """A label in `lang` (es when unknown), with its {placeholders} filled."""
    words = _TEXT.get(lang, _TEXT["es"])
    return words[key].format(**values) if values else words[key]


def meal(lang: str, meal_type: str) -> str:
    return MEALS.get(lang, MEALS["es"]).get(meal_type, meal_type)
