"""`python -m pipeline` is the same as the `pipeline` command."""

from pipeline.entry import main

main()
