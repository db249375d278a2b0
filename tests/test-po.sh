#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The translations are complete. po/POTFILES.in lists every file of src/
# and data/ with messages; the messages are taken from them as meson's
# i18n.gettext (preset glib) takes them, and each language of po/LINGUAS
# translates every one of them, none fuzzy, with format strings that match
# (msgfmt --check). TAP.
set -u

srcdir=$1
# shellcheck source=tap.sh
source "$(dirname "${BASH_SOURCE[0]}")/tap.sh" po
cd "$srcdir" || exit 1

# POTFILES.in: sorted, every file there, and every file with messages in it.
listed=$(grep -v '^#' po/POTFILES.in | sed '/^$/d')
if LC_ALL=C sort -c <<<"$listed" 2>/dev/null; then ok "POTFILES.in is sorted"; else not_ok "POTFILES.in is sorted"; fi
gone=$(while read -r f; do [[ -f $f ]] || echo "$f"; done <<<"$listed")
if [[ -z $gone ]]; then ok "every file of POTFILES.in exists"; else not_ok "every file of POTFILES.in exists" $gone; fi
with_messages=$(
  {
    grep -rlE '\b(_|N_|C_|NC_|ngettext|g_dngettext|g_dpgettext2?)[[:space:]]*\(' src --include='*.c'
    grep -rl 'translatable="yes"' src data --include='*.ui' --include='*.xml'
    find data -maxdepth 1 \( -name '*.desktop.in*' -o -name '*.metainfo.xml.in*' -o -name '*.gschema.xml' \)
  } | sort -u
)
missing=$(comm -23 <(LC_ALL=C sort <<<"$with_messages") <(LC_ALL=C sort <<<"$listed"))
if [[ -z $missing ]]; then
  ok "POTFILES.in lists every file with messages"
else
  not_ok "POTFILES.in lists every file with messages" "missing:" $missing
fi

# The template, from the sources, with the arguments of meson's glib preset.
xgettext --package-name=handbook --files-from=po/POTFILES.in --directory=. --output="$tmp/handbook.pot" \
  --from-code=UTF-8 --add-comments \
  --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 --keyword=g_dcgettext:2 \
  --keyword=g_dngettext:2,3 --keyword=g_dpgettext2:2c,3 \
  --flag=N_:1:pass-c-format --flag=C_:2:pass-c-format --flag=NC_:2:pass-c-format \
  --flag=g_dngettext:2:pass-c-format --flag=g_strdup_printf:1:c-format --flag=g_string_printf:2:c-format \
  --flag=g_string_append_printf:2:c-format --flag=g_error_new:3:c-format --flag=g_set_error:4:c-format \
  --flag=g_markup_printf_escaped:1:c-format --flag=g_log:3:c-format --flag=g_print:1:c-format \
  --flag=g_printerr:1:c-format --flag=g_printf:1:c-format --flag=g_fprintf:2:c-format \
  --flag=g_sprintf:2:c-format --flag=g_snprintf:3:c-format 2>"$tmp/xgettext.log"
status=$?
# A message cut by a macro ("%" G_GINT64_FORMAT) is never found at run time.
cut=$(grep 'ends in the middle of a directive' "$tmp/xgettext.log")
if [[ $status -ne 0 ]]; then
  not_ok "xgettext reads every file of POTFILES.in" "$(cat "$tmp/xgettext.log")"
elif [[ -n $cut ]]; then
  not_ok "no message is cut by a format macro" "$cut"
else
  ok "xgettext reads every file of POTFILES.in, and no message is cut by a format macro"
fi

total=$(msgfmt --statistics -o /dev/null "$tmp/handbook.pot" 2>&1 | grep -oE '[0-9]+ untranslated' | grep -oE '[0-9]+')
for lang in $(grep -v '^#' po/LINGUAS); do
  merged=$tmp/$lang.po
  if ! msgmerge --quiet -o "$merged" "po/$lang.po" "$tmp/handbook.pot" 2>"$tmp/msgmerge.log"; then
    not_ok "$lang: msgmerge" "$(cat "$tmp/msgmerge.log")"
    continue
  fi
  untranslated=$(msgattrib --untranslated --no-obsolete --no-wrap "$merged" | grep '^msgid ' | sed 1d)
  fuzzy=$(msgattrib --only-fuzzy --no-obsolete --no-wrap "$merged" | grep '^msgid ' | sed 1d)
  if [[ -z $untranslated ]]; then
    ok "$lang: all $total messages are translated"
  else
    not_ok "$lang: all $total messages are translated" "untranslated (update po/$lang.po with msgmerge):" \
      "$untranslated"
  fi
  if [[ -z $fuzzy ]]; then ok "$lang: no translation is fuzzy"; else not_ok "$lang: no translation is fuzzy" "$fuzzy"; fi
  for po in "po/$lang.po" "$merged"; do
    if out=$(msgfmt --check --output-file=/dev/null "$po" 2>&1); then
      ok "$lang: msgfmt --check ${po/#$tmp/(merged)}"
    else
      not_ok "$lang: msgfmt --check ${po/#$tmp/(merged)}" "$out"
    fi
  done
done

echo "1..$n"
[[ $failed -eq 0 ]]
