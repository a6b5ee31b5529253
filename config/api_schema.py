"""The OpenAPI generator, limited to the API (also for `check --deploy`, which generates the schema)."""

from drf_spectacular.generators import SchemaGenerator


class ApiSchemaGenerator(SchemaGenerator):
    def __init__(self, *args, patterns=None, **kwargs):
        if patterns is None:
            from .api import SCHEMA_PATTERNS  # Imported late: the API's views read this setting.

            patterns = SCHEMA_PATTERNS
        super().__init__(*args, patterns=patterns, **kwargs)
