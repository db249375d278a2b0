#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# handbook-cli in Chinese: LANGUAGE=zh_CN with the translations of the
# build (HANDBOOK_LOCALEDIR, set by meson). Dates in its output stay
# YYYY-MM-DD, as it takes them. TAP.
set -u

cli=$1
# shellcheck source=tap.sh
source "$(dirname "${BASH_SOURCE[0]}")/tap.sh" cli-i18n
db=$tmp/test.db
zh() { LANGUAGE=zh_CN LC_ALL=C.UTF-8 "$@"; }

if [[ ! -f ${HANDBOOK_LOCALEDIR:-}/zh_CN/LC_MESSAGES/handbook.mo ]]; then
  echo "1..0 # SKIP the zh_CN translation is not built (run this test from meson)"
  exit 0
fi

mkdir -p "$tmp/content"
cat >"$tmp/content/refund.md" <<'MD'
---
id: refund-only
title: 仅退款规则
kind: regulation
platforms: [tmall]
effective: 2026-12-01
---
# 仅退款规则

买家在七天无理由退货期内申请仅退款时，商家需在 48 小时内举证。
MD
printf -- '---\nkind: nonsense\n---\n# Broken\n' >"$tmp/broken.md"

check "--help is in Chinese" 0 '^用法：handbook-cli \[--db PATH\] 命令' -- zh "$cli" --help
check "and lists the commands in Chinese" 0 'import PATH… +将 Markdown 文件和文件夹导入为新的文章版本' -- zh "$cli" --help
check "a command's options are in Chinese" 0 '只搜索此平台的文章' -- zh "$cli" search --help
check "an import says what it did" 0 '新增 1 篇，更新 0 篇，未变 0 篇，无法读取 0 篇' -- zh "$cli" --db "$db" import "$tmp/content"
check "show labels the fields, the date stays ISO" 0 '生效日期：  2026-12-01' -- zh "$cli" --db "$db" show refund-only
check "the version line" 0 '版本：      第 1 版，共 1 版（现行）' -- zh "$cli" --db "$db" show refund-only
check "the core's errors are in Chinese" 1 '没有 ID 为“nope”的文章' -- zh "$cli" --db "$db" show nope
check "a usage error is in Chinese, with exit status 2" 2 '多余的参数“extra”' -- zh "$cli" --db "$db" list extra
check "a broken file: one problem, nothing imported" 1 '发现 1 个问题；未导入任何内容' -- zh "$cli" --db "$db" import "$tmp/broken.md"
check "a search says when nothing matches" 0 '没有与“xyzzyplugh”匹配的文章' -- zh "$cli" --db "$db" search xyzzyplugh
check "without LANGUAGE, English" 0 '^Usage: handbook-cli' -- env LANGUAGE= LC_ALL=C.UTF-8 "$cli" --help

echo "1..$n"
[[ $failed -eq 0 ]]
