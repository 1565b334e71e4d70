// The IMAP module: see docs/ARCHITECTURE.md.
