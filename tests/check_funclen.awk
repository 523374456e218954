# tests/check_layers.sh: prints "file:line: name N lines" for every function
# body longer than max lines (awk -v max=N; from its opening brace to its
# closing one). Tracks brace depth
# outside comments, strings and character literals, so any brace style works;
# a top-level brace opens a function when the text before it (since the last
# top-level ';' or '}') has a '(' and no '=' and is not a struct/enum/union.
function flush_fn() {
	if (infn && endline - startline + 1 > max)
		printf "%s:%d: %s %d lines\n", FILENAME, startline, fname, endline - startline + 1
	infn = 0
}
FNR == 1 { depth = 0; incomment = 0; head = ""; infn = 0 }
{
	line = $0
	if (line ~ /^[ \t]*#/ && !incomment) next   # preprocessor lines
	n = length(line); i = 1; quote = ""
	while (i <= n) {
		c = substr(line, i, 1); c2 = substr(line, i, 2)
		if (incomment) {
			if (c2 == "*/") { incomment = 0; i += 2; continue }
			i++; continue
		}
		if (quote != "") {
			if (c == "\\") { i += 2; continue }
			if (c == quote) quote = ""
			i++; continue
		}
		if (c2 == "/*") { incomment = 1; i += 2; continue }
		if (c2 == "//") break
		if (c == "\"" || c == "'") { quote = c; i++; continue }
		if (c == "{") {
			if (depth == 0) {
				h = head
				if (h ~ /\(/ && h !~ /=/ && h !~ /(^|[^A-Za-z0-9_])(struct|enum|union)[ \t\n]/) {
					infn = 1; startline = FNR
					nm = h; sub(/\(.*/, "", nm); sub(/.*[^A-Za-z0-9_]/, "", nm); fname = nm
				}
			}
			depth++
		} else if (c == "}") {
			depth--
			if (depth == 0) { endline = FNR; flush_fn(); head = "" }
		} else if (depth == 0) {
			if (c == ";") head = ""
			else head = head c
		}
		i++
	}
	if (depth == 0) head = head " "
}
