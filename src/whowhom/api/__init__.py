"""The JSON API and dashboard of ``whowhom serve``: ``main.create_app`` assembles them."""
