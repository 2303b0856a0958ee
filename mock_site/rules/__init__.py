"""Business rules of the ameli account creation, as plain functions without Flask or Faker.

Each module holds one family of rules (NIR, IBAN, Vitale card, caisses, eligibility, personal
code, contact details, email validation, identity) so that views stay thin and every rule can be
unit-tested on its own.
"""
