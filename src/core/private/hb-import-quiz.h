/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/*
 * The checks an import makes of training content (hb-import-quiz.c):
 * the GIFT quizzes of articles and the course files. hb-import.c calls
 * them; every problem goes into the import's report as FILE:LINE, so an
 * import with a broken question or course is refused whole.
 */

#include "hb-article.h"
#include "hb-import.h"

G_BEGIN_DECLS

/**
 * hb_import_check_quiz:
 * @report: the import's report, for problems
 * @file: the article's file, as messages name it
 * @record: the article as read; a `NAME.gift` file beside a Markdown
 *   file NAME.md is read into its body as one more ```gift block (and its
 *   hash), so that the quiz is versioned with the lesson
 * @body_line: the line of @file the body starts on
 *
 * Parses every ```gift block of the body (and the .gift file beside it).
 *
 * Returns: whether the quiz is valid (or there is none)
 */
gboolean hb_import_check_quiz (HbImportReport *report, const char *file, HbArticleRecord *record,
                               guint body_line);

/**
 * hb_import_check_course:
 * @report: the import's report, for problems
 * @store: the store imported into
 * @file: the course file, as messages name it
 * @text: its text
 * @imported_ids: (element-type utf8): the ids of the articles of this
 *   import
 *
 * Checks a course file: its keys and values, and that each lesson it
 * lists is an article of this import or of the handbook.
 *
 * Returns: whether the course is valid
 */
gboolean hb_import_check_course (HbImportReport *report, HbStore *store, const char *file,
                                 const char *text, GHashTable *imported_ids);

G_END_DECLS
