#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# handbook-cli keygen and sign as a user runs them, checked with minisign
# and sha256sum where they are installed. TAP.
#
#   test-cli-sign.sh CLI    CLI runs "CLI keygen …" and "CLI sign …"
set -u

cli=$1
# shellcheck source=tap.sh
source "$(dirname "${BASH_SOURCE[0]}")/tap.sh" cli-sign-test
cd "$tmp" || exit 1
have_minisign=$(command -v minisign || true)

# A bundle of two sample articles that a Tmall rule change amends.
mkdir -p bundle/guides
cp "$HANDBOOK_CONTENT_DIR/guides/tmall-not-as-described.md" "$HANDBOOK_CONTENT_DIR/guides/price-protection.md" bundle/guides/
cat >bundle/manifest.yaml <<'YAML'
bundle: tmall-rules-2026-12
title: Tmall after-sales rule changes, December 2026
publisher: Compliance team
date: 2026-12-01
entries:
  - file: guides/tmall-not-as-described.md
    effective: 2026-12-15
    changes: Seller response window shortened from 72 h to 48 h.
    acknowledge: required
    due: 2026-12-20
  - file: guides/price-protection.md
    changes: Price protection follows the platform's 30-day window.
YAML

check "keygen writes a key pair" 0 'Public key: editor\.pub' -- "$cli" keygen --output editor
if [[ $(stat -c %a editor.key) == 600 ]]; then ok "the secret key is readable by its owner only"; else not_ok "the secret key is readable by its owner only" "$(stat -c %a editor.key)"; fi
check "the public key is minisign's" 0 '^untrusted comment: minisign public key [0-9A-F]{1,16}$' -- head -1 editor.pub
check "keygen keeps an existing key" 1 'editor\.key exists' -- "$cli" keygen --output editor
check "keygen --force replaces it" 0 'Key [0-9A-F]{1,16}' -- "$cli" keygen --output editor --force
check "keygen takes no argument" 2 'unexpected argument' -- "$cli" keygen extra
check "keygen refuses an unknown option" 2 'Unknown option' -- "$cli" keygen --colour

check "sign a folder" 0 'Signed tmall-rules-2026-12 of 2026-12-01' -- "$cli" sign bundle --key editor.key
check "the folder has its sums" 0 'guides/tmall-not-as-described\.md' -- cat bundle/SHA256SUMS
check "sha256sum agrees" 0 '' -- sh -c 'cd bundle && sha256sum --check --quiet SHA256SUMS'
if [[ -n $have_minisign ]]; then
  check "minisign verifies the folder's sums" 0 'handbook-bundle:tmall-rules-2026-12 date:2026-12-01 timestamp:[0-9]+' -- \
    minisign -Vm bundle/SHA256SUMS -x bundle/SHA256SUMS.minisig -p editor.pub
fi

tar -C bundle -czf bundle.tar.gz manifest.yaml guides
check "sign an archive" 0 'Wrote bundle\.tar\.gz\.minisig' -- "$cli" sign bundle.tar.gz --key editor.key
if [[ -n $have_minisign ]]; then
  check "minisign -Vm verifies the archive" 0 'handbook-bundle:tmall-rules-2026-12 date:2026-12-01' -- \
    minisign -Vm bundle.tar.gz -p editor.pub
  check "minisign refuses it with another key" 1 '' -- sh -c "'$cli' keygen --output other >/dev/null && minisign -Vm bundle.tar.gz -p other.pub"
fi

# A manifest naming a missing file is not signed.
cp -r bundle broken
sed -i 's|guides/price-protection.md|guides/price-protection-2027.md|' broken/manifest.yaml
check "an invalid bundle is not signed" 1 'manifest\.yaml:11: .*price-protection-2027\.md.* is not in the bundle' -- \
  "$cli" sign broken --key editor.key

# An encrypted key (minisign's scrypt: a few seconds).
printf '退货 7天无理由\n' >password
printf 'wrong\n' >wrong-password
check "keygen --password-file encrypts the key" 0 'Secret key: locked\.key \(keep it secret\)' -- \
  "$cli" keygen --output locked --password-file password
check "the encrypted key says so" 0 'encrypted secret key' -- head -1 locked.key
check "an encrypted key needs its password" 1 'give its password with --password-file' -- \
  "$cli" sign bundle.tar.gz --key locked.key </dev/null
check "a wrong password is refused" 1 'locked\.key: wrong password' -- \
  "$cli" sign bundle.tar.gz --key locked.key --password-file wrong-password
check "the right password signs" 0 'Signed tmall-rules-2026-12' -- \
  "$cli" sign bundle.tar.gz --key locked.key --password-file password
if [[ -n $have_minisign ]]; then
  check "minisign verifies it with the encrypted key's public key" 0 'Signature and comment signature verified' -- \
    minisign -Vm bundle.tar.gz -p locked.pub
fi

check "sign needs a bundle" 2 'give the bundle' -- "$cli" sign --key editor.key
check "sign needs a key" 2 'give the secret key with --key' -- "$cli" sign bundle
check "sign takes one bundle" 2 'unexpected argument' -- "$cli" sign bundle bundle.tar.gz --key editor.key
check "a missing bundle" 1 'no-such-bundle: there is no such file or folder' -- "$cli" sign no-such-bundle --key editor.key
check "a public key is not a secret key" 1 'editor\.pub: this is not a minisign secret key' -- \
  "$cli" sign bundle --key editor.pub

echo "1..$n"
exit $((failed > 0))
