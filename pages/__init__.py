"""Page objects: one class per screen of the tutorial, driving it through Playwright."""
