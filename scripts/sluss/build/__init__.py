"""Writing outputs to disk, running MkDocs, sanitising its HTML, the live preview."""
