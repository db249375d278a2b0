#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Checks that the help cannot drift from the app (run by meson test).

  check-help.py pages DIR PAGE...
      every DIR/*.page is one of the PAGEs that meson builds and installs,
      and every PAGE is there.
  check-help.py shortcuts HELP-OVERLAY.ui SHORTCUTS.page...
      every accelerator of the shortcuts window is written in each
      shortcuts page (the English one, and the translated ones as built).
  check-help.py topics DIR SRC-APP-DIR
      every help topic the app opens (F1 in the window and in the dialogs,
      as the .c files of SRC-APP-DIR name them) is a page in DIR.

Each prints what is wrong, one line each, and exits 1 if anything is.
"""

import os
import re
import sys
import xml.etree.ElementTree as ET

MALLARD = "{http://projectmallard.org/1.0/}"

# GTK key names as written in the help: Mallard <key> texts.
KEY_NAMES = {
    "Up": "↑", "Down": "↓", "Left": "←", "Right": "→",
    "Return": "Enter", "KP_Enter": "Enter", "Escape": "Esc",
    "plus": "+", "minus": "-", "equal": "=", "question": "?",
    "space": "Space", "Tab": "Tab", "BackSpace": "Backspace",
    "Page_Up": "Page Up", "Page_Down": "Page Down",
    "Home": "Home", "End": "End", "Delete": "Delete",
}
MODIFIERS = {"ctrl": "Ctrl", "control": "Ctrl", "primary": "Ctrl", "shift": "Shift", "alt": "Alt",
             "super": "Super"}


def fail(problems):
    for problem in problems:
        print(problem)
    return 1 if problems else 0


def check_pages(folder, pages):
    listed = set(pages)
    found = {name for name in os.listdir(folder) if name.endswith(".page")}
    problems = [f"{folder}/{name}: not in help_pages of help/meson.build, so never built nor installed"
                for name in sorted(found - listed)]
    problems += [f"{folder}/{name}: listed in help/meson.build but missing" for name in sorted(listed - found)]
    return fail(problems)


def parse_accelerator(accelerator):
    """'<ctrl><shift>c' -> ('Ctrl', 'Shift', 'C'), as the help writes it."""
    mods = re.findall(r"<([^>]+)>", accelerator)
    key = re.sub(r"<[^>]+>", "", accelerator)
    names = []
    for mod in mods:
        if mod.lower() not in MODIFIERS:
            raise ValueError(f"unknown modifier <{mod}> in “{accelerator}”")
        names.append(MODIFIERS[mod.lower()])
    if key in KEY_NAMES:
        key = KEY_NAMES[key]
    elif len(key) == 1:
        key = key.upper()
    elif not re.fullmatch(r"F[0-9]+", key):
        raise ValueError(f"no help name for the key “{key}” in “{accelerator}”: add it to KEY_NAMES")
    # Ctrl+? is typed with Shift; the help writes Ctrl+? as the app does.
    return tuple(sorted(names, key=["Ctrl", "Shift", "Alt", "Super"].index)) + (key,)


def overlay_shortcuts(path):
    """(title, [alternative key sequences]) of each GtkShortcutsShortcut."""
    shortcuts = []
    for obj in ET.parse(path).iter("object"):
        if obj.get("class") != "GtkShortcutsShortcut":
            continue
        props = {p.get("name"): (p.text or "").strip() for p in obj.findall("property")}
        accelerator = props.get("accelerator")
        if not accelerator:
            continue
        # "Up Down" is two alternatives, each shown.
        shortcuts.append((props.get("title", "?"), [parse_accelerator(a) for a in accelerator.split()]))
    return shortcuts


def page_keys(path):
    """Every key sequence a page writes: <keyseq> and lone <key>s."""
    root = ET.parse(path).getroot()
    found = set()
    in_keyseq = set()
    for keyseq in root.iter(MALLARD + "keyseq"):
        keys = tuple("".join(k.itertext()).strip() for k in keyseq.findall(MALLARD + "key"))
        in_keyseq.update(keyseq.findall(MALLARD + "key"))
        mods = tuple(sorted((k for k in keys[:-1]), key=lambda k: ["Ctrl", "Shift", "Alt", "Super"].index(k)
                            if k in ("Ctrl", "Shift", "Alt", "Super") else 9))
        found.add(mods + keys[-1:])
    for key in root.iter(MALLARD + "key"):
        if key not in in_keyseq:
            found.add(("".join(key.itertext()).strip(),))
    return found


def check_shortcuts(overlay, pages):
    problems = []
    try:
        shortcuts = overlay_shortcuts(overlay)
    except ValueError as error:
        return fail([f"{overlay}: {error}"])
    if not shortcuts:
        return fail([f"{overlay}: no shortcut found"])
    for page in pages:
        keys = page_keys(page)
        for title, alternatives in shortcuts:
            for sequence in alternatives:
                if sequence not in keys:
                    problems.append(f"{page}: the shortcut “{title}” ({'+'.join(sequence)}) of {overlay} "
                                    f"is not in the page")
    return fail(problems)


def check_topics(folder, sources):
    """The help topics the app opens (F1) are pages of @folder: the window's
    table of topics, and the dialogs' F1 bindings."""
    topics = {}
    for source in sources:
        text = open(source, encoding="utf-8").read()
        found = set(re.findall(r'hb_show_help_shortcut,\s*"s",\s*"([^"]+)"', text))
        table = re.search(r"content_topics\[\][^;]*;", text, re.S)
        if table is not None:
            found |= set(re.findall(r'\{\s*"[^"]+",\s*"([^"]+)"\s*\}', table.group(0)))
            # help_page () returns the others.
            body = re.search(r"\nhelp_page \(.*?\n}\n", text, re.S)
            found |= set(re.findall(r'return\s+"([a-z-]+)";', body.group(0) if body else ""))
        for topic in found:
            topics.setdefault(topic, source)
    if not topics:
        return fail([f"no help topic found in {' '.join(sources)}"])
    ids = set()
    for name in os.listdir(folder):
        if name.endswith(".page"):
            ids.add(ET.parse(os.path.join(folder, name)).getroot().get("id"))
    return fail([f"{topics[topic]}: F1 opens the help topic “{topic}”, which no page of {folder} is"
                 for topic in sorted(set(topics) - ids)])


def main(argv):
    if len(argv) >= 3 and argv[1] == "pages":
        return check_pages(argv[2], argv[3:])
    if len(argv) >= 4 and argv[1] == "shortcuts":
        return check_shortcuts(argv[2], argv[3:])
    if len(argv) == 4 and argv[1] == "topics":
        sources = sorted(os.path.join(argv[3], name) for name in os.listdir(argv[3]) if name.endswith(".c"))
        return check_topics(argv[2], sources)
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
