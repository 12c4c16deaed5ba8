"""The ``whowhom`` command line: assembles the commands of ``whowhom.commands``."""

from __future__ import annotations

import click

from whowhom import __version__
from whowhom.commands.code import code
from whowhom.commands.evaluate import evaluate
from whowhom.commands.fuse import fuse, stories
from whowhom.commands.kb import kb
from whowhom.commands.plot import plot
from whowhom.commands.query import events, export
from whowhom.commands.serve import serve


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="whowhom")
def cli() -> None:
    """whowhom: who did what to whom, when, from news text (PLOVER and CAMEO).

    Example: whowhom code examples/articles && whowhom events
    """


for command in (code, events, export, evaluate, kb, serve, plot, fuse, stories):
    cli.add_command(command)


def main() -> None:
    cli()
