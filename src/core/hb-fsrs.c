/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hb-fsrs"

#include "config.h"

#include "hb-fsrs.h"

#include <glib/gi18n-lib.h>
#include <math.h>

G_DEFINE_QUARK (hb-fsrs-error-quark, hb_fsrs_error)

#define DAY (24 * 60 * 60)
#define STABILITY_MIN 0.001
#define DIFFICULTY_MIN 1.0
#define DIFFICULTY_MAX 10.0

const double hb_fsrs_default_parameters[HB_FSRS_N_PARAMETERS] = {
  0.212, 1.2931, 2.3065, 8.2956, 6.4133, 0.8334, 3.0194, 0.001, 1.8722, 0.1666, 0.796,
  1.4835, 0.0614, 0.2629, 1.6483, 0.6014, 1.8729, 0.5425, 0.0912, 0.0658, 0.1542,
};

/* py-fsrs's LOWER_BOUNDS_PARAMETERS and UPPER_BOUNDS_PARAMETERS. */
static const double lower_bounds[HB_FSRS_N_PARAMETERS] = {
  STABILITY_MIN, STABILITY_MIN, STABILITY_MIN, STABILITY_MIN, 1.0, 0.001, 0.001, 0.001, 0.0, 0.0, 0.001,
  0.001, 0.001, 0.001, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 0.1,
};
static const double upper_bounds[HB_FSRS_N_PARAMETERS] = {
  100.0, 100.0, 100.0, 100.0, 10.0, 4.0, 4.0, 0.75, 4.5, 0.8, 3.5,
  5.0, 0.25, 0.9, 4.0, 1.0, 6.0, 2.0, 2.0, 0.8, 0.8,
};

/* Review intervals from 2.5 days on spread by a share of their length. */
static const struct { double start, end, factor; } fuzz_ranges[] = {
  { 2.5, 7.0, 0.15 },
  { 7.0, 20.0, 0.1 },
  { 20.0, INFINITY, 0.05 },
};

void
hb_fsrs_scheduler_init (HbFsrsScheduler *scheduler)
{
  guint i;

  g_return_if_fail (scheduler != NULL);

  for (i = 0; i < HB_FSRS_N_PARAMETERS; i++)
    scheduler->parameters[i] = hb_fsrs_default_parameters[i];
  scheduler->desired_retention = 0.9;
  scheduler->learning_steps[0] = 60;
  scheduler->learning_steps[1] = 10 * 60;
  scheduler->n_learning_steps = 2;
  scheduler->relearning_steps[0] = 10 * 60;
  scheduler->n_relearning_steps = 1;
  scheduler->maximum_interval = 36500;
  scheduler->enable_fuzzing = FALSE;
  scheduler->random = NULL;
  scheduler->random_data = NULL;
}

gboolean
hb_fsrs_scheduler_set_parameters (HbFsrsScheduler *scheduler, const double *parameters,
                                  guint n_parameters, GError **error)
{
  guint i;

  g_return_val_if_fail (scheduler != NULL, FALSE);
  g_return_val_if_fail (parameters != NULL || n_parameters == 0, FALSE);

  if (n_parameters != HB_FSRS_N_PARAMETERS)
    {
      g_set_error (error, HB_FSRS_ERROR, HB_FSRS_ERROR_PARAMETERS,
                   g_dngettext (GETTEXT_PACKAGE, "FSRS needs %d weight, not %u", "FSRS needs %d weights, not %u",
                                HB_FSRS_N_PARAMETERS),
                   HB_FSRS_N_PARAMETERS, n_parameters);
      return FALSE;
    }
  for (i = 0; i < n_parameters; i++)
    if (!(parameters[i] >= lower_bounds[i] && parameters[i] <= upper_bounds[i]))
      {
        g_set_error (error, HB_FSRS_ERROR, HB_FSRS_ERROR_PARAMETERS,
                     _("FSRS weight %u is %g, outside %g to %g"), i, parameters[i], lower_bounds[i], upper_bounds[i]);
        return FALSE;
      }
  for (i = 0; i < n_parameters; i++)
    scheduler->parameters[i] = parameters[i];
  return TRUE;
}

void
hb_fsrs_card_init (HbFsrsCard *card, gint64 now)
{
  g_return_if_fail (card != NULL);

  card->state = HB_FSRS_LEARNING;
  card->step = 0;
  card->stability = 0;
  card->difficulty = 0;
  card->due = now;
  card->last_review = 0;
}

gboolean
hb_fsrs_card_is_due (const HbFsrsCard *card, gint64 now)
{
  g_return_val_if_fail (card != NULL, FALSE);

  return card->due <= now;
}

static double
decay (const HbFsrsScheduler *s)
{
  return -s->parameters[20];
}

static double
factor (const HbFsrsScheduler *s)
{
  return pow (0.9, 1.0 / decay (s)) - 1;
}

/* Whole days from @from to @to, rounded down as Python's timedelta.days. */
static gint64
days_between (gint64 from, gint64 to)
{
  gint64 seconds = to - from;

  return seconds >= 0 ? seconds / DAY : -((-seconds + DAY - 1) / DAY);
}

/* Python's round(): halves to even. nearbyint() does that in the default
 * rounding mode. */
static double
round_half_even (double x)
{
  return nearbyint (x);
}

double
hb_fsrs_retrievability (const HbFsrsScheduler *scheduler, const HbFsrsCard *card, gint64 now)
{
  gint64 elapsed;

  g_return_val_if_fail (scheduler != NULL, 0);
  g_return_val_if_fail (card != NULL, 0);

  if (card->last_review == 0 || card->stability <= 0)
    return 0;
  elapsed = MAX (0, days_between (card->last_review, now));
  return pow (1 + factor (scheduler) * elapsed / card->stability, decay (scheduler));
}

static double
clamp_difficulty (double difficulty)
{
  return CLAMP (difficulty, DIFFICULTY_MIN, DIFFICULTY_MAX);
}

static double
clamp_stability (double stability)
{
  return MAX (stability, STABILITY_MIN);
}

static double
initial_stability (const HbFsrsScheduler *s, HbFsrsRating rating)
{
  return clamp_stability (s->parameters[rating - 1]);
}

static double
initial_difficulty (const HbFsrsScheduler *s, HbFsrsRating rating, gboolean clamp)
{
  double difficulty = s->parameters[4] - exp (s->parameters[5] * ((double) rating - 1)) + 1;

  return clamp ? clamp_difficulty (difficulty) : difficulty;
}

/* Whole days until the recall probability falls to the desired one. */
static int
next_interval (const HbFsrsScheduler *s, double stability)
{
  double interval = (stability / factor (s)) * (pow (s->desired_retention, 1.0 / decay (s)) - 1);
  double days = round_half_even (interval);

  days = MAX (days, 1);
  days = MIN (days, s->maximum_interval);
  return (int) days;
}

static double
short_term_stability (const HbFsrsScheduler *s, double stability, HbFsrsRating rating)
{
  const double *w = s->parameters;
  double increase = exp (w[17] * ((double) rating - 3 + w[18])) * pow (stability, -w[19]);

  if (rating == HB_FSRS_GOOD || rating == HB_FSRS_EASY)
    increase = MAX (increase, 1.0);
  return clamp_stability (stability * increase);
}

static double
next_difficulty (const HbFsrsScheduler *s, double difficulty, HbFsrsRating rating)
{
  const double *w = s->parameters;
  double delta = -(w[6] * ((double) rating - 3));
  /* Linear damping: the harder the card already is, the less it moves. */
  double damped = difficulty + (10.0 - difficulty) * delta / 9.0;
  /* Mean reversion towards the difficulty of a first Easy. */
  double reverted = w[7] * initial_difficulty (s, HB_FSRS_EASY, FALSE) + (1 - w[7]) * damped;

  return clamp_difficulty (reverted);
}

static double
next_forget_stability (const HbFsrsScheduler *s, double difficulty, double stability, double retrievability)
{
  const double *w = s->parameters;
  double long_term = w[11] * pow (difficulty, -w[12]) * (pow (stability + 1, w[13]) - 1)
                     * exp ((1 - retrievability) * w[14]);
  double short_term = stability / exp (w[17] * w[18]);

  return MIN (long_term, short_term);
}

static double
next_recall_stability (const HbFsrsScheduler *s, double difficulty, double stability, double retrievability,
                       HbFsrsRating rating)
{
  const double *w = s->parameters;
  double hard_penalty = rating == HB_FSRS_HARD ? w[15] : 1;
  double easy_bonus = rating == HB_FSRS_EASY ? w[16] : 1;

  return stability * (1 + exp (w[8]) * (11 - difficulty) * pow (stability, -w[9])
                            * (exp ((1 - retrievability) * w[10]) - 1) * hard_penalty * easy_bonus);
}

static double
next_stability (const HbFsrsScheduler *s, double difficulty, double stability, double retrievability,
                HbFsrsRating rating)
{
  double next;

  if (rating == HB_FSRS_AGAIN)
    next = next_forget_stability (s, difficulty, stability, retrievability);
  else
    next = next_recall_stability (s, difficulty, stability, retrievability, rating);
  return clamp_stability (next);
}

static gint64
fuzzed_interval (const HbFsrsScheduler *s, gint64 interval)
{
  gint64 days = interval / DAY;
  double delta = 1.0;
  double min_ivl, max_ivl, r, fuzzed;
  guint i;

  if (days < 2.5)
    return interval;

  for (i = 0; i < G_N_ELEMENTS (fuzz_ranges); i++)
    delta += fuzz_ranges[i].factor * MAX (MIN ((double) days, fuzz_ranges[i].end) - fuzz_ranges[i].start, 0.0);
  min_ivl = round_half_even (days - delta);
  max_ivl = round_half_even (days + delta);
  min_ivl = MAX (2, min_ivl);
  max_ivl = MIN (max_ivl, s->maximum_interval);
  min_ivl = MIN (min_ivl, max_ivl);

  r = s->random != NULL ? s->random (s->random_data) : g_random_double ();
  fuzzed = r * (max_ivl - min_ivl + 1) + min_ivl;
  fuzzed = MIN (round_half_even (fuzzed), s->maximum_interval);
  return (gint64) fuzzed * DAY;
}

/* The next interval of a learning or relearning card, py-fsrs's two
 * identical branches. */
static gint64
step_interval (const HbFsrsScheduler *s, HbFsrsCard *card, HbFsrsRating rating,
               const gint64 *steps, guint n_steps)
{
  if (n_steps == 0 || (card->step >= (int) n_steps && rating != HB_FSRS_AGAIN))
    {
      /* No steps, or a card from a scheduler with more of them. */
      card->state = HB_FSRS_REVIEW;
      card->step = -1;
      return (gint64) next_interval (s, card->stability) * DAY;
    }

  switch (rating)
    {
    case HB_FSRS_AGAIN:
      card->step = 0;
      return steps[0];
    case HB_FSRS_HARD:
      /* The step stays. */
      if (card->step == 0 && n_steps == 1)
        return (gint64) round_half_even (steps[0] * 1.5);
      if (card->step == 0)
        return (gint64) round_half_even ((steps[0] + steps[1]) / 2.0);
      return steps[MIN ((guint) card->step, n_steps - 1)];
    case HB_FSRS_GOOD:
      if ((guint) card->step + 1 >= n_steps)
        {
          card->state = HB_FSRS_REVIEW;
          card->step = -1;
          return (gint64) next_interval (s, card->stability) * DAY;
        }
      card->step++;
      return steps[card->step];
    case HB_FSRS_EASY:
    default:
      card->state = HB_FSRS_REVIEW;
      card->step = -1;
      return (gint64) next_interval (s, card->stability) * DAY;
    }
}

void
hb_fsrs_review (const HbFsrsScheduler *scheduler, HbFsrsCard *card, HbFsrsRating rating, gint64 now)
{
  const HbFsrsScheduler *s = scheduler;
  gboolean same_day;
  gint64 interval;

  g_return_if_fail (scheduler != NULL);
  g_return_if_fail (card != NULL);
  g_return_if_fail (rating >= HB_FSRS_AGAIN && rating <= HB_FSRS_EASY);

  /* Reviewed again within a day: the short-term formulas. */
  same_day = card->last_review != 0 && days_between (card->last_review, now) < 1;

  switch (card->state)
    {
    case HB_FSRS_LEARNING:
    case HB_FSRS_RELEARNING:
    default:
      if (card->state == HB_FSRS_LEARNING && (card->stability <= 0 || card->difficulty <= 0))
        {
          card->stability = initial_stability (s, rating);
          card->difficulty = initial_difficulty (s, rating, TRUE);
        }
      else if (same_day)
        {
          card->stability = short_term_stability (s, card->stability, rating);
          card->difficulty = next_difficulty (s, card->difficulty, rating);
        }
      else
        {
          card->stability = next_stability (s, card->difficulty, card->stability,
                                            hb_fsrs_retrievability (s, card, now), rating);
          card->difficulty = next_difficulty (s, card->difficulty, rating);
        }
      if (card->step < 0)
        card->step = 0;
      if (card->state == HB_FSRS_RELEARNING)
        interval = step_interval (s, card, rating, s->relearning_steps, s->n_relearning_steps);
      else
        interval = step_interval (s, card, rating, s->learning_steps, s->n_learning_steps);
      break;

    case HB_FSRS_REVIEW:
      if (same_day)
        card->stability = short_term_stability (s, card->stability, rating);
      else
        card->stability = next_stability (s, card->difficulty, card->stability,
                                          hb_fsrs_retrievability (s, card, now), rating);
      card->difficulty = next_difficulty (s, card->difficulty, rating);

      if (rating == HB_FSRS_AGAIN && s->n_relearning_steps > 0)
        {
          card->state = HB_FSRS_RELEARNING;
          card->step = 0;
          interval = s->relearning_steps[0];
        }
      else
        interval = (gint64) next_interval (s, card->stability) * DAY;
      break;
    }

  if (s->enable_fuzzing && card->state == HB_FSRS_REVIEW)
    interval = fuzzed_interval (s, interval);

  card->due = now + interval;
  card->last_review = now;
}
