"""Static word-class vectors from the Brown clusters in spacy-lookups-data.

The treebanks are small: most names in news never occur in them, and the
hashed embeddings know nothing about a word they have not seen. Brown clusters,
computed on a large English corpus and shipped (MIT) with
spacy-lookups-data, put "London" beside "Paris" and "Enron" beside
"Microsoft". Turned into spaCy static vectors (one row per cluster, shared
by all its words) they give the tok2vec that knowledge at a cost of a few MB.

A cluster is a path in a binary tree, stored with its first branch in the
lowest bit. A word's vector sums one fixed random vector per path prefix, so
clusters that share a long prefix (are close in the tree) get close vectors.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import numpy

PREFIX_BITS = (2, 4, 6, 8, 10, 12, 14, 16, 32)
WIDTH = 128
SEED = 0


def load_clusters() -> dict[str, int]:
    """Word → Brown cluster (0: no cluster) from spacy-lookups-data."""
    import spacy_lookups_data

    path = Path(spacy_lookups_data.__file__).parent / "data" / "en_lexeme_cluster.json.gz"
    with gzip.open(path, "rt", encoding="utf8") as file:
        return json.load(file)


def cluster_vectors(clusters: list[int], width: int = WIDTH, seed: int = SEED) -> numpy.ndarray:
    """One row per cluster: the sum of a random vector per path prefix, scaled to unit length."""
    rng = numpy.random.default_rng(seed)
    prefix_vectors: dict[tuple[int, int], numpy.ndarray] = {}
    rows = numpy.zeros((len(clusters), width), dtype="float32")
    for row, cluster in enumerate(clusters):
        for bits in PREFIX_BITS:
            key = (bits, cluster & ((1 << bits) - 1))
            if key not in prefix_vectors:
                prefix_vectors[key] = rng.standard_normal(width).astype("float32")
            rows[row] += prefix_vectors[key]
    return rows / numpy.linalg.norm(rows, axis=1, keepdims=True)


def build_cluster_vectors(out: Path, width: int = WIDTH, clusters: dict[str, int] | None = None) -> int:
    """Save a blank English pipeline whose vectors are the cluster vectors.

    `[initialize] vectors = out` in a training config loads them.
    clusters (dict): word → cluster; default: spacy-lookups-data's table.
    RETURNS (int): the number of words with a vector.
    """
    import spacy
    from spacy.strings import get_string_id
    from spacy.vectors import Vectors

    word_clusters = {word: cluster for word, cluster in (clusters or load_clusters()).items() if cluster}
    distinct = sorted(set(word_clusters.values()))
    row_of = {cluster: row for row, cluster in enumerate(distinct)}
    nlp = spacy.blank("en")
    vectors = Vectors(data=cluster_vectors(distinct, width), name="extractor_brown_clusters")
    for word in sorted(word_clusters):
        vectors.add(get_string_id(word), row=row_of[word_clusters[word]])
    nlp.vocab.vectors = vectors
    nlp.to_disk(out)
    return len(word_clusters)
