"""``make accuracy``: the extraction accuracy tables of ``scoring.py`` (bundled corpus per kind, its scanned
copies read by OCR, variant documents, real documents of no known kind)."""

from scoring import measure, measure_realworld, measure_scanned, measure_variants, realworld_table, table

if __name__ == "__main__":
    print(table(measure()))
    print()
    print("Scanned copies, read by OCR:")
    print(table(measure_scanned()))
    print()
    print(table(measure_variants(), "variant document"))
    print()
    print("Real documents of no known kind (tp, fp, fn):")
    print(realworld_table(measure_realworld()))
