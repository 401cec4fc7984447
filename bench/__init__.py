"""Benchmark of the pipeline and the build on synthetic corpora (`make bench`, `python -m bench`)."""
