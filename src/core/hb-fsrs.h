/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The FSRS spaced-repetition scheduler, as py-fsrs 6.3.1
 * (open-spaced-repetition/py-fsrs, fsrs/scheduler.py, MIT) schedules: the
 * same states, formulas, default weights, learning steps and fuzz. Times
 * are UTC unix seconds. */

#define HB_FSRS_ERROR (hb_fsrs_error_quark ())

typedef enum
{
  /* A weight outside the bounds py-fsrs allows. */
  HB_FSRS_ERROR_PARAMETERS,
} HbFsrsError;

GQuark hb_fsrs_error_quark (void);

typedef enum
{
  HB_FSRS_LEARNING = 1,
  HB_FSRS_REVIEW = 2,
  HB_FSRS_RELEARNING = 3,
} HbFsrsState;

typedef enum
{
  HB_FSRS_AGAIN = 1,
  HB_FSRS_HARD = 2,
  HB_FSRS_GOOD = 3,
  HB_FSRS_EASY = 4,
} HbFsrsRating;

#define HB_FSRS_N_PARAMETERS 21
#define HB_FSRS_MAX_STEPS 8

/* FSRS-6's default weights, py-fsrs 6.3.1's DEFAULT_PARAMETERS. */
extern const double hb_fsrs_default_parameters[HB_FSRS_N_PARAMETERS];

/**
 * HbFsrsCard:
 * @state: learning, review or relearning
 * @step: the learning or relearning step; -1 in review
 * @stability: days for the recall probability to fall to 90 %; 0 before
 *   the first review
 * @difficulty: 1 to 10; 0 before the first review
 * @due: when the card is due next
 * @last_review: when it was last reviewed; 0 never
 *
 * What FSRS knows of one question for one person. It is a plain value:
 * store it, copy it.
 */
typedef struct
{
  HbFsrsState state;
  int step;
  double stability;
  double difficulty;
  gint64 due;
  gint64 last_review;
} HbFsrsCard;

/* Returns a number in [0, 1). */
typedef double (*HbFsrsRandomFunc) (gpointer user_data);

/**
 * HbFsrsScheduler:
 * @parameters: the 21 weights
 * @desired_retention: the recall probability to schedule for, 0.9
 * @learning_steps: in seconds, 1 and 10 minutes
 * @n_learning_steps: how many, maybe 0
 * @relearning_steps: in seconds, 10 minutes
 * @n_relearning_steps: how many, maybe 0
 * @maximum_interval: in days, 36500
 * @enable_fuzzing: whether review intervals get a little random spread,
 *   as py-fsrs does by default (off here, so schedules are deterministic)
 * @random: (nullable): the random source of the fuzz; %NULL for GLib's
 * @random_data: its closure
 */
typedef struct
{
  double parameters[HB_FSRS_N_PARAMETERS];
  double desired_retention;
  gint64 learning_steps[HB_FSRS_MAX_STEPS];
  guint n_learning_steps;
  gint64 relearning_steps[HB_FSRS_MAX_STEPS];
  guint n_relearning_steps;
  int maximum_interval;
  gboolean enable_fuzzing;
  HbFsrsRandomFunc random;
  gpointer random_data;
} HbFsrsScheduler;

/**
 * hb_fsrs_scheduler_init:
 * @scheduler: a scheduler to set up
 *
 * Sets py-fsrs's defaults, with the fuzz off.
 */
void hb_fsrs_scheduler_init (HbFsrsScheduler *scheduler);

/**
 * hb_fsrs_scheduler_set_parameters:
 * @scheduler: a scheduler
 * @parameters: (array length=n_parameters): weights, from an optimizer
 * @n_parameters: how many; must be %HB_FSRS_N_PARAMETERS
 * @error: return location for a #HB_FSRS_ERROR
 *
 * Returns: whether the weights are within py-fsrs's bounds and were set
 */
gboolean hb_fsrs_scheduler_set_parameters (HbFsrsScheduler *scheduler, const double *parameters,
                                           guint n_parameters, GError **error);

/**
 * hb_fsrs_card_init:
 * @card: a card to set up
 * @now: the time it is created
 *
 * A new card: learning, at its first step, due at once.
 */
void hb_fsrs_card_init (HbFsrsCard *card, gint64 now);

/**
 * hb_fsrs_review:
 * @scheduler: a scheduler
 * @card: the card reviewed, updated in place
 * @rating: how well it was recalled
 * @now: when
 *
 * Updates the card's memory state and schedules it: py-fsrs's
 * Scheduler.review_card().
 */
void hb_fsrs_review (const HbFsrsScheduler *scheduler, HbFsrsCard *card, HbFsrsRating rating, gint64 now);

/**
 * hb_fsrs_retrievability:
 * @scheduler: a scheduler
 * @card: a card
 * @now: a time
 *
 * Returns: the probability, 0 to 1, that the card is recalled at @now
 *   (0 for a card never reviewed)
 */
double hb_fsrs_retrievability (const HbFsrsScheduler *scheduler, const HbFsrsCard *card, gint64 now);

/**
 * hb_fsrs_card_is_due:
 *
 * Returns: whether @card is due at @now
 */
gboolean hb_fsrs_card_is_due (const HbFsrsCard *card, gint64 now);

G_END_DECLS
