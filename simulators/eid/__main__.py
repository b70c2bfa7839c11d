import sys

from simulators.eid.cli import main

sys.exit(main())
