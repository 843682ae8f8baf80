"""`python -m lexvn.cli`: the same command line as `lexvn`."""

from lexvn.cli import main

main()
