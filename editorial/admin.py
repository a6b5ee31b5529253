"""The admin of the content models: their registrations live beside the workflow they use."""

from . import code_admin, comparison_admin, guide_admin, revision_admin  # noqa: F401  (registering is their side effect)
