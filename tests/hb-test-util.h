/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "hb-quiz.h"
#include "hb-store.h"

G_BEGIN_DECLS

/* A fresh temporary folder, removed by hb_test_cleanup(). */
const char *hb_test_tmpdir (void);

/* A path for a new database in the temporary folder. */
char *hb_test_db_path (const char *name);

/* A new, empty store in the temporary folder. */
HbStore *hb_test_new_store (const char *name);

/* The path of a corpus folder ("handbook-18f"), or NULL with the test
 * skipped when the corpus is not there. */
char *hb_test_corpus (const char *name);

/* Copies a folder recursively into the temporary folder; returns the copy. */
char *hb_test_copy_tree (const char *source, const char *name);

/* Writes @contents to @name in the temporary folder, creating folders. */
char *hb_test_write_file (const char *name, const char *contents, gssize length) G_GNUC_WARN_UNUSED_RESULT;
/* A new store holding the articles @files gives as NAME, CONTENTS pairs
 * (NULL-terminated), imported from a folder @name. */
HbStore *hb_test_store_with (const char *name, const char *const *files);

/* Two tiny, valid PNG images (2x1 red, 3x1 blue), for imports with images. */
extern const unsigned char hb_test_png_red[70];
extern const unsigned char hb_test_png_blue[70];

/* The first column of the single row of @sql on @store, which must
 * succeed (the tests look into the tables directly). */
gint64 hb_test_query_int (HbStore *store, const char *sql);
char *hb_test_query_text (HbStore *store, const char *sql);

/* The answers that earn each question of @quiz its full credit, read off
 * the question: key -> HbGradeResponse (hb_quiz_responses_new ()). */
GHashTable *hb_test_right_responses (const HbQuiz *quiz);

/* Removes the temporary folder. */
void hb_test_cleanup (void);

G_END_DECLS
