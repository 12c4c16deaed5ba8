"""``whowhom serve``: the JSON API and the dashboard over a store, read-only."""

from __future__ import annotations

from pathlib import Path

import click

from whowhom.commands.options import db_option


@click.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Interface to listen on; 0.0.0.0 makes the store visible to the network.")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True)
def serve(db: Path, host: str, port: int) -> None:
    """Serve the dashboard at / and the JSON API at /api (docs at /docs).

    Example: whowhom serve --db whowhom.duckdb --port 8000
    """
    if not db.is_file():
        raise click.ClickException(
            f"no event store at {db}; code some articles first "
            f"(whowhom code examples/articles --db {db}) or give --db PATH")
    import uvicorn

    from whowhom.api.main import create_app
    from whowhom.errors import WhowhomError

    try:
        app = create_app(db, cache_entries=2048)
    except WhowhomError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"whowhom: dashboard at http://{host}:{port}/  (API docs at /docs)")
    uvicorn.run(app, host=host, port=port, log_level="warning")
