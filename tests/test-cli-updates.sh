#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Regulation updates with handbook-cli as an editor and as staff: preview,
# publish, history, diff, What's new, acknowledgements and their exports,
# the audit log checked by a third party's script, and tampered with by
# sqlite3 in each of three ways. Every bad bundle is refused and changes
# nothing. TAP.
#
#   test-cli-updates.sh CLI
set -u

cli=$1
# shellcheck source=tap.sh
source "$(dirname "${BASH_SOURCE[0]}")/tap.sh" cli-updates-test
cd "$tmp" || exit 1
src=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
db=$tmp/handbook.db
h() { "$cli" --db "$db" "$@"; }
# The third party's check needs python3, the tampering sqlite3 (Debian
# package sqlite3); without them those checks are skipped.
have_python=$(command -v python3 || true)
have_sqlite3=$(command -v sqlite3 || true)

cp "$src/tests/data/keys/test-editor.key" "$src/tests/data/keys/test-editor.pub" .
cp -r "$src/data/bundles/2026-12-platform-rules" bundle
h import "$HANDBOOK_CONTENT_DIR" >/dev/null
h profile add "Mei Chen" --role editor --employee-id E-001 >/dev/null
h profile add "Li Wei" --employee-id S-014 >/dev/null

# What must not change when a bundle is refused.
state() { h list; h audit list | cut -f1-5; h acks --format csv; }
before=$(state)
unchanged() {
  if [[ $(state) == "$before" ]]; then ok "$1: nothing changed"; else not_ok "$1: nothing changed" "$(diff <(echo "$before") <(state))"; fi
}

check "preview of an unsigned bundle" 1 'is not signed.*' -- h preview bundle
check "it says how to let it through" 1 'allow-unsigned \(the audit log records that\)' -- h preview bundle
check "preview --allow-unsigned lists the changes" 0 '1 new, 2 updated, 0 unchanged\. Nothing was written' -- \
  h preview bundle --allow-unsigned
unchanged "preview"

check "sign the sample bundle with the test key" 0 'with key EABACD6B70CE3C76' -- "$cli" sign bundle --key test-editor.key
check "no key is trusted yet" 1 'no public key is trusted' -- h preview bundle
check "a key for this preview only" 0 'Signed by key EABACD6B70CE3C76' -- h preview bundle --trusted-key test-editor.pub
check "staff cannot trust a key" 1 'Li Wei is not an editor' -- h key add test-editor.pub --profile S-014
check "a secret key is not a public key" 1 'not a minisign public key' -- h key add test-editor.key --profile E-001
unchanged "refused keys"
check "an editor trusts the test key" 0 'key EABACD6B70CE3C76 are trusted' -- \
  h key add test-editor.pub --profile E-001 --name "Compliance team (test)"
check "key list" 0 $'^EABACD6B70CE3C76\tCompliance team \\(test\\)' -- h key list
before=$(state)

check "preview lists each article" 0 'updated +tmall-not-as-described v1 → v2 +\+[0-9]+ −[0-9]+ words +effective 2026-12-01 +acknowledge by 2026-12-15' -- \
  h preview bundle
check "preview names the new article" 0 'new +tmall-description-evidence v1' -- h preview bundle
check "preview --diff shows the redline" 0 '\{\+From 1 December 2026' -- h preview bundle --diff
unchanged "a signed preview"

check "staff cannot publish" 1 'Li Wei is not an editor: only editors can publish' -- h publish bundle --profile S-014
check "publish" 0 'Published platform-rules-2026-12: 1 new, 2 updated, 0 unchanged' -- h publish bundle --profile E-001
check "the amended article is at version 2" 0 $'^tmall-not-as-described\tguide\tv2\t' -- h list
check "history names the bundle and the editor" 0 $'^v2\\*\t.*\tplatform-rules-2026-12 \\(Mei Chen, key EABACD6B70CE3C76\\)\t' -- \
  h history tmall-not-as-described
check "diff: the redline as text" 0 'version 1 → version 2: [0-9]+ sections changed' -- h diff tmall-not-as-described 1 2
check "diff marks the inserted rule" 0 '\{\+From 1 December 2026' -- h diff tmall-not-as-described 1 2 --changes-only
check "diff --html: the redline page" 0 '<div class="hb-redline">' -- h diff tmall-not-as-described 1 2 --html
check "diff --html has no script" 0 '' -- sh -c "! '$cli' --db '$db' diff tmall-not-as-described 1 2 --html | grep -q '<script'"
check "diff of a version that does not exist" 1 'has no version 7' -- h diff tmall-not-as-described 1 7
check "diff needs two versions" 2 'give the article and two versions' -- h diff tmall-not-as-described 1

# Replays.
check "the same bundle again" 1 'was published already' -- h publish bundle --profile E-001
cp -r bundle older && rm older/SHA256SUMS older/SHA256SUMS.minisig
sed -i 's/^bundle: .*/bundle: platform-rules-2026-11/; s/^date: .*/date: 2026-11-01/' older/manifest.yaml
"$cli" sign older --key test-editor.key >/dev/null
before=$(state)
check "an older bundle" 1 'dated 2026-11-01, before .platform-rules-2026-12. of 2026-12-01' -- h publish older --profile E-001
unchanged "replays"

# Staff: What's new, the redline since what they read, acknowledging.
check "What's new for staff" 0 '^3 new since' -- h whats-new --profile S-014
check "it opens the redline from version 1" 0 $'New\ttmall-not-as-described\tv1 → v2\t2026-12-01\tunread, to acknowledge by 2026-12-15' -- \
  h whats-new --profile S-014
check "pending acknowledgements with their due date" 0 $'^pending\tdue 2026-12-15\tLi Wei\ttmall-not-as-described\tv2' -- \
  h acks --pending --profile S-014
check "acknowledge" 0 'Li Wei acknowledged tmall-not-as-described version 2' -- h ack tmall-not-as-described --profile S-014
check "acknowledging twice keeps the first" 0 'acknowledged tmall-not-as-described version 2 already' -- \
  h ack tmall-not-as-described --profile S-014
check "ack needs a profile" 2 'give --profile' -- h ack tmall-not-as-described
check "ack of an unknown article" 1 'No article with the id “nope”' -- h ack nope --profile S-014
check "acks: who acknowledged what" 0 $'^acknowledged\t.*\tLi Wei\ttmall-not-as-described\tv2' -- h acks
check "acks as CSV" 0 '^[0-9a-f-]{36},Li Wei,S-014,tmall-not-as-described,2,"Handling ""not as described"" claims on Tmall",acknowledged,' -- \
  h acks --format csv
check "acks as xAPI" 0 '"id" : "http://activitystrea.ms/schema/1.0/acknowledge"' -- h acks --format xapi
check "an unknown format" 2 'unknown format' -- h acks --format pdf
check "What's new after acknowledging" 0 $'tmall-not-as-described\tv1 → v2\t2026-12-01\tread, acknowledged' -- \
  h whats-new --profile S-014 --mark-seen
check "looked at: nothing new" 0 '^0 new since' -- h whats-new --profile S-014

# The audit log: listed, verified, exported and checked by a third party.
check "audit list has the publish" 0 $'\tpublish\tMei Chen\tplatform-rules-2026-12\t\\{.*"signer":"EABACD6B70CE3C76"' -- h audit list
check "audit list --profile" 0 $'\tacknowledge\tLi Wei\ttmall-not-as-described' -- h audit list --profile S-014
check "audit list --since a bad date" 2 'is not a date' -- h audit list --since yesterday
check "audit verify" 0 '^The audit log is intact: [0-9]+ rows' -- h audit verify
check "audit export" 0 'Wrote [0-9]+ rows to audit\.jsonl' -- h audit export --output audit.jsonl

# A third party's check of the export (README.md, "The audit log").
cat >verify.py <<'PY'
import hashlib, json, sys

prev = "0" * 64
for n, line in enumerate(open(sys.argv[1], encoding="utf-8"), 1):
    row = json.loads(line)
    body = {k: row[k] for k in ("at", "details", "event", "profile", "subject", "uuid")}
    canonical = json.dumps(body, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    if row["prev_hash"] != prev or hashlib.sha256((prev + canonical).encode()).hexdigest() != row["hash"]:
        sys.exit(f"row {row['seq']} does not verify")
    prev = row["hash"]
print(f"{n} rows verified; last hash {prev}")
PY
if [[ -n $have_python ]]; then
check "python re-verifies the export" 0 '^[0-9]+ rows verified; last hash [0-9a-f]{64}$' -- python3 verify.py audit.jsonl
head=$(h audit verify | sed -n 's/^Last hash: //p')
check "and finds the same last hash" 0 "last hash $head" -- python3 verify.py audit.jsonl
fi

# Tampering with sqlite3, around the triggers.
# On a copy (handbook-cli leaves no WAL behind when it exits).
tamper() {
  rm -f t.db t.db-wal t.db-shm
  cp "$db" t.db
  sqlite3 t.db "$1"
}
if [[ -n $have_sqlite3 ]]; then
check "the database refuses an update" 19 'append-only' -- sqlite3 "$db" "UPDATE audit_log SET event = 'x' WHERE seq = 1"
check "the database refuses a delete" 19 'append-only' -- sqlite3 "$db" "DELETE FROM audit_log WHERE seq = 1"
check "the database refuses to change an acknowledgement" 19 'append-only' -- sqlite3 "$db" "DELETE FROM acknowledgements"
n_rows=$(h audit list | wc -l)
tamper "DROP TRIGGER audit_log_no_update; UPDATE audit_log SET details = replace (details, '\"version\":2', '\"version\":1') WHERE event = 'acknowledge'"
check "a changed row is named" 1 "row $n_rows \(.*, acknowledge\) was changed" -- "$cli" --db t.db audit verify
tamper "DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE seq = 2"
check "a removed row is named" 1 'row 2 was removed' -- "$cli" --db t.db audit verify
tamper "DROP TRIGGER audit_log_no_update; UPDATE audit_log SET seq = -seq WHERE seq >= 3; UPDATE audit_log SET seq = 1 - seq WHERE seq < 0;
        INSERT INTO audit_log SELECT 3, 'forged-row', at, 'acknowledge', profile_uuid, 'reg-pipl', '{}', hash, 'forged' FROM audit_log WHERE seq = 2"
check "an inserted row is named" 1 'row 3 \(.*, acknowledge\) was inserted' -- "$cli" --db t.db audit verify
check "the original is intact" 0 'intact' -- h audit verify
fi

# --allow-unsigned is audited.
cp -r "$src/data/bundles/2026-12-platform-rules" later
sed -i 's/^bundle: .*/bundle: platform-rules-2026-12b/; s/^date: .*/date: 2026-12-02/' later/manifest.yaml
sed -i 's/72 hours/seventy-two hours/' later/guides/tmall-not-as-described.md
check "an unsigned bundle is refused" 1 'is not signed' -- h publish later --profile E-001
check "--allow-unsigned lets it through" 0 'It was not signed: the audit log records that it was allowed' -- \
  h publish later --profile E-001 --allow-unsigned
check "the audit log says so" 0 $'\tunsigned-bundle-allowed\tMei Chen\tplatform-rules-2026-12b\t' -- h audit list
check "history says unsigned" 0 $'platform-rules-2026-12b \\(Mei Chen, unsigned\\)' -- h history tmall-not-as-described

# Bad bundles: each a clear error, and nothing changes.
before=$(state)
bad() { rm -rf "$1" && cp -r "$src/data/bundles/2026-12-platform-rules" "$1" && sed -i "s/^bundle: .*/bundle: $1/; s/^date: .*/date: 2026-12-09/" "$1/manifest.yaml"; }
bad missing && sed -i 's|file: guides/platform-arbitration.md|file: guides/platform-arbitration-2027.md|' missing/manifest.yaml
check "a manifest naming a missing file" 1 'missing/manifest\.yaml:17: .guides/platform-arbitration-2027\.md. is not in the bundle' -- \
  h publish missing --profile E-001 --allow-unsigned
bad duplicate && sed -i 's|id: platform-arbitration|id: tmall-not-as-described|' duplicate/manifest.yaml
check "a duplicate id" 1 'duplicate/manifest\.yaml:18: the article id .tmall-not-as-described. is given twice' -- \
  h publish duplicate --profile E-001 --allow-unsigned
bad baddate && sed -i '0,/effective: 2026-12-01/s//effective: 2026-12-32/' baddate/manifest.yaml
check "a bad date" 1 'baddate/manifest\.yaml:[0-9]+: .*date' -- h publish baddate --profile E-001 --allow-unsigned
bad badfront && sed -i '0,/^lang: en$/s//lang: en\neffective: soon/' badfront/guides/tmall-description-evidence.md
check "a bad date in a file's front matter" 1 'tmall-description-evidence\.md:8: .effective. must be a date' -- \
  h publish badfront --profile E-001 --allow-unsigned
bad badsig && "$cli" sign badsig --key test-editor.key >/dev/null && sed -i 's/48 hours/24 hours/' badsig/guides/tmall-not-as-described.md
check "a bundle changed after signing" 1 'tmall-not-as-described\.md: this file was changed after the bundle was signed' -- \
  h publish badsig --profile E-001
check "--allow-unsigned never lets a bad signature through" 1 'never published, not even with --allow-unsigned' -- \
  h publish badsig --profile E-001 --allow-unsigned
bad archive && tar -C archive -czf archive.tar.gz manifest.yaml guides && head -c 3000 archive.tar.gz >truncated.tar.gz
check "a truncated archive" 1 'truncated\.tar\.gz' -- h publish truncated.tar.gz --profile E-001 --allow-unsigned
if [[ -n $have_python ]]; then
python3 - <<'PY'
import zipfile
with zipfile.ZipFile("bomb.zip", "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("manifest.yaml", "bundle: bomb\ntitle: Bomb\ndate: 2026-12-10\nentries:\n  - file: a.md\n")
    z.writestr("a.md", "# A\n\nText.\n")
    with z.open("images/bomb.png", "w", force_zip64=True) as f:
        zeros = b"\0" * (1 << 20)
        for _ in range(64):
            f.write(zeros)
PY
check "a zip bomb" 1 'bomb\.zip:images/bomb\.png.*(too large|limit)' -- h publish bomb.zip --profile E-001 --allow-unsigned
fi
check "no such bundle" 1 'no-such-bundle' -- h publish no-such-bundle --profile E-001
check "publish needs a bundle" 2 'give the bundle to publish' -- h publish
unchanged "bad bundles"
check "the audit log is still intact" 0 'intact' -- h audit verify

echo "1..$n"
exit $((failed > 0))
