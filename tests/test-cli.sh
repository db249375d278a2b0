#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# handbook-cli as a user runs it: output, messages and exit codes. TAP.
set -u

cli=$1
# shellcheck source=tap.sh
source "$(dirname "${BASH_SOURCE[0]}")/tap.sh" cli-test
db=$tmp/test.db

content=$tmp/content
mkdir -p "$content/guides" "$content/regulations"
cat >"$content/guides/returns.md" <<'MD'
---
id: seven-day-returns
title: The 7-day no-reason return
kind: guide
platforms: [tmall, jd]
tags: [returns]
---
# The 7-day no-reason return

| Platform | Days |
|---|---|
| Tmall | 7 |

See the [law](../regulations/crpl.md#article-25).

<script>alert(1)</script>
MD
cat >"$content/regulations/crpl.md" <<'MD'
---
id: crpl
kind: regulation
lang: zh-CN
effective: 2014-03-15
---
# 消费者权益保护法

## Article 25

第二十五条 经营者采用网络、电视、电话、邮购等方式销售商品，消费者有权自收到商品之日起七日内退货，且无需说明理由。
MD


check "no command is a usage error" 2 "Usage" -- "$cli"
check "--help lists the commands" 0 "history ID" -- "$cli" --help
check "unknown command" 2 "unknown command" -- "$cli" --db "$db" frobnicate
check "import without a path" 2 "give a file or folder" -- "$cli" --db "$db" import
check "import a missing folder" 1 "no-such-folder: no such file or folder" -- "$cli" --db "$db" import "$tmp/no-such-folder"
check "import reports what is new" 0 "2 new, 0 updated, 0 unchanged" -- "$cli" --db "$db" import "$content"
check "import again changes nothing" 0 "0 new, 0 updated, 2 unchanged" -- "$cli" --db "$db" import "$content"
check "list: id, kind, version, title" 0 $'^crpl\tregulation\tv1\t消费者权益保护法$' -- "$cli" --db "$db" list
check "list --kind" 0 $'^seven-day-returns\tguide' -- "$cli" --db "$db" list --kind guide
check "show prints the article" 0 "version:   1 of 1 \(in force\)" -- "$cli" --db "$db" show seven-day-returns
check "show --html renders tables and links" 0 'href="handbook://article/crpl#article-25"' -- "$cli" --db "$db" show seven-day-returns --html
out=$("$cli" --db "$db" show seven-day-returns --html 2>&1)
if grep -q "<table>" <<<"$out" && ! grep -q "<script" <<<"$out"; then ok "show --html keeps the table, drops the script"; else not_ok "show --html keeps the table, drops the script" "$out"; fi
check "show an unknown id" 1 "No article with the id “nope”" -- "$cli" --db "$db" show nope
check "show a version that does not exist" 1 "has no version 7" -- "$cli" --db "$db" show crpl --version 7

sed -i 's/七日内退货/七日内退货（修订）/' "$content/regulations/crpl.md"
check "an edited file becomes version 2" 0 "updated +crpl v2" -- "$cli" --db "$db" import "$content"
check "history lists both versions" 0 "^v2\*" -- "$cli" --db "$db" history crpl
check "version 1 is still readable" 0 "七日内退货，且" -- "$cli" --db "$db" show crpl --version 1

printf -- '---\ntitle: [unclosed\n---\n' >"$content/bad.md"
check "an invalid file is named with its line; nothing imported" 1 "bad.md:2: the front matter is not valid YAML" -- "$cli" --db "$db" import "$content"
check "--skip-invalid imports the rest and still names it" 1 "bad.md:2:" -- "$cli" --db "$db" import --skip-invalid "$content"
rm "$content/bad.md"

printf 'not a database at all, just text\n' >"$tmp/notes.db"
check "a file that is not a database" 1 "notes.db is not a Handbook database" -- "$cli" --db "$tmp/notes.db" list

cp "$db" "$tmp/ro.db"
chmod 0444 "$tmp/ro.db"
check "a read-only database can be read" 0 "^crpl" -- "$cli" --db "$tmp/ro.db" list
sed -i 's/（修订）/（再修订）/' "$content/regulations/crpl.md"
check "a read-only database is not written" 1 "ro.db is read-only" -- "$cli" --db "$tmp/ro.db" import "$content"

cp "$db" "$tmp/damaged.db"
python3 -c 'import sys; f = open (sys.argv[1], "r+b"); f.seek (4096); f.write (b"\xde\xad\xbe\xef" * 2048)' "$tmp/damaged.db"
check "a damaged database is named, not crashed on" 1 "damaged.db is damaged" -- "$cli" --db "$tmp/damaged.db" import "$content"

# Profiles: the people who use the handbook.
pdb=$tmp/profiles.db
check "profile add prints the new profile" 0 $'\tLi Wei\tE001\teditor\t' -- "$cli" --db "$pdb" profile add "Li Wei" --employee-id E001 --role editor
check "profile add: staff by default" 0 $'\tZhang San\t-\tstaff\t' -- "$cli" --db "$pdb" profile add "Zhang San"
check "profile list lists them by name" 0 'Zhang San' -- "$cli" --db "$pdb" profile list
check "profile show by employee id" 0 '^name: +Li Wei' -- "$cli" --db "$pdb" profile show E001
check "profile show by name" 0 'role: +staff' -- "$cli" --db "$pdb" profile show "zhang san"
check "an employee id is one person's" 1 'E001.*someone else' -- "$cli" --db "$pdb" profile add Other --employee-id E001
check "an unknown role is a usage error" 2 'unknown role' -- "$cli" --db "$pdb" profile add Other --role boss
check "an empty name is refused" 1 'one line' -- "$cli" --db "$pdb" profile add "  "
check "an unknown profile is named" 1 'No profile “nobody”' -- "$cli" --db "$pdb" profile show nobody
check "a new profile is on the audit trail, with its role" 0 $'profile-added\tLi Wei\t.*"role":"editor"' -- "$cli" --db "$pdb" audit list
check "and the trail holds" 0 'intact' -- "$cli" --db "$pdb" audit verify

# Without --db: the default database, seeded from the sample handbook.
check "the default database starts as the sample handbook" 0 $'^reg-crpl-2013\tregulation\tv1' -- "$cli" list
[[ -f $XDG_DATA_HOME/handbook/handbook.db ]] && ok "it lives in XDG_DATA_HOME/handbook" || not_ok "it lives in XDG_DATA_HOME/handbook"

echo "1..$n"
[[ $failed -eq 0 ]]
