/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "hb-fsrs.h"
#include "hb-test-util.h"

/* Every expected number here is py-fsrs 6.3.1's, from its own
 * tests/test_basic.py (open-spaced-repetition/py-fsrs, commit 3abe686);
 * each test names the one it follows. */

#define MINUTE 60
#define DAY (24 * 60 * 60)

/* 2022-11-29 12:30:00 UTC, the review time of py-fsrs's tests. */
static gint64
start_time (void)
{
  g_autoptr (GDateTime) time = g_date_time_new_utc (2022, 11, 29, 12, 30, 0);

  return g_date_time_to_unix (time);
}

/* TEST_RATINGS_1 */
static const HbFsrsRating ratings_1[] = {
  HB_FSRS_GOOD, HB_FSRS_GOOD, HB_FSRS_GOOD, HB_FSRS_GOOD, HB_FSRS_GOOD, HB_FSRS_GOOD,
  HB_FSRS_AGAIN, HB_FSRS_AGAIN, HB_FSRS_GOOD, HB_FSRS_GOOD, HB_FSRS_GOOD, HB_FSRS_GOOD, HB_FSRS_GOOD,
};

/* test_review_card and test_custom_scheduler_args: each review when the
 * card is due; the intervals in whole days. */
static void
test_fsrs_intervals (void)
{
  static const int ivl_history[] = { 0, 2, 11, 46, 163, 498, 0, 0, 2, 4, 7, 12, 21 };
  HbFsrsScheduler scheduler;
  HbFsrsCard card;
  gint64 now = start_time ();
  guint i;

  G_STATIC_ASSERT (G_N_ELEMENTS (ivl_history) == G_N_ELEMENTS (ratings_1));
  hb_fsrs_scheduler_init (&scheduler);
  hb_fsrs_card_init (&card, now);
  for (i = 0; i < G_N_ELEMENTS (ratings_1); i++)
    {
      hb_fsrs_review (&scheduler, &card, ratings_1[i], now);
      g_assert_cmpint ((card.due - card.last_review) / DAY, ==, ivl_history[i]);
      now = card.due;
    }
}

/* test_memo_state: reviews 0, 0, 1, 3, 8 and 21 days apart (fuzz, which
 * only moves the due date, does not change the memory state). */
static void
test_fsrs_memory_state (void)
{
  static const HbFsrsRating ratings[] = { HB_FSRS_AGAIN, HB_FSRS_GOOD, HB_FSRS_GOOD, HB_FSRS_GOOD, HB_FSRS_GOOD, HB_FSRS_GOOD };
  static const int ivl_history[] = { 0, 0, 1, 3, 8, 21 };
  HbFsrsScheduler scheduler;
  HbFsrsCard card;
  gint64 now = start_time ();
  guint i;

  hb_fsrs_scheduler_init (&scheduler);
  scheduler.enable_fuzzing = TRUE;
  hb_fsrs_card_init (&card, now);
  for (i = 0; i < G_N_ELEMENTS (ratings); i++)
    {
      now += (gint64) ivl_history[i] * DAY;
      hb_fsrs_review (&scheduler, &card, ratings[i], now);
    }
  g_assert_cmpfloat_with_epsilon (card.stability, 53.62691, 1e-4);
  g_assert_cmpfloat_with_epsilon (card.difficulty, 6.3574867, 1e-4);
}

/* test_repeated_correct_reviews: ten Easy reviews at once. */
static void
test_fsrs_repeated_easy (void)
{
  HbFsrsScheduler scheduler;
  HbFsrsCard card;
  gint64 now = start_time ();
  guint i;

  hb_fsrs_scheduler_init (&scheduler);
  hb_fsrs_card_init (&card, now);
  for (i = 0; i < 10; i++)
    hb_fsrs_review (&scheduler, &card, HB_FSRS_EASY, now);
  g_assert_cmpfloat (card.difficulty, ==, 1.0);
}

/* test_good_learning_steps, test_again_learning_steps,
 * test_hard_learning_steps, test_easy_learning_steps */
static void
test_fsrs_learning_steps (void)
{
  HbFsrsScheduler scheduler;
  HbFsrsCard card;
  gint64 now = start_time ();

  hb_fsrs_scheduler_init (&scheduler);

  hb_fsrs_card_init (&card, now);
  g_assert_cmpint (card.state, ==, HB_FSRS_LEARNING);
  g_assert_cmpint (card.step, ==, 0);
  g_assert_true (hb_fsrs_card_is_due (&card, now));
  hb_fsrs_review (&scheduler, &card, HB_FSRS_GOOD, card.due);
  g_assert_cmpint (card.state, ==, HB_FSRS_LEARNING);
  g_assert_cmpint (card.step, ==, 1);
  g_assert_cmpint (card.due - now, ==, 10 * MINUTE);
  hb_fsrs_review (&scheduler, &card, HB_FSRS_GOOD, card.due);
  g_assert_cmpint (card.state, ==, HB_FSRS_REVIEW);
  g_assert_cmpint (card.step, ==, -1);
  g_assert_cmpint (card.due - now, >=, DAY);

  hb_fsrs_card_init (&card, now);
  hb_fsrs_review (&scheduler, &card, HB_FSRS_AGAIN, card.due);
  g_assert_cmpint (card.state, ==, HB_FSRS_LEARNING);
  g_assert_cmpint (card.step, ==, 0);
  g_assert_cmpint (card.due - now, ==, 1 * MINUTE);

  /* Hard on the first of two steps: halfway between them. */
  hb_fsrs_card_init (&card, now);
  hb_fsrs_review (&scheduler, &card, HB_FSRS_HARD, card.due);
  g_assert_cmpint (card.state, ==, HB_FSRS_LEARNING);
  g_assert_cmpint (card.step, ==, 0);
  g_assert_cmpint (card.due - now, ==, 330);

  hb_fsrs_card_init (&card, now);
  hb_fsrs_review (&scheduler, &card, HB_FSRS_EASY, card.due);
  g_assert_cmpint (card.state, ==, HB_FSRS_REVIEW);
  g_assert_cmpint (card.due - now, >=, DAY);
}

/* test_review_state and test_relearning */
static void
test_fsrs_relearning (void)
{
  HbFsrsScheduler scheduler;
  HbFsrsCard card;
  gint64 previous;

  hb_fsrs_scheduler_init (&scheduler);
  hb_fsrs_card_init (&card, start_time ());
  hb_fsrs_review (&scheduler, &card, HB_FSRS_GOOD, card.due);
  hb_fsrs_review (&scheduler, &card, HB_FSRS_GOOD, card.due);
  g_assert_cmpint (card.state, ==, HB_FSRS_REVIEW);
  previous = card.due;
  hb_fsrs_review (&scheduler, &card, HB_FSRS_GOOD, card.due);
  g_assert_cmpint (card.state, ==, HB_FSRS_REVIEW);
  g_assert_cmpint (card.due - previous, >=, DAY);

  previous = card.due;
  hb_fsrs_review (&scheduler, &card, HB_FSRS_AGAIN, card.due);
  g_assert_cmpint (card.state, ==, HB_FSRS_RELEARNING);
  g_assert_cmpint (card.step, ==, 0);
  g_assert_cmpint (card.due - previous, ==, 10 * MINUTE);

  previous = card.due;
  hb_fsrs_review (&scheduler, &card, HB_FSRS_AGAIN, card.due);
  g_assert_cmpint (card.state, ==, HB_FSRS_RELEARNING);
  g_assert_cmpint (card.step, ==, 0);
  g_assert_cmpint (card.due - previous, ==, 10 * MINUTE);

  previous = card.due;
  hb_fsrs_review (&scheduler, &card, HB_FSRS_GOOD, card.due);
  g_assert_cmpint (card.state, ==, HB_FSRS_REVIEW);
  g_assert_cmpint (card.step, ==, -1);
  g_assert_cmpint (card.due - previous, >=, DAY);

  /* test_long_term_stability_learning_state: relearned a day late. */
  hb_fsrs_card_init (&card, start_time ());
  hb_fsrs_review (&scheduler, &card, HB_FSRS_EASY, card.due);
  hb_fsrs_review (&scheduler, &card, HB_FSRS_AGAIN, card.due);
  g_assert_cmpint (card.state, ==, HB_FSRS_RELEARNING);
  hb_fsrs_review (&scheduler, &card, HB_FSRS_GOOD, card.due + DAY);
  g_assert_cmpint (card.state, ==, HB_FSRS_REVIEW);
}

static double
sequence_random_cb (gpointer user_data)
{
  const double **next = user_data;

  return *(*next)++;
}

/* test_fuzz: the third Good of a new card, with Python's random() seeded
 * 42 and 12345. The second review's interval, 2 days, is too short to
 * fuzz and draws no number, so the third draws the first of each seed:
 * random.seed(42); random.random() is 0.6394267984578837, and
 * random.seed(12345); random.random() is 0.41661987254534116. */
static void
test_fsrs_fuzz (void)
{
  static const double seed_42[] = { 0.6394267984578837 };
  static const double seed_12345[] = { 0.41661987254534116 };
  const double *const seeds[] = { seed_42, seed_12345 };
  const int days[] = { 12, 11 };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (seeds); i++)
    {
      HbFsrsScheduler scheduler;
      HbFsrsCard card;
      const double *next = seeds[i];
      gint64 previous;

      hb_fsrs_scheduler_init (&scheduler);
      scheduler.enable_fuzzing = TRUE;
      scheduler.random = sequence_random_cb;
      scheduler.random_data = &next;
      hb_fsrs_card_init (&card, start_time ());
      hb_fsrs_review (&scheduler, &card, HB_FSRS_GOOD, start_time ());
      hb_fsrs_review (&scheduler, &card, HB_FSRS_GOOD, card.due);
      previous = card.due;
      hb_fsrs_review (&scheduler, &card, HB_FSRS_GOOD, card.due);
      g_assert_cmpint ((card.due - previous) / DAY, ==, days[i]);
      g_assert_true (next == seeds[i] + 1);
    }

  /* Without the fuzz the same card is due in 11 days (ivl_history). */
  {
    HbFsrsScheduler scheduler;
    HbFsrsCard card;

    hb_fsrs_scheduler_init (&scheduler);
    hb_fsrs_card_init (&card, start_time ());
    hb_fsrs_review (&scheduler, &card, HB_FSRS_GOOD, start_time ());
    hb_fsrs_review (&scheduler, &card, HB_FSRS_GOOD, card.due);
    hb_fsrs_review (&scheduler, &card, HB_FSRS_GOOD, card.due);
    g_assert_cmpint ((card.due - card.last_review) / DAY, ==, 11);
  }
}

/* test_no_learning_steps, test_no_relearning_steps, and
 * test_one_card_multiple_schedulers */
static void
test_fsrs_steps (void)
{
  HbFsrsScheduler two, one, none, no_relearning;
  HbFsrsCard card;

  hb_fsrs_scheduler_init (&none);
  none.n_learning_steps = 0;
  hb_fsrs_card_init (&card, start_time ());
  hb_fsrs_review (&none, &card, HB_FSRS_AGAIN, start_time ());
  g_assert_cmpint (card.state, ==, HB_FSRS_REVIEW);
  g_assert_cmpint ((card.due - card.last_review) / DAY, >=, 1);

  hb_fsrs_scheduler_init (&no_relearning);
  no_relearning.n_relearning_steps = 0;
  hb_fsrs_card_init (&card, start_time ());
  hb_fsrs_review (&no_relearning, &card, HB_FSRS_GOOD, start_time ());
  g_assert_cmpint (card.state, ==, HB_FSRS_LEARNING);
  hb_fsrs_review (&no_relearning, &card, HB_FSRS_GOOD, card.due);
  g_assert_cmpint (card.state, ==, HB_FSRS_REVIEW);
  hb_fsrs_review (&no_relearning, &card, HB_FSRS_AGAIN, card.due);
  g_assert_cmpint (card.state, ==, HB_FSRS_REVIEW);
  g_assert_cmpint ((card.due - card.last_review) / DAY, >=, 1);

  /* test_one_card_multiple_schedulers: one card, schedulers with two,
   * one and no learning (then relearning) steps in turn. */
  hb_fsrs_scheduler_init (&two);
  hb_fsrs_scheduler_init (&one);
  one.learning_steps[0] = MINUTE;
  one.n_learning_steps = 1;
  hb_fsrs_card_init (&card, start_time ());
  hb_fsrs_review (&two, &card, HB_FSRS_GOOD, start_time ());
  g_assert_cmpint (card.state, ==, HB_FSRS_LEARNING);
  g_assert_cmpint (card.step, ==, 1);
  hb_fsrs_review (&one, &card, HB_FSRS_AGAIN, start_time ());
  g_assert_cmpint (card.state, ==, HB_FSRS_LEARNING);
  g_assert_cmpint (card.step, ==, 0);
  hb_fsrs_review (&none, &card, HB_FSRS_HARD, start_time ());
  g_assert_cmpint (card.state, ==, HB_FSRS_REVIEW);
  g_assert_cmpint (card.step, ==, -1);

  two.relearning_steps[0] = MINUTE;
  two.relearning_steps[1] = 10 * MINUTE;
  two.n_relearning_steps = 2;
  one.relearning_steps[0] = MINUTE;
  one.n_relearning_steps = 1;
  hb_fsrs_review (&two, &card, HB_FSRS_AGAIN, start_time ());
  g_assert_cmpint (card.state, ==, HB_FSRS_RELEARNING);
  g_assert_cmpint (card.step, ==, 0);
  hb_fsrs_review (&two, &card, HB_FSRS_GOOD, start_time ());
  g_assert_cmpint (card.state, ==, HB_FSRS_RELEARNING);
  g_assert_cmpint (card.step, ==, 1);
  hb_fsrs_review (&one, &card, HB_FSRS_AGAIN, start_time ());
  g_assert_cmpint (card.state, ==, HB_FSRS_RELEARNING);
  g_assert_cmpint (card.step, ==, 0);
  hb_fsrs_review (&no_relearning, &card, HB_FSRS_HARD, start_time ());
  g_assert_cmpint (card.state, ==, HB_FSRS_REVIEW);
  g_assert_cmpint (card.step, ==, -1);

  /* test_learning_card_rate_hard_one_learning_step: 1.5 times the step. */
  one.learning_steps[0] = 10 * MINUTE;
  hb_fsrs_card_init (&card, start_time ());
  hb_fsrs_review (&one, &card, HB_FSRS_HARD, start_time ());
  g_assert_cmpint (card.due - card.last_review, ==, 15 * MINUTE);
}

/* test_maximum_interval and test_stability_lower_bound */
static void
test_fsrs_bounds (void)
{
  HbFsrsScheduler scheduler;
  HbFsrsCard card;
  guint i;

  hb_fsrs_scheduler_init (&scheduler);
  scheduler.maximum_interval = 100;
  hb_fsrs_card_init (&card, start_time ());
  for (i = 0; i < 4; i++)
    {
      hb_fsrs_review (&scheduler, &card, i % 2 == 0 ? HB_FSRS_EASY : HB_FSRS_GOOD, card.due);
      g_assert_cmpint ((card.due - card.last_review) / DAY, <=, 100);
    }

  hb_fsrs_scheduler_init (&scheduler);
  hb_fsrs_card_init (&card, start_time ());
  for (i = 0; i < 1000; i++)
    {
      hb_fsrs_review (&scheduler, &card, HB_FSRS_AGAIN, card.due + DAY);
      g_assert_cmpfloat (card.stability, >=, 0.001);
    }
}

/* test_retrievability */
static void
test_fsrs_retrievability (void)
{
  HbFsrsScheduler scheduler;
  HbFsrsCard card;
  gint64 now = start_time ();
  double r;

  hb_fsrs_scheduler_init (&scheduler);
  hb_fsrs_card_init (&card, now);
  g_assert_cmpfloat (hb_fsrs_retrievability (&scheduler, &card, now), ==, 0);
  hb_fsrs_review (&scheduler, &card, HB_FSRS_GOOD, now);
  g_assert_cmpint (card.state, ==, HB_FSRS_LEARNING);
  r = hb_fsrs_retrievability (&scheduler, &card, now);
  g_assert_cmpfloat (r, >=, 0);
  g_assert_cmpfloat (r, <=, 1);
  hb_fsrs_review (&scheduler, &card, HB_FSRS_GOOD, card.due);
  g_assert_cmpint (card.state, ==, HB_FSRS_REVIEW);
  /* After one stability's worth of days, 90 %, by the definition of
   * stability (to a day's rounding). */
  r = hb_fsrs_retrievability (&scheduler, &card, card.last_review + (gint64) card.stability * DAY);
  g_assert_cmpfloat (r, >, 0.9);
  g_assert_cmpfloat (r, <, 0.95);
  hb_fsrs_review (&scheduler, &card, HB_FSRS_AGAIN, card.due);
  g_assert_cmpint (card.state, ==, HB_FSRS_RELEARNING);
  r = hb_fsrs_retrievability (&scheduler, &card, card.due);
  g_assert_cmpfloat (r, >=, 0);
  g_assert_cmpfloat (r, <=, 1);
}

/* test_scheduler_parameter_validation */
static void
test_fsrs_parameters (void)
{
  HbFsrsScheduler scheduler;
  double parameters[HB_FSRS_N_PARAMETERS];
  g_autoptr (GError) error = NULL;
  guint i;

  hb_fsrs_scheduler_init (&scheduler);
  for (i = 0; i < HB_FSRS_N_PARAMETERS; i++)
    parameters[i] = hb_fsrs_default_parameters[i];
  g_assert_true (hb_fsrs_scheduler_set_parameters (&scheduler, parameters, HB_FSRS_N_PARAMETERS, &error));
  g_assert_no_error (error);

  parameters[6] = 100;
  g_assert_false (hb_fsrs_scheduler_set_parameters (&scheduler, parameters, HB_FSRS_N_PARAMETERS, &error));
  g_assert_error (error, HB_FSRS_ERROR, HB_FSRS_ERROR_PARAMETERS);
  g_clear_error (&error);
  g_assert_cmpfloat (scheduler.parameters[6], ==, hb_fsrs_default_parameters[6]);

  parameters[6] = hb_fsrs_default_parameters[6];
  parameters[4] = -1;
  g_assert_false (hb_fsrs_scheduler_set_parameters (&scheduler, parameters, HB_FSRS_N_PARAMETERS, &error));
  g_clear_error (&error);
  g_assert_false (hb_fsrs_scheduler_set_parameters (&scheduler, parameters, HB_FSRS_N_PARAMETERS - 1, &error));
  g_clear_error (&error);
  g_assert_false (hb_fsrs_scheduler_set_parameters (&scheduler, parameters, 0, &error));
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/fsrs/intervals", test_fsrs_intervals);
  g_test_add_func ("/fsrs/memory-state", test_fsrs_memory_state);
  g_test_add_func ("/fsrs/repeated-easy", test_fsrs_repeated_easy);
  g_test_add_func ("/fsrs/learning-steps", test_fsrs_learning_steps);
  g_test_add_func ("/fsrs/relearning", test_fsrs_relearning);
  g_test_add_func ("/fsrs/fuzz", test_fsrs_fuzz);
  g_test_add_func ("/fsrs/steps", test_fsrs_steps);
  g_test_add_func ("/fsrs/bounds", test_fsrs_bounds);
  g_test_add_func ("/fsrs/retrievability", test_fsrs_retrievability);
  g_test_add_func ("/fsrs/parameters", test_fsrs_parameters);

  status = g_test_run ();
  hb_test_cleanup ();
  return status;
}
