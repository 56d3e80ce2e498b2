"""``python -m assistant`` = the ``planqa`` console script."""
import sys

from assistant.cli import main

sys.exit(main())
