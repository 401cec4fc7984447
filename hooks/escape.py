"""MkDocs hook: what reaches readers is data and text (scripts/build/policy.py): front matter as
escaped text of the allowed keys, no raw HTML or unsafe link from page text, no file from outside
the repository, no site folder behind a link."""
from mkdocs.plugins import event_priority

from scripts.build import policy
from scripts.build.mkdocs_events import routed

on_config = routed(policy.refuse_linked_site)
on_files = event_priority(-120)(routed(policy.refuse_outside_files))  # every file, fallback copies included
# After the other hooks read the page's raw front matter and text.
on_page_markdown = event_priority(-90)(routed(policy.page_data))
# Before the glossary hook (0) makes its own links.
on_page_content = event_priority(50)(routed(policy.inert_html))
