"""Which PROFECO QQP products are which ingredient of the master (the price mapping).

A product maps in one of two ways, and only these:
1. RULES: products whose name alone is ambiguous or wrong for the master. A product with rules
   is mapped by them alone, first rule that applies wins; a rule applies when the presentation
   (plus the brand) contains one of its `include` words, if any, and none of its `exclude`
   words. A rule without an ingredient drops those presentations (offal, flavoured milk).
2. Otherwise an *exact* match of the product name on the master's names, aliases and synonyms
   (the catalog's matching, never fuzzy: fuzzy hits were wrong for "Refresco" -> beef stew,
   "Tequila" -> tea, "Aceituna" -> prickly pear), unless the product is in NOT_MAPPED.

Why each rule: the master has one milk, one bread, one beef-for-stew... so variants are sent to
the entry they are (brown rice apart from rice, "Calabaza italiana" is zucchini, "Tomate verde"
is tomatillo, "Plátano macho" is plantain, "Mascabado" is brown sugar), and presentations that
are another food under the same product name are left out rather than averaged in: tuna with
soy filler or as salad, garlic powder, flavoured or infant milk, 200 ml school boxes of milk
(their price per litre is a third above the litre boxes cooks buy), coated peanuts, imitation
cheese, sweetened yoghurt, integral or toasted sliced bread, whole fish (price per kg with
head and bones) and offal. Non-food categories never map.
"""

from __future__ import annotations

from dataclasses import dataclass

from zerowaste.domain.shared.text import strip_accents


@dataclass(frozen=True)
class Rule:
    product: str
    ingredient_id: str | None
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()

    def applies(self, text: str) -> bool:
        """Whether the folded presentation-and-brand `text` is this rule's."""
        if self.include and not any(strip_accents(word) in text for word in self.include):
            return False
        return not any(strip_accents(word) in text for word in self.exclude)


R = Rule
RULES: tuple[Rule, ...] = (
    R("Aceite", "vegetable_oil"),
    R("Arroz", "brown_rice", include=("integral",)),
    R("Arroz", "rice"),
    R("Ajo", "garlic", exclude=("polvo",)),
    R("Atún", "tuna_canned", exclude=("soya", "ensalada", "steak")),
    R("Avena", "oats", exclude=("sémola",)),
    R("Azúcar", "brown_sugar", include=("mascabado",)),
    R("Azúcar", "sugar"),
    R("Basa", "fish_white", include=("filete",)),
    R("Cacahuates", "peanuts", exclude=("hot nuts",)),
    R("Café Tostado y Molido", "coffee", exclude=("caramelo",)),
    R("Calabaza", "zucchini", include=("italiana",)),
    R("Carne Cerdo", "pork_ground", include=("molida",)),
    R("Carne Cerdo", "pork_loin", include=("chuleta", "lomo")),
    R("Carne Cerdo", "pork_shoulder", include=("pierna", "pernil")),
    R("Carne Pollo", "chicken_breast", include=("pechuga",)),
    R("Carne Pollo", "chicken_thigh", include=("muslo", "pierna")),
    R("Carne Pollo", "chicken_whole", include=("entero",)),
    R("Carne Res", "beef_ground", include=("molida",)),
    R("Carne Res", None, include=("hígado", "panza", "menudo")),
    R("Carne Res", "beef_steak", include=("bistec", "chuleta", "filete", "milanesa")),
    R(
        "Carne Res",
        "beef_stew",
        include=("retazo", "chambarete", "falda", "costilla", "cocer", "guisar"),
    ),
    R("Carne Res", "beef_steak", include=("asar",)),
    R("Cebolla", "green_onion", include=("cambray",)),
    R("Cebolla", "onion"),
    R("Cereales", "cereal", include=("corn flakes",)),
    R("Chile Fresco", "jalapeno", include=("jalapeño", "serrano")),
    R("Chile Fresco", "poblano", include=("poblano",)),
    R("Chocolate en Tablillas", "chocolate"),
    R("Crema", "sour_cream"),
    R("Elote", "corn_fresh", include=("pieza",)),
    R("Empanizadores", "breadcrumbs", include=("pan molido",)),
    R("Frijol", "black_beans", include=("negro",)),
    R("Frijol", "pinto_beans", include=("pinto", "bayo")),
    R("Frijoles", "refried_beans", include=("refritos",)),
    R("Haba", "fava_beans"),
    R("Harina de Maíz", "cornstarch", include=("fécula",)),
    R("Harina de Maíz", "masa_harina"),
    R("Jugo de Fruta", "orange_juice", include=("naranja",), exclude=("soya",)),
    R("Leche Pasteurizada", "milk"),
    R("Leche Ultrapasteurizada", "milk", exclude=("chocolate", "200 ml")),
    R("Leche en Polvo", "milk_powder", exclude=("niños",)),
    R("Pan Blanco Bolillo", "bolillo"),
    R("Pan de Caja", "bread", exclude=("integral", "tostado")),
    R("Pasa (uva Pasa)", "raisins"),
    R("Pasta para Sopa", "pasta"),
    R("Perón", "apple"),
    R("Pimienta", "black_pepper", include=("negra",)),
    R("Pimiento", "bell_pepper"),
    R("Plátano", "plantain", include=("macho",)),
    R("Plátano", "banana"),
    R("Polvo P/hornear", "baking_powder"),
    R("Queso Americano", "cheese_cheddar", exclude=("imitación",)),
    R("Queso Panela", "cheese_fresh"),
    R("Sal Molida de Mesa", "salt"),
    R("Salsa Catsup", "ketchup"),
    R("Salsa Picante y Similares", "hot_sauce", exclude=("polvo",)),
    R("Sardina", "sardines"),
    R("Tocino Ahumado", "bacon"),
    R("Tomate", "tomatillo", include=("verde",)),
    R("Tortilla de Harina de Trigo", "flour_tortilla"),
    R("Vino de Mesa", "wine"),
    R("Yoghurt", "yogurt", include=("natural",)),
)

# Exact name matches that are another food: canned chiles are not fresh jalapeños.
NOT_MAPPED = frozenset({"chiles"})

NON_FOOD_CATEGORIES = frozenset(
    strip_accents(category)
    for category in (
        "Accesorios Domesticos",
        "Aparatos Eléctricos",
        "Aparatos Electrónicos",
        "Arts. de Esparcimiento (juguetes)",
        "Arts. de Papel P/higiene Personal",
        "Arts. para el Cuidado Personal",
        "Cigarrillos",
        "Detergentes y Productos Similares",
        "Material Escolar",
        "Medicamentos",
        "Utensilios Domesticos",
    )
)


def rules_by_product() -> dict[str, list[Rule]]:
    """RULES keyed by the folded product name, in their order."""
    found: dict[str, list[Rule]] = {}
    for rule in RULES:
        found.setdefault(strip_accents(rule.product), []).append(rule)
    return found
