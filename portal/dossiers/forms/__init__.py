"""The form engine: a démarche's form is data (``model``), read strictly (``parsing``), and one
engine shows, prefills, checks and cleans it (``engine``, ``values``, ``problems``, ``display``,
``uploads``); ``sources`` names the authentic sources a field may be prefilled from."""
