"""Links between documents: the citation grammar, resolution against the unit trees, the
catalogue of stored documents, validity (tình trạng hiệu lực) and the lược đồ view."""
