"""What one file may make the loader do; past any limit it raises ``LimitError`` naming the limit.

Sized for real plans with a wide margin (the largest national plans are a few
hundred thousand characters and a few thousand paragraphs) while keeping the
memory of loading any upload-size file (ui/session.py: 20 MB) well under
500 MB.  DOCX is read as a stream (lxml iterparse, elements dropped once read),
so its memory is bounded by these sizes rather than by the XML tree.
"""
from __future__ import annotations

MAX_FILE_BYTES = 64 * 1024 * 1024          # any input file
MAX_TEXT_CHARS = 3_000_000                 # decoded / extracted text of one document
MAX_LINE_CHARS = 100_000                   # one physical line (or one DOCX paragraph)
MAX_LINES = 300_000                        # physical lines (DOCX paragraphs and table rows)
MAX_CLAUSES = 20_000                       # clauses (and paragraphs) of one document
MAX_PDF_PAGES = 3_000
MAX_DOCX_XML_BYTES = 64 * 1024 * 1024      # word/document.xml, unpacked
MAX_DOCX_ELEMENTS = 3_000_000              # XML elements in word/document.xml
MAX_DOCX_BLOCK_ELEMENTS = 250_000          # elements of one top-level paragraph or table (held in memory)
MAX_ZIP_ENTRIES = 10_000                   # entries in a .docx package
