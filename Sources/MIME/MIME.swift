// The MIME module: see docs/ARCHITECTURE.md.
