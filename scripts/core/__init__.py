"""Core: what every stage shares (files and locks, caches, front matter, Markdown, Vietnamese text,
slugs, labels, statuses). Imports neither MkDocs nor any stage."""
