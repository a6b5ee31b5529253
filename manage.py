#!/usr/bin/env python
"""Django's command-line utility for administrative tasks."""

import os
import sys

if sys.version_info < (3, 11):  # noqa: UP036 - the message is the point
    sys.exit(f"HTTP Status Atlas needs Python 3.11 or newer; this is {sys.version.split()[0]}.")


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    from django.conf import settings
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line

    try:
        settings.INSTALLED_APPS  # noqa: B018 - reads the settings, which refuse an unsafe environment
    except ImproperlyConfigured as error:
        # What to set, without a traceback around it (the settings say what and how).
        sys.exit(f"HTTP Status Atlas cannot start with this environment: {error}")

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
