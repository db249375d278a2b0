/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hb-store-search"

#include "config.h"

#include "hb-store-search.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "hb-markdown.h"
#include "hb-store-private.h"
#include "hb-tokenizer.h"

/*
 * The search tables (see hb-search-scan.h): written from the version in
 * force of each article when a write transaction commits, and read by the
 * statements below, which src/core/search/ runs.
 */

char *
hb_search_facet_token (char key, const char *value)
{
  g_autofree char *folded = NULL;
  g_autofree char *stripped = NULL;
  g_autofree char *hash = NULL;

  g_return_val_if_fail (value != NULL, NULL);

  stripped = g_strstrip (g_strdup (value));
  folded = g_utf8_casefold (stripped, -1);
  hash = g_compute_checksum_for_string (G_CHECKSUM_SHA1, folded, -1);

  /* A digit first keeps the tokenizer from stemming it; the hash keeps any
   * value, Chinese or with spaces, one token. */
  return g_strdup_printf ("0%c%.20s", key, hash);
}

void
hb_search_section_clear (HbSearchSection *section)
{
  g_clear_pointer (&section->id, g_free);
  g_clear_pointer (&section->heading, g_free);
}

HbSearchText *
hb_search_text_new (void)
{
  HbSearchText *text = g_rc_box_new0 (HbSearchText);

  text->sections = g_array_new (FALSE, TRUE, sizeof (HbSearchSection));
  g_array_set_clear_func (text->sections, (GDestroyNotify) hb_search_section_clear);
  text->checkpoints = g_array_new (FALSE, FALSE, sizeof (int));
  return text;
}

HbSearchText *
hb_search_text_ref (HbSearchText *text)
{
  return g_rc_box_acquire (text);
}

static void
search_text_clear (HbSearchText *text)
{
  g_free (text->body);
  g_clear_pointer (&text->sections, g_array_unref);
  g_clear_pointer (&text->checkpoints, g_array_unref);
}

void
hb_search_text_unref (HbSearchText *text)
{
  if (text != NULL)
    g_rc_box_release_full (text, (GDestroyNotify) search_text_clear);
}

/* ------------------------------------------------------------------------ */
/* Indexing. */

static int
count_token_cb (gpointer user_data, int flags, const char *token, int len, int start, int end)
{
  int *count = user_data;

  if (!(flags & HB_TOKEN_COLOCATED))
    (*count)++;
  return HB_TOKENIZE_OK;
}

static int
count_tokens (const char *text, gsize len)
{
  int count = 0;

  hb_tokenize (text, (int) len, HB_TOKENIZE_DOCUMENT | HB_TOKENIZE_BOUNDS, count_token_cb, &count);
  return count;
}

typedef struct
{
  int pos;             /* of the next token in the body */
  gsize base;          /* where the text being counted starts in the body */
  GByteArray *offsets; /* the checkpoints so far, 32-bit little-endian */
} BodyCount;

static int
count_body_token_cb (gpointer user_data, int flags, const char *token, int len, int start, int end)
{
  BodyCount *count = user_data;

  if (flags & HB_TOKEN_COLOCATED)
    return HB_TOKENIZE_OK;
  if (count->pos > 0 && count->pos % HB_SEARCH_CHECKPOINT_TOKENS == 0)
    {
      guint32 offset = GUINT32_TO_LE ((guint32) (count->base + start));

      g_byte_array_append (count->offsets, (const guint8 *) &offset, sizeof offset);
    }
  count->pos++;
  return HB_TOKENIZE_OK;
}

/* Headings and tags are one per line. */
static void
append_one_line (GString *out, const char *text)
{
  for (const char *p = text; p != NULL && *p != '\0'; p++)
    g_string_append_c (out, (*p == '\n' || *p == '\t' || *p == '\r') ? ' ' : *p);
}

static void
add_facet (GString *facets, char key, const char *value)
{
  g_autofree char *token = NULL;

  if (value == NULL || *value == '\0')
    return;
  token = hb_search_facet_token (key, value);
  g_string_append_c (facets, ' ');
  g_string_append (facets, token);
}

/* The front matter's "keywords:" and "aliases:", which are searched at the
 * weight of tags: a list, or words separated by commas. */
static void
add_front_matter_words (GString *tags, const char *front_matter)
{
  static const char *const keys[] = { "keywords", "aliases", "keyword", "alias" };
  g_autoptr (JsonParser) parser = json_parser_new ();
  JsonObject *object;

  if (front_matter == NULL || !json_parser_load_from_data (parser, front_matter, -1, NULL)
      || !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return;
  object = json_node_get_object (json_parser_get_root (parser));

  for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
    {
      JsonNode *node = json_object_get_member (object, keys[k]);

      if (node == NULL)
        continue;
      if (JSON_NODE_HOLDS_ARRAY (node))
        {
          JsonArray *array = json_node_get_array (node);

          for (guint i = 0; i < json_array_get_length (array); i++)
            {
              JsonNode *item = json_array_get_element (array, i);

              if (JSON_NODE_HOLDS_VALUE (item) && json_node_get_value_type (item) == G_TYPE_STRING)
                {
                  if (tags->len > 0)
                    g_string_append_c (tags, '\n');
                  append_one_line (tags, json_node_get_string (item));
                }
            }
        }
      else if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
        {
          g_auto (GStrv) words = g_strsplit (json_node_get_string (node), ",", -1);

          for (guint i = 0; words[i] != NULL; i++)
            {
              g_strstrip (words[i]);
              if (*words[i] == '\0')
                continue;
              if (tags->len > 0)
                g_string_append_c (tags, '\n');
              append_one_line (tags, words[i]);
            }
        }
    }
}

/* ------------------------------------------------------------------------ */
/* Pairs of a term and its translation in the text: "Refund-only (仅退款)",
 * "仅退款（Refund only）". */

#define PAIR_MAX_WORDS 4
#define PAIR_MAX_HAN 12

static gboolean
is_pair_stop_word (const char *word, gsize len)
{
  static const char *const stop[] = {
    "a", "an", "the", "and", "or", "of", "to", "for", "in", "on", "at", "by", "with", "is",
    "are", "be", "as", "from", "called", "known", "see", "use", "our", "its", "their", "this",
    "that", "it", "also", "means", "into", "under", "not", "no", "if", "so", "do",
  };

  for (guint i = 0; i < G_N_ELEMENTS (stop); i++)
    if (strlen (stop[i]) == len && g_ascii_strncasecmp (word, stop[i], len) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
is_term_char (char c)
{
  return g_ascii_isalnum (c) || c == '-' || c == '\'' || c == '/' || c == '&';
}

/* The English term that ends at @end in @text: up to four words back, to
 * a stop word or punctuation. */
static char *
english_before (const char *text, const char *end)
{
  const char *start = end;
  const char *p = end;
  guint words = 0;

  while (p > text && p[-1] == ' ')
    p--;
  end = p;
  while (words < PAIR_MAX_WORDS && p > text)
    {
      const char *word_end = p;
      const char *word_start;

      while (p > text && is_term_char (p[-1]))
        p--;
      word_start = p;
      if (word_start == word_end || is_pair_stop_word (word_start, word_end - word_start)
          || !g_ascii_isalpha (*word_start))
        break;
      start = word_start;
      words++;
      if (p == text || p[-1] != ' ')
        break;
      p--;
    }
  if (words == 0 || start >= end)
    return NULL;
  /*
   * A translation follows a term, not the last word of a sentence: the
   * term is a name (capitalised, "Refund-only (仅退款)"), or stands
   * alone after punctuation ("…; appeal (申诉)"), or is several words
   * ("order snapshot (交易快照)"). "refuse it at the door (拒收)" is not
   * a pair of "door".
   */
  {
    const char *before = start;
    gboolean boundary;

    while (before > text && before[-1] == ' ')
      before--;
    boundary = before == text || !g_ascii_isalnum (before[-1]);
    if (!boundary && !g_ascii_isupper (*start) && words < 2)
      return NULL;
  }
  return g_ascii_strdown (start, end - start);
}

/* The Chinese term that ends at @end: a run of Han characters. */
static char *
han_before (const char *text, const char *end)
{
  const char *p = end;
  guint n = 0;

  while (p > text)
    {
      const char *prev = g_utf8_find_prev_char (text, p);

      if (prev == NULL || !hb_tokenizer_is_cjk (g_utf8_get_char (prev)) || n >= PAIR_MAX_HAN)
        break;
      p = prev;
      n++;
    }
  return n >= 2 ? g_strndup (p, end - p) : NULL;
}

/* The whole content of a parenthesis, if it is one term of the wanted
 * script; @close gets where it ends. */
static char *
paren_content (const char *open, gboolean want_han, const char **close)
{
  const char *p = g_utf8_next_char (open);
  const char *start = p;
  guint n = 0;

  while (*p != '\0' && n < 64)
    {
      gunichar c = g_utf8_get_char (p);

      if (c == ')' || c == 0xFF09)
        {
          g_autofree char *content = g_strstrip (g_strndup (start, p - start));

          *close = g_utf8_next_char (p);
          if (*content == '\0')
            return NULL;
          for (const char *q = content; *q != '\0'; q = g_utf8_next_char (q))
            {
              gunichar d = g_utf8_get_char (q);

              if (want_han ? !hb_tokenizer_is_cjk (d) : (d >= 0x80 || !(is_term_char ((char) d) || d == ' ')))
                return NULL;
            }
          if (!want_han && (!g_ascii_isalpha (*content) || strlen (content) < 2))
            return NULL;
          if (want_han && g_utf8_strlen (content, -1) < 2)
            return NULL;
          return want_han ? g_steal_pointer (&content) : g_ascii_strdown (content, -1);
        }
      if (c == '(' || c == 0xFF08 || c == '\n')
        return NULL;
      p = g_utf8_next_char (p);
      n++;
    }
  return NULL;
}

typedef struct
{
  char *en;
  char *zh;
} Pair;

static void
pair_clear (gpointer data)
{
  Pair *pair = data;

  g_free (pair->en);
  g_free (pair->zh);
}

static void
find_pairs (const char *text, GArray *pairs)
{
  for (const char *p = text; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      const char *close = NULL;
      g_autofree char *inside = NULL;
      g_autofree char *before = NULL;

      if (c != '(' && c != 0xFF08)
        continue;

      /* English (中文) */
      if ((inside = paren_content (p, TRUE, &close)) != NULL
          && (before = english_before (text, p)) != NULL)
        {
          Pair pair = { g_steal_pointer (&before), g_steal_pointer (&inside) };

          g_array_append_val (pairs, pair);
          continue;
        }
      g_clear_pointer (&inside, g_free);
      /* 中文（English） */
      if ((inside = paren_content (p, FALSE, &close)) != NULL
          && (before = han_before (text, p)) != NULL)
        {
          Pair pair = { g_steal_pointer (&inside), g_steal_pointer (&before) };

          g_array_append_val (pairs, pair);
        }
    }
}

/* ------------------------------------------------------------------------ */

static gboolean
index_article (HbStore *self, const char *id, GError **error)
{
  g_autoptr (HbStoreStmt) article = NULL;
  g_autoptr (HbStoreStmt) select_row = NULL;
  sqlite3_stmt *stmt;
  sqlite3_int64 row = 0;
  gboolean have_row = FALSE;
  g_autoptr (GPtrArray) sections = NULL;
  g_autoptr (GString) headings = g_string_new (NULL);
  g_autoptr (GString) body = g_string_new (NULL);
  g_autoptr (GString) tags_text = g_string_new (NULL);
  g_autoptr (GString) facets = g_string_new (HB_SEARCH_FACET_ALL);
  g_autoptr (GByteArray) offsets = g_byte_array_new ();
  g_autoptr (GArray) pairs = g_array_new (FALSE, FALSE, sizeof (Pair));
  g_auto (GStrv) platforms = NULL;
  g_auto (GStrv) tags = NULL;
  BodyCount count = { 0, 0, offsets };
  const char *lang;
  const char *kind;
  int heading_pos = 0;
  int rc;
  guint i;

  g_array_set_clear_func (pairs, pair_clear);

  select_row = hb_store_cached (self, "SELECT id FROM search_rows WHERE article_id = ?1", error);
  if (select_row == NULL)
    return FALSE;
  sqlite3_bind_text (select_row, 1, id, -1, SQLITE_STATIC);
  rc = sqlite3_step (select_row);
  if (rc == SQLITE_ROW)
    {
      row = sqlite3_column_int64 (select_row, 0);
      have_row = TRUE;
    }
  else if (rc != SQLITE_DONE)
    return hb_store_set_error_from_sqlite (self, error, rc, NULL);

  /* What the row held goes: its text, sections, checkpoints and pairs. */
  if (have_row)
    {
      static const char *const clear[] = {
        "DELETE FROM search_index WHERE rowid = ?1",
        "DELETE FROM search_sections WHERE row = ?1",
        "DELETE FROM search_checkpoints WHERE row = ?1",
        "DELETE FROM search_pairs WHERE row = ?1",
      };

      for (i = 0; i < G_N_ELEMENTS (clear); i++)
        {
          stmt = hb_store_cached (self, clear[i], error);
          if (stmt == NULL)
            return FALSE;
          sqlite3_bind_int64 (stmt, 1, row);
          if (!hb_store_step_done (self, stmt, error))
            return FALSE;
        }
    }

  article = hb_store_cached (self,
                            "SELECT v.version, v.title, v.kind, v.lang, v.platforms, v.tags, v.body, "
                            "v.front_matter FROM articles a JOIN article_versions v "
                            "ON v.article_id = a.id AND v.version = a.current_version WHERE a.id = ?1",
                            error);
  if (article == NULL)
    return FALSE;
  sqlite3_bind_text (article, 1, id, -1, SQLITE_STATIC);
  rc = sqlite3_step (article);
  if (rc != SQLITE_ROW)
    {
      if (rc != SQLITE_DONE)
        return hb_store_set_error_from_sqlite (self, error, rc, NULL);
      /* No version in force: nothing to find. */
      if (have_row)
        {
          stmt = hb_store_cached (self, "DELETE FROM search_rows WHERE id = ?1", error);
          if (stmt == NULL)
            return FALSE;
          sqlite3_bind_int64 (stmt, 1, row);
          return hb_store_step_done (self, stmt, error);
        }
      return TRUE;
    }

  kind = (const char *) sqlite3_column_text (article, 2);
  lang = (const char *) sqlite3_column_text (article, 3);

  if (have_row)
    {
      stmt = hb_store_cached (self, "UPDATE search_rows SET version = ?2, kind = ?3, lang = ?4 "
                                    "WHERE id = ?1",
                              error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, row);
    }
  else
    {
      stmt = hb_store_cached (self, "INSERT INTO search_rows (article_id, version, kind, lang) "
                                    "VALUES (?1, ?2, ?3, ?4)",
                              error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
    }
  sqlite3_bind_int64 (stmt, 2, sqlite3_column_int64 (article, 0));
  sqlite3_bind_text (stmt, 3, kind, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, lang, -1, SQLITE_STATIC);
  if (!hb_store_step_done (self, stmt, error))
    return FALSE;
  if (!have_row)
    row = sqlite3_last_insert_rowid (hb_store_get_db (self));

  sections = hb_markdown_sections ((const char *) sqlite3_column_text (article, 6));
  for (i = 0; i < sections->len; i++)
    {
      HbSection *section = g_ptr_array_index (sections, i);
      const char *text = section->text != NULL ? section->text : "";
      int body_pos = count.pos;
      gsize body_byte;

      if (i > 0)
        g_string_append_c (body, '\n');
      body_byte = body->len;

      stmt = hb_store_cached (self,
                              "INSERT INTO search_sections (row, idx, body_pos, body_byte, "
                              "heading_pos, level, heading_id, heading) "
                              "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                              error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, row);
      sqlite3_bind_int (stmt, 2, (int) i);
      sqlite3_bind_int (stmt, 3, body_pos);
      sqlite3_bind_int64 (stmt, 4, (sqlite3_int64) body_byte);
      sqlite3_bind_int (stmt, 5, heading_pos);
      if (section->heading != NULL)
        {
          gsize start;

          sqlite3_bind_int (stmt, 6, section->heading->level);
          sqlite3_bind_text (stmt, 7, section->heading->id, -1, SQLITE_STATIC);
          sqlite3_bind_text (stmt, 8, section->heading->text, -1, SQLITE_STATIC);

          if (headings->len > 0)
            g_string_append_c (headings, '\n');
          start = headings->len;
          append_one_line (headings, section->heading->text);
          heading_pos += count_tokens (headings->str + start, headings->len - start);
          find_pairs (section->heading->text, pairs);
        }
      else
        sqlite3_bind_int (stmt, 6, 0);
      if (!hb_store_step_done (self, stmt, error))
        return FALSE;

      count.base = body->len;
      g_string_append (body, text);
      hb_tokenize (text, (int) strlen (text), HB_TOKENIZE_DOCUMENT | HB_TOKENIZE_BOUNDS,
                   count_body_token_cb, &count);
      find_pairs (text, pairs);
    }

  if (offsets->len > 0)
    {
      stmt = hb_store_cached (self,
                              "INSERT INTO search_checkpoints (row, step, offsets) VALUES (?1, ?2, ?3)",
                              error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, row);
      sqlite3_bind_int (stmt, 2, HB_SEARCH_CHECKPOINT_TOKENS);
      sqlite3_bind_blob (stmt, 3, offsets->data, (int) offsets->len, SQLITE_STATIC);
      if (!hb_store_step_done (self, stmt, error))
        return FALSE;
    }

  find_pairs ((const char *) sqlite3_column_text (article, 1), pairs);
  for (i = 0; i < pairs->len; i++)
    {
      Pair *pair = &g_array_index (pairs, Pair, i);

      stmt = hb_store_cached (self, "INSERT INTO search_pairs (row, en, zh) VALUES (?1, ?2, ?3)",
                              error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, row);
      sqlite3_bind_text (stmt, 2, pair->en, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, pair->zh, -1, SQLITE_STATIC);
      if (!hb_store_step_done (self, stmt, error))
        return FALSE;
    }

  add_facet (facets, 'k', kind);
  add_facet (facets, 'l', lang);
  if (lang != NULL && strchr (lang, '-') != NULL)
    {
      /* lang:zh finds zh-CN and zh-TW. */
      g_autofree char *primary = g_strndup (lang, strchr (lang, '-') - lang);

      add_facet (facets, 'l', primary);
    }
  platforms = hb_store_split_list ((const char *) sqlite3_column_text (article, 4));
  for (i = 0; platforms[i] != NULL; i++)
    add_facet (facets, 'p', platforms[i]);
  /* An article for one platform only is that platform's own: a query that
   * names the platform wants it before the articles for every platform. */
  if (platforms[0] != NULL && platforms[1] == NULL)
    add_facet (facets, 's', platforms[0]);
  tags = hb_store_split_list ((const char *) sqlite3_column_text (article, 5));
  for (i = 0; tags[i] != NULL; i++)
    {
      add_facet (facets, 't', tags[i]);
      if (tags_text->len > 0)
        g_string_append_c (tags_text, '\n');
      g_string_append (tags_text, tags[i]);
    }
  add_front_matter_words (tags_text, (const char *) sqlite3_column_text (article, 7));
  /* The id's words: editors name an article for what it is about
   * ("faq-refund-timing"), and a file's folders say where it belongs. */
  {
    g_autofree char *id_words = g_strdup (id);

    g_strdelimit (id_words, "-_/.", ' ');
    if (tags_text->len > 0)
      g_string_append_c (tags_text, '\n');
    append_one_line (tags_text, id_words);
  }

  stmt = hb_store_cached (self,
                          "INSERT INTO search_index (rowid, title, headings, tags, body, facets) "
                          "VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                          error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, row);
  sqlite3_bind_text (stmt, 2, (const char *) sqlite3_column_text (article, 1), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, headings->str, (int) headings->len, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, tags_text->str, (int) tags_text->len, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, body->str, (int) body->len, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, facets->str, (int) facets->len, SQLITE_STATIC);
  return hb_store_step_done (self, stmt, error);
}

gboolean
hb_store_search_index (HbStore *store, GPtrArray *ids, GError **error)
{
  guint i;

  g_return_val_if_fail (HB_IS_STORE (store), FALSE);
  g_return_val_if_fail (ids != NULL, FALSE);

  if (ids->len == 0)
    return TRUE;
  /* The index changed: what the search remembers of it is stale. */
  hb_store_search_forget (store);

  for (i = 0; i < ids->len; i++)
    if (!index_article (store, g_ptr_array_index (ids, i), error))
      {
        g_prefix_error (error, "%s", "search index: ");
        return FALSE;
      }

  /*
   * A bulk import leaves FTS5 with a dozen segments (12 for the shared
   * corpus's 2,169 articles, 15 for 100,000), and a search looks every
   * word up in each: merged into one, handbook-bench's p50 over every
   * typed prefix fell from 1.83 to 1.66 ms on that corpus, and its p99
   * from 6.2 to 5.0 ms. Merging rewrites the whole index
   * (1.5 s for that corpus, 16 s for 100,000), so it is done when a
   * quarter of the rows or more were indexed now; an edit of a few
   * articles is left to FTS5's own merging.
   */
  {
    g_autoptr (HbStoreStmt) count = hb_store_cached (store, "SELECT count(*) FROM search_rows", error);
    g_autoptr (HbStoreStmt) optimize = NULL;
    gint64 n_rows;
    int rc;

    if (count == NULL)
      return FALSE;
    if ((rc = sqlite3_step (count)) != SQLITE_ROW)
      {
        hb_store_set_error_from_sqlite (store, error, rc, NULL);
        return FALSE;
      }
    n_rows = sqlite3_column_int64 (count, 0);
    if ((gint64) ids->len * 4 < n_rows)
      return TRUE;
    optimize = hb_store_cached (store, "INSERT INTO search_index (search_index) VALUES ('optimize')",
                                error);
    if (optimize == NULL || !hb_store_step_done (store, optimize, error))
      {
        g_prefix_error (error, "%s", "search index: ");
        return FALSE;
      }
  }
  return TRUE;
}

/* ------------------------------------------------------------------------ */
/* What the search remembers per store. */

typedef struct
{
  sqlite3_int64 data_version;
  sqlite3_int64 changes;
  GHashTable *counts; /* expression to the rows that match it (gint64) */
  GHashTable *cache;  /* the search's own cache (hb_store_search_cache) */
  GHashTable *known; /* "=term" or "^prefix" to whether the index has it */
  GHashTable *shown; /* rowid (gint64 *) to its ShownRow: what results showed last */
  GQueue shown_order; /* of ShownRow, the one shown last first */
  GHashTable *kinds;  /* rowid (gint64 *) to its RowKind */
  gsize shown_bytes;  /* of their bodies */
  gint64 n_rows;     /* the rows of search_rows, or -1 */
  guint32 *column_sizes; /* (nullable) of each rowid, HB_SEARCH_N_COLUMNS each */
  gint64 n_sized;        /* rowids below it have their sizes */
  guint64 checked_serial; /* the read transaction it was last checked in */
  guint64 generation;
  GPtrArray *row_pool;    /* (element-type HbSearchRow) for the scans (HbSearchScan.pool) */
} SearchState;

typedef struct
{
  gpointer data;
  GDestroyNotify destroy;
} CacheEntry;

static void
cache_entry_free (gpointer data)
{
  CacheEntry *entry = data;

  if (entry->destroy != NULL && entry->data != NULL)
    entry->destroy (entry->data);
  g_free (entry);
}

/* A row a result showed, kept for the next keystroke, whose results are
 * mostly the same. */
typedef struct
{
  gint64 rowid;
  HbStoreSearchRow *row; /* (nullable) */
  HbSearchText *text;    /* (nullable) */
  GList link;
} ShownRow;

static void
shown_row_free (gpointer data)
{
  ShownRow *shown = data;

  if (shown->row != NULL)
    hb_store_search_row_unref (shown->row);
  hb_search_text_unref (shown->text);
  g_free (shown);
}

static void
shown_forget (SearchState *state)
{
  /* The table frees the entries; the queue only links them. */
  g_queue_init (&state->shown_order);
  g_hash_table_remove_all (state->shown);
  state->shown_bytes = 0;
}

static void
search_state_free (SearchState *state)
{
  shown_forget (state);
  g_clear_pointer (&state->shown, g_hash_table_unref);
  g_clear_pointer (&state->kinds, g_hash_table_unref);
  g_clear_pointer (&state->counts, g_hash_table_unref);
  g_clear_pointer (&state->cache, g_hash_table_unref);
  g_clear_pointer (&state->known, g_hash_table_unref);
  g_free (state->column_sizes);
  g_clear_pointer (&state->row_pool, g_ptr_array_unref);
  g_free (state);
}

static SearchState *
search_state (HbStore *self)
{
  SearchState *state = hb_store_get_slot (self, HB_STORE_SLOT_SEARCH);

  if (state == NULL)
    {
      state = g_new0 (SearchState, 1);
      state->counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      state->cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, cache_entry_free);
      state->known = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      state->shown = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, shown_row_free);
      g_queue_init (&state->shown_order);
      state->kinds = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
      state->data_version = -1;
      state->n_rows = -1;
      state->row_pool = hb_search_scan_pool_new ();
      hb_store_set_slot (self, HB_STORE_SLOT_SEARCH, state, (GDestroyNotify) search_state_free);
    }
  return state;
}

static void
state_forget (SearchState *state)
{
  g_hash_table_remove_all (state->counts);
  g_hash_table_remove_all (state->cache);
  g_hash_table_remove_all (state->known);
  shown_forget (state);
  g_hash_table_remove_all (state->kinds);
  state->n_rows = -1;
  g_clear_pointer (&state->column_sizes, g_free);
  state->n_sized = 0;
  state->generation++;
}

void
hb_store_search_forget (HbStore *self)
{
  SearchState *state = hb_store_get_slot (self, HB_STORE_SLOT_SEARCH);

  if (state != NULL)
    state_forget (state);
}

/* Phrases beyond this many are forgotten: a day of typing, not a leak;
 * so is all that is kept (the corrections of the words typed, the
 * lexicon) beyond this many. */
#define COUNTS_MAX 16384
#define CACHE_MAX 16384

/* Forgets what is remembered when the index changed since: through this
 * connection (its count of changes) or another (PRAGMA data_version). */
static SearchState *
fresh_state (HbStore *self)
{
  SearchState *state = search_state (self);
  g_autoptr (HbStoreStmt) stmt = NULL;
  sqlite3_int64 version = -2;
  sqlite3_int64 changes = sqlite3_total_changes64 (hb_store_get_db (self));
  guint64 serial = hb_store_read_serial (self);

  /* Once per read transaction: a search asks dozens of times. */
  if (serial != 0 && serial == state->checked_serial && changes == state->changes
      && g_hash_table_size (state->cache) <= CACHE_MAX && g_hash_table_size (state->counts) <= COUNTS_MAX
      && g_hash_table_size (state->known) <= CACHE_MAX)
    return state;
  state->checked_serial = serial;
  stmt = hb_store_cached (self, "PRAGMA data_version", NULL);
  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int64 (stmt, 0);

  if (state->data_version != version || state->changes != changes
      || g_hash_table_size (state->cache) > CACHE_MAX)
    state_forget (state);
  /* Many phrases typed: their counts go, what the index's state gives
   * (the lexicon) stays. */
  else if (g_hash_table_size (state->counts) > COUNTS_MAX
           || g_hash_table_size (state->known) > CACHE_MAX)
    {
      g_hash_table_remove_all (state->counts);
      g_hash_table_remove_all (state->known);
    }
  state->data_version = version;
  state->changes = changes;
  return state;
}

gpointer
hb_store_search_cache_get (HbStore *self, const char *key)
{
  SearchState *state = fresh_state (self);
  CacheEntry *entry = g_hash_table_lookup (state->cache, key);

  return entry != NULL ? entry->data : NULL;
}

void
hb_store_search_cache_set (HbStore *self, const char *key, gpointer data, GDestroyNotify destroy)
{
  SearchState *state = fresh_state (self);
  CacheEntry *entry = g_new0 (CacheEntry, 1);

  entry->data = data;
  entry->destroy = destroy;
  /* Replaces (and frees) what the key held. */
  g_hash_table_insert (state->cache, g_strdup (key), entry);
}

/* ------------------------------------------------------------------------ */
/* Matching. */

static void
search_row_clear (gpointer data)
{
  HbStoreSearchRow *row = data;

  g_free (row->id);
  g_free (row->title);
  g_free (row->kind);
  g_free (row->lang);
  g_strfreev (row->platforms);
  g_free (row->source);
}

HbStoreSearchRow *
hb_store_search_row_ref (HbStoreSearchRow *row)
{
  return g_atomic_rc_box_acquire (row);
}

void
hb_store_search_row_unref (HbStoreSearchRow *row)
{
  /* A result may be dropped on another thread than the search's. */
  g_atomic_rc_box_release_full (row, search_row_clear);
}

/* Whether an FTS5 error comes from the query rather than the database:
 * the expression is built so that it never should, but a user's query must
 * not become an error if it does. */
static gboolean
is_query_error (sqlite3 *db, int rc)
{
  return (rc & 0xff) == SQLITE_ERROR && strstr (sqlite3_errmsg (db), "fts5") != NULL;
}

static gboolean
query_failed (HbStore *self, const char *match, int rc, gboolean *refused, GError **error)
{
  sqlite3 *db = hb_store_get_db (self);

  if (is_query_error (db, rc))
    {
      g_warning ("Search expression refused: %s: %s", match, sqlite3_errmsg (db));
      if (refused != NULL)
        *refused = TRUE;
      return TRUE;
    }
  return hb_store_set_error_from_sqlite (self, error, rc, NULL);
}

gint64
hb_store_search_n_rows (HbStore *self, GError **error)
{
  SearchState *state = fresh_state (self);
  g_autoptr (HbStoreStmt) stmt = NULL;
  int rc;

  /* count(*) walks the whole table: 7 % of a search at 100,000 articles. */
  if (state->n_rows >= 0)
    return state->n_rows;
  stmt = hb_store_cached (self, "SELECT count(*) FROM search_rows", error);
  if (stmt == NULL)
    return -1;
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      hb_store_set_error_from_sqlite (self, error, rc, NULL);
      return -1;
    }
  state->n_rows = sqlite3_column_int64 (stmt, 0);
  return state->n_rows;
}

/* @count rows read of at most @cap + 1, from rowid @oldest to @boundary:
 * beyond @cap, the rest are estimated from the share of the rowids they
 * cover (rowids are dense: a row keeps its id when indexed again). */
static gint64
estimate_count (HbStore *self, gint64 count, int cap, gint64 oldest, gint64 boundary)
{
  if (count > cap && boundary > oldest)
    {
      g_autoptr (HbStoreStmt) range = hb_store_cached (self,
                                                       "SELECT (SELECT min (id) FROM search_rows), "
                                                       "(SELECT max (id) FROM search_rows)",
                                                       NULL);
      gint64 bottom = oldest, top = boundary;

      if (range != NULL && sqlite3_step (range) == SQLITE_ROW)
        {
          bottom = MIN (sqlite3_column_int64 (range, 0), oldest);
          top = MAX (sqlite3_column_int64 (range, 1), boundary);
        }
      count = (gint64) ((double) cap * (double) (top - bottom + 1)
                        / (double) MAX (boundary - bottom, 1));
    }
  return count;
}

static char *
count_key (int cap, const char *match)
{
  return g_strdup_printf ("%d\n%s", cap, match);
}

static void
remember_count (SearchState *state, char *key, gint64 count)
{
  gint64 *known = g_new (gint64, 1);

  *known = count;
  g_hash_table_insert (state->counts, key, known);
}

gint64
hb_store_search_count (HbStore *self, const char *match, int cap, GError **error)
{
  SearchState *state = fresh_state (self);
  g_autoptr (HbStoreStmt) stmt = NULL;
  g_autofree char *key = count_key (cap, match);
  gint64 *known = g_hash_table_lookup (state->counts, key);
  gint64 count = 0;
  gint64 oldest = 0;
  gint64 boundary = 0;
  int rc;

  if (known != NULL)
    return *known;

  /* The first @cap matches are counted, the rest estimated. In rowid
   * order: FTS5 reads a word's rows backwards only after reading all of
   * them. */
  stmt = hb_store_cached (self,
                          "SELECT rowid FROM search_index WHERE search_index MATCH ?1 "
                          "ORDER BY rowid LIMIT ?2",
                          error);
  if (stmt == NULL)
    return -1;
  sqlite3_bind_text (stmt, 1, match, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 2, cap + 1);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 rowid = sqlite3_column_int64 (stmt, 0);

      if (count == 0)
        oldest = rowid;
      boundary = rowid;
      count++;
    }
  if (rc != SQLITE_DONE)
    {
      gboolean refused = FALSE;

      query_failed (self, match, rc, &refused, error);
      return refused ? -2 : -1;
    }

  count = estimate_count (self, count, cap, oldest, boundary);
  remember_count (state, g_steal_pointer (&key), count);
  return count;
}

/* Whether a phrase is one quoted phrase, a prefix or not: what FTS5 counts
 * on its own with xQueryPhrase(). */
static gboolean
is_one_phrase (const char *phrase)
{
  const char *p = phrase;

  if (*p++ != '"')
    return FALSE;
  for (; *p != '\0'; p++)
    if (*p == '"')
      {
        if (p[1] == '"')
          p++; /* a quote written twice */
        else
          break;
      }
  if (*p++ != '"')
    return FALSE;
  return *p == '\0' || strcmp (p, " *") == 0;
}

static char *
titled_key (const char *expression)
{
  return g_strconcat ("titled\n", expression, NULL);
}

gboolean
hb_store_search_count_group (HbStore *self,
                             const char *const *phrases,
                             const int *caps,
                             guint n,
                             int cap,
                             gint64 *docs,
                             gint64 *group_docs)
{
  SearchState *state = fresh_state (self);
  g_autoptr (HbStoreStmt) stmt = NULL;
  g_autoptr (GString) expression = g_string_new ("(");
  g_autofree char *group_key = NULL;
  HbSearchCounts counts = { 0 };
  gboolean all_known = TRUE;
  gint64 *known;
  int rc;

  if (n == 0 || n > HB_SEARCH_COUNTS_MAX)
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      if (!is_one_phrase (phrases[i]))
        return FALSE;
      if (i > 0)
        g_string_append (expression, " OR ");
      g_string_append (expression, phrases[i]);
    }
  g_string_append_c (expression, ')');

  counts.n_phrases = (int) n;
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *key = caps[i] >= 0 ? count_key (caps[i], phrases[i]) : NULL;

      known = key != NULL ? g_hash_table_lookup (state->counts, key) : NULL;
      counts.caps[i] = known != NULL ? -1 : caps[i];
      if (known != NULL)
        docs[i] = *known;
      else if (caps[i] >= 0)
        all_known = FALSE;
    }
  group_key = count_key (cap, expression->str);
  known = g_hash_table_lookup (state->counts, group_key);
  if (known != NULL && all_known)
    {
      *group_docs = *known;
      return TRUE;
    }

  stmt = hb_store_cached (self,
                          "SELECT hb_count (search_index, ?2) FROM search_index "
                          "WHERE search_index MATCH ?1 ORDER BY rowid LIMIT ?3",
                          NULL);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, expression->str, -1, SQLITE_STATIC);
  sqlite3_bind_pointer (stmt, 2, &counts, HB_SEARCH_COUNTS_POINTER, NULL);
  sqlite3_bind_int (stmt, 3, cap + 1);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    ;
  g_clear_pointer (&stmt, hb_store_stmt_reset);
  /* Refused, or failed: the caller counts each on its own, which says why. */
  if (rc != SQLITE_DONE)
    return FALSE;

  for (guint i = 0; i < n; i++)
    if (counts.caps[i] >= 0)
      {
        docs[i] = estimate_count (self, counts.counts[i], caps[i], counts.first[i], counts.last[i]);
        remember_count (state, count_key (caps[i], phrases[i]), docs[i]);
      }
  *group_docs = estimate_count (self, counts.rows, cap, counts.first_row, counts.last_row);
  if (known == NULL)
    remember_count (state, g_steal_pointer (&group_key), *group_docs);

  /* Whether a title, heading or tag holds one, when the rows read tell:
   * one of them did, or they were all the rows. Under the OR of the
   * phrases some row holds, as hb_store_search_titled() is asked. */
  if (counts.titled || counts.rows <= cap)
    {
      g_autoptr (GString) held = g_string_new ("(");

      for (guint i = 0; i < n; i++)
        if ((n == 1 ? *group_docs : docs[i]) != 0)
          {
            if (held->len > 1)
              g_string_append (held, " OR ");
            g_string_append (held, phrases[i]);
          }
      g_string_append_c (held, ')');
      if (held->len > 2)
        remember_count (state, titled_key (held->str), counts.titled ? 1 : 0);
    }
  return TRUE;
}

int
hb_store_search_titled (HbStore *self, const char *expression, GError **error)
{
  SearchState *state = fresh_state (self);
  g_autofree char *key = titled_key (expression);
  gint64 *known = g_hash_table_lookup (state->counts, key);
  g_autofree char *in_titles = NULL;
  gint64 count;

  if (known != NULL)
    return (int) *known;
  in_titles = g_strdup_printf ("{title headings tags} : %s", expression);
  count = hb_store_search_count (self, in_titles, 1, error);
  if (count == -1)
    return -1;
  remember_count (state, g_steal_pointer (&key), count > 0 ? 1 : 0);
  return count > 0 ? 1 : 0;
}

/* A varint of SQLite's records, as FTS5 writes the sizes; 0 past @end. */
static int
get_varint (const guchar *p, const guchar *end, guint64 *value)
{
  guint64 v = 0;

  for (int i = 0; i < 9 && p + i < end; i++)
    {
      if (i == 8)
        {
          *value = (v << 8) | p[i];
          return 9;
        }
      v = (v << 7) | (p[i] & 0x7f);
      if (!(p[i] & 0x80))
        {
          *value = v;
          return i + 1;
        }
    }
  return 0;
}

/*
 * Every row's length in tokens of each column, read in one pass from
 * FTS5's own table of them, for hb_scan's BM25F: FTS5's xColumnSize looks
 * a row's up in that table each time, and that took a tenth of a search
 * (callgrind). Read once for each state of the index; rows it lacks (or an
 * index whose rowids are far from dense) fall back to xColumnSize.
 */
static void
load_column_sizes (HbStore *self, SearchState *state)
{
  g_autoptr (HbStoreStmt) range = NULL;
  g_autoptr (HbStoreStmt) stmt = NULL;
  gint64 count = 0, last = 0;

  if (state->column_sizes != NULL)
    return;
  range = hb_store_cached (self, "SELECT count(*), max(id) FROM search_index_docsize", NULL);
  if (range == NULL || sqlite3_step (range) != SQLITE_ROW)
    return;
  count = sqlite3_column_int64 (range, 0);
  last = sqlite3_column_int64 (range, 1);
  if (count <= 0 || last < 0 || last > 4 * count + 1024)
    return;
  stmt = hb_store_cached (self, "SELECT id, sz FROM search_index_docsize", NULL);
  if (stmt == NULL)
    return;
  state->n_sized = last + 1;
  state->column_sizes = g_new (guint32, (gsize) state->n_sized * HB_SEARCH_N_COLUMNS);
  memset (state->column_sizes, 0xff, (gsize) state->n_sized * HB_SEARCH_N_COLUMNS * sizeof (guint32));
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      const guchar *p = sqlite3_column_blob (stmt, 1);
      const guchar *end = p + sqlite3_column_bytes (stmt, 1);
      guint32 sizes[HB_SEARCH_N_COLUMNS];
      int c;

      if (id < 0 || id >= state->n_sized || p == NULL)
        continue;
      for (c = 0; c < HB_SEARCH_N_COLUMNS; c++)
        {
          guint64 v = 0;
          int n = get_varint (p, end, &v);

          if (n == 0 || v >= G_MAXUINT32)
            break;
          sizes[c] = (guint32) v;
          p += n;
        }
      if (c == HB_SEARCH_N_COLUMNS)
        memcpy (state->column_sizes + id * HB_SEARCH_N_COLUMNS, sizes, sizeof sizes);
    }
}

gboolean
hb_store_search_scan (HbStore *self, const char *match, HbSearchScan *scan, gboolean *refused,
                      GError **error)
{
  g_autoptr (HbStoreStmt) stmt = NULL;
  SearchState *state = fresh_state (self);
  int rc = SQLITE_DONE;

  load_column_sizes (self, state);
  scan->pool = state->row_pool;
  scan->column_sizes = state->column_sizes;
  scan->n_sized = state->column_sizes != NULL ? state->n_sized : 0;
  *refused = FALSE;
  scan->done = FALSE;
  scan->n_this_pass = 0;
  stmt = hb_store_cached (self,
                          "SELECT hb_scan (search_index, ?2) FROM search_index "
                          "WHERE search_index MATCH ?1 ORDER BY rowid",
                          error);
  if (stmt == NULL)
    return FALSE;

  if (g_getenv ("HB_DEBUG_SCAN") != NULL)
    g_printerr ("scan: %s\n", match);
  sqlite3_bind_text (stmt, 1, match, -1, SQLITE_STATIC);
  sqlite3_bind_pointer (stmt, 2, scan, HB_SEARCH_SCAN_POINTER, NULL);
  while (!scan->done && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    ;
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    return query_failed (self, match, rc, refused, error);
  return TRUE;
}

gboolean
hb_store_search_by_title (HbStore *self, const char *match, guint limit, GArray *rowids,
                          gboolean *refused, GError **error)
{
  g_autoptr (HbStoreStmt) stmt = NULL;
  int rc;

  *refused = FALSE;
  stmt = hb_store_cached (self,
                          "SELECT i.rowid FROM search_index i JOIN search_rows r ON r.id = i.rowid "
                          "JOIN article_versions v ON v.article_id = r.article_id "
                          "AND v.version = r.version WHERE i.search_index MATCH ?1 "
                          "ORDER BY v.title COLLATE NOCASE, r.article_id LIMIT ?2",
                          error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, match, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, limit);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 rowid = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (rowids, rowid);
    }
  if (rc != SQLITE_DONE)
    return query_failed (self, match, rc, refused, error);
  return TRUE;
}

/* The rows shown last: typing on shows most of them again, and reading a
 * long law's body and sections again is most of what a result costs. At
 * most this many, and this many bytes of bodies: the bytes are what bound
 * the memory (a row's own strings and sections are about 1 kB), and an
 * agent's day of searches comes back to the same few hundred articles. */
#define SHOWN_MAX 1024
#define SHOWN_BYTES_MAX (16 * 1024 * 1024)

static ShownRow *
shown_get (SearchState *state, gint64 rowid)
{
  ShownRow *shown = g_hash_table_lookup (state->shown, &rowid);

  if (shown == NULL)
    {
      shown = g_new0 (ShownRow, 1);
      shown->rowid = rowid;
      shown->link.data = shown;
      g_hash_table_insert (state->shown, &shown->rowid, shown);
    }
  else
    g_queue_unlink (&state->shown_order, &shown->link);
  g_queue_push_head_link (&state->shown_order, &shown->link);
  return shown;
}

static void
shown_trim (SearchState *state)
{
  while (state->shown_order.length > 1
         && (state->shown_order.length > SHOWN_MAX || state->shown_bytes > SHOWN_BYTES_MAX))
    {
      GList *last = g_queue_pop_tail_link (&state->shown_order);
      ShownRow *shown = last->data;

      if (shown->text != NULL)
        state->shown_bytes -= (gsize) shown->text->body_len;
      g_hash_table_remove (state->shown, &shown->rowid);
    }
}

static HbStoreSearchRow *read_search_row (HbStore *self, gint64 rowid, GError **error);

HbStoreSearchRow *
hb_store_search_row (HbStore *self, gint64 rowid, GError **error)
{
  SearchState *state = fresh_state (self);
  ShownRow *shown = g_hash_table_lookup (state->shown, &rowid);
  HbStoreSearchRow *row;

  if (shown != NULL && shown->row != NULL)
    return hb_store_search_row_ref (shown->row);
  row = read_search_row (self, rowid, error);
  if (row != NULL)
    {
      shown = shown_get (state, rowid);
      shown->row = hb_store_search_row_ref (row);
      shown_trim (state);
    }
  return row;
}

static HbStoreSearchRow *
read_search_row (HbStore *self, gint64 rowid, GError **error)
{
  g_autoptr (HbStoreStmt) stmt = NULL;
  HbStoreSearchRow *row;
  int rc;

  stmt = hb_store_cached (self,
                          "SELECT r.article_id, r.version, v.title, r.kind, r.lang, v.platforms, "
                          "v.source FROM search_rows r JOIN article_versions v "
                          "ON v.article_id = r.article_id AND v.version = r.version WHERE r.id = ?1",
                          error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, rowid);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      if (rc != SQLITE_DONE)
        hb_store_set_error_from_sqlite (self, error, rc, NULL);
      return NULL;
    }

  row = g_atomic_rc_box_new0 (HbStoreSearchRow);
  row->rowid = rowid;
  row->id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  row->version = (guint) sqlite3_column_int64 (stmt, 1);
  row->title = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
  row->kind = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
  row->lang = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
  row->platforms = hb_store_split_list ((const char *) sqlite3_column_text (stmt, 5));
  row->source = g_strdup ((const char *) sqlite3_column_text (stmt, 6));
  return row;
}

static HbSearchText *read_search_text (HbStore *self, gint64 rowid, GError **error);

HbSearchText *
hb_store_search_text (HbStore *self, gint64 rowid, GError **error)
{
  SearchState *state = fresh_state (self);
  ShownRow *shown = g_hash_table_lookup (state->shown, &rowid);
  HbSearchText *text;

  if (shown != NULL && shown->text != NULL)
    {
      shown_get (state, rowid);
      return hb_search_text_ref (shown->text);
    }
  text = read_search_text (self, rowid, error);
  if (text != NULL)
    {
      shown = shown_get (state, rowid);
      shown->text = hb_search_text_ref (text);
      state->shown_bytes += (gsize) text->body_len;
      shown_trim (state);
    }
  return text;
}

/* Checkpoints are read into an array of int as stored. */
G_STATIC_ASSERT (sizeof (int) == sizeof (guint32));

static HbSearchText *
read_search_text (HbStore *self, gint64 rowid, GError **error)
{
  g_autoptr (HbStoreStmt) stmt = NULL;
  g_autoptr (HbSearchText) text = hb_search_text_new ();
  int rc;

  /* The text comes from the index's own copy, as FTS5 read it. */
  stmt = hb_store_cached (self, "SELECT c3 FROM search_index_content WHERE id = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, rowid);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      if (rc != SQLITE_DONE)
        hb_store_set_error_from_sqlite (self, error, rc, NULL);
      return NULL;
    }
  text->body_len = sqlite3_column_bytes (stmt, 0);
  text->body = g_strndup ((const char *) sqlite3_column_text (stmt, 0), text->body_len);
  g_clear_pointer (&stmt, hb_store_stmt_reset);

  stmt = hb_store_cached (self,
                          "SELECT body_pos, body_byte, heading_pos, level, heading_id, heading "
                          "FROM search_sections WHERE row = ?1 ORDER BY idx",
                          error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, rowid);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      HbSearchSection section = {
        sqlite3_column_int (stmt, 0),
        sqlite3_column_int (stmt, 1),
        sqlite3_column_int (stmt, 2),
        sqlite3_column_int (stmt, 3),
        g_strdup ((const char *) sqlite3_column_text (stmt, 4)),
        g_strdup ((const char *) sqlite3_column_text (stmt, 5)),
      };

      g_array_append_val (text->sections, section);
    }
  if (rc != SQLITE_DONE)
    {
      hb_store_set_error_from_sqlite (self, error, rc, NULL);
      return NULL;
    }
  g_clear_pointer (&stmt, hb_store_stmt_reset);

  stmt = hb_store_cached (self, "SELECT step, offsets FROM search_checkpoints WHERE row = ?1",
                          error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, rowid);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const guint32 *offsets = sqlite3_column_blob (stmt, 1);
      int n = sqlite3_column_bytes (stmt, 1) / (int) sizeof (guint32);

      text->step = sqlite3_column_int (stmt, 0);
      /* Little-endian 32-bit offsets: as they are, on most machines. */
      g_array_set_size (text->checkpoints, n);
      memcpy (text->checkpoints->data, offsets, n * sizeof (guint32));
#if G_BYTE_ORDER != G_LITTLE_ENDIAN
      for (int i = 0; i < n; i++)
        g_array_index (text->checkpoints, int, i)
            = (int) GUINT32_FROM_LE (g_array_index (text->checkpoints, guint32, i));
#endif
    }

  return g_steal_pointer (&text);
}

/* A row's kind and language, interned: a search asks for those of its
 * sixty best rows at each keystroke, mostly the same rows. */
typedef struct
{
  gint64 rowid;
  const char *kind;
  const char *lang;
} RowKind;

#define KINDS_MAX 65536

GPtrArray *
hb_store_search_kinds (HbStore *self, GArray *rowids, GPtrArray *langs, GError **error)
{
  SearchState *state = fresh_state (self);
  g_autoptr (GPtrArray) kinds = g_ptr_array_sized_new (rowids->len);

  if (g_hash_table_size (state->kinds) > KINDS_MAX)
    g_hash_table_remove_all (state->kinds);
  for (guint i = 0; i < rowids->len; i++)
    {
      gint64 rowid = g_array_index (rowids, gint64, i);
      RowKind *known = g_hash_table_lookup (state->kinds, &rowid);
      g_autoptr (HbStoreStmt) stmt = NULL;
      int rc;

      if (known == NULL)
        {
          stmt = hb_store_cached (self, "SELECT kind, lang FROM search_rows WHERE id = ?1", error);
          if (stmt == NULL)
            return NULL;
          sqlite3_bind_int64 (stmt, 1, rowid);
          rc = sqlite3_step (stmt);
          if (rc == SQLITE_ROW)
            {
              known = g_new0 (RowKind, 1);
              known->rowid = rowid;
              known->kind = g_intern_string ((const char *) sqlite3_column_text (stmt, 0));
              known->lang = g_intern_string ((const char *) sqlite3_column_text (stmt, 1));
              g_hash_table_insert (state->kinds, known, known);
            }
          else if (rc != SQLITE_DONE)
            {
              hb_store_set_error_from_sqlite (self, error, rc, NULL);
              return NULL;
            }
        }
      /* A row gone meanwhile has neither. */
      g_ptr_array_add (kinds, known != NULL ? (gpointer) known->kind : NULL);
      if (langs != NULL)
        g_ptr_array_add (langs, known != NULL ? (gpointer) known->lang : NULL);
    }
  return g_steal_pointer (&kinds);
}

int
hb_store_search_bare (HbStore *self, const char *match, guint limit, gboolean shown,
                      GError **error)
{
  g_autoptr (HbStoreStmt) stmt = NULL;
  int found = 0;
  int rc;

  stmt = hb_store_cached (self,
                          shown ? "SELECT v.title, s.snip FROM (SELECT rowid AS id, "
                                  "snippet (search_index, 3, '[', ']', '…', 32) AS snip "
                                  "FROM search_index WHERE search_index MATCH ?1 "
                                  "ORDER BY rank LIMIT ?2) s JOIN search_rows r ON r.id = s.id "
                                  "JOIN article_versions v ON v.article_id = r.article_id "
                                  "AND v.version = r.version"
                                : "SELECT rowid FROM search_index WHERE search_index MATCH ?1 "
                                  "ORDER BY rank LIMIT ?2",
                          error);
  if (stmt == NULL)
    return -1;
  sqlite3_bind_text (stmt, 1, match, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, limit);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      if (shown && sqlite3_column_text (stmt, 1) == NULL)
        continue;
      found++;
    }
  if (rc != SQLITE_DONE)
    {
      if (is_query_error (hb_store_get_db (self), rc))
        return 0;
      hb_store_set_error_from_sqlite (self, error, rc, NULL);
      return -1;
    }
  return found;
}

GPtrArray *
hb_store_search_pairs (HbStore *self)
{
  g_autoptr (HbStoreStmt) stmt = NULL;
  GPtrArray *pairs = g_ptr_array_new_with_free_func (g_free);

  /* A pair is a translation when the text says so more than by accident:
   * each distinct pair once. */
  stmt = hb_store_cached (self, "SELECT DISTINCT en, zh FROM search_pairs ORDER BY en, zh", NULL);
  if (stmt == NULL)
    return pairs;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_ptr_array_add (pairs, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
      g_ptr_array_add (pairs, g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
    }
  return pairs;
}

GPtrArray *
hb_store_search_titles (HbStore *self)
{
  g_autoptr (HbStoreStmt) stmt = NULL;
  GPtrArray *titles = g_ptr_array_new_with_free_func (g_free);
  /* Each once: SQL's UNION would sort them all on disk first. */
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  stmt = hb_store_cached (self,
                          "SELECT v.title FROM search_rows r JOIN article_versions v "
                          "ON v.article_id = r.article_id AND v.version = r.version "
                          "UNION ALL SELECT heading FROM search_sections WHERE heading IS NOT NULL",
                          NULL);
  if (stmt == NULL)
    return titles;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *title = (const char *) sqlite3_column_text (stmt, 0);
      char *copy;

      if (title == NULL || g_hash_table_contains (seen, title))
        continue;
      copy = g_strdup (title);
      g_hash_table_add (seen, copy);
      g_ptr_array_add (titles, copy);
    }
  return titles;
}

GPtrArray *
hb_store_search_row_titles (HbStore *self)
{
  g_autoptr (HbStoreStmt) stmt = NULL;
  GPtrArray *titles = g_ptr_array_new_with_free_func (g_free);

  stmt = hb_store_cached (self, "SELECT title FROM search_index", NULL);
  if (stmt == NULL)
    return titles;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (titles, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  return titles;
}

/* ------------------------------------------------------------------------ */
/* The vocabulary, for corrections. */

/* Upper bound of the terms that start with @prefix. */
static char *
prefix_end (const char *prefix)
{
  return g_strconcat (prefix, "\xf4\x8f\xbf\xbf", NULL);
}

gboolean
hb_store_search_vocab_knows (HbStore *self, const char *term, gboolean as_prefix)
{
  SearchState *state = fresh_state (self);
  g_autoptr (HbStoreStmt) stmt = NULL;
  g_autofree char *end = NULL;
  g_autofree char *key = g_strconcat (as_prefix ? "^" : "=", term, NULL);
  gpointer known;
  gboolean knows;

  /* fts5vocab counts a term's documents to answer even this: at 100,000
   * articles a common word's doclist is long, and typing asks again for
   * every word at every key. */
  if (g_hash_table_lookup_extended (state->known, key, NULL, &known))
    return GPOINTER_TO_INT (known);
  end = prefix_end (term);

  stmt = as_prefix ? hb_store_cached (self,
                                      "SELECT 1 FROM search_vocab WHERE term >= ?1 AND term < ?2 "
                                      "LIMIT 1",
                                      NULL)
                   : hb_store_cached (self, "SELECT 1 FROM search_vocab WHERE term = ?1", NULL);
  if (stmt == NULL)
    return TRUE;
  sqlite3_bind_text (stmt, 1, term, -1, SQLITE_STATIC);
  if (as_prefix)
    sqlite3_bind_text (stmt, 2, end, -1, SQLITE_STATIC);
  knows = sqlite3_step (stmt) == SQLITE_ROW;
  g_hash_table_insert (state->known, g_steal_pointer (&key), GINT_TO_POINTER (knows));
  return knows;
}

gint64
hb_store_search_vocab_docs (HbStore *self, const char *term)
{
  g_autoptr (HbStoreStmt) stmt = hb_store_cached (self, "SELECT doc FROM search_vocab WHERE term = ?1",
                                                  NULL);

  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, term, -1, SQLITE_STATIC);
  return sqlite3_step (stmt) == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
}

static void
vocab_term_clear (gpointer data)
{
  g_free (((HbStoreVocabTerm *) data)->term);
}

GArray *
hb_store_search_vocab_range (HbStore *self, const char *from, const char *to, guint limit)
{
  g_autoptr (HbStoreStmt) stmt = NULL;
  GArray *terms = g_array_new (FALSE, FALSE, sizeof (HbStoreVocabTerm));

  g_array_set_clear_func (terms, vocab_term_clear);
  stmt = hb_store_cached (self,
                          "SELECT term, doc FROM search_vocab WHERE term >= ?1 AND term < ?2 "
                          "LIMIT ?3",
                          NULL);
  if (stmt == NULL)
    return terms;
  sqlite3_bind_text (stmt, 1, from, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, to, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, limit > 0 ? (sqlite3_int64) limit : -1);

  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      HbStoreVocabTerm term = { g_strndup ((const char *) sqlite3_column_text (stmt, 0),
                                           sqlite3_column_bytes (stmt, 0)),
                                sqlite3_column_int64 (stmt, 1) };

      g_array_append_val (terms, term);
    }
  return terms;
}

GPtrArray *
hb_store_search_term_texts (HbStore *self, const char *match, const char *term, guint limit)
{
  g_autoptr (HbStoreStmt) stmt = NULL;
  GPtrArray *words = g_ptr_array_new_with_free_func (g_free);

  stmt = hb_store_cached (self,
                          "SELECT hb_term_text (search_index, ?2, c.step, c.offsets) "
                          "FROM search_index LEFT JOIN search_checkpoints c "
                          "ON c.row = search_index.rowid "
                          "WHERE search_index MATCH ?1 LIMIT ?3",
                          NULL);
  if (stmt == NULL)
    return words;
  sqlite3_bind_text (stmt, 1, match, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, term, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, limit);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *word = (const char *) sqlite3_column_text (stmt, 0);

      if (word != NULL)
        g_ptr_array_add (words, g_strdup (word));
    }
  return words;
}
