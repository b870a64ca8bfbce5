-- What a spam trap caught is kept, not dropped: stored as 'rejected' with the trap's name
-- ('honeypot', 'too_fast'), so the shop sees it in the moderation queue and can publish it.
ALTER TABLE reviews ADD COLUMN spam TEXT;
