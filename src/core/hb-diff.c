/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hb-diff"

#include "config.h"

#include "hb-diff.h"

#include "hb-diff-sequence.h"
#include "hb-markdown-private.h"
#include "hb-tokenizer.h"
#include "hb-util.h"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>
#include <glib/gi18n-lib.h>
#include <string.h>

G_DEFINE_QUARK (hb-diff-error-quark, hb_diff_error)

/*
 * How it works:
 *
 * 1. Each version is parsed (hb_markdown_parse()) and walked into blocks,
 *    each with a key: its kind, a few attributes and its text with white
 *    space runs made one space. Containers (block quotes, lists, items,
 *    tables, rows) are frames; a block points at its innermost frame.
 * 2. The two sequences of keys are diffed (hb_diff_sequences(), Wu's
 *    O(NP)). Equal keys are unchanged blocks. Between two of them, the
 *    removed and added blocks are paired where they are alike (the Dice
 *    coefficient of their character bigrams, or a table cell of the same
 *    column), so that an amended paragraph shows as one changed block.
 * 3. A pair's texts are cut into tokens and diffed again; the script is
 *    cleaned up so that a short run of common text between two changes
 *    does not chop the change up.
 * 4. The redline follows the new version's structure. A removed block
 *    goes into the old frames that match new ones (a removed list item
 *    stays in its list), or into old frames of its own.
 */

/* Least likeness (0 to 1) for a removed and an added block to be one
 * changed block. */
#define PAIR_THRESHOLD 0.4
/* Stretches of removed × added blocks up to this size are paired by
 * dynamic programming; larger ones (a rewritten article) greedily, each
 * removed block looking at the next GREEDY_WINDOW added ones. */
#define DP_MAX_CELLS 65536
#define GREEDY_WINDOW 16
/* Bounds on the work of O(NP) (see hb_diff_sequences()): two blocks of
 * ten thousand tokens each that have little in common are shown replaced
 * as a whole rather than compared for seconds. The bound for blocks is
 * far beyond any article. */
#define MAX_TOKEN_PRODUCT G_GUINT64_CONSTANT (100000000)
#define MAX_BLOCK_PRODUCT G_GUINT64_CONSTANT (1000000000)

typedef enum
{
  FRAME_QUOTE,
  FRAME_LIST,
  FRAME_ITEM,
  FRAME_TABLE,
  FRAME_ROW,
} FrameType;

typedef struct
{
  FrameType type;
  int parent;          /* index of the enclosing frame, or -1 */
  cmark_node *node;    /* only while parsing */
  int quote_depth;     /* block quotes around and including it */
  gboolean ordered;    /* list, item */
  gboolean tight;      /* list */
  int start;           /* list: its first number */
  int n_children;      /* list: items; table: rows; row: cells */
  int number;          /* item of an ordered list: its number */
  guint n_blocks;      /* item: blocks directly in it */
  gboolean header;     /* row */
  int n_columns;       /* table */
} Frame;

typedef struct
{
  HbDiffBlockKind kind;
  int level;
  int row;
  int column;
  char align;             /* cell: 'l', 'c', 'r' or 0 */
  gboolean header;        /* cell of a header row */
  gboolean first_in_item; /* the first block of its list item */
  gboolean tight;         /* list item of a tight list */
  int frame;              /* innermost frame, or -1 */
  int heading;            /* the heading of its section, or -1 */
  char *text;
  guint32 key;
  guint64 *profile;       /* sorted character bigrams, made when needed */
  guint n_profile;
} Block;

typedef struct
{
  GArray *blocks;         /* Block */
  GArray *frames;         /* Frame */
  GPtrArray *headings;    /* HbHeading */
  GArray *heading_parent; /* int: the enclosing heading, or -1 */
} Document;

typedef struct
{
  gboolean changed;
  guint old_start, old_end; /* bytes of the old text (changes only) */
  guint new_start, new_end; /* bytes of the new text */
} Piece;

typedef struct
{
  HbDiffBlock pub;
  int old_block;   /* or -1 */
  int new_block;   /* or -1 */
  int section;     /* index in HbDiff.sections */
  GArray *pieces;  /* Piece, for changed blocks */
} Entry;

typedef struct
{
  HbDiffSection pub;
  int parent;      /* the enclosing section, or -1 */
  int entry;       /* its heading's entry, or -1 before the first heading */
  gboolean listed; /* in the summary */
} Section;

struct _HbDiff
{
  Document old_doc;
  Document new_doc;
  GArray *entries;       /* Entry */
  GPtrArray *sections;   /* Section */
  HbDiffSummary summary;
  int *old_frame_map;    /* old frame → new frame, or -1 */

  /* Only while comparing. */
  GHashTable *interned;
  GStringChunk *chunk;
  GString *scratch;
};

typedef enum
{
  TOKEN_SPACE,
  TOKEN_WORD,
  TOKEN_CJK,
  TOKEN_PUNCT,
} TokenClass;

typedef struct
{
  guint start;
  guint end;
  guint32 id;
  TokenClass klass;
} Token;

/* ------------------------------------------------------------------------ */
/* Tokens */

static guint32
intern (HbDiff *self, const char *text, gsize len)
{
  const char *lookup = text;
  gpointer value;
  char *key;
  guint32 id;

  /* A token is a piece of a longer text: it needs its own nul. */
  if (text[len] != '\0')
    {
      g_string_truncate (self->scratch, 0);
      g_string_append_len (self->scratch, text, len);
      lookup = self->scratch->str;
    }
  if (g_hash_table_lookup_extended (self->interned, lookup, NULL, &value))
    return GPOINTER_TO_UINT (value);

  key = g_string_chunk_insert_len (self->chunk, text, len);
  id = g_hash_table_size (self->interned) + 1;
  g_hash_table_insert (self->interned, key, GUINT_TO_POINTER (id));
  return id;
}

static gboolean
is_word_char (gunichar c)
{
  return (g_unichar_isalnum (c) || g_unichar_ismark (c)) && !hb_tokenizer_is_cjk (c);
}

/*
 * Cuts @text into tokens: runs of white space, words of alphabetic
 * scripts (letters, digits and combining marks), single CJK characters and
 * single other characters (punctuation). With @self, each token gets an id,
 * white space runs one id for all unless @exact (code).
 */
static void
tokenize (HbDiff *self, const char *text, gboolean exact, GArray *tokens)
{
  const char *p = text;

  while (*p != '\0')
    {
      gunichar c = g_utf8_get_char (p);
      const char *start = p;
      Token token;

      p = g_utf8_next_char (p);
      if (g_unichar_isspace (c))
        {
          while (*p != '\0' && g_unichar_isspace (g_utf8_get_char (p)))
            p = g_utf8_next_char (p);
          token.klass = TOKEN_SPACE;
        }
      else if (hb_tokenizer_is_cjk (c))
        token.klass = TOKEN_CJK;
      else if (is_word_char (c))
        {
          while (*p != '\0' && is_word_char (g_utf8_get_char (p)))
            p = g_utf8_next_char (p);
          token.klass = TOKEN_WORD;
        }
      else
        token.klass = TOKEN_PUNCT;

      token.start = start - text;
      token.end = p - text;
      token.id = 0;
      if (self != NULL)
        {
          if (token.klass == TOKEN_SPACE && !exact)
            token.id = intern (self, " ", 1);
          else
            token.id = intern (self, start, p - start);
        }
      g_array_append_val (tokens, token);
    }
}

static gboolean
token_counts (const Token *token)
{
  return token->klass == TOKEN_WORD || token->klass == TOKEN_CJK;
}

/* Words and CJK characters of @text. */
static guint
count_words (const char *text)
{
  g_autoptr (GArray) tokens = g_array_new (FALSE, FALSE, sizeof (Token));
  guint n = 0;
  guint i;

  tokenize (NULL, text, TRUE, tokens);
  for (i = 0; i < tokens->len; i++)
    if (token_counts (&g_array_index (tokens, Token, i)))
      n++;
  return n;
}

/* ------------------------------------------------------------------------ */
/* Blocks */

static void
document_clear (Document *doc)
{
  guint i;

  if (doc->blocks != NULL)
    for (i = 0; i < doc->blocks->len; i++)
      {
        Block *block = &g_array_index (doc->blocks, Block, i);

        g_free (block->text);
        g_free (block->profile);
      }
  g_clear_pointer (&doc->blocks, g_array_unref);
  g_clear_pointer (&doc->frames, g_array_unref);
  g_clear_pointer (&doc->headings, g_ptr_array_unref);
  g_clear_pointer (&doc->heading_parent, g_array_unref);
}

static Frame *
frame_at (Document *doc, int index)
{
  return index >= 0 ? &g_array_index (doc->frames, Frame, index) : NULL;
}

static int
push_frame (Document *doc, int parent, FrameType type, cmark_node *node)
{
  Frame frame = { 0 };
  Frame *up = frame_at (doc, parent);

  frame.type = type;
  frame.parent = parent;
  frame.node = node;
  frame.quote_depth = (up != NULL ? up->quote_depth : 0) + (type == FRAME_QUOTE ? 1 : 0);
  g_array_append_val (doc->frames, frame);
  return doc->frames->len - 1;
}

/* The key two blocks are alike by: kind, attributes and text, with every
 * run of white space one space (but exact in code). */
static void
block_set_key (HbDiff *self, Block *block, const char *info, int quote_depth)
{
  GString *key = g_string_sized_new (strlen (block->text) + 32);
  const char *p = block->text;
  gboolean space = FALSE;

  g_string_printf (key, "%d:%d:%d:%d:%d:%s\x1f", block->kind, block->level, block->align,
                   block->header, quote_depth, info != NULL ? info : "");
  if (block->kind == HB_DIFF_BLOCK_CODE)
    g_string_append (key, block->text);
  else
    while (*p != '\0')
      {
        /* Most text is ASCII or CJK: only decode what may be a space. */
        const char *next = (guchar) *p < 0x80 ? p + 1 : g_utf8_next_char (p);
        gboolean is_space = (guchar) *p < 0x80 ? g_ascii_isspace (*p) : g_unichar_isspace (g_utf8_get_char (p));

        if (is_space)
          space = TRUE;
        else
          {
            if (space)
              g_string_append_c (key, ' ');
            space = FALSE;
            g_string_append_len (key, p, next - p);
          }
        p = next;
      }

  block->key = intern (self, key->str, key->len);
  g_string_free (key, TRUE);
}

static char *
inline_text (cmark_node *node)
{
  GString *text = g_string_new (NULL);

  hb_markdown_append_plain_text (text, node);
  return g_strstrip (g_string_free (text, FALSE));
}

static Block *
add_block (Document *doc, HbDiffBlockKind kind, int frame, int heading, cmark_node *node)
{
  Block block = { 0 };
  Frame *container = frame_at (doc, frame);

  block.kind = kind;
  block.row = -1;
  block.column = -1;
  block.frame = frame;
  block.heading = heading;
  if (container != NULL && container->type == FRAME_ITEM && cmark_node_parent (node) == container->node)
    {
      Frame *list = frame_at (doc, container->parent);

      block.first_in_item = container->n_blocks++ == 0;
      block.tight = list != NULL && list->tight;
      if (kind == HB_DIFF_BLOCK_PARAGRAPH)
        block.kind = HB_DIFF_BLOCK_LIST_ITEM;
    }
  g_array_append_val (doc->blocks, block);
  return &g_array_index (doc->blocks, Block, doc->blocks->len - 1);
}

static gboolean
type_is (cmark_node *node, const char *type_string)
{
  return g_strcmp0 (cmark_node_get_type_string (node), type_string) == 0;
}

static void
document_parse (HbDiff *self, Document *doc, const char *markdown)
{
  cmark_node *root = hb_markdown_parse (markdown);
  cmark_iter *iter = cmark_iter_new (root);
  cmark_event_type event;
  int last_at_level[7] = { -1, -1, -1, -1, -1, -1, -1 };
  int frame = -1;
  int heading = -1;
  guint n_headings = 0;
  guint i;

  doc->blocks = g_array_new (FALSE, FALSE, sizeof (Block));
  doc->frames = g_array_new (FALSE, FALSE, sizeof (Frame));
  doc->headings = hb_markdown_collect_headings (root);
  doc->heading_parent = g_array_new (FALSE, FALSE, sizeof (int));

  while ((event = cmark_iter_next (iter)) != CMARK_EVENT_DONE)
    {
      cmark_node *node = cmark_iter_get_node (iter);
      Frame *current = frame_at (doc, frame);
      Block *block = NULL;
      const char *info = NULL;

      if (event == CMARK_EVENT_EXIT)
        {
          if (current != NULL && current->node == node)
            {
              /* An empty list item still shows its bullet. */
              if (current->type == FRAME_ITEM && current->n_blocks == 0 && cmark_node_first_child (node) == NULL)
                {
                  Frame *list = frame_at (doc, current->parent);
                  int quote_depth = current->quote_depth;

                  block = add_block (doc, HB_DIFF_BLOCK_LIST_ITEM, frame, heading, node);
                  block->first_in_item = TRUE;
                  block->tight = list != NULL && list->tight;
                  block->text = g_strdup ("");
                  block_set_key (self, block, NULL, quote_depth);
                }
              frame = current->parent;
            }
          continue;
        }

      switch (cmark_node_get_type (node))
        {
        case CMARK_NODE_BLOCK_QUOTE:
          frame = push_frame (doc, frame, FRAME_QUOTE, node);
          continue;

        case CMARK_NODE_LIST:
          frame = push_frame (doc, frame, FRAME_LIST, node);
          current = frame_at (doc, frame);
          current->ordered = cmark_node_get_list_type (node) == CMARK_ORDERED_LIST;
          current->tight = cmark_node_get_list_tight (node);
          current->start = cmark_node_get_list_start (node);
          continue;

        case CMARK_NODE_ITEM:
          {
            Frame *list = current;
            int number = 0;
            gboolean ordered = FALSE;

            if (list != NULL && list->type == FRAME_LIST)
              {
                number = list->start + list->n_children++;
                ordered = list->ordered;
              }
            frame = push_frame (doc, frame, FRAME_ITEM, node);
            current = frame_at (doc, frame);
            current->number = number;
            current->ordered = ordered;
          }
          continue;

        case CMARK_NODE_HEADING:
          {
            int level = cmark_node_get_heading_level (node);
            int parent = -1;
            int l;

            if (n_headings >= doc->headings->len)
              break; /* Cannot be: the same walk found them. */
            heading = n_headings++;
            level = CLAMP (level, 1, 6);
            for (l = 1; l < level; l++)
              parent = MAX (parent, last_at_level[l]);
            last_at_level[level] = heading;
            for (l = level + 1; l <= 6; l++)
              last_at_level[l] = -1;
            g_array_append_val (doc->heading_parent, parent);

            block = add_block (doc, HB_DIFF_BLOCK_HEADING, frame, heading, node);
            block->level = level;
            block->text = g_strdup (((HbHeading *) g_ptr_array_index (doc->headings, heading))->text);
          }
          break;

        case CMARK_NODE_PARAGRAPH:
          block = add_block (doc, HB_DIFF_BLOCK_PARAGRAPH, frame, heading, node);
          block->text = inline_text (node);
          if (block->first_in_item && type_is (cmark_node_parent (node), "tasklist"))
            {
              /* The check box is text of the item, so ticking it is a change. */
              gboolean checked = cmark_gfm_extensions_get_tasklist_item_checked (cmark_node_parent (node));
              char *text = g_strconcat (checked ? "☑ " : "☐ ", block->text, NULL);

              g_free (block->text);
              block->text = text;
            }
          break;

        case CMARK_NODE_CODE_BLOCK:
          {
            const char *literal = cmark_node_get_literal (node);
            gsize len = literal != NULL ? strlen (literal) : 0;

            block = add_block (doc, HB_DIFF_BLOCK_CODE, frame, heading, node);
            if (len > 0 && literal[len - 1] == '\n')
              len--;
            block->text = g_strndup (literal != NULL ? literal : "", len);
            info = cmark_node_get_fence_info (node);
          }
          break;

        case CMARK_NODE_THEMATIC_BREAK:
          block = add_block (doc, HB_DIFF_BLOCK_RULE, frame, heading, node);
          block->text = g_strdup ("");
          break;

        case CMARK_NODE_HTML_BLOCK:
          /* Never shown by the article view, so never compared. */
          continue;

        default:
          if (type_is (node, "table"))
            {
              frame = push_frame (doc, frame, FRAME_TABLE, node);
              frame_at (doc, frame)->n_columns = cmark_gfm_extensions_get_table_columns (node);
              continue;
            }
          /* cmark-gfm calls the header row "table_header". */
          if ((type_is (node, "table_row") || type_is (node, "table_header")) && current != NULL
              && current->type == FRAME_TABLE)
            {
              int row = current->n_children++;

              frame = push_frame (doc, frame, FRAME_ROW, node);
              current = frame_at (doc, frame);
              current->header = cmark_gfm_extensions_get_table_row_is_header (node);
              current->start = row; /* A row's start is its index. */
              continue;
            }
          if (type_is (node, "table_cell") && current != NULL && current->type == FRAME_ROW)
            {
              Frame *table = frame_at (doc, current->parent);
              int column = current->n_children++;
              uint16_t n_columns = cmark_gfm_extensions_get_table_columns (table->node);
              uint8_t *alignments = cmark_gfm_extensions_get_table_alignments (table->node);

              block = add_block (doc, HB_DIFF_BLOCK_TABLE_CELL, frame, heading, node);
              block->row = current->start;
              block->column = column;
              block->header = current->header;
              if (alignments != NULL && column < n_columns)
                block->align = (char) alignments[column];
              block->text = inline_text (node);
              break;
            }
          continue;
        }

      if (block != NULL)
        {
          Frame *container = frame_at (doc, block->frame);

          block_set_key (self, block, info, container != NULL ? container->quote_depth : 0);
        }
      /* A leaf's inlines are its text already. */
      cmark_iter_reset (iter, node, CMARK_EVENT_EXIT);
    }

  cmark_iter_free (iter);
  cmark_node_free (root);

  for (i = 0; i < doc->frames->len; i++)
    g_array_index (doc->frames, Frame, i).node = NULL;
}

/* ------------------------------------------------------------------------ */
/* Pairing removed and added blocks */

static int
compare_guint64 (gconstpointer a, gconstpointer b)
{
  guint64 x = *(const guint64 *) a;
  guint64 y = *(const guint64 *) b;

  return x < y ? -1 : x > y;
}

static void
block_ensure_profile (Block *block)
{
  g_autoptr (GArray) chars = NULL;
  const char *p;
  guint i;

  if (block->profile != NULL)
    return;

  chars = g_array_new (FALSE, FALSE, sizeof (gunichar));
  for (p = block->text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!g_unichar_isspace (c))
        g_array_append_val (chars, c);
    }

  if (chars->len == 1)
    {
      block->profile = g_new (guint64, 1);
      block->profile[0] = g_array_index (chars, gunichar, 0) | G_GUINT64_CONSTANT (1) << 63;
      block->n_profile = 1;
      return;
    }

  block->n_profile = chars->len > 1 ? chars->len - 1 : 0;
  block->profile = g_new (guint64, MAX (block->n_profile, 1));
  for (i = 0; i + 1 < chars->len; i++)
    block->profile[i] = (guint64) g_array_index (chars, gunichar, i) << 32
                        | g_array_index (chars, gunichar, i + 1);
  qsort (block->profile, block->n_profile, sizeof (guint64), compare_guint64);
}

/* The Dice coefficient of the blocks' character bigrams: 1 for the same
 * text, 0 for nothing in common. */
static double
likeness (Block *a, Block *b)
{
  guint i = 0, j = 0, common = 0;
  guint shorter, longer;

  if (a->text[0] == '\0' && b->text[0] == '\0')
    return 1.0;
  block_ensure_profile (a);
  block_ensure_profile (b);
  if (a->n_profile == 0 || b->n_profile == 0)
    return 0.0;

  /* The bound of the coefficient spares merging hopeless pairs. */
  shorter = MIN (a->n_profile, b->n_profile);
  longer = MAX (a->n_profile, b->n_profile);
  if (2.0 * shorter / (shorter + longer) < PAIR_THRESHOLD)
    return 0.0;

  while (i < a->n_profile && j < b->n_profile)
    {
      if (a->profile[i] == b->profile[j])
        common++, i++, j++;
      else if (a->profile[i] < b->profile[j])
        i++;
      else
        j++;
    }
  return 2.0 * common / (a->n_profile + b->n_profile);
}

static int
kind_group (HbDiffBlockKind kind)
{
  switch (kind)
    {
    case HB_DIFF_BLOCK_PARAGRAPH:
    case HB_DIFF_BLOCK_LIST_ITEM:
      return 1;
    default:
      return kind + 2;
    }
}

/* How much pairing old block @a with new block @b is worth, 0 for not. */
static double
pair_weight (Block *a, Block *b)
{
  double value;

  if (kind_group (a->kind) != kind_group (b->kind))
    return 0.0;
  value = likeness (a, b);
  if (value >= PAIR_THRESHOLD)
    return value;
  /* A table cell whose text was replaced outright is still that cell. */
  if (a->kind == HB_DIFF_BLOCK_TABLE_CELL && a->column == b->column)
    return 0.01 + value / 100;
  if (a->kind == HB_DIFF_BLOCK_RULE)
    return 1.0;
  return 0.0;
}

static void
add_entry (HbDiff *self, HbDiffChange change, int old_block, int new_block)
{
  Entry entry = { 0 };
  Block *block;

  entry.old_block = old_block;
  entry.new_block = new_block;
  entry.section = -1;
  entry.pub.change = change;
  if (old_block >= 0)
    entry.pub.old_text = g_array_index (self->old_doc.blocks, Block, old_block).text;
  if (new_block >= 0)
    entry.pub.new_text = g_array_index (self->new_doc.blocks, Block, new_block).text;
  block = new_block >= 0 ? &g_array_index (self->new_doc.blocks, Block, new_block)
                         : &g_array_index (self->old_doc.blocks, Block, old_block);
  entry.pub.kind = block->kind;
  entry.pub.level = block->level;
  entry.pub.row = block->row;
  entry.pub.column = block->column;
  g_array_append_val (self->entries, entry);
}

enum
{
  STEP_DELETE = 1,
  STEP_INSERT = 2,
  STEP_PAIR = 3,
};

/* Pairs old blocks [i0, i1) with new blocks [j0, j1) in order, for the
 * most likeness in all, and adds their entries. */
static void
pair_blocks_dp (HbDiff *self, int i0, int i1, int j0, int j1)
{
  int m = i1 - i0;
  int n = j1 - j0;
  int w = n + 1;
  g_autofree double *score = g_new0 (double, (gsize) (m + 1) * w);
  g_autofree guint8 *step = g_new0 (guint8, (gsize) (m + 1) * w);
  g_autoptr (GArray) path = g_array_new (FALSE, FALSE, sizeof (guint8));
  int i, j;
  guint k;

  for (i = 0; i <= m; i++)
    for (j = 0; j <= n; j++)
      {
        double best;
        guint8 how;

        if (i == 0 && j == 0)
          continue;
        /* On a tie the walk back takes the insertion first, so that in
         * the redline removed blocks come before added ones. */
        if (i == 0 || (j > 0 && score[i * w + j - 1] >= score[(i - 1) * w + j]))
          best = score[i * w + j - 1], how = STEP_INSERT;
        else
          best = score[(i - 1) * w + j], how = STEP_DELETE;
        if (i > 0 && j > 0)
          {
            double weight = pair_weight (&g_array_index (self->old_doc.blocks, Block, i0 + i - 1),
                                         &g_array_index (self->new_doc.blocks, Block, j0 + j - 1));

            if (weight > 0 && score[(i - 1) * w + j - 1] + weight > best)
              best = score[(i - 1) * w + j - 1] + weight, how = STEP_PAIR;
          }
        score[i * w + j] = best;
        step[i * w + j] = how;
      }

  for (i = m, j = n; i > 0 || j > 0;)
    {
      guint8 how = step[i * w + j];

      g_array_append_val (path, how);
      if (how == STEP_PAIR)
        i--, j--;
      else if (how == STEP_DELETE)
        i--;
      else
        j--;
    }

  i = i0, j = j0;
  for (k = path->len; k-- > 0;)
    switch (g_array_index (path, guint8, k))
      {
      case STEP_PAIR:
        add_entry (self, HB_DIFF_CHANGED, i++, j++);
        break;
      case STEP_DELETE:
        add_entry (self, HB_DIFF_REMOVED, i++, -1);
        break;
      default:
        add_entry (self, HB_DIFF_ADDED, -1, j++);
        break;
      }
}

static void
pair_blocks_greedy (HbDiff *self, int i0, int i1, int j0, int j1)
{
  int i, j = j0;

  for (i = i0; i < i1; i++)
    {
      Block *a = &g_array_index (self->old_doc.blocks, Block, i);
      double best_weight = 0;
      int best = -1;
      int k;

      for (k = j; k < j1 && k < j + GREEDY_WINDOW; k++)
        {
          double weight = pair_weight (a, &g_array_index (self->new_doc.blocks, Block, k));

          if (weight > best_weight)
            best_weight = weight, best = k;
        }
      if (best < 0)
        {
          add_entry (self, HB_DIFF_REMOVED, i, -1);
          continue;
        }
      for (; j < best; j++)
        add_entry (self, HB_DIFF_ADDED, -1, j);
      add_entry (self, HB_DIFF_CHANGED, i, j++);
    }
  for (; j < j1; j++)
    add_entry (self, HB_DIFF_ADDED, -1, j);
}

static void
pair_blocks (HbDiff *self, int i0, int i1, int j0, int j1)
{
  int i, j;

  if (i0 == i1 || j0 == j1)
    {
      for (i = i0; i < i1; i++)
        add_entry (self, HB_DIFF_REMOVED, i, -1);
      for (j = j0; j < j1; j++)
        add_entry (self, HB_DIFF_ADDED, -1, j);
    }
  else if ((gint64) (i1 - i0) * (j1 - j0) <= DP_MAX_CELLS)
    pair_blocks_dp (self, i0, i1, j0, j1);
  else
    pair_blocks_greedy (self, i0, i1, j0, j1);
}

static gboolean
align_blocks (HbDiff *self, GError **error)
{
  GArray *old_blocks = self->old_doc.blocks;
  GArray *new_blocks = self->new_doc.blocks;
  g_autofree guint32 *a = g_new (guint32, MAX (old_blocks->len, 1));
  g_autofree guint32 *b = g_new (guint32, MAX (new_blocks->len, 1));
  g_autoptr (GArray) runs = g_array_new (FALSE, FALSE, sizeof (HbSequenceRun));
  g_autoptr (GError) local_error = NULL;
  int i = 0, j = 0, hunk_i = 0, hunk_j = 0;
  guint k, n;

  for (k = 0; k < old_blocks->len; k++)
    a[k] = g_array_index (old_blocks, Block, k).key;
  for (k = 0; k < new_blocks->len; k++)
    b[k] = g_array_index (new_blocks, Block, k).key;

  if (!hb_diff_sequences (a, old_blocks->len, b, new_blocks->len, MAX_BLOCK_PRODUCT, runs, &local_error))
    {
      g_set_error (error, HB_DIFF_ERROR, HB_DIFF_ERROR_FAILED, _("Cannot compare the versions: %s"),
                   local_error->message);
      return FALSE;
    }

  for (k = 0; k < runs->len; k++)
    {
      HbSequenceRun *run = &g_array_index (runs, HbSequenceRun, k);

      switch (run->op)
        {
        case HB_SEQUENCE_COMMON:
          pair_blocks (self, hunk_i, i, hunk_j, j);
          for (n = 0; n < run->length; n++)
            add_entry (self, HB_DIFF_SAME, i++, j++);
          hunk_i = i, hunk_j = j;
          break;
        case HB_SEQUENCE_DELETE:
          i += run->length;
          break;
        case HB_SEQUENCE_INSERT:
          j += run->length;
          break;
        }
    }
  pair_blocks (self, hunk_i, i, hunk_j, j);
  return TRUE;
}

/* ------------------------------------------------------------------------ */
/* Changes inside a block */

typedef struct
{
  gboolean changed;
  guint a0, a1; /* tokens of the old text */
  guint b0, b1; /* tokens of the new text */
} Segment;

static gboolean
segment_replaces (const Segment *segment)
{
  return segment->changed && segment->a1 > segment->a0 && segment->b1 > segment->b0;
}

/*
 * Merges a short common run between two changes into them, much as
 * diff-match-patch's semantic clean-up does: "[-a-]{+b+} c [-d-]{+e+}"
 * reads worse than "[-a c d-]{+b c e+}" once the common run is no longer
 * than the changes on either side. Only between replacements: text
 * inserted twice ("{+a+} c {+d+}") stays as it is. White space between two
 * changes goes when one of them is a replacement.
 */
static void
clean_up_segments (GArray *segments, const Token *new_tokens)
{
  gboolean again = TRUE;

  while (again)
    {
      guint k;

      again = FALSE;
      for (k = 1; k + 1 < segments->len; k++)
        {
          Segment *before = &g_array_index (segments, Segment, k - 1);
          Segment *common = &g_array_index (segments, Segment, k);
          Segment *after = &g_array_index (segments, Segment, k + 1);
          guint length = common->b1 - common->b0;
          guint before_length = MAX (before->a1 - before->a0, before->b1 - before->b0);
          guint after_length = MAX (after->a1 - after->a0, after->b1 - after->b0);
          gboolean blank = TRUE;
          guint t;

          if (common->changed || !before->changed || !after->changed)
            continue;
          for (t = common->b0; t < common->b1 && blank; t++)
            blank = new_tokens[t].klass == TOKEN_SPACE;
          if (blank ? !segment_replaces (before) && !segment_replaces (after)
                    : !segment_replaces (before) || !segment_replaces (after)
                        || length > before_length || length > after_length)
            continue;

          before->a1 = after->a1;
          before->b1 = after->b1;
          g_array_remove_range (segments, k, 2);
          again = TRUE;
          break;
        }
    }
}

static gboolean
diff_block_text (HbDiff *self, Entry *entry, GError **error)
{
  Block *old_block = &g_array_index (self->old_doc.blocks, Block, entry->old_block);
  Block *new_block = &g_array_index (self->new_doc.blocks, Block, entry->new_block);
  gboolean exact = new_block->kind == HB_DIFF_BLOCK_CODE && old_block->kind == HB_DIFF_BLOCK_CODE;
  g_autoptr (GArray) old_tokens = g_array_new (FALSE, FALSE, sizeof (Token));
  g_autoptr (GArray) new_tokens = g_array_new (FALSE, FALSE, sizeof (Token));
  g_autoptr (GArray) runs = g_array_new (FALSE, FALSE, sizeof (HbSequenceRun));
  g_autoptr (GArray) segments = g_array_new (FALSE, FALSE, sizeof (Segment));
  g_autofree guint32 *a = NULL;
  g_autofree guint32 *b = NULL;
  g_autoptr (GError) local_error = NULL;
  guint i = 0, j = 0, k, n;

  tokenize (self, old_block->text, exact, old_tokens);
  tokenize (self, new_block->text, exact, new_tokens);
  a = g_new (guint32, MAX (old_tokens->len, 1));
  b = g_new (guint32, MAX (new_tokens->len, 1));
  for (k = 0; k < old_tokens->len; k++)
    a[k] = g_array_index (old_tokens, Token, k).id;
  for (k = 0; k < new_tokens->len; k++)
    b[k] = g_array_index (new_tokens, Token, k).id;

  if (!hb_diff_sequences (a, old_tokens->len, b, new_tokens->len, MAX_TOKEN_PRODUCT, runs, &local_error))
    {
      g_set_error (error, HB_DIFF_ERROR, HB_DIFF_ERROR_FAILED, _("Cannot compare the versions: %s"),
                   local_error->message);
      return FALSE;
    }

  for (k = 0; k < runs->len; k++)
    {
      HbSequenceRun *run = &g_array_index (runs, HbSequenceRun, k);
      Segment *last = segments->len > 0 ? &g_array_index (segments, Segment, segments->len - 1) : NULL;
      gboolean changed = run->op != HB_SEQUENCE_COMMON;
      Segment segment = { changed, i, i, j, j };

      for (n = 0; n < run->length; n++)
        {
          if (run->op != HB_SEQUENCE_INSERT)
            {
              if (run->op == HB_SEQUENCE_DELETE && token_counts (&g_array_index (old_tokens, Token, i)))
                entry->pub.words_removed++;
              i++;
            }
          if (run->op != HB_SEQUENCE_DELETE)
            {
              if (run->op == HB_SEQUENCE_INSERT && token_counts (&g_array_index (new_tokens, Token, j)))
                entry->pub.words_added++;
              j++;
            }
        }

      if (last != NULL && last->changed == changed)
        last->a1 = i, last->b1 = j;
      else
        {
          segment.a1 = i;
          segment.b1 = j;
          g_array_append_val (segments, segment);
        }
    }

  clean_up_segments (segments, (const Token *) new_tokens->data);

  entry->pieces = g_array_sized_new (FALSE, FALSE, sizeof (Piece), segments->len);
  for (k = 0; k < segments->len; k++)
    {
      Segment *segment = &g_array_index (segments, Segment, k);
      Piece piece = { segment->changed, 0, 0, 0, 0 };

      /* Byte ranges: a token range [t0, t1) is the text from t0's start to
       * the end of t1 - 1, or empty. */
      if (segment->a1 > segment->a0)
        {
          piece.old_start = g_array_index (old_tokens, Token, segment->a0).start;
          piece.old_end = g_array_index (old_tokens, Token, segment->a1 - 1).end;
        }
      if (segment->b1 > segment->b0)
        {
          piece.new_start = g_array_index (new_tokens, Token, segment->b0).start;
          piece.new_end = g_array_index (new_tokens, Token, segment->b1 - 1).end;
        }
      g_array_append_val (entry->pieces, piece);
    }
  return TRUE;
}

/* ------------------------------------------------------------------------ */
/* Frames and sections */

typedef struct
{
  const Frame *frame;
  guint id; /* unique among the frames of both versions */
} PathElement;

static void
document_path (Document *doc, int frame, gboolean old, GArray *path)
{
  int f;
  guint depth = 0, k;

  g_array_set_size (path, 0);
  for (f = frame; f >= 0; f = frame_at (doc, f)->parent)
    depth++;
  g_array_set_size (path, depth);
  for (f = frame, k = depth; f >= 0; f = frame_at (doc, f)->parent)
    {
      PathElement *element = &g_array_index (path, PathElement, --k);

      element->frame = frame_at (doc, f);
      element->id = (guint) f * 2 + (old ? 1 : 0);
    }
}

/* The frames an entry is shown in, outermost first: the new version's, or
 * for a removed block the new frames its old ones became, as far as they
 * did. */
static void
entry_path (HbDiff *self, const Entry *entry, GArray *path)
{
  guint k;

  if (entry->new_block >= 0)
    {
      document_path (&self->new_doc, g_array_index (self->new_doc.blocks, Block, entry->new_block).frame, FALSE, path);
      return;
    }

  document_path (&self->old_doc, g_array_index (self->old_doc.blocks, Block, entry->old_block).frame, TRUE, path);
  for (k = 0; k < path->len; k++)
    {
      PathElement *element = &g_array_index (path, PathElement, k);
      int mapped = self->old_frame_map[element->id / 2];

      if (mapped < 0)
        break;
      element->frame = frame_at (&self->new_doc, mapped);
      element->id = (guint) mapped * 2;
    }
}

static void
map_frames (HbDiff *self)
{
  g_autoptr (GArray) old_path = g_array_new (FALSE, FALSE, sizeof (PathElement));
  g_autoptr (GArray) new_path = g_array_new (FALSE, FALSE, sizeof (PathElement));
  guint e, k;

  self->old_frame_map = g_new (int, MAX (self->old_doc.frames->len, 1));
  for (k = 0; k < self->old_doc.frames->len; k++)
    self->old_frame_map[k] = -1;

  for (e = 0; e < self->entries->len; e++)
    {
      Entry *entry = &g_array_index (self->entries, Entry, e);

      if (entry->old_block < 0 || entry->new_block < 0)
        continue;
      document_path (&self->old_doc, g_array_index (self->old_doc.blocks, Block, entry->old_block).frame, TRUE, old_path);
      document_path (&self->new_doc, g_array_index (self->new_doc.blocks, Block, entry->new_block).frame, FALSE, new_path);
      for (k = 0; k < old_path->len && k < new_path->len; k++)
        {
          PathElement *from = &g_array_index (old_path, PathElement, k);
          PathElement *to = &g_array_index (new_path, PathElement, k);

          if (from->frame->type != to->frame->type)
            break;
          if (self->old_frame_map[from->id / 2] < 0)
            self->old_frame_map[from->id / 2] = to->id / 2;
        }
    }
}

static void
section_free (Section *section)
{
  g_free (section->pub.id);
  g_free (section->pub.anchor);
  g_free (section->pub.text);
  g_free (section);
}

static int
add_section (HbDiff *self, HbHeading *heading, const char *anchor, int parent, HbDiffChange change)
{
  Section *section = g_new0 (Section, 1);

  section->parent = parent;
  section->entry = -1;
  section->pub.change = change;
  if (heading != NULL)
    {
      section->pub.id = g_strdup (heading->id);
      section->pub.anchor = g_strdup (anchor);
      section->pub.text = g_strdup (heading->text);
      section->pub.level = heading->level;
    }
  g_ptr_array_add (self->sections, section);
  return self->sections->len - 1;
}

static Section *
section_at (HbDiff *self, int index)
{
  return g_ptr_array_index (self->sections, index);
}

static void
build_sections (HbDiff *self)
{
  Document *old_doc = &self->old_doc;
  Document *new_doc = &self->new_doc;
  g_autofree int *new_sections = g_new (int, MAX (new_doc->headings->len, 1));
  g_autofree int *old_sections = g_new (int, MAX (old_doc->headings->len, 1));
  g_autofree int *old_to_new = g_new (int, MAX (old_doc->headings->len, 1));
  g_autoptr (GHashTable) anchors = g_hash_table_new (g_str_hash, g_str_equal);
  guint h, e;

  /* Section 0: the text before the first heading, in either version. */
  add_section (self, NULL, NULL, -1, HB_DIFF_SAME);

  for (h = 0; h < new_doc->headings->len; h++)
    {
      HbHeading *heading = g_ptr_array_index (new_doc->headings, h);
      int parent = g_array_index (new_doc->heading_parent, int, h);

      new_sections[h] = add_section (self, heading, heading->id, parent >= 0 ? new_sections[parent] : 0,
                                     HB_DIFF_SAME);
      g_hash_table_add (anchors, heading->id);
    }

  for (h = 0; h < old_doc->headings->len; h++)
    old_to_new[h] = -1;
  for (e = 0; e < self->entries->len; e++)
    {
      Entry *entry = &g_array_index (self->entries, Entry, e);

      if (entry->pub.kind == HB_DIFF_BLOCK_HEADING && entry->old_block >= 0 && entry->new_block >= 0)
        {
          Block *old_block = &g_array_index (old_doc->blocks, Block, entry->old_block);
          Block *new_block = &g_array_index (new_doc->blocks, Block, entry->new_block);

          if (old_block->kind == HB_DIFF_BLOCK_HEADING && new_block->kind == HB_DIFF_BLOCK_HEADING)
            old_to_new[old_block->heading] = new_block->heading;
        }
    }

  /* A removed heading's anchor must not be any heading's of the new
   * version, which the redline shows too. */
  for (h = 0; h < old_doc->headings->len; h++)
    {
      HbHeading *heading = g_ptr_array_index (old_doc->headings, h);
      int parent = g_array_index (old_doc->heading_parent, int, h);
      g_autofree char *base = NULL;
      g_autofree char *anchor = NULL;
      guint n;

      if (old_to_new[h] >= 0)
        {
          old_sections[h] = new_sections[old_to_new[h]];
          continue;
        }
      base = g_strconcat ("hb-removed-", heading->id, NULL);
      anchor = g_strdup (base);
      for (n = 1; g_hash_table_contains (anchors, anchor); n++)
        {
          g_free (anchor);
          anchor = g_strdup_printf ("%s-%u", base, n);
        }
      old_sections[h] = add_section (self, heading, anchor, parent >= 0 ? old_sections[parent] : 0,
                                     HB_DIFF_REMOVED);
      g_hash_table_add (anchors, section_at (self, old_sections[h])->pub.anchor);
    }

  for (e = 0; e < self->entries->len; e++)
    {
      Entry *entry = &g_array_index (self->entries, Entry, e);
      Section *section;

      if (entry->new_block >= 0)
        {
          int heading = g_array_index (new_doc->blocks, Block, entry->new_block).heading;

          entry->section = heading >= 0 ? new_sections[heading] : 0;
        }
      else
        {
          int heading = g_array_index (old_doc->blocks, Block, entry->old_block).heading;

          entry->section = heading >= 0 ? old_sections[heading] : 0;
        }

      section = section_at (self, entry->section);
      entry->pub.section = &section->pub;
      if (entry->pub.kind == HB_DIFF_BLOCK_HEADING && section->entry < 0)
        {
          section->entry = e;
          if (entry->pub.change == HB_DIFF_ADDED)
            section->pub.change = HB_DIFF_ADDED;
        }
    }
}

/* ------------------------------------------------------------------------ */

static gboolean
check_utf8 (const char *markdown, gboolean old, GError **error)
{
  const char *end;

  if (g_utf8_validate (markdown, -1, &end))
    return TRUE;
  g_set_error (error, HB_DIFF_ERROR, HB_DIFF_ERROR_INVALID_UTF8,
               old ? _("The old version is not valid UTF-8 (line %u)")
                   : _("The new version is not valid UTF-8 (line %u)"),
               hb_util_line_of_offset (markdown, end - markdown));
  return FALSE;
}

HbDiff *
hb_diff_markdown (const char *old_md, const char *new_md, GError **error)
{
  g_autoptr (HbDiff) self = NULL;
  guint e;

  g_return_val_if_fail (old_md != NULL, NULL);
  g_return_val_if_fail (new_md != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_utf8 (old_md, TRUE, error) || !check_utf8 (new_md, FALSE, error))
    return NULL;

  self = g_new0 (HbDiff, 1);
  self->entries = g_array_new (FALSE, FALSE, sizeof (Entry));
  self->sections = g_ptr_array_new_with_free_func ((GDestroyNotify) section_free);
  self->summary.sections = g_ptr_array_new ();
  self->interned = g_hash_table_new (g_str_hash, g_str_equal);
  self->chunk = g_string_chunk_new (4096);
  self->scratch = g_string_new (NULL);

  document_parse (self, &self->old_doc, old_md);
  document_parse (self, &self->new_doc, new_md);

  if (!align_blocks (self, error))
    return NULL;

  for (e = 0; e < self->entries->len; e++)
    {
      Entry *entry = &g_array_index (self->entries, Entry, e);

      switch (entry->pub.change)
        {
        case HB_DIFF_CHANGED:
          if (!diff_block_text (self, entry, error))
            return NULL;
          self->summary.blocks_changed++;
          break;
        case HB_DIFF_ADDED:
          entry->pub.words_added = count_words (entry->pub.new_text);
          self->summary.blocks_added++;
          break;
        case HB_DIFF_REMOVED:
          entry->pub.words_removed = count_words (entry->pub.old_text);
          self->summary.blocks_removed++;
          break;
        case HB_DIFF_SAME:
        default:
          self->summary.blocks_unchanged++;
          break;
        }
      self->summary.words_added += entry->pub.words_added;
      self->summary.words_removed += entry->pub.words_removed;
    }

  map_frames (self);
  build_sections (self);

  for (e = 0; e < self->entries->len; e++)
    {
      Entry *entry = &g_array_index (self->entries, Entry, e);
      Section *section = section_at (self, entry->section);

      if (entry->pub.change == HB_DIFF_SAME)
        continue;
      if (section->pub.change == HB_DIFF_SAME)
        section->pub.change = HB_DIFF_CHANGED;
      section->pub.words_added += entry->pub.words_added;
      section->pub.words_removed += entry->pub.words_removed;
      if (!section->listed)
        {
          section->listed = TRUE;
          g_ptr_array_add (self->summary.sections, &section->pub);
        }
    }

  g_clear_pointer (&self->interned, g_hash_table_unref);
  g_clear_pointer (&self->chunk, g_string_chunk_free);
  g_string_free (g_steal_pointer (&self->scratch), TRUE);

  return g_steal_pointer (&self);
}

void
hb_diff_free (HbDiff *self)
{
  guint e;

  if (self == NULL)
    return;

  if (self->entries != NULL)
    for (e = 0; e < self->entries->len; e++)
      g_clear_pointer (&g_array_index (self->entries, Entry, e).pieces, g_array_unref);
  g_clear_pointer (&self->entries, g_array_unref);
  g_clear_pointer (&self->summary.sections, g_ptr_array_unref);
  g_clear_pointer (&self->sections, g_ptr_array_unref);
  g_free (self->old_frame_map);
  document_clear (&self->old_doc);
  document_clear (&self->new_doc);
  g_clear_pointer (&self->interned, g_hash_table_unref);
  g_clear_pointer (&self->chunk, g_string_chunk_free);
  if (self->scratch != NULL)
    g_string_free (self->scratch, TRUE);
  g_free (self);
}

const HbDiffSummary *
hb_diff_get_summary (HbDiff *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return &self->summary;
}

gboolean
hb_diff_has_changes (HbDiff *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return self->summary.blocks_added + self->summary.blocks_removed + self->summary.blocks_changed > 0;
}

guint
hb_diff_get_n_blocks (HbDiff *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->entries->len;
}

const HbDiffBlock *
hb_diff_get_block (HbDiff *self, guint index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->entries->len, NULL);
  return &g_array_index (self->entries, Entry, index).pub;
}

/* ------------------------------------------------------------------------ */
/* Output */

static const HbDiffMarkers wdiff_markers = { "[-", "-]", "{+", "+}" };

typedef struct
{
  HbDiff *diff;
  GString *out;
  gboolean html;
  gboolean changes_only;
  const HbDiffMarkers *markers;
  GArray *stack;         /* PathElement: the frames open */
  GArray *path;          /* PathElement: scratch */
  int shown_at_level[7]; /* the section whose heading was shown last at each level */
  /* Plain text: what was written last, for the blank lines between blocks. */
  guint last_list;       /* id + 1 of the tight list of the last block, or 0 */
  guint last_table;      /* id + 1 of the table of the last cell, or 0 */
  guint shared;          /* frames the block shares with the one before */
} Emitter;

static void
append_escaped (Emitter *emitter, const char *text, gssize len)
{
  if (len < 0)
    len = strlen (text);
  if (emitter->html)
    {
      g_autofree char *escaped = g_markup_escape_text (text, len);

      g_string_append (emitter->out, escaped);
    }
  else
    g_string_append_len (emitter->out, text, len);
}

static void
append_marked (Emitter *emitter, gboolean insert, const char *text, gssize len)
{
  if (len == 0)
    return;
  if (emitter->html)
    g_string_append (emitter->out, insert ? "<ins>" : "<del>");
  else
    g_string_append (emitter->out, insert ? emitter->markers->insert_start : emitter->markers->delete_start);
  append_escaped (emitter, text, len);
  if (emitter->html)
    g_string_append (emitter->out, insert ? "</ins>" : "</del>");
  else
    g_string_append (emitter->out, insert ? emitter->markers->insert_end : emitter->markers->delete_end);
}

/* The block's text, its changes marked. */
static void
append_content (Emitter *emitter, const Entry *entry)
{
  guint k;

  switch (entry->pub.change)
    {
    case HB_DIFF_SAME:
      append_escaped (emitter, entry->pub.new_text, -1);
      break;
    case HB_DIFF_ADDED:
      append_marked (emitter, TRUE, entry->pub.new_text, -1);
      break;
    case HB_DIFF_REMOVED:
      append_marked (emitter, FALSE, entry->pub.old_text, -1);
      break;
    case HB_DIFF_CHANGED:
    default:
      for (k = 0; k < entry->pieces->len; k++)
        {
          const Piece *piece = &g_array_index (entry->pieces, Piece, k);

          if (!piece->changed)
            append_escaped (emitter, entry->pub.new_text + piece->new_start, piece->new_end - piece->new_start);
          else
            {
              append_marked (emitter, FALSE, entry->pub.old_text + piece->old_start,
                             piece->old_end - piece->old_start);
              append_marked (emitter, TRUE, entry->pub.new_text + piece->new_start,
                             piece->new_end - piece->new_start);
            }
        }
      break;
    }
}

static const char *
change_class (HbDiffChange change)
{
  switch (change)
    {
    case HB_DIFF_ADDED:
      return " class=\"hb-added\"";
    case HB_DIFF_REMOVED:
      return " class=\"hb-removed\"";
    case HB_DIFF_CHANGED:
      return " class=\"hb-changed\"";
    case HB_DIFF_SAME:
    default:
      return "";
    }
}

static void
close_frames (Emitter *emitter, guint depth)
{
  emitter->shared = MIN (emitter->shared, depth);
  while (emitter->stack->len > depth)
    {
      const Frame *frame = g_array_index (emitter->stack, PathElement, emitter->stack->len - 1).frame;

      if (emitter->html)
        switch (frame->type)
          {
          case FRAME_QUOTE:
            g_string_append (emitter->out, "</blockquote>\n");
            break;
          case FRAME_LIST:
            g_string_append (emitter->out, frame->ordered ? "</ol>\n" : "</ul>\n");
            break;
          case FRAME_ITEM:
            g_string_append (emitter->out, "</li>\n");
            break;
          case FRAME_TABLE:
            g_string_append (emitter->out, "</table>\n");
            break;
          case FRAME_ROW:
            g_string_append (emitter->out, "</tr>\n");
            break;
          }
      g_array_set_size (emitter->stack, emitter->stack->len - 1);
    }
}

/* Plain text: the start of a line inside @path (its first @depth frames),
 * block quotes as "> " and list items indented, the item's own marker
 * when @marker. */
static void
append_line_start (GString *out, GArray *path, guint depth, gboolean marker)
{
  guint k;
  int innermost_item = -1;

  for (k = 0; k < depth; k++)
    if (g_array_index (path, PathElement, k).frame->type == FRAME_ITEM)
      innermost_item = k;

  for (k = 0; k < depth; k++)
    {
      const Frame *frame = g_array_index (path, PathElement, k).frame;
      g_autofree char *bullet = NULL;

      if (frame->type == FRAME_QUOTE)
        g_string_append (out, "> ");
      else if (frame->type == FRAME_ITEM)
        {
          bullet = frame->ordered ? g_strdup_printf ("%d. ", frame->number) : g_strdup ("- ");
          if (marker && (int) k == innermost_item)
            g_string_append (out, bullet);
          else
            g_string_append_printf (out, "%*s", (int) strlen (bullet), "");
        }
    }
}

static void
open_frames (Emitter *emitter, GArray *path)
{
  guint common = 0;
  guint k;

  while (common < emitter->stack->len && common < path->len
         && g_array_index (emitter->stack, PathElement, common).id == g_array_index (path, PathElement, common).id)
    common++;
  close_frames (emitter, common);
  emitter->shared = common;

  for (k = common; k < path->len; k++)
    {
      PathElement *element = &g_array_index (path, PathElement, k);
      const Frame *frame = element->frame;

      if (emitter->html)
        switch (frame->type)
          {
          case FRAME_QUOTE:
            g_string_append (emitter->out, "<blockquote>\n");
            break;
          case FRAME_LIST:
            g_string_append (emitter->out, frame->ordered ? "<ol>\n" : "<ul>\n");
            break;
          case FRAME_ITEM:
            if (frame->ordered)
              g_string_append_printf (emitter->out, "<li value=\"%d\">", frame->number);
            else
              g_string_append (emitter->out, "<li>");
            break;
          case FRAME_TABLE:
            g_string_append (emitter->out, "<table>\n");
            break;
          case FRAME_ROW:
            g_string_append (emitter->out, "<tr>");
            break;
          }
      else if (frame->type == FRAME_ROW)
        {
          /* Rows of one table go on consecutive lines. */
          const PathElement *table = &g_array_index (path, PathElement, k - 1);

          if (emitter->out->len > 0)
            g_string_append (emitter->out, emitter->last_table == table->id + 1 ? "\n" : "\n\n");
          append_line_start (emitter->out, path, k, FALSE);
          g_string_append (emitter->out, "|");
          emitter->last_table = table->id + 1;
          emitter->last_list = 0;
        }
      g_array_append_val (emitter->stack, *element);
    }
}

/* Plain text: the separator before a block other than a table cell; a
 * blank line stays inside the block quotes the two blocks share. */
static void
text_separate (Emitter *emitter, guint list)
{
  guint k;

  if (emitter->out->len > 0)
    {
      g_string_append_c (emitter->out, '\n');
      if (list == 0 || list != emitter->last_list)
        {
          const char *space = "";

          for (k = 0; k < emitter->shared && k < emitter->stack->len; k++)
            if (g_array_index (emitter->stack, PathElement, k).frame->type == FRAME_QUOTE)
              {
                g_string_append_printf (emitter->out, "%s>", space);
                space = " ";
              }
          g_string_append_c (emitter->out, '\n');
        }
    }
  emitter->last_list = list;
  emitter->last_table = 0;
}

static void
emit_heading (Emitter *emitter, int level, const char *anchor, const char *klass, const Entry *entry,
              const char *text)
{
  if (emitter->html)
    {
      g_string_append_printf (emitter->out, "<h%d", level);
      if (anchor != NULL)
        {
          g_autofree char *escaped = g_markup_escape_text (anchor, -1);

          g_string_append_printf (emitter->out, " id=\"%s\"", escaped);
        }
      g_string_append_printf (emitter->out, "%s>", klass);
      if (entry != NULL)
        append_content (emitter, entry);
      else
        append_escaped (emitter, text, -1);
      g_string_append_printf (emitter->out, "</h%d>\n", level);
    }
  else
    {
      text_separate (emitter, 0);
      g_string_append_printf (emitter->out, "%.*s ", level, "######");
      if (entry != NULL)
        append_content (emitter, entry);
      else
        g_string_append (emitter->out, text);
    }
}

static void
note_heading_shown (Emitter *emitter, int section)
{
  int level = section_at (emitter->diff, section)->pub.level;
  int l;

  emitter->shown_at_level[level] = section;
  for (l = level + 1; l <= 6; l++)
    emitter->shown_at_level[l] = -1;
}

static void emit_skipped (Emitter *emitter, guint n, GArray *next_path);

/*
 * "Changes only", before a block that is shown: the headings above it
 * that are not on screen yet, outermost first, and a marker for each run
 * of blocks left out since entry @gap_start, where the run was.
 */
static void
emit_gap (Emitter *emitter, const Entry *entry, guint entry_index, guint gap_start)
{
  HbDiff *self = emitter->diff;
  g_autoptr (GArray) chain = g_array_new (FALSE, FALSE, sizeof (int));
  g_autoptr (GArray) path = g_array_new (FALSE, FALSE, sizeof (PathElement));
  gboolean needed = FALSE;
  guint position = gap_start;
  guint k;
  int s;

  for (s = entry->section; s > 0; s = section_at (self, s)->parent)
    g_array_prepend_val (chain, s);

  for (k = 0; k < chain->len; k++)
    {
      int index = g_array_index (chain, int, k);
      Section *section = section_at (self, index);
      Entry *heading;

      /* Once a heading is shown, every heading below it must be too. */
      if (section->entry < 0 || (guint) section->entry == entry_index
          || (!needed && emitter->shown_at_level[section->pub.level] == index))
        continue;
      needed = TRUE;

      if ((guint) section->entry >= position && (guint) section->entry < entry_index)
        {
          if ((guint) section->entry > position)
            emit_skipped (emitter, section->entry - position, NULL);
          position = section->entry + 1;
        }

      heading = &g_array_index (self->entries, Entry, section->entry);
      close_frames (emitter, 0);
      emit_heading (emitter, section->pub.level, section->pub.anchor, " class=\"hb-context\"", NULL,
                    heading->pub.new_text != NULL ? heading->pub.new_text : heading->pub.old_text);
      note_heading_shown (emitter, index);
    }

  if (entry_index > position)
    {
      entry_path (self, entry, path);
      emit_skipped (emitter, entry_index - position, path);
    }
}

/* The marker for @n blocks left out. Between two rows of the same table
 * or two items of the same list (the next block's frames are @next_path),
 * it is a row or an item of it. */
static void
emit_skipped (Emitter *emitter, guint n, GArray *next_path)
{
  g_autofree char *label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "… %u unchanged block …",
                                                         "… %u unchanged blocks …", n),
                                            n);
  const Frame *inside = NULL;
  guint depth = 0;
  guint k;

  if (emitter->html && next_path != NULL)
    for (k = 0; k < emitter->stack->len && k < next_path->len; k++)
      {
        const PathElement *open = &g_array_index (emitter->stack, PathElement, k);

        if (open->id != g_array_index (next_path, PathElement, k).id)
          break;
        if (open->frame->type == FRAME_TABLE || open->frame->type == FRAME_LIST)
          inside = open->frame, depth = k + 1;
      }

  if (inside != NULL)
    {
      close_frames (emitter, depth);
      if (inside->type == FRAME_TABLE)
        g_string_append_printf (emitter->out, "<tr class=\"hb-skipped\"><td colspan=\"%d\">",
                                MAX (inside->n_columns, 1));
      else
        g_string_append (emitter->out, "<li class=\"hb-skipped\">");
      append_escaped (emitter, label, -1);
      g_string_append (emitter->out, inside->type == FRAME_TABLE ? "</td></tr>\n" : "</li>\n");
      return;
    }

  close_frames (emitter, 0);
  if (emitter->html)
    {
      g_string_append (emitter->out, "<p class=\"hb-skipped\">");
      append_escaped (emitter, label, -1);
      g_string_append (emitter->out, "</p>\n");
    }
  else
    {
      text_separate (emitter, 0);
      g_string_append (emitter->out, label);
    }
}

static void
emit_entry (Emitter *emitter, const Entry *entry, guint entry_index)
{
  HbDiff *self = emitter->diff;
  const Block *block = entry->new_block >= 0 ? &g_array_index (self->new_doc.blocks, Block, entry->new_block)
                                             : &g_array_index (self->old_doc.blocks, Block, entry->old_block);
  const char *klass = change_class (entry->pub.change);
  Section *section = section_at (self, entry->section);
  g_autoptr (GString) line_start = NULL;
  gsize content_start;
  guint list = 0;
  gsize p;

  entry_path (self, entry, emitter->path);
  if (block->kind == HB_DIFF_BLOCK_HEADING)
    {
      /* Headings inside lists or quotes are rare; they are shown at the
       * top level, which keeps "changes only" readable. */
      close_frames (emitter, 0);
      emit_heading (emitter, block->level,
                    section->entry == (int) entry_index ? section->pub.anchor : NULL, klass, entry, NULL);
      if (section->entry == (int) entry_index)
        note_heading_shown (emitter, entry->section);
      return;
    }

  open_frames (emitter, emitter->path);

  if (emitter->html)
    {
      switch (block->kind)
        {
        case HB_DIFF_BLOCK_TABLE_CELL:
          {
            const char *tag = block->header ? "th" : "td";
            const char *align = block->align == 'l'   ? " align=\"left\""
                                : block->align == 'c' ? " align=\"center\""
                                : block->align == 'r' ? " align=\"right\""
                                                      : "";

            g_string_append_printf (emitter->out, "<%s%s%s>", tag, align, klass);
            append_content (emitter, entry);
            g_string_append_printf (emitter->out, "</%s>", tag);
          }
          break;
        case HB_DIFF_BLOCK_CODE:
          g_string_append_printf (emitter->out, "<pre%s><code>", klass);
          append_content (emitter, entry);
          g_string_append (emitter->out, "</code></pre>\n");
          break;
        case HB_DIFF_BLOCK_RULE:
          g_string_append_printf (emitter->out, "<hr%s>\n", klass);
          break;
        case HB_DIFF_BLOCK_LIST_ITEM:
          g_string_append_printf (emitter->out, block->tight ? "<div%s>" : "<p%s>", klass);
          append_content (emitter, entry);
          g_string_append (emitter->out, block->tight ? "</div>\n" : "</p>\n");
          break;
        case HB_DIFF_BLOCK_PARAGRAPH:
        case HB_DIFF_BLOCK_HEADING:
        default:
          g_string_append_printf (emitter->out, "<p%s>", klass);
          append_content (emitter, entry);
          g_string_append (emitter->out, "</p>\n");
          break;
        }
      return;
    }

  /* Plain text. */
  if (block->kind == HB_DIFF_BLOCK_TABLE_CELL)
    {
      g_string_append_c (emitter->out, ' ');
      append_content (emitter, entry);
      g_string_append (emitter->out, " |");
      return;
    }

  if (block->kind == HB_DIFF_BLOCK_LIST_ITEM && block->tight && emitter->path->len >= 2)
    list = g_array_index (emitter->path, PathElement, emitter->path->len - 2).id + 1;
  text_separate (emitter, list);

  line_start = g_string_new (NULL);
  append_line_start (line_start, emitter->path, emitter->path->len, FALSE);
  if (block->kind == HB_DIFF_BLOCK_CODE)
    g_string_append (line_start, "    ");

  append_line_start (emitter->out, emitter->path, emitter->path->len,
                     block->kind == HB_DIFF_BLOCK_LIST_ITEM && block->first_in_item);
  if (block->kind == HB_DIFF_BLOCK_CODE)
    g_string_append (emitter->out, "    ");

  if (block->kind == HB_DIFF_BLOCK_RULE)
    {
      if (entry->pub.change == HB_DIFF_ADDED)
        g_string_append_printf (emitter->out, "%s---%s", emitter->markers->insert_start, emitter->markers->insert_end);
      else if (entry->pub.change == HB_DIFF_REMOVED)
        g_string_append_printf (emitter->out, "%s---%s", emitter->markers->delete_start, emitter->markers->delete_end);
      else
        g_string_append (emitter->out, "---");
      return;
    }

  content_start = emitter->out->len;
  append_content (emitter, entry);

  /* The lines of code after the first start inside the same frames. */
  for (p = content_start; p < emitter->out->len; p++)
    if (emitter->out->str[p] == '\n')
      {
        g_string_insert_len (emitter->out, p + 1, line_start->str, line_start->len);
        p += line_start->len;
      }
}

/* The id + 1 of the innermost frame of @type the entry is shown in, or 0. */
static guint
entry_frame_id (Emitter *emitter, const Entry *entry, FrameType type)
{
  guint k;

  entry_path (emitter->diff, entry, emitter->path);
  for (k = emitter->path->len; k-- > 0;)
    if (g_array_index (emitter->path, PathElement, k).frame->type == type)
      return g_array_index (emitter->path, PathElement, k).id + 1;
  return 0;
}

/* "Changes only" shows the blocks that changed and, for a table cell, its
 * row and the table's header row. */
static gboolean *
choose_shown (Emitter *emitter)
{
  HbDiff *self = emitter->diff;
  gboolean *shown = g_new0 (gboolean, MAX (self->entries->len, 1));
  g_autoptr (GHashTable) rows = g_hash_table_new (NULL, NULL);
  g_autoptr (GHashTable) tables = g_hash_table_new (NULL, NULL);
  guint e;

  for (e = 0; e < self->entries->len; e++)
    {
      const Entry *entry = &g_array_index (self->entries, Entry, e);

      if (entry->pub.change == HB_DIFF_SAME)
        continue;
      shown[e] = TRUE;
      if (entry->pub.kind == HB_DIFF_BLOCK_TABLE_CELL)
        {
          g_hash_table_add (rows, GUINT_TO_POINTER (entry_frame_id (emitter, entry, FRAME_ROW)));
          g_hash_table_add (tables, GUINT_TO_POINTER (entry_frame_id (emitter, entry, FRAME_TABLE)));
        }
    }

  if (g_hash_table_size (rows) == 0)
    return shown;

  for (e = 0; e < self->entries->len; e++)
    {
      const Entry *entry = &g_array_index (self->entries, Entry, e);
      const Block *block;

      if (shown[e] || entry->pub.kind != HB_DIFF_BLOCK_TABLE_CELL)
        continue;
      block = &g_array_index (self->new_doc.blocks, Block, entry->new_block);
      if (g_hash_table_contains (rows, GUINT_TO_POINTER (entry_frame_id (emitter, entry, FRAME_ROW)))
          || (block->header && g_hash_table_contains (tables, GUINT_TO_POINTER (entry_frame_id (emitter, entry, FRAME_TABLE)))))
        shown[e] = TRUE;
    }
  return shown;
}

static char *
render (HbDiff *self, gboolean html, gboolean changes_only, const HbDiffMarkers *markers)
{
  Emitter emitter = { 0 };
  g_autofree gboolean *shown = NULL;
  guint gap_start = 0;
  guint e;
  int l;

  emitter.diff = self;
  emitter.out = g_string_sized_new (4096);
  emitter.html = html;
  emitter.changes_only = changes_only;
  emitter.markers = markers != NULL ? markers : &wdiff_markers;
  emitter.stack = g_array_new (FALSE, FALSE, sizeof (PathElement));
  emitter.path = g_array_new (FALSE, FALSE, sizeof (PathElement));
  for (l = 0; l <= 6; l++)
    emitter.shown_at_level[l] = -1;

  if (html)
    g_string_append (emitter.out, "<div class=\"hb-redline\">\n");
  if (changes_only)
    shown = choose_shown (&emitter);

  for (e = 0; e < self->entries->len; e++)
    {
      const Entry *entry = &g_array_index (self->entries, Entry, e);

      if (changes_only)
        {
          if (!shown[e])
            continue;
          emit_gap (&emitter, entry, e, gap_start);
          gap_start = e + 1;
        }
      emit_entry (&emitter, entry, e);
    }
  if (changes_only && self->entries->len > gap_start)
    emit_skipped (&emitter, self->entries->len - gap_start, NULL);

  close_frames (&emitter, 0);
  if (html)
    g_string_append (emitter.out, "</div>\n");
  else if (emitter.out->len > 0)
    g_string_append_c (emitter.out, '\n');

  g_array_unref (emitter.stack);
  g_array_unref (emitter.path);
  return g_string_free (emitter.out, FALSE);
}

char *
hb_diff_to_html (HbDiff *self, gboolean changes_only)
{
  g_return_val_if_fail (self != NULL, NULL);
  return render (self, TRUE, changes_only, NULL);
}

char *
hb_diff_to_text (HbDiff *self, gboolean changes_only)
{
  g_return_val_if_fail (self != NULL, NULL);
  return render (self, FALSE, changes_only, NULL);
}

char *
hb_diff_to_text_with_markers (HbDiff *self, gboolean changes_only, const HbDiffMarkers *markers)
{
  g_return_val_if_fail (self != NULL, NULL);
  return render (self, FALSE, changes_only, markers);
}

char *
hb_diff_block_to_text (HbDiff *self, guint index, const HbDiffMarkers *markers)
{
  Emitter emitter = { 0 };

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->entries->len, NULL);

  emitter.diff = self;
  emitter.out = g_string_new (NULL);
  emitter.markers = markers != NULL ? markers : &wdiff_markers;
  append_content (&emitter, &g_array_index (self->entries, Entry, index));
  return g_string_free (emitter.out, FALSE);
}
