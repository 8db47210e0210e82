"""Reading documents: files and folders in, `SourceDocument`s and `ErrorRow`s out.

This layer is pure and model-free. `readers.py` walks inputs and knows the
formats, `decoding.py` turns bytes into text (encodings, binary files),
`jsonl.py` parses JSONL lines, `furniture.py` finds page furniture and titles,
`chunks.py` splits texts longer than spaCy's `nlp.max_length` and finds
runs of characters too long for its tokenizer.
"""
