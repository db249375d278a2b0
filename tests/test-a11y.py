#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""What a screen reader sees: the real app, read over AT-SPI (pyatspi), TAP.

  test-a11y.py HANDBOOK-PROGRAM

Starts HANDBOOK-PROGRAM on a new handbook (the environment gives the content,
the schemas and a session bus with a display), answers "Who Is Learning?",
then checks that
  - every control of every page and dialog has a name, not a type name such
    as "GtkImage" (what GTK 4.8 says for an icon without a label);
  - the search results are list items named by the article's title;
  - with the pointer resting on the results, Down selects the next result
    each time, never the row under the pointer; one click on a result
    opens it, and after a double click one Back goes to the article opened
    before (the pointer is moved and clicked through AT-SPI's XTest events,
    which a GTK test cannot send);
  - Down and Return open the first lesson of a course, whose quiz offers its
    choices as radio buttons (one answer) or check boxes (several), named by
    their text, and a Submit button.
Each wait is for a condition, over the AT-SPI events, with a generous limit
that only a hang reaches."""

import os
import re
import subprocess
import sys
import tempfile
import time

import gi

gi.require_version("Atspi", "2.0")
from gi.repository import GLib  # noqa: E402
import pyatspi  # noqa: E402

LIMIT = 90  # seconds; a hang, not a slow machine
TYPE_NAME = re.compile(r"^(Gtk|Adw|Hb|WebKit)[A-Za-z]+$")
CONTROLS = {
    "push button", "toggle button", "check box", "radio button", "combo box", "entry",
    "text", "spin button", "slider", "menu item", "page tab", "page tab list", "link",
    "password text", "switch",
}
ROWS = {"list item", "table row"}

count = 0
failed = 0


def ok(passed, what, *details):
    global count, failed
    count += 1
    if not passed:
        failed += 1
    print(f"{'ok' if passed else 'not ok'} {count} - {what}")
    for line in details:
        print(f"# {line}")
    sys.stdout.flush()


def pump(seconds):
    """Lets AT-SPI's events in, so that the tree is up to date."""
    end = time.monotonic() + seconds
    context = GLib.MainContext.default()
    while time.monotonic() < end:
        while context.pending():
            context.iteration(False)
        time.sleep(0.02)


def wait_for(condition, what):
    end = time.monotonic() + LIMIT
    while time.monotonic() < end:
        try:
            result = condition()
        except GLib.GError as error:
            # An object the tree listed can be gone when asked (a dialog
            # that closed): ask again, unless the app itself has gone.
            if app_process.poll() is not None:
                ok(False, what, f"the app exited with status {app_process.returncode}", str(error))
                finish()
            result = None
        if result:
            return result
        pump(0.1)
    ok(False, what, f"not after {LIMIT} s")
    finish()


def finish():
    print(f"1..{count}")
    app_process.terminate()
    try:
        app_process.wait(10)
    except subprocess.TimeoutExpired:
        app_process.kill()
    sys.exit(1 if failed else 0)


def nodes(node):
    yield node
    for i in range(node.childCount):
        child = node.getChildAtIndex(i)
        if child is not None:
            yield from nodes(child)


def spoken(node):
    """The name; GTK 4.8 names a mnemonic button twice ("_Submit Submit")."""
    name = node.name or ""
    for cut in range(len(name)):
        if name[cut] == " " and "_" in name[:cut] and name[:cut].replace("_", "") == name[cut + 1:]:
            return name[cut + 1:]
    return name


def has_name(node):
    name = spoken(node).strip()
    return name != "" and not TYPE_NAME.match(name)


def content_text(node):
    texts = []
    for child in nodes(node):
        if child is node:
            continue
        if child.getRoleName() in ("label", "heading", "static") and child.name and not TYPE_NAME.match(child.name):
            texts.append(child.name)
    return " ".join(texts)


def path_of(node):
    names = []
    while node is not None and node.getRoleName() != "application":
        if node.name and not TYPE_NAME.match(node.name):
            names.append(f"{node.getRoleName()} “{node.name}”")
        node = node.parent
    return " < ".join(names[:4])


def nameless(root):
    missing = []
    for node in nodes(root):
        role = node.getRoleName()
        if role in CONTROLS and not has_name(node):
            missing.append(f"{role} {node.name!r} in {path_of(node.parent)}")
        elif role in ROWS and not has_name(node) and not content_text(node):
            missing.append(f"{role} {node.name!r} without text, in {path_of(node.parent)}")
    return missing


def windows(app):
    return [app.getChildAtIndex(i) for i in range(app.childCount) if app.getChildAtIndex(i) is not None]


def find(root, role, name=None):
    for node in nodes(root):
        if node.getRoleName() == role and (name is None or spoken(node) == name):
            return node
    return None


def press(keysym):
    pyatspi.Registry.generateKeyboardEvent(keysym, None, pyatspi.KEY_SYM)


def find_app():
    desktop = pyatspi.Registry.getDesktop(0)
    for i in range(desktop.childCount):
        app = desktop.getChildAtIndex(i)
        if app is not None and app.get_process_id() == app_process.pid:
            return app
    return None


home = tempfile.mkdtemp(prefix="handbook-a11y-")
env = dict(os.environ)
env.update(
    HOME=home, XDG_DATA_HOME=f"{home}/data", XDG_CONFIG_HOME=f"{home}/config",
    XDG_CACHE_HOME=f"{home}/cache", GTK_A11Y="atspi", GDK_BACKEND="x11",
)
env.pop("NO_AT_BRIDGE", None)
app_process = subprocess.Popen([sys.argv[1]], env=env)

app = wait_for(find_app, "the app is on the accessibility bus")
ok(True, "the app is on the accessibility bus")

# Who is learning? -----------------------------------------------------------
dialog = wait_for(lambda: next((w for w in windows(app) if w.getRoleName() == "dialog"), None),
                  "“Who Is Learning?” is asked")
missing = nameless(dialog)
ok(not missing, f"every control of “{dialog.name}” has a name", *missing)
name_entry = wait_for(lambda: find(dialog, "text", "Name"), "the dialog has a Name entry")
name_entry.queryEditableText().setTextContents("Li Lei")
add = find(dialog, "push button", "Add Profile")
ok(add is not None, "the dialog has an “Add Profile” button")
if add is None:
    finish()
add.queryAction().doAction(0)
wait_for(lambda: all(w.getRoleName() != "dialog" for w in windows(app)), "the dialog closes")
window = wait_for(lambda: next((w for w in windows(app) if w.getRoleName() == "frame"), None), "a window")

# Every control -------------------------------------------------------------
search = wait_for(lambda: find(window, "entry", "Search the handbook"), "the search entry is named")
ok(True, "the search entry is an entry named “Search the handbook”")
missing = nameless(window)
ok(not missing, "every control of every page has a name", *missing)

# Search results ------------------------------------------------------------
title = "Lesson 1: The life of an after-sales case"
search.queryEditableText().setTextContents(title)


def first_result():
    results = find(window, "list", "Search results")
    if results is None:
        return None
    items = [n for n in nodes(results) if n.getRoleName() == "list item"]
    return items[0] if items and items[0].name == title else None


item = wait_for(first_result, "the search results are list items named by their title")
ok(True, "the search results are list items named by their title", f"first: {item.name}")

# Down with the pointer resting on the results -------------------------------
# GTK 4.8's single-click-activate also selects the row under the pointer, and
# a row comes under a resting pointer when the list scrolls: Down then went
# back to that row. The selection must follow the keys alone.
results = find(window, "list", "Search results")


def result_items():
    return [n for n in nodes(results) if n.getRoleName() == "list item"]


def selected_title():
    chosen = [n.name for n in result_items() if n.getState().contains(pyatspi.STATE_SELECTED)]
    return chosen[0] if len(chosen) == 1 else None


def rows_on_screen():
    """The results in the order they are drawn: the list's widgets need not
    be in that order once it has scrolled."""
    top = results.queryComponent().getExtents(pyatspi.WINDOW_COORDS)
    placed = []
    for n in result_items():
        box = n.queryComponent().getExtents(pyatspi.WINDOW_COORDS)
        if box.height > 0 and box.y >= top.y and box.y + box.height <= top.y + top.height:
            placed.append((box.y, n))
    return [n for _, n in sorted(placed, key=lambda p: p[0])]


search.queryEditableText().setTextContents("buyers")
items = wait_for(lambda: (lambda found: found if len(found) >= 4 and found[0].name != title else None)(rows_on_screen()),
                 "“buyers” lists results")
# GTK 4.8 gives no screen coordinates; without a window manager the window
# is at the screen's origin.
resting = items[3]
spot = resting.queryComponent().getExtents(pyatspi.WINDOW_COORDS)
pyatspi.Registry.generateMouseEvent(spot.x + spot.width // 2, spot.y + spot.height // 2, "abs")
pump(0.3)
walked = [wait_for(selected_title, "the first result is selected")]
for step in range(14):
    press(0xFF54)  # Down, in the search entry
    wait_for(lambda: selected_title() not in (None, walked[-1]),
             f"Down number {step + 1} moves the selection, the pointer resting on “{resting.name}”")
    walked.append(selected_title())
ok(len(set(walked)) == len(walked),
   "with the pointer resting on the results, fourteen Downs select fourteen further results, "
   "none twice", *walked)


# One click opens a result; a double click opens it once ---------------------
def shown(name):
    """The window is titled by the article it shows."""
    return window.name == name


def click(node, how):
    box = node.queryComponent().getExtents(pyatspi.WINDOW_COORDS)
    pyatspi.Registry.generateMouseEvent(box.x + box.width // 2, box.y + box.height // 2, how)


items = wait_for(lambda: (lambda found: found if len(found) >= 2 else None)(rows_on_screen()),
                 "two results are on screen")
one, two = items[0], items[1]
click(one, "b1c")
wait_for(lambda: shown(one.name), f"one click on “{one.name}” opens it")
ok(True, "one click on a result opens it", one.name)
click(two, "b1d")
wait_for(lambda: shown(two.name), f"a double click on “{two.name}” opens it")
back = find(window, "push button", "Back")
ok(back is not None, "the article page has a Back button")
if back is None:
    finish()
back.queryAction().doAction(0)
wait_for(lambda: shown(one.name), "after a double click, Back goes to the article opened before it")
ok(True, "after a double click on a result, one Back goes to the article opened before it",
   f"{two.name} ← {one.name}")
# The keyboard goes back to the search, as a click in it gives it.
click(search, "b1c")
pump(0.3)

# A quiz, reached from the keyboard ------------------------------------------
# The pointer over the window gives it the keyboard under a bare X server.
extents = window.queryComponent().getExtents(pyatspi.DESKTOP_COORDS)
pyatspi.Registry.generateMouseEvent(extents.x + extents.width // 2, extents.y + extents.height // 2, "abs")
pump(0.2)
search.queryEditableText().setTextContents("")
courses = wait_for(lambda: find(window, "page tab", "Courses"), "the Courses page tab")
courses.queryAction().doAction(0)
wait_for(lambda: find(window, "list", "After-sales basics"), "the Courses page shows the course")
press(0xFF54)  # Down, from the search: the first lesson
pump(0.3)
press(0xFF0D)  # Return: open it
take = wait_for(lambda: next((n for n in nodes(window)
                              if n.getRoleName() == "push button" and spoken(n).startswith("Take the Quiz")), None),
                "Down and Return on the Courses page open the first lesson, which offers “Take the Quiz”")
ok(True, f"Down and Return on the Courses page open the first lesson, which offers “{spoken(take)}”")
take.queryAction().doAction(0)
choices = wait_for(lambda: [n for n in nodes(window) if n.getRoleName() in ("radio button", "check box")],
                   "the quiz shows its choices")
radios = [c for c in choices if c.getRoleName() == "radio button"]
unnamed = [f"{c.getRoleName()} {c.name!r}" for c in choices if not has_name(c)]
ok(not unnamed, f"each of the quiz's {len(choices)} choices is named by its text", *unnamed)
ok(bool(radios), "a question with one right answer offers radio buttons",
   f"{len(radios)} radio buttons, {len(choices) - len(radios)} check boxes")
ok(any(spoken(c) == "True" for c in radios), "true or false is a pair of radio buttons")
ok(find(window, "push button", "Submit") is not None, "the quiz has a “Submit” button")
missing = nameless(window)
ok(not missing, "every control of the quiz has a name", *missing)

finish()
