"""MkDocs hook: what readers get besides the pages' text: the English pages not yet translated left
to static-i18n's fallback (scripts/build/article.py), template data (interface words, article
header, translation banner, alternates), the home pages' parts, and after the build a 404 page,
sitemap and feed per language (scripts/build/context.py, outputs.py)."""
from mkdocs.plugins import event_priority

from scripts.build import article, context, outputs
from scripts.build.mkdocs_events import routed

# Before static-i18n (-100) chooses each language's files: English pages not yet translated left out.
on_files = event_priority(-90)(routed(article.withhold_untranslated))
on_template_context = routed(context.template_context)
on_page_context = routed(context.page_context)
on_page_markdown = routed(context.home_markdown)
on_post_template = outputs.keep_not_found
on_post_build = event_priority(-110)(routed(outputs.write_outputs))  # after static-i18n built every language
