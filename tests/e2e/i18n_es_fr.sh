#!/bin/sh
# Spanish and French (issue 21): the command line, a usage error and
# --check's messages in each language under LANGUAGE=es / fr, the
# FILE:LINE:COL: prefix kept; and under LANG=es_ES.UTF-8 / fr_FR.UTF-8
# where that locale is not generated. (Completeness of po/es.po and
# po/fr.po is checked for every language in po/LINGUAS by i18n.sh.)
UNKNOT=${UNKNOT:-./unknot}
here=$(cd "$(dirname "$0")/../.." && pwd)
. "$here/tests/checks.sh"
command -v msgfmt >/dev/null 2>&1 || { echo "msgfmt (gettext) is needed"; exit 77; }
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
unset LANGUAGE LC_ALL LC_MESSAGES LANG
printf '{"title": "x"} junk' >"$T/bad.json"

out=$(LANGUAGE=es "$UNKNOT" --help)
check "LANGUAGE=es: --help is Spanish" 'echo "$out" | grep -q "^Uso: unknot \[OPCIÓN\]... \[RUTINA\]"'
check "LANGUAGE=es: the options keep their names" 'echo "$out" | grep -q "^  --screenshot CARPETA "'
out=$(LANGUAGE=es "$UNKNOT" --bogus 2>&1)
check "LANGUAGE=es: a usage error is Spanish" 'echo "$out" | grep -q "opción desconocida '\''--bogus'\''"'
out=$(LANGUAGE=es "$UNKNOT" --check "$T/bad.json" 2>&1)
check "--check in Spanish keeps FILE:LINE:COL:" \
	'echo "$out" | grep -q "^$T/bad.json:1:16: JSON no válido: texto inesperado después del final del valor JSON$"'
out=$(LANG=es_ES.UTF-8 "$UNKNOT" --help 2>&1)
check "LANG=es_ES.UTF-8 (generated or not): Spanish" 'echo "$out" | grep -q "^Uso: unknot"'

out=$(LANGUAGE=fr "$UNKNOT" --help)
check "LANGUAGE=fr: --help is French" 'echo "$out" | grep -q "^Utilisation : unknot \[OPTION\]... \[ROUTINE\]"'
out=$(LANGUAGE=fr "$UNKNOT" --bogus 2>&1)
check "LANGUAGE=fr: a usage error is French" 'echo "$out" | grep -q "option inconnue « --bogus »"'
out=$(LANGUAGE=fr "$UNKNOT" --check "$T/bad.json" 2>&1)
check "--check in French keeps FILE:LINE:COL:" \
	'echo "$out" | grep -q "^$T/bad.json:1:16: JSON non valide : texte inattendu après la fin de la valeur JSON$"'
out=$(LANG=fr_FR.UTF-8 "$UNKNOT" --help 2>&1)
check "LANG=fr_FR.UTF-8 (generated or not): French" 'echo "$out" | grep -q "^Utilisation : unknot"'
exit $fail
