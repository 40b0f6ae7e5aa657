"""Recipe search: what a document is, filters, the words a query matches, rank fusion."""
