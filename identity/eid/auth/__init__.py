"""Server side of the eID login (challenge–response, the Web eID way); no Reflex import."""
