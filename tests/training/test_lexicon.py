from __future__ import annotations

import numpy
import pytest

from extractor.training.lexicon import build_cluster_vectors, cluster_vectors, load_clusters


def _path(bits: str) -> int:
    """A Brown path written first branch first, stored first branch in the lowest bit."""
    return int(bits[::-1], 2)


def test_lexicon_clusters_close_in_the_tree_get_close_vectors():
    siblings = [_path("1011001110110"), _path("1011001110111")]
    distant = _path("0100110001001")
    rows = cluster_vectors([*siblings, distant])
    assert rows[0] @ rows[1] > rows[0] @ rows[2] + 0.3


def test_lexicon_vectors_are_unit_length_and_reproducible():
    clusters = list(range(1, 200))
    rows = cluster_vectors(clusters)
    assert numpy.allclose(numpy.linalg.norm(rows, axis=1), 1.0, atol=1e-5)
    assert numpy.array_equal(rows, cluster_vectors(clusters))
    assert not numpy.array_equal(rows, cluster_vectors(clusters, seed=1))


def test_lexicon_words_of_one_cluster_share_a_row(tmp_path):
    pytest.importorskip("spacy_lookups_data", reason="the cluster table ships with the [train] extra")
    import spacy

    count = build_cluster_vectors(tmp_path / "clusters")
    clusters = load_clusters()
    vectors = spacy.load(tmp_path / "clusters").vocab.vectors
    assert count == sum(1 for cluster in clusters.values() if cluster)
    by_cluster: dict[int, list[str]] = {}
    for word, cluster in sorted(clusters.items()):
        by_cluster.setdefault(cluster, []).append(word)
    same = next(words for cluster, words in by_cluster.items() if cluster and len(words) > 1)
    other = next(words[0] for cluster, words in by_cluster.items() if cluster and words[0] not in same)
    assert vectors.find(key=same[0]) == vectors.find(key=same[1]) != vectors.find(key=other)
    assert vectors.find(key=by_cluster[0][0]) == -1


def test_lexicon_vectors_map_each_clustered_word_to_its_cluster_row(tmp_path):
    import spacy

    table = {"London": _path("0110"), "Paris": _path("0110"), "Enron": _path("1011"), "the": 0}
    assert build_cluster_vectors(tmp_path / "clusters", clusters=table) == 3
    vectors = spacy.load(tmp_path / "clusters").vocab.vectors
    assert vectors.shape == (2, 128)
    assert vectors.find(key="London") == vectors.find(key="Paris") != vectors.find(key="Enron")
    assert vectors.find(key="the") == -1
