#!/usr/bin/env bash
# cli_test.sh: the command line as a quality manager uses it: checking procedure files,
# listing the calendar and deadlines, and a server that refuses a broken procedure.
# Usage: cli_test.sh KLACHTDESK-BINARY SOURCE-DIR
set -uo pipefail
BIN=$1
SRC=$2
fails=0
check() {  # NAME EXPECTED-SUBSTRING OUTPUT
  if [[ "$3" == *"$2"* ]]; then echo "ok   $1"; else echo "FAIL $1: expected '$2' in:"; echo "$3"; fails=$((fails + 1)); fi
}
expect_status() {  # NAME EXPECTED ACTUAL
  if [ "$2" -eq "$3" ]; then echo "ok   $1 (exit $3)"; else echo "FAIL $1: exit $3, expected $2"; fails=$((fails + 1)); fi
}

for f in "$SRC"/procedures/*.toml; do
  out=$("$BIN" check-procedure "$f" 2>&1); expect_status "check-procedure $(basename "$f")" 0 $?
  check "check-procedure $(basename "$f") says ok" ": ok: " "$out"
done

broken="$SRC/tests/fixtures/broken-procedures/009-broken.toml"
out=$("$BIN" check-procedure "$broken" 2>&1); expect_status "broken file is refused" 1 $?
check "error names file and line of the channel" "009-broken.toml:11: unknown channel 'fax'" "$out"
check "error names file and line of the term" "009-broken.toml:15: term of step 'resolve'" "$out"

out=$("$BIN" calendar 2026 2>&1); expect_status "calendar 2026" 0 $?
check "calendar lists King's Day" "2026-04-27  Koningsdag (King's Day)" "$out"
check "calendar lists Boxing Day" "2026-12-26  Tweede Kerstdag (Boxing Day)" "$out"
out=$("$BIN" calendar 2101 2>&1); expect_status "calendar outside 1990-2100 refused" 1 $?

out=$("$BIN" deadlines --procedure "$SRC/procedures/001-exactpi.toml" --received 2026-12-24T17:30 2>&1)
expect_status "deadlines 001" 0 $?
check "first contact over Christmas" "first_contact       2026-12-29T23:59:59+01:00  (2 working days after assignment, taken here as at the moment of receipt)" "$out"
check "agreed resolve term" "resolve             agreed per case" "$out"
out=$("$BIN" deadlines --procedure "$SRC/procedures/004-xs2more.toml" --received 2026-11-20T10:00 2>&1)
check "xs2more six weeks" "resolve             2027-01-01T23:59:59+01:00  (6 weeks after receipt)" "$out"
out=$("$BIN" deadlines --procedure "$SRC/procedures/004-xs2more.toml" --received 20-11-2026 2>&1)
expect_status "unreadable receipt moment refused" 1 $?

tmp=$(mktemp -d)
out=$("$BIN" --database "sqlite:$tmp/k.db" --procedures "$SRC/tests/fixtures/broken-procedures" serve --port 1 2>&1)
expect_status "serve refuses a broken procedure" 2 $?
check "serve says why" "problem(s) in the procedure files; nothing was started" "$out"
test ! -e "$tmp/k.db" && echo "ok   no database was touched" || { echo "FAIL database created"; fails=$((fails + 1)); }

out=$("$BIN" --database "mysql://x" migrate 2>&1); expect_status "unknown database scheme refused" 1 $?
check "says which schemes" "must start with sqlite: or postgresql://" "$out"
out=$("$BIN" --database "sqlite:$tmp/m.db" migrate 2>&1); expect_status "migrate" 0 $?
check "migrate reports version" "schema at version " "$out"
out=$("$BIN" --database "sqlite:$tmp/m.db" migrate 2>&1)
check "migrate twice is a no-op" "(0 migration(s) applied)" "$out"
out=$("$BIN" --database "sqlite:$tmp/m.db" --procedures "$SRC/procedures" seed-demo 2>&1); expect_status "seed-demo" 0 $?
check "seed-demo adds a handful" "demo complaints added: 40" "$out"
out=$("$BIN" --database "sqlite:$tmp/m.db" --procedures "$SRC/procedures" seed-demo 2>&1)
check "seed-demo twice adds nothing" "demo complaints added: 0" "$out"
db=(--database "sqlite:$tmp/m.db" --procedures "$SRC/procedures")
out=$(echo "kort" | "$BIN" "${db[@]}" user add --organisation xs2more --email nieuw@xs2more.example --name "Nieuwe Beheerder" --roles admin 2>&1)
expect_status "user add refuses a short password" 1 $?
check "says why" "minstens 10 tekens" "$out"
out=$(echo "een-lang-wachtwoord" | "$BIN" "${db[@]}" user add --organisation xs2more --email nieuw@xs2more.example --name "Nieuwe Beheerder" --roles admin,boss 2>&1)
expect_status "user add refuses an unknown role" 1 $?
out=$(echo "een-lang-wachtwoord" | "$BIN" "${db[@]}" user add --organisation xs2more --email nieuw@xs2more.example --name "Nieuwe Beheerder" --roles admin 2>&1)
expect_status "user add" 0 $?
check "user add confirms" "nieuw@xs2more.example (admin) at Xs2more" "$out"
out=$(echo "een-lang-wachtwoord" | "$BIN" "${db[@]}" user add --organisation jexo --email nieuw@xs2more.example --name "X" --roles admin 2>&1)
expect_status "user add refuses a taken e-mail address" 1 $?
out=$(echo "nog-een-lang-wachtwoord" | "$BIN" "${db[@]}" user reset-password --email nieuw@xs2more.example 2>&1)
expect_status "reset-password" 0 $?
out=$(echo "nog-een-lang-wachtwoord" | "$BIN" "${db[@]}" user reset-password --email niemand@xs2more.example 2>&1)
expect_status "reset-password of an unknown account" 1 $?
if command -v sqlite3 >/dev/null; then
  stored=$(sqlite3 "$tmp/m.db" "SELECT password_hash FROM staff WHERE email = 'nieuw@xs2more.example'")
  check "stored as argon2id" '$argon2id$' "$stored"
  [[ "$stored" != *"nog-een-lang-wachtwoord"* ]] && echo "ok   no plain password stored" || { echo "FAIL plain password stored"; fails=$((fails + 1)); }
  # A demo database from before logging in existed: its demo accounts have no password.
  sqlite3 "$tmp/m.db" "UPDATE staff SET password_hash = NULL WHERE email IN ('peter@jexo.example', 'auditor@exactpi.example')"
  out=$("$BIN" "${db[@]}" seed-demo 2>&1); expect_status "seed-demo on an old demo database" 0 $?
  check "old demo accounts get the demo password" "demo accounts without a password given the demo password: 2" "$out"
  n=$(sqlite3 "$tmp/m.db" "SELECT COUNT(*) FROM staff WHERE email IN ('peter@jexo.example', 'auditor@exactpi.example') AND password_hash LIKE '\$argon2id\$%'")
  check "stored as argon2id again" "2" "$n"
  # Never into an organisation with real staff.
  echo "een-lang-wachtwoord" | "$BIN" "${db[@]}" user add --organisation jexo --email echt@jexo.nl --name "Echte Medewerker" --roles coordinator >/dev/null 2>&1
  sqlite3 "$tmp/m.db" "UPDATE staff SET password_hash = NULL WHERE email = 'peter@jexo.example'"
  out=$("$BIN" "${db[@]}" seed-demo 2>&1)
  check "an organisation with real staff is left alone" "demo staff added: 0" "$out"
  [[ "$out" != *"given the demo password"* ]] && echo "ok   no demo password given beside real staff" || { echo "FAIL demo password given beside real staff: $out"; fails=$((fails + 1)); }
fi
out=$("$BIN" --database "sqlite:$tmp/m.db" --procedures "$SRC/procedures" purge 2>&1); expect_status "purge needs --dry-run or --apply" 1 $?
out=$("$BIN" --database "sqlite:$tmp/m.db" --procedures "$SRC/procedures" purge --dry-run 2>&1); expect_status "purge --dry-run" 0 $?
check "recent demo cases are kept" "would anonymise: 0 case(s)" "$out"
out=$("$BIN" --database "sqlite:$tmp/m.db" --procedures "$SRC/procedures" audit verify 2>&1); expect_status "audit verify" 0 $?
check "audit chain of the demo is intact" "004 xs2more: " "$out"
check "audit chain says intact" "chain intact" "$out"

# A procedure version, once in use, keeps its text: deadlines were computed from it.
cp -r "$SRC/procedures" "$tmp/procs"
pdb=(--database "sqlite:$tmp/m.db" --procedures "$tmp/procs")
sed -i 's/^analysis = "yearly"/analysis = "quarterly"/' "$tmp/procs/004-xs2more.toml"
out=$("$BIN" "${pdb[@]}" audit verify 2>&1); expect_status "a changed text under the same version is refused" 2 $?
check "says to raise the version" "004-xs2more.toml: procedure 004 version 3 is already in use with a different text" "$out"
sed -i 's/^version = 3$/version = 4/' "$tmp/procs/004-xs2more.toml"
out=$("$BIN" "${pdb[@]}" audit verify 2>&1); expect_status "a raised version is put in force" 0 $?
check "chain intact after the procedure change" "004 xs2more: " "$out"
if command -v sqlite3 >/dev/null; then
  ev=$(sqlite3 "$tmp/m.db" "SELECT action || ' ' || subject || ' ' || subject_id || ' ' || source FROM audit_events WHERE subject = 'procedure' AND organisation_id = (SELECT id FROM organisations WHERE code = '004') ORDER BY seq")
  check "adoption is an audit event" "procedure-adopt procedure 3 $SRC/procedures/004-xs2more.toml" "$ev"
  check "the change is an audit event from the file" "procedure-change procedure 4 $tmp/procs/004-xs2more.toml" "$ev"
  ch=$(sqlite3 "$tmp/m.db" "SELECT changes FROM audit_events WHERE action = 'procedure-change'")
  check "the change holds version before and after" '"version":[3,4]' "$ch"
  check "the change holds the new text" 'analysis = \"quarterly\"' "$ch"
fi

# klachtdesk import (docs/import.md): a progress bar, every bad row named, nothing stored
# while one is bad, and the audit chain intact after the good import.
data="$SRC/../shared/data"
idb=(--database "sqlite:$tmp/i.db" --procedures "$SRC/procedures")
fcc_one="$tmp/fcc-one.toml"
sed 's/formats = \["DD-MM-YY", "YYYY-DD-MM"\]/formats = ["DD-MM-YY"]/' "$SRC/docs/import/fcc.toml" > "$fcc_one"
out=$("$BIN" "${idb[@]}" import --organisation quoratio --mapping "$fcc_one" "$data/fcc_comcast_complaints_2015.csv" 2>&1)
expect_status "import with a bad row stores nothing" 1 $?
check "the bad row is named by row and column" 'row 3, column "Date": "2015-04-08" is not a date written as DD-MM-YY' "$out"
check "and the rest counted" "... and 509 more bad row(s)" "$out"
check "nothing was imported" "609 of 2224 row(s) are bad; nothing was imported" "$out"
check "a progress bar" "import: [#########################] 100 %, 2224 rows" "$out"
out=$("$BIN" "${idb[@]}" import --organisation quoratio --mapping "$fcc_one" --skip-bad-rows "$data/fcc_comcast_complaints_2015.csv" 2>/dev/null)
expect_status "import --skip-bad-rows" 0 $?
check "stores the good rows" "imported: 1615 complaint(s) into quoratio, 003-00001 to 003-01615; left out: 609 bad row(s)" "$out"
out=$("$BIN" "${idb[@]}" import --organisation exactpi --mapping "$SRC/docs/import/cfpb.toml" "$data/cfpb_complaints_sample.csv" 2>/dev/null)
expect_status "import the CFPB sample" 0 $?
check "all of it" "imported: 6623 complaint(s) into exactpi, 001-00001 to 001-06623" "$out"
out=$("$BIN" "${idb[@]}" audit verify 2>&1); expect_status "audit chain after the imports" 0 $?
check "one import event per complaint" "001 exactpi: 6624 events, chain intact" "$out"
printf 'text = ["Issue"]\n[received]\ncolumn = "Date received"\nformats = ["JJJJ"]\n' > "$tmp/bad.toml"
out=$("$BIN" "${idb[@]}" import --organisation exactpi --mapping "$tmp/bad.toml" "$data/cfpb_complaints_sample.csv" 2>&1)
expect_status "a broken mapping is refused" 2 $?
check "with its line" "bad.toml:4: 'JJJJ' is no date pattern" "$out"
check "and the missing channel" "missing [channel]" "$out"
out=$("$BIN" "${idb[@]}" import --organisation nergens --mapping "$SRC/docs/import/cfpb.toml" "$data/cfpb_complaints_sample.csv" 2>&1)
expect_status "an unknown organisation is refused" 2 $?
rm -rf "$tmp"

[ "$fails" -eq 0 ] || { echo "$fails failure(s)"; exit 1; }
