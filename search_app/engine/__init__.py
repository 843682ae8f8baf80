"""The search engine: analysis, query language, matching, ranking, snippets and the two
backends behind one contract. Imports nothing of the web app."""
