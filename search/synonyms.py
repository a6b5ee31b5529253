"""Words people type for what our names say in other words: "request body too big" means 413 Content Too
Large. Folded, one table per language; English names are in every language's index, so the English table
applies everywhere."""

SYNONYMS = {
    "en": {
        "big": ("large",),
        "huge": ("large",),
        "denied": ("forbidden",),
        "down": ("unavailable",),
    },
}


def alternatives(word: str, language: str) -> tuple[str, ...]:
    """The words ``word`` (folded) also stands for in ``language``."""
    found = SYNONYMS["en"].get(word, ())
    if language != "en":
        found += SYNONYMS.get(language, {}).get(word, ())
    return found
