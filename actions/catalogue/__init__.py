"""The local offer catalogue: what each municipality offers during omsorgspermisjon.

SQLAlchemy (2.0-style API on SQLAlchemy 1.4), SQLite by default and PostgreSQL in production.

  models    - Municipality, Offer (offer_type = actions.rules.intro_programme.OfferKind)
  db        - engine from FAMILIEVEILEDER_DB_URL (default sqlite:///<repo>/var/catalogue.db)
  importer  - validate and import data/catalogue/*.yml in one transaction (CLI)
  lookup    - find_municipality(text) with typo tolerance, offers_for(number)
  municipalities - the 357 municipalities shipped in data/municipalities.yml
"""
