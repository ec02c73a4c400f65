"""``python -m guarantor`` runs the CLI."""

from guarantor.cli.main import main

main()
