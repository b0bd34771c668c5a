#!/usr/bin/python3
# xlsx_cells.py: reads an .xlsx with openpyxl (Debian's python3-openpyxl), as a spreadsheet
# program would, and prints its first sheet as JSON: name, rows (dates as YYYY-MM-DD, numbers
# as numbers), the frozen pane, the filter range and each cell's data type.
import datetime
import json
import sys

import openpyxl

wb = openpyxl.load_workbook(sys.argv[1])
ws = wb.worksheets[0]
rows, types = [], []
for row in ws.iter_rows():
    values, kinds = [], []
    for cell in row:
        v = cell.value
        if isinstance(v, datetime.datetime):
            v = v.date().isoformat()
        values.append(v)
        kinds.append(cell.data_type)
    rows.append(values)
    types.append(kinds)
print(json.dumps({"sheet": ws.title, "rows": rows, "types": types, "freeze": ws.freeze_panes,
                  "filter": ws.auto_filter.ref, "date_format": ws.cell(2, 2).number_format}))
