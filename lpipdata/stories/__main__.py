"""`python -m lpipdata.stories ...`, as before the package: the same as `python -m lpipdata stories ...`."""

import sys

from lpipdata.stories.cli import main

sys.exit(main())
