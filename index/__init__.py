"""index: clauses in, ranked hits out."""
from index.hit import Hit

__all__ = ["Hit"]
