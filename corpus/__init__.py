"""corpus: documents in, clauses out."""
from corpus.model import Clause, CorpusError, Document, Section

__all__ = ["Clause", "CorpusError", "Document", "Section"]
