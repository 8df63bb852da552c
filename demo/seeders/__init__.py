"""One seeder per app: each module creates what its app owns, in the demo's language.

``seed_demo`` (demo/management/commands/seed_demo.py) runs them in a fixed order, which is what
keeps the page tree and the primary keys the same from one run to the next. Every seeder looks
for what it would create first, so running the command twice changes nothing.
"""
