#!/bin/sh
# routines/schema.json and the validator agree: every bundled routine and every
# tests/data/routines/good file matches the schema (and passes --check); every
# tests/data/routines/bad file is rejected by --check, and by the schema too
# unless it is listed below as something only the validator can see.
command -v python3 >/dev/null 2>&1 || { echo "python3 is missing"; exit 77; }
python3 -c 'import jsonschema' 2>/dev/null || { echo "python3-jsonschema is missing"; exit 77; }
[ -n "$UNKNOT" ] && [ -x "$UNKNOT" ] || { echo "UNKNOT is not set to the built binary"; exit 77; }

# Bad files the schema cannot reject, and why:
#   duplicate_key        JSON parsers keep one of the two values before a schema sees them
#   min_s_ge_cap         min_s < duration_s compares two fields; draft 2020-12 has no $data
#   nesting_5            repeats nest through the recursive "steps" reference; depth has no keyword
#   over_4_hours         the timeline total is a sum over the expanded repeats
#   title_too_long_utf8  unknot's limits are in UTF-8 bytes, maxLength counts characters
#   sides_in_side_block  "no sides inside a repeat with sides" depends on the enclosing step
#   i18n_missing_field   "text@de needs text" would need one dependentRequired per language tag
# Files that are not JSON at all (syntax errors, invalid UTF-8, a BOM) are
# rejected by python's json module before the schema; that counts as rejected.
VALIDATOR_ONLY="duplicate_key min_s_ge_cap nesting_5 over_4_hours title_too_long_utf8 sides_in_side_block i18n_missing_field"

tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT

cat > "$tmp/schema_check.py" <<'PY'
import json, sys
import jsonschema
schema = json.load(open(sys.argv[1], encoding="utf-8"))
jsonschema.Draft202012Validator.check_schema(schema)
v = jsonschema.Draft202012Validator(schema)
for f in sys.argv[2:]:
    try:
        with open(f, encoding="utf-8") as fh:
            doc = json.load(fh)
    except Exception:
        print(f + " notjson")
        continue
    errs = sorted(v.iter_errors(doc), key=lambda e: list(e.path))
    print(f + (" valid" if not errs else " invalid"))
PY

schema=routines/schema.json
if python3 -c 'import json,sys,jsonschema; jsonschema.Draft202012Validator.check_schema(json.load(open(sys.argv[1])))' "$schema" 2>"$tmp/err"; then
	echo "ok schema is a valid draft 2020-12 schema"
else
	echo "not ok schema is a valid draft 2020-12 schema"; cat "$tmp/err"
fi

goods=$(ls tests/data/routines/good/*.json; ls routines/*.json 2>/dev/null | grep -v '/schema\.json$')
# shellcheck disable=SC2086
python3 "$tmp/schema_check.py" "$schema" $goods > "$tmp/good" || echo "not ok schema check ran on good files"
for f in $goods; do
	if grep -qx "$f valid" "$tmp/good"; then echo "ok schema accepts $f"; else echo "not ok schema accepts $f"; fi
	if "$UNKNOT" --check "$f" >/dev/null 2>"$tmp/err"; then echo "ok --check accepts $f"
	else echo "not ok --check accepts $f"; cat "$tmp/err"; fi
done

bads=$(ls tests/data/routines/bad/*.json)
# shellcheck disable=SC2086
python3 "$tmp/schema_check.py" "$schema" $bads > "$tmp/bad" || echo "not ok schema check ran on bad files"
for f in $bads; do
	name=$(basename "$f" .json)
	"$UNKNOT" --check "$f" >/dev/null 2>&1
	rc=$?
	if [ "$rc" = 1 ]; then echo "ok --check rejects $f"; else echo "not ok --check rejects $f (exit $rc)"; fi
	verdict=$(sed -n "s|^$f ||p" "$tmp/bad")
	case " $VALIDATOR_ONLY " in
	*" $name "*)
		# Listed as validator-only: the schema must indeed accept it, or the list is stale.
		if [ "$verdict" = valid ]; then echo "ok only the validator rejects $f"
		else echo "not ok $f is listed as validator-only but the schema says $verdict"; fi ;;
	*)
		if [ "$verdict" = invalid ] || [ "$verdict" = notjson ]; then echo "ok schema rejects $f ($verdict)"
		else echo "not ok schema rejects $f (it says $verdict)"; fi ;;
	esac
done
