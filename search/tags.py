"""What search answers depend on (see ``serving.change_tags``): the texts of services, cases and
experts, which pages are public (the tree), and the search settings (synonyms, promotions).
A change elsewhere (the menu, site settings, an index page's introduction) keeps them. An index
written by a background task (an external search server, ``search.indexing``) names
``search-index`` once written."""

SEARCHED = ("cases", "services", "experts", "tree", "search", "search-index")
#: of those, what an edit of one page's text names: an answer it did not touch outlives it
#: (``search.selectors._text_check``)
TEXT_TAGS = ("cases", "services", "experts")
