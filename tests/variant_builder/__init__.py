"""Themes notes and action plans laid out unlike the bundled PDFs, for measuring the parsers of those kinds
on layouts they were not written against (issue 15, "The known kinds in other layouts").

Each variant is a content file (``content/<stem>.txt``, the writer's markup) and a template
(``writer.Layout``). The PDFs are committed under ``tests/data/variants/`` so that their hand-written gold
(``tests/gold/variants/<stem>.json``) describes a fixed document; ``tests/test_variants.py`` checks that
``build`` still writes them byte for byte, so the content files stay the source. Rebuild with
``python tests/variant_builder/build.py``.
"""
