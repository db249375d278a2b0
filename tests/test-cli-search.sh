#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# handbook-cli search as a user runs it. TAP.
set -u

cli=$1
# shellcheck source=tap.sh
source "$(dirname "${BASH_SOURCE[0]}")/tap.sh" cli-search-test
db=$tmp/test.db

mkdir -p "$tmp/content"
cp -r "$HANDBOOK_CONTENT_DIR/." "$tmp/content/"
"$cli" --db "$db" import "$tmp/content" >/dev/null 2>&1

check "search prints ranked results with sections" 0 '^1\. .*' -- "$cli" --db "$db" search refund
check "search --limit" 0 '^2\. ' -- "$cli" --db "$db" search refund --limit 2
check "search --limit keeps to it" 1 '' -- sh -c "\"$cli\" --db \"$db\" search refund --limit 2 | grep -E '^3\\. '"
check "search --limit says there are more" 0 'show more with --limit' -- "$cli" --db "$db" search refund --limit 2
check "json says there are more" 0 '"has_more" : true' -- "$cli" --db "$db" search --json refund --limit 2
check "json says when there are no more" 0 '"has_more" : false' -- "$cli" --db "$db" search --json refund --limit 200
check "search --json has the fields" 0 '"section_id" : ' -- "$cli" --db "$db" search --json 七日无理由退货
check "search --json marks matches" 0 '<b>七日无理由退货</b>' -- "$cli" --db "$db" search --json 七日无理由退货
check "search --json lists suggestions" 0 '"suggestions" : \[' -- "$cli" --db "$db" search --json refund
check "a typo is corrected, and it says so" 0 'Showing results for “refund”' -- "$cli" --db "$db" search refnud
check "json says what was corrected" 0 '"corrected_query" : "refund"' -- "$cli" --db "$db" search --json refnud
check "--no-correction searches as typed, and suggests" 0 'Did you mean “refund' -- "$cli" --db "$db" search --no-correction refnud
check "json explains each match" 0 '"how" : "synonym"' -- "$cli" --db "$db" search --json knockoff
check "json names the fields" 0 '"fields" : \[' -- "$cli" --db "$db" search --json refund
check "a question finds the answer" 0 '^1\. Refund-only' -- "$cli" --db "$db" search "the buyer keeps the goods and wants money back"
check "a Chinese sentence" 0 'Counterfeit accusations' -- "$cli" --db "$db" search 买家说是假货
check "-word after the query is not an option" 0 '^1\. ' -- "$cli" --db "$db" search refund -tmall
check "hostile query is a query" 0 '' -- "$cli" --db "$db" search '"unbalanced NEAR( * ^ : ) OR DROP TABLE articles; --'
check "scopes" 0 'regulation' -- "$cli" --db "$db" search kind:regulation
check "filters as options" 0 '· faq ·' -- "$cli" --db "$db" search refund --kind faq
check "no query is a usage error" 2 'no query' -- "$cli" --db "$db" search
check "bad limit is a usage error" 2 'limit' -- "$cli" --db "$db" search refund --limit 0
echo "1..$n"
exit $((failed > 0))
