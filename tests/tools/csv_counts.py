#!/usr/bin/env python3
"""csv_counts.py: counts of a CSV file per month and per category, taken with Python's csv and
datetime, independently of klachtdesk, to check what `klachtdesk import` stored.
Usage: csv_counts.py FILE DATE-COLUMN STRPTIME-FORMAT [CATEGORY-COLUMN]
Prints JSON: {"rows": n, "months": {"2015-04": n, ...}, "categories": {"...": n, ...}}."""
import collections
import csv
import datetime
import json
import sys

path, date_column, date_format = sys.argv[1:4]
category_column = sys.argv[4] if len(sys.argv) > 4 else None
months, categories, rows = collections.Counter(), collections.Counter(), 0
with open(path, newline="", encoding="utf-8-sig") as f:
    for row in csv.DictReader(f):
        rows += 1
        day = datetime.datetime.strptime(row[date_column].strip(), date_format).date()
        months[day.strftime("%Y-%m")] += 1
        if category_column:
            categories[row[category_column].strip()] += 1
print(json.dumps({"rows": rows, "months": months, "categories": categories}))
