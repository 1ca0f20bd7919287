#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# check-translations.sh: every file with translatable strings is listed in po/POTFILES.in, every
# count in a sentence has plural forms, and every language in po/LINGUAS translates every
# string of the current sources, none fuzzy.
set -eu

cd "$1"
status=0
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# 1. Files that hold translatable strings, found by what marks them.
{
  grep -rlE '(^|[^A-Za-z0-9_])(_|N_|C_|NC_|ngettext)[[:space:]]*\(' src --include='*.c' || true
  grep -rl 'translatable="yes"' src --include='*.ui' || true
  ls data/*.desktop.in data/*.metainfo.xml.in data/*.gschema.xml
} | sort -u > "$work/marked"

grep -v '^#' po/POTFILES.in | sed '/^$/d' | sort -u > "$work/listed"
for file in $(comm -23 "$work/marked" "$work/listed"); do
  echo "not in po/POTFILES.in: $file"
  status=1
done
for file in $(cat "$work/listed"); do
  [ -f "$file" ] || { echo "in po/POTFILES.in but missing: $file"; status=1; }
done

# 2. The strings of the sources as they are now, against each translation.
xgettext --files-from=po/POTFILES.in --from-code=UTF-8 --add-comments \
  --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 \
  --keyword=g_dngettext:2,3 --keyword=ngettext:1,2 \
  --output="$work/mpdemo.pot" 2>"$work/xgettext.log" || { cat "$work/xgettext.log"; exit 1; }

# 3. A count in a sentence uses plural forms: "%u messages" must come from ngettext(), which
#    gives "1 message" in English and the right form in each language.
python3 - "$work/mpdemo.pot" <<'PY' || status=1
import re, sys
entries = open(sys.argv[1], encoding="utf-8").read().split("\n\n")
units = {"ms", "s", "µs"}
bad = []
for entry in entries:
    if "msgid_plural" in entry:
        continue
    msgid = "".join(re.findall(r'^(?:msgid )?"(.*)"$', entry.split("msgstr")[0], re.M))
    for number, word in re.findall(r"%(l{0,2}[ud]|'?[ud]) ([a-z]+)", msgid):
        if word.endswith("s") and word not in units:
            bad.append(msgid)
for msgid in bad:
    print(f"a count without plural forms (use ngettext): {msgid!r}")
sys.exit(1 if bad else 0)
PY

for lang in $(grep -v '^#' po/LINGUAS); do
  msgmerge --quiet --no-fuzzy-matching "po/$lang.po" "$work/mpdemo.pot" -o "$work/$lang.po"
  stats=$(LC_ALL=C msgfmt --check --statistics -o /dev/null "$work/$lang.po" 2>&1)
  echo "$lang: $stats"
  case $stats in
    *untranslated*|*fuzzy*)
      status=1
      LC_ALL=C msgattrib --untranslated --only-fuzzy "$work/$lang.po" 2>/dev/null | grep '^msgid' || true
      LC_ALL=C msgattrib --untranslated "$work/$lang.po" | grep '^msgid' | head -50
      ;;
  esac
done

exit $status
