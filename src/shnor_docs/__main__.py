"""``python -m shnor_docs`` is the ``shnor-docs`` command."""

import sys

from .cli import main

sys.exit(main())
