"""``whowhom kb``: look names up in the actor knowledge base, check and import its files."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import asdict
from pathlib import Path

import click
from rich.table import Table

from whowhom.commands.options import console
from whowhom.kb.loader import DATA_DIR, KBFormatError, default_kb, load_kb
from whowhom.kb.petrarch import PetrarchFormatError, convert_actors_file
from whowhom.kb.resolver import Resolver
from whowhom.kb.validate import validate as validate_files

FIELDS = ("name", "kb_id", "country", "sector", "code", "score", "why")


def _kb_option(f: click.decorators.FC) -> click.decorators.FC:
    return click.option("--kb", "kb_dirs", multiple=True,
                        type=click.Path(exists=True, path_type=Path),
                        help="Extra knowledge-base YAML files or folders (repeatable).")(f)


@click.group()
def kb() -> None:
    """The actor knowledge base: look names up, check files, import dictionaries.

    Example: whowhom kb lookup Lukashenka --date 2024-08-15
    """


@kb.command()
@click.argument("name")
@click.option("--date", "day", help="Resolve as of this date (YYYY-MM-DD); offices change.")
@click.option("--json", "as_json", is_flag=True, help="Print the resolution as JSON.")
@_kb_option
def lookup(name: str, day: str | None, as_json: bool, kb_dirs: tuple[Path, ...]) -> None:
    """Resolve NAME to an actor and say why; exit 1 when nothing matches.

    Example: whowhom kb lookup "Kazakh Foreign Ministry" --date 2024-08-23 --json
    """
    try:
        when = dt.date.fromisoformat(day) if day else None
    except ValueError as exc:
        raise click.BadParameter(f"must be a date like 2024-08-23, got {day!r}",
                                 param_hint="--date") from exc
    try:
        resolver = Resolver(load_kb(kb_dirs) if kb_dirs else default_kb())
    except KBFormatError as exc:
        raise click.ClickException(str(exc)) from exc
    found = resolver.resolve(name, when)
    if found is None:
        click.echo(json.dumps({"match": None}) if as_json
                   else f"no match for {name!r} in the knowledge base")
        raise SystemExit(1)
    if as_json:
        click.echo(json.dumps(asdict(found), ensure_ascii=False))
        return
    table = Table(show_header=False, box=None)
    for field in FIELDS:
        table.add_row(field, str(getattr(found, field)) or "-")
    console.print(table)


@kb.command(name="validate")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@_kb_option
def validate_command(paths: tuple[Path, ...], kb_dirs: tuple[Path, ...]) -> None:
    """Check knowledge-base files (default: the shipped ones and any --kb); exit 1 on errors.

    Example: whowhom kb validate my-kb/ --kb more-kb/
    """
    targets = [*(paths or [DATA_DIR]), *kb_dirs]
    problems = validate_files(targets)
    for p in problems:
        click.echo(str(p))
    errors = sum(p.severity == "error" for p in problems)
    click.echo(f"{errors} error(s), {len(problems) - errors} warning(s) in "
               f"{', '.join(map(str, targets))}")
    if errors:
        raise SystemExit(1)


@kb.command(name="import-petrarch")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--out", "out", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="The knowledge-base YAML file to write (people).")
def import_petrarch(path: Path, out: Path) -> None:
    """Convert a PETRARCH/Phoenix .actors.txt dictionary into a people YAML file.

    Example: whowhom kb import-petrarch Phoenix.Countries.actors.txt --out people.yaml
    """
    try:
        n = convert_actors_file(path, out)
    except (OSError, PetrarchFormatError) as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"wrote {n} people to {out}; check them with: whowhom kb validate {out}")
