"""Command-line interface."""

import click

from medlint import __version__


@click.group()
@click.version_option(__version__, prog_name="medlint")
def main() -> None:
    """Lint medical and health writing."""
if __name__ == "__main__":
    main()
