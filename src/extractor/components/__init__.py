"""The extraction stages, one spaCy component per module, in pipeline order.

`mentions` → `dates` → `entities` → `quotes` → `claims`. Each module has a
pure `find_*(doc)` that yields rows and a component class that stores them
(`extensions.py`). The rule helpers they share live in `rules/`; the
factories that build them are registered in `extractor.registrations`.
"""
