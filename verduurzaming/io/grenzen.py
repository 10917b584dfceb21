"""Size limits for input files, in one place (documented in README.md, "Broken and hostile files").

A file beyond a limit is refused with a Dutch :class:`~verduurzaming._fouten.InvoerFout` that
names the file (and row and column where known), before it can exhaust memory or disk.
The limits are far above what a real export holds; they exist to stop broken or hostile files.
"""

from __future__ import annotations

#: characters in one cell (CSV field or XLSX cell). Excel itself holds at most 32,767
#: characters in a cell, so no export can need more; a longer cell is an error, not truncated,
#: because it means a broken file (an unclosed quote, pasted binary data).
MAX_CEL_TEKENS = 32_767

#: characters in one CSV record (all its fields together)
MAX_RIJ_TEKENS = 1_000_000

#: columns in one row (Excel's own maximum is 16,384)
MAX_KOLOMMEN = 16_384

#: bytes of one input file: CSV/TXT, XLSX, GeoPackage/GeoJSON (the CBS postcode table of all of the Netherlands
#: is ~0.4 GB, the wijk- en buurtkaart ~0.5 GB); what is not a regular file is refused whatever its size
#: (``io/bestand.py``)
MAX_BESTAND_BYTES = 4 * 1024**3

#: bytes of a scenario file (TOML); the longest real ones, with an [[afspraken]] or [[vastgelegd]] entry per complex,
#: are well under 1 MB
MAX_SCENARIO_BYTES = 16 * 1024**2

#: uncompressed bytes of one part (sheet, shared strings) of an XLSX workbook
MAX_XLSX_DEEL_BYTES = 2 * 1024**3

#: an XLSX part larger than MAX_XLSX_BOM_VANAF_BYTES uncompressed that compresses more than
#: this factor is a zip bomb (real sheets compress 3-20 times; a single huge repeated string
#: a thousand times)
MAX_XLSX_COMPRESSIEFACTOR = 200
MAX_XLSX_BOM_VANAF_BYTES = 20 * 1024**2

#: cells of the block an XLSX sheet is read as: the rows from 1 to the last cell that holds something, times the
#: columns from the first to the last such cell (empty cells, also styled ones, and the declared ``<dimension>`` do
#: not count; see ``io/bladinhoud.py``). calamine reserves this block whole, 32 bytes a cell, and every row becomes a
#: Python list, so one stray value in XFD1048576 would ask for 549 GB. A block up to this size is always read (about
#: 64 MB in calamine, under a second; an export of 80,000 dwellings in 25 columns is this size) ...
MAX_XLSX_BLOK_CELLEN = 2_000_000
#: ... and a larger one only when it holds at least one cell with something in it for every this many cells: a real
#: export fills most of its table (even one with many optional columns), a stray value far from the table does not.
#: A sheet beyond both is refused naming the cell that lies apart, and the same limit holds for merged ranges.
MAX_XLSX_BLOK_FACTOR = 10

#: seconds a query of our own on an input GeoPackage (sqlite3, read-only) may take before it is stopped; listing the
#: layers of the CBS wijk- en buurtkaart of the whole country takes milliseconds
MAX_SQLITE_SECONDEN = 10

#: characters of a cell value repeated in a finding (bevindingen.csv, workbook); longer values are
#: cut and end in an ellipsis, so no input can make the findings grow without bound
MAX_WAARDE_TEKENS = 200
