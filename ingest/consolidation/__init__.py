"""Hợp nhất: the amendment-instruction grammar, its application to a base document's tree,
rendering, and the versions of a stored document at any date."""
