"""The FastAPI application of ``whowhom serve``: routers, error handlers, the dashboard."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib.resources import files
from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles

from whowhom import __version__
from whowhom.api.cache import ResponseCache
from whowhom.api.dependencies import StorePool
from whowhom.api.errors import install_error_handlers
from whowhom.api.limits import BodySizeLimit
from whowhom.api.routers import actors, code, documents, dyads, events, network

STATIC = Path(str(files("whowhom.web").joinpath("static")))


def create_app(db: Path | None = None, *, cache_entries: int = 0) -> FastAPI:
    """The app over the store at ``db``, opened read-only; without one, every store
    endpoint answers 503 unless a test overrides ``get_store``. ``cache_entries`` > 0
    keeps that many GET answers (the store cannot change while it is served)."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        pool = getattr(app.state, "store_pool", None)
        if pool is not None:
            pool.close()

    app = FastAPI(title="whowhom", version=__version__, lifespan=lifespan,
                  description="Political events coded from news text (PLOVER and CAMEO), "
                              "each traceable to its sentence.")
    if db is not None:
        app.state.store_pool = StorePool(db)
    install_error_handlers(app)
    app.add_middleware(BodySizeLimit)
    if cache_entries > 0:
        app.add_middleware(ResponseCache, max_entries=cache_entries)
    for module in (events, documents, actors, dyads, network, code):
        app.include_router(module.router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    @app.get("/", include_in_schema=False)
    def dashboard() -> FileResponse:
        return FileResponse(STATIC / "index.html")

    return app
