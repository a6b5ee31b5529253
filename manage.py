#!/usr/bin/env python
"""Django's command-line utility for administrative tasks."""

import os
import sys

if sys.version_info < (3, 11):  # noqa: UP036 - the message is the point
    sys.exit(f"HTTP Status Atlas needs Python 3.11 or newer; this is {sys.version.split()[0]}.")


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
