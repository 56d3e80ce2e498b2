"""index: clauses in, ranked hits out.

    from index import Retriever
    r = Retriever.build(clauses, encoder="use-multilingual-v3")   # or None for BM25 only
    hits = r.search("绵阳 新材料", k=5)
"""
from index.bm25 import BM25Index, BM25Params
from index.encoders import DEFAULT_ENCODER, Encoder, EncoderError, get_encoder
from index.fusion import MODES, RetrieverConfig, weighted_rrf
from index.hit import Hit
from index.retriever import QueryError, Retriever
from index.store import IndexFolderError
from index.thesaurus import Thesaurus, ThesaurusError, default_thesaurus
from index.tokenize import Tokenizer, make_tokenizer, tokenize
from index.vocabulary import harvest_vocabulary

__all__ = [
    "BM25Index", "BM25Params", "DEFAULT_ENCODER", "Encoder", "EncoderError", "Hit", "IndexFolderError", "MODES",
    "QueryError", "Retriever", "RetrieverConfig", "Thesaurus", "ThesaurusError", "Tokenizer", "default_thesaurus", "get_encoder", "harvest_vocabulary",
    "make_tokenizer", "tokenize", "weighted_rrf",
]
