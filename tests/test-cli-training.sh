#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# handbook-cli's training commands as a user runs them: courses, quizzes
# taken from answers files, progress, the exports and the review. TAP.
set -u

cli=$1
# shellcheck source=tap.sh
source "$(dirname "${BASH_SOURCE[0]}")/tap.sh" cli-training
db=$tmp/training.db
content=$tmp/content
cp -r "$HANDBOOK_CONTENT_DIR" "$content"

check "import the sample handbook" 0 "0 not readable" -- "$cli" --db "$db" import "$content"
check "courses lists both courses" 0 $'^onboarding-basics\tAfter-sales basics\t6 lessons' -- "$cli" --db "$db" courses
check "courses lists the lessons with their questions" 0 $'lesson-evidence\tLesson 4: Evidence that wins disputes\t10 questions' -- "$cli" --db "$db" courses
check "courses --json" 0 '"pass_mark" : 80' -- "$cli" --db "$db" courses --json

check "quiz show prints the questions" 0 'Swapped return' -- "$cli" --db "$db" quiz show lesson-evidence
out=$("$cli" --db "$db" quiz show lesson-evidence --json 2>&1)
if python3 -c 'import json, sys; q = json.load (sys.stdin); assert len (q["questions"]) == 10; assert all (k not in json.dumps (q) for k in ("fraction", "feedback", "%25%", "#Right"))' <<<"$out"; then
  ok "quiz show --json: the questions, never the answers"
else
  not_ok "quiz show --json: the questions, never the answers" "$out"
fi
check "quiz show: an unknown lesson" 1 'No article' -- "$cli" --db "$db" quiz show no-such-lesson
check "quiz show: an article without a quiz" 1 'has no quiz' -- "$cli" --db "$db" quiz show evidence-checklist

check "profile add" 0 $'\tAna Li\tE100\tstaff\t' -- "$cli" --db "$db" profile add "Ana Li" --employee-id E100
check "profile add a manager" 0 'manager' -- "$cli" --db "$db" profile add "Mei Wang" --employee-id M1 --role manager

# Lesson 1, right but for two questions.
cat >"$tmp/lesson-1.json" <<'JSON'
{
  "Classify a page mismatch": "Not as described",
  "Leaking kettle on day 4": 0,
  "Two case types": true,
  "Expired countdown": true,
  "Escalate at once": [0, 1, 2, 3],
  "JD self-operated": "JD's own after-sales team",
  "What the customer says": {
    "It's cheaper now": "Price protection",
    "Refund me, I'm not sending it back": "Refund-only",
    "It never arrived": "Logistics",
    "Delete my data": "Privacy",
    "It doesn't work": "Quality / warranty"
  },
  "Whose contract": "the platform",
  "Record the root cause": "root cause"
}
JSON
check "quiz take needs --profile" 2 'give --profile' -- "$cli" --db "$db" quiz take lesson-dispute-lifecycle --answers "$tmp/lesson-1.json"
check "quiz take needs --answers" 2 'give --answers' -- "$cli" --db "$db" quiz take lesson-dispute-lifecycle --profile E100
printf '{}' >"$tmp/empty.json"
check "a course in order: lesson 4 waits" 1 'finish “Lesson 1' -- "$cli" --db "$db" quiz take lesson-evidence --profile E100 --answers "$tmp/empty.json"
check "quiz take grades and records" 0 'score: 77.8 %, not passed' -- "$cli" --db "$db" quiz take lesson-dispute-lifecycle --profile E100 --answers "$tmp/lesson-1.json"
check "quiz take names each question's result" 0 'wrong +Whose contract \(right: our store\)' -- "$cli" --db "$db" quiz take lesson-dispute-lifecycle --profile E100 --answers "$tmp/lesson-1.json"

printf '{"Two case types": "perhaps", "Nope": 1}' >"$tmp/bad.json"
check "answers that do not fit are named" 1 '“Two case types”: give true or false' -- "$cli" --db "$db" quiz take lesson-dispute-lifecycle --profile E100 --answers "$tmp/bad.json"
printf 'not json' >"$tmp/not.json"
check "an answers file that is not JSON" 1 'not JSON' -- "$cli" --db "$db" quiz take lesson-dispute-lifecycle --profile E100 --answers "$tmp/not.json"

check "review list: the missed questions are due" 0 '^2 questions due today' -- "$cli" --db "$db" review list --profile E100
check "review list names them" 0 $'^lesson-dispute-lifecycle\tWhose contract' -- "$cli" --db "$db" review list --profile E100
printf '{"Whose contract": "our store"}' >"$tmp/review.json"
check "review answer grades in the review" 0 '^right +Whose contract' -- "$cli" --db "$db" review answer lesson-dispute-lifecycle --profile E100 --answers "$tmp/review.json"

sed -i 's/"Two case types": true/"Two case types": false/; s/"the platform"/"our store"/' "$tmp/lesson-1.json"
out=$("$cli" --db "$db" quiz take lesson-dispute-lifecycle --profile E100 --answers - --json <"$tmp/lesson-1.json" 2>&1)
if python3 -c 'import json, sys; r = json.load (sys.stdin); assert r["passed"] and r["score"] == 1 and r["version"] == 1 and len (r["attempt"]) == 36 and len (r["questions"]) == 10' <<<"$out"; then
  ok "quiz take --json from standard input: passed"
else
  not_ok "quiz take --json from standard input: passed" "$out"
fi

check "read records a lesson read to its end" 0 'Ana Li read “Lesson 2' -- "$cli" --db "$db" read lesson-legal-foundations --profile E100
check "progress --profile: lesson 1 done" 0 $'lesson-dispute-lifecycle\tcompleted' -- "$cli" --db "$db" progress --profile E100
check "progress --profile: lesson 2 read" 0 $'lesson-legal-foundations\tread' -- "$cli" --db "$db" progress --profile E100
check "progress: the team report" 0 $'Mei Wang\tAfter-sales basics\t0 of 6 done' -- "$cli" --db "$db" progress
check "progress: overdue on a far day" 0 'overdue: 6' -- "$cli" --db "$db" progress --today 2030-01-01
check "progress: a bad day is a usage error" 2 'YYYY-MM-DD' -- "$cli" --db "$db" progress --today tomorrow
check "progress: --csv and --xapi together" 2 'not both' -- "$cli" --db "$db" progress --csv --xapi

out=$("$cli" --db "$db" progress --csv 2>&1)
if python3 -c '
import csv, io, sys
rows = list (csv.DictReader (io.StringIO (sys.stdin.read ())))
assert len (rows) == 2 * 8, len (rows)  # before the practice course
ana = [r for r in rows if r["name"] == "Ana Li" and r["lesson_id"] == "lesson-dispute-lifecycle"][0]
assert ana["state"] == "completed" and ana["attempts"] == "3" and ana["best_score_percent"] == "100.0", ana
' <<<"$out"; then ok "progress --csv: a row per person and lesson"; else not_ok "progress --csv: a row per person and lesson" "$out"; fi

out=$("$cli" --db "$db" progress --xapi --profile E100 2>&1)
if python3 -c '
import json, sys, uuid, datetime
s = json.load (sys.stdin)
verbs = {x["verb"]["id"].rsplit ("/", 1)[1] for x in s}
assert verbs == {"attempted", "answered", "passed", "failed", "completed"}, verbs
for x in s:
    uuid.UUID (x["id"])
    datetime.datetime.fromisoformat (x["timestamp"].replace ("Z", "+00:00"))
    assert x["actor"]["account"]["name"]
results = [x["result"] for x in s if x["verb"]["id"].endswith (("passed", "failed"))]
assert all ("scaled" in r["score"] and "success" in r and "completion" in r for r in results)
' <<<"$out"; then ok "progress --xapi: statements with ADL verbs, ids, ISO 8601 times"; else not_ok "progress --xapi: statements with ADL verbs, ids, ISO 8601 times" "$out"; fi

check "quiz essays: none yet" 0 'No written answer waits' -- "$cli" --db "$db" quiz essays
# A written answer is saved for a manager to grade.
mkdir -p "$tmp/more"
cat >"$tmp/more/replies.md" <<'MD'
---
id: practice-replies
kind: lesson
course: practice
order: 1
---
# Practice replies

## Quiz

```gift
::Draft a reply::Write your first reply to a customer whose kettle leaks.{}

::Shipping::Who pays the return shipping of a faulty kettle?{=we =the store}
```
MD
check "import a lesson with an essay" 0 "1 new" -- "$cli" --db "$db" import "$tmp/more"
printf '{"Draft a reply": "您好，很抱歉给您带来不便……", "Shipping": "we"}' >"$tmp/essay.json"
check "an essay waits for a manager" 0 '1 essay waits for a manager' -- "$cli" --db "$db" quiz take practice-replies --profile E100 --answers "$tmp/essay.json"
check "quiz essays: the written answer, for a manager" 0 '您好，很抱歉' -- "$cli" --db "$db" quiz essays
check "quiz essays: names the person and the question" 0 $'\tAna Li\tpractice-replies\tDraft a reply\t' -- "$cli" --db "$db" quiz essays --profile E100

# A new version of lesson 1's text sends it, and only it, back to review.
sed -i 's/^## The seven stages$/From December, every first reply gives the case number.\n\n## The seven stages/' "$content/lessons/01-dispute-lifecycle.md"
check "import the new lesson version" 0 "updated +lesson-dispute-lifecycle v2" -- "$cli" --db "$db" import "$content"
check "progress: lesson 1 needs review" 0 $'lesson-dispute-lifecycle\tneeds-review' -- "$cli" --db "$db" progress --profile E100
check "progress: lesson 2 keeps its state" 0 $'lesson-legal-foundations\tread' -- "$cli" --db "$db" progress --profile E100
check "review: lesson 1's questions wait for the new version to be read" 0 '^0 questions due today' -- "$cli" --db "$db" review list --profile E100
check "quiz take --version: the version that was shown" 0 '\(version 1\)' -- "$cli" --db "$db" quiz take lesson-dispute-lifecycle --version 1 --profile E100 --answers "$tmp/lesson-1.json"

# Every attempt, read and review answer is on the audit trail, chained.
check "an attempt is on the audit trail, with its score" 0 $'quiz-attempt\tAna Li\tlesson-dispute-lifecycle\t.*"score_percent":78' -- "$cli" --db "$db" audit list
check "a review answer too" 0 $'\treview\tAna Li\tlesson-dispute-lifecycle\t.*"rating":' -- "$cli" --db "$db" audit list
check "and the trail holds" 0 'intact' -- "$cli" --db "$db" audit verify

echo "1..$n"
[[ $failed -eq 0 ]]
