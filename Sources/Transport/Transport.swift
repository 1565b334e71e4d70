// The Transport module: see docs/ARCHITECTURE.md.
