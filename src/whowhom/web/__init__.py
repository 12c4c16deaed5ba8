"""The dashboard's static files (``static/``), served by ``whowhom serve``."""
