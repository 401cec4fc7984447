"""Pipeline that turns scraped Vietnamese migration news into a bilingual MkDocs site."""
