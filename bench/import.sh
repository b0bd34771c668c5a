#!/usr/bin/env bash
# import.sh: rows per second of `klachtdesk import` into an empty database, audit events and
# report counts included. Makes a CSV of ROWS historic complaints as a Dutch spreadsheet would
# hold them (semicolons, DD-MM-YYYY, a description of a sentence or two), then imports it.
# Usage: bench/import.sh BINARY ROWS DATABASE-URL   (sqlite:/tmp/x.db or postgresql://...)
set -euo pipefail
bin=$1
rows=$2
url=$3
src=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 - "$rows" > "$work/klachten.csv" <<'PY'
import random, sys, datetime
rows = int(sys.argv[1])
rng = random.Random(20261125)
channels = ["Telefoon", "E-mail", "Brief", "Website", "Balie"]
categories = ["dienstverlening", "functioneren medewerker", "gedrag medewerker",
              "bejegening", "interne organisatie", "overig"]
texts = ["De loonstrook van week {} klopt niet: de overuren ontbreken.",
         "Na {} dagen nog steeds niet teruggebeld over de vacature.",
         "De factuur bevat {} uren die niet gewerkt zijn; graag een creditnota.",
         "Onheus bejegend aan de telefoon, gesprek van {} minuten."]
start = datetime.date(2016, 1, 1).toordinal()
out = sys.stdout
out.write("Nummer;Datum ontvangst;Kanaal;Categorie;Omschrijving\n")
for i in range(rows):
    d = datetime.date.fromordinal(start + rng.randrange(3650))
    out.write(f"K{i + 1};{d:%d-%m-%Y};{rng.choice(channels)};{rng.choice(categories)};"
              f"\"{rng.choice(texts).format(rng.randrange(1, 60))}\"\n")
PY
cat > "$work/mapping.toml" <<'TOML'
separator = ";"
source_id = "Nummer"
text = ["Omschrijving"]
[received]
column = "Datum ontvangst"
formats = ["DD-MM-YYYY"]
[channel]
column = "Kanaal"
values = { Telefoon = "phone", "E-mail" = "email", Brief = "letter", Website = "web_form", Balie = "in_person" }
others = "error"
[category]
column = "Categorie"
TOML
export KLACHTDESK_DATABASE=$url KLACHTDESK_PROCEDURES=$src/procedures
"$bin" migrate >/dev/null
"$bin" seed-demo --complaints 0 >/dev/null 2>&1
size=$(du -h "$work/klachten.csv" | cut -f1)
start=$(date +%s.%N)
"$bin" import --organisation xs2more --mapping "$work/mapping.toml" "$work/klachten.csv" \
  2>/dev/null
end=$(date +%s.%N)
python3 -c "s = $end - $start; print(f'$rows rows ($size) in {s:.2f} s: {$rows / s:,.0f} rows/s')"
"$bin" audit verify --organisation xs2more 2>/dev/null
