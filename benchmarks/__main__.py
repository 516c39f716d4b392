"""``python -m benchmarks``: build the databases (cached), measure, print the table."""

from benchmarks.run import main

main()
