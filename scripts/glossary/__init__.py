"""Glossary: term and topic files (schema, loading, consistency), finding terms in text, linking them."""
