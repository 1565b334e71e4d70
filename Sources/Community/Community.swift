// The Community module: see docs/ARCHITECTURE.md.
