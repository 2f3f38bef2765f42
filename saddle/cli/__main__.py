"""`python -m saddle.cli`: the `saddle` command."""

from saddle.cli import main

main()
