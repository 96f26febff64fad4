"""How the site is rendered fast and unchanged: page cache, layout memo, worker processes (the MkDocs side)."""
