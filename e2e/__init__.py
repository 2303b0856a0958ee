"""Browser tests of the ameli.fr account-creation journey."""
