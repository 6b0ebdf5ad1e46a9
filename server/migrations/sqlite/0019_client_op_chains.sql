-- Every save of one pending edit on one phone carries the same chain id, so a save made after answers were
-- lost needs to name only its chain, not every earlier save (a long offline session made that list grow
-- past what the server accepts).
ALTER TABLE client_ops ADD COLUMN chain TEXT;
