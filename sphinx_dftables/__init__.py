"""Lets ``extensions = ['sphinx_dftables']`` work also when the folder *above* this one is on sys.path
(the documented way puts this folder itself on sys.path, which imports sphinx_dftables.py directly)."""
from .sphinx_dftables import *  # noqa: F401,F403
from .sphinx_dftables import __version__, setup  # noqa: F401
