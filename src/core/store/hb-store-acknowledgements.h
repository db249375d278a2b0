/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "hb-store.h"

G_BEGIN_DECLS

/*
 * What each person read and acknowledged (tables reads,
 * acknowledgements, whats_new_views), all append-only.
 *
 * A version needs each person's acknowledgement when the manifest of the
 * bundle that brought it says "acknowledge: required" (or "none"), else
 * when its front matter says "acknowledge: required" (or none/false), else
 * when it is a regulation. Only the version in force is pending; a
 * version to come can be acknowledged early, and acknowledging a version
 * also covers the older ones.
 */

/* An acknowledgement, as recorded. */
typedef struct
{
  char *uuid;
  char *profile_uuid;
  char *profile_name;
  char *employee_id;     /* (nullable) */
  char *article_id;
  guint version;
  char *title;           /* the title of that version */
  char *sha256;          /* the text that was acknowledged */
  char *acknowledged_at; /* ISO 8601, UTC */
} HbAcknowledgement;

void hb_acknowledgement_free (HbAcknowledgement *ack);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HbAcknowledgement, hb_acknowledgement_free)

/**
 * hb_store_acknowledge:
 * @write: a write transaction
 * @profile_uuid: who acknowledges
 * @article_id: the article
 * @version: the version read, or 0 for the one in force
 * @already: (out) (optional): set when it was acknowledged before (then
 *   nothing is written and the earlier acknowledgement comes back)
 *
 * Records that @profile_uuid read and acknowledges the version, with the
 * transaction's time, and puts it in the audit log with the hash of the
 * text acknowledged.
 *
 * Returns: (transfer full): the acknowledgement, or %NULL with
 *   %HB_STORE_ERROR_NOT_FOUND (no such profile, article or version)
 */
HbAcknowledgement *hb_store_acknowledge (HbStoreWrite *write,
                                         const char *profile_uuid,
                                         const char *article_id,
                                         guint version,
                                         gboolean *already,
                                         GError **error);

/**
 * hb_store_list_acknowledgements:
 * @profile_uuid: (nullable): one person's, or everyone's
 * @article_id: (nullable): of one article, or of all
 *
 * Returns: (transfer full) (element-type HbAcknowledgement): who
 *   acknowledged what, oldest first; %NULL on error
 */
GPtrArray *hb_store_list_acknowledgements (HbStore *self, const char *profile_uuid, const char *article_id,
                                           GError **error);

/* A version in force that someone has not acknowledged yet. */
typedef struct
{
  char *profile_uuid;
  char *profile_name;
  char *employee_id; /* (nullable) */
  char *article_id;
  guint version;
  char *title;
  char *kind;
  char *effective;   /* (nullable) */
  char *due;         /* (nullable): when the manifest set a due date */
  gboolean overdue;  /* the due date has passed */
} HbPendingAcknowledgement;

void hb_pending_acknowledgement_free (HbPendingAcknowledgement *pending);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HbPendingAcknowledgement, hb_pending_acknowledgement_free)

/**
 * hb_store_list_pending_acknowledgements:
 * @profile_uuid: (nullable): one person's, or everyone's
 * @today: (nullable): "YYYY-MM-DD" that decides what is overdue; %NULL for
 *   today
 *
 * Returns: (transfer full) (element-type HbPendingAcknowledgement): the
 *   versions in force that need an acknowledgement each person has not
 *   given, by person, then the soonest due first; %NULL on error
 */
GPtrArray *hb_store_list_pending_acknowledgements (HbStore *self, const char *profile_uuid, const char *today,
                                                   GError **error);

/* What a person owes one version. */
typedef struct
{
  gboolean required;     /* the version needs acknowledging */
  char *due;             /* (nullable) */
  char *acknowledged_at; /* (nullable): when this person acknowledged it (or a newer one) */
} HbAcknowledgementState;

void hb_acknowledgement_state_clear (HbAcknowledgementState *state);

/**
 * hb_store_get_acknowledgement_state:
 * @profile_uuid: (nullable): a person, or %NULL for nobody in particular
 * @state: (out caller-allocates): what @profile_uuid owes the version
 *
 * Returns: %FALSE with @error set when the version does not exist
 */
gboolean hb_store_get_acknowledgement_state (HbStore *self, const char *profile_uuid, const char *article_id,
                                             guint version, HbAcknowledgementState *state, GError **error);

/**
 * hb_store_record_read:
 * @profile_uuid: who read it
 * @article_id: the article
 * @version: the version shown
 *
 * Remembers that the person was shown the version, once (the first time
 * is kept), so that What's new can show what changed since the version
 * this person last read.
 */
gboolean hb_store_record_read (HbStoreWrite *write, const char *profile_uuid, const char *article_id,
                               guint version, GError **error);

/**
 * hb_store_get_last_read_version:
 * @below: only versions older than this one; 0 for any
 *
 * Returns: the newest version of @article_id that @profile_uuid read, or 0
 */
guint hb_store_get_last_read_version (HbStore *self, const char *profile_uuid, const char *article_id, guint below);

/**
 * hb_store_record_whats_new_view:
 *
 * Remembers that the person looked at What's new now: what takes effect
 * from now on is new to them.
 */
gboolean hb_store_record_whats_new_view (HbStoreWrite *write, const char *profile_uuid, GError **error);

typedef enum
{
  /* It took effect since the person last looked at What's new. */
  HB_WHATS_NEW_NEW,
  /* It took effect before that, in the last 30 days. */
  HB_WHATS_NEW_EARLIER,
  /* It takes effect later. */
  HB_WHATS_NEW_COMING,
} HbWhatsNewGroup;

typedef struct
{
  HbWhatsNewGroup group;
  char *article_id;
  char *title;
  char *kind;
  char *lang;
  guint version;        /* the version that took (or takes) effect */
  /* The other side of its redline: the newest older version this person
   * read, else the one before; 0 for a new article. */
  guint base_version;
  gboolean base_was_read;
  char *effective;      /* (nullable) */
  char *took_effect;    /* the later of its effective day and its arrival */
  char *changes;        /* (nullable): the change note */
  char *bundle_title;   /* (nullable): the bundle that brought it */
  char *publisher;      /* (nullable) */
  gboolean read;        /* this person read this version */
  gboolean needs_ack;
  gboolean acknowledged;
  char *due;            /* (nullable) */
} HbWhatsNewItem;

typedef struct
{
  char *since;          /* the person's last look (or when the profile was made) */
  GPtrArray *items;     /* (element-type HbWhatsNewItem): new, then coming, then earlier */
  guint n_unseen;       /* new and not read yet: the sidebar's badge */
} HbWhatsNew;

void hb_whats_new_free (HbWhatsNew *whats_new);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HbWhatsNew, hb_whats_new_free)

/**
 * hb_store_get_whats_new:
 * @profile_uuid: the person
 * @today: (nullable): "YYYY-MM-DD"; %NULL for today
 *
 * The versions that took effect since this person last looked at What's
 * new (one per article, the newest; for someone who never looked, the
 * updates since the profile was made: versions after the first, or
 * brought by a bundle), those to come, and the earlier updates of the
 * last 30 days.
 *
 * Returns: (transfer full): What's new, or %NULL with
 *   %HB_STORE_ERROR_NOT_FOUND for an unknown profile
 */
HbWhatsNew *hb_store_get_whats_new (HbStore *self, const char *profile_uuid, const char *today, GError **error);

G_END_DECLS
