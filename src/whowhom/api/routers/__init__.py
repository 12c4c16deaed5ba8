"""One router per resource of the API; ``whowhom.api.main`` includes them all."""
