"""The one Danish language layer under every parser: what Danish administrative text says, defined once.

Like spaCy's ``lang/da``: the pipeline (tokenizer exceptions for abbreviations, sentences), years and
periods, money, offices and their roles, target groups, and the gazetteers and patterns they read
(``data/``). Parsers decide where a record sits in a document's layout; this layer decides what the words
mean.
"""
