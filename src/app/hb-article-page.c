/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hb-article-page"

#include "config.h"

#include "hb-article-page.h"
#include "hb-accessible.h"
#include "hb-history-view.h"
#include "hb-page.h"
#include "hb-store-acknowledgements.h"
#include "hb-util.h"

#include <glib/gi18n.h>
#include <math.h>

struct _HbArticlePage
{
  AdwBin parent_instance;

  HbStore *store;
  HbWebView *web_view;
  HbHistoryView *history_view;
  /* The person reading: their reads and acknowledgements. */
  char *profile;
  GCancellable *citation_cancellable;
  gboolean folded;
  gboolean can_go_back;
  gboolean can_go_forward;

  /* Template children */
  AdwWindowTitle *article_title;
  GtkMenuButton *toc_button;
  GtkToggleButton *find_button;
  GtkWidget *navigation_box;
  GtkSearchBar *find_bar;
  GtkSearchEntry *find_entry;
  GtkLabel *find_label;
  GtkStack *stack;
  AdwStatusPage *welcome_page;
  GtkToggleButton *history_button;
  GtkToggleButton *changes_only_button;
  GtkRevealer *ack_revealer;
  GtkImage *ack_icon;
  GtkLabel *ack_label;
  GtkButton *ack_button;
  GtkButton *citation_button;
};

G_DEFINE_FINAL_TYPE (HbArticlePage, hb_article_page, ADW_TYPE_BIN)

enum
{
  PROP_0,
  PROP_STORE,
  PROP_ARTICLE,
  PROP_CAN_GO_BACK,
  PROP_CAN_GO_FORWARD,
  PROP_ZOOM_LEVEL,
  PROP_FOLDED,
  PROP_WELCOME_TEXT,
  PROP_PROFILE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  READ,
  ACKNOWLEDGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
show_toast (HbArticlePage *self, const char *text)
{
  if (!gtk_widget_activate_action (GTK_WIDGET (self), "win.show-toast", "s", text))
    g_message ("%s", text);
}

/* Article ------------------------------------------------------------------- */

static void
update_toc (HbArticlePage *self, HbArticle *article)
{
  GPtrArray *headings = hb_web_view_get_headings (self->web_view);
  g_autoptr (GMenu) menu = g_menu_new ();
  GtkPopover *popover;
  guint i, shown = 0;

  for (i = 0; headings != NULL && i < headings->len; i++)
    {
      HbHeading *heading = g_ptr_array_index (headings, i);
      g_autofree char *label = NULL;
      g_autoptr (GMenuItem) item = NULL;

      /* The first "# Title" is the page's own header. */
      if (i == 0 && heading->level == 1 && g_strcmp0 (heading->text, hb_article_get_title (article)) == 0)
        continue;
      if (heading->level > 3)
        continue;

      label = g_strdup_printf ("%*s%s", MAX (heading->level - 2, 0) * 4, "", heading->text);
      item = g_menu_item_new (label, NULL);
      g_menu_item_set_action_and_target (item, "article.goto-section", "s", heading->id);
      g_menu_append_item (menu, item);
      shown++;
    }

  gtk_menu_button_set_menu_model (self->toc_button, G_MENU_MODEL (menu));
  gtk_widget_set_sensitive (GTK_WIDGET (self->toc_button), shown > 0);

  popover = gtk_menu_button_get_popover (self->toc_button);
  if (popover != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (popover), "toc");
}

static void
update_navigation (HbArticlePage *self)
{
  WebKitWebView *view = WEBKIT_WEB_VIEW (self->web_view);
  gboolean back = webkit_web_view_can_go_back (view);
  gboolean forward = webkit_web_view_can_go_forward (view);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "article.go-back", back);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "article.go-forward", forward);

  if (self->can_go_back != back)
    {
      self->can_go_back = back;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_GO_BACK]);
    }
  if (self->can_go_forward != forward)
    {
      self->can_go_forward = forward;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_GO_FORWARD]);
    }
}

/* Reads and acknowledgements --------------------------------------------------- */

/* The person was shown this version: What's new then compares with it. */
static void
record_read (HbArticlePage *self, HbArticle *article)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (HbStoreWrite) write = NULL;

  if (article == NULL || self->profile == NULL || hb_store_is_read_only (self->store))
    return;
  /* Read before: the newest version read up to this one is this one. */
  if (hb_store_get_last_read_version (self->store, self->profile, hb_article_get_id (article),
                                      hb_article_get_version (article) + 1)
      == hb_article_get_version (article))
    return;

  write = hb_store_write_begin (self->store, &error);
  if (write == NULL
      || !hb_store_record_read (write, self->profile, hb_article_get_id (article), hb_article_get_version (article),
                                &error)
      || !hb_store_write_commit (g_steal_pointer (&write), &error))
    {
      /* A foreign-key failure means the profile is gone: nothing to keep. */
      g_debug ("Cannot record that %s read %s: %s", self->profile, hb_article_get_id (article), error->message);
      return;
    }
  g_signal_emit (self, signals[READ], 0, hb_article_get_id (article), hb_article_get_version (article));
}

/* The bar that asks for, or confirms, this person's acknowledgement. */
static void
update_acknowledgement (HbArticlePage *self)
{
  HbArticle *article = hb_web_view_get_article (self->web_view);
  HbAcknowledgementState state = { 0 };
  g_autofree char *label = NULL;
  g_autofree char *today = hb_util_today ();
  gboolean owed = FALSE;

  if (article != NULL && self->profile != NULL
      && hb_store_get_acknowledgement_state (self->store, self->profile, hb_article_get_id (article),
                                             hb_article_get_version (article), &state, NULL)
      && state.required)
    {
      owed = state.acknowledged_at == NULL;
      if (!owed)
        {
          g_autofree char *day = hb_util_format_date (state.acknowledged_at);

          label = g_strdup_printf (_("You acknowledged version %u on %s."), hb_article_get_version (article), day);
        }
      else if (state.due != NULL)
        {
          g_autofree char *due = hb_util_format_date (state.due);

          label = g_strdup_printf (strcmp (state.due, today) < 0
                                     ? _("Version %u needs your acknowledgement: it was due on %s.")
                                     : _("Version %u needs your acknowledgement by %s."),
                                   hb_article_get_version (article), due);
        }
      else
        label = g_strdup_printf (_("Version %u needs your acknowledgement."), hb_article_get_version (article));
      gtk_label_set_text (self->ack_label, label);
      gtk_image_set_from_icon_name (self->ack_icon, !owed ? "object-select-symbolic"
                                                    : state.due != NULL && strcmp (state.due, today) < 0
                                                      ? "task-past-due-symbolic"
                                                      : "task-due-symbolic");
      gtk_revealer_set_reveal_child (self->ack_revealer, TRUE);
    }
  else
    gtk_revealer_set_reveal_child (self->ack_revealer, FALSE);

  gtk_widget_set_visible (GTK_WIDGET (self->ack_button), owed);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "article.acknowledge", owed);
  hb_acknowledgement_state_clear (&state);
}

static void
acknowledge_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  hb_article_page_acknowledge (HB_ARTICLE_PAGE (widget));
}

/* History ------------------------------------------------------------------- */

static void
history_toggled_cb (HbArticlePage *self)
{
  HbArticle *article = hb_web_view_get_article (self->web_view);

  if (gtk_toggle_button_get_active (self->history_button) && article != NULL)
    {
      hb_history_view_load (self->history_view, self->store, hb_article_get_id (article));
      gtk_stack_set_visible_child (self->stack, GTK_WIDGET (self->history_view));
    }
  else if (article != NULL)
    gtk_stack_set_visible_child (self->stack, GTK_WIDGET (self->web_view));
}

static void
history_open_version_cb (HbArticlePage *self, guint version)
{
  HbArticle *article = hb_web_view_get_article (self->web_view);

  if (article == NULL)
    return;
  gtk_toggle_button_set_active (self->history_button, FALSE);
  hb_article_page_open (self, hb_article_get_id (article),
                        version == hb_article_get_current_version (article) ? 0 : version, NULL);
}

static void
history_open_redline_cb (HbArticlePage *self, guint from, guint to, gboolean changes_only)
{
  HbArticle *article = hb_web_view_get_article (self->web_view);

  if (article == NULL)
    return;
  gtk_toggle_button_set_active (self->history_button, FALSE);
  hb_article_page_open_redline (self, hb_article_get_id (article), from, to, changes_only);
}

static void
changes_only_toggled_cb (HbArticlePage *self)
{
  HbArticle *article = hb_web_view_get_article (self->web_view);
  guint from = 0, to = 0;
  gboolean changes_only = FALSE;

  if (article == NULL || !hb_web_view_get_redline (self->web_view, &from, &to, &changes_only))
    return;
  if (changes_only != gtk_toggle_button_get_active (self->changes_only_button))
    hb_web_view_load_redline (self->web_view, hb_article_get_id (article), from, to,
                              gtk_toggle_button_get_active (self->changes_only_button));
}

static void
article_changed_cb (HbArticlePage *self)
{
  HbArticle *article = hb_web_view_get_article (self->web_view);
  g_autofree char *today = hb_util_today ();
  g_autoptr (GString) subtitle = g_string_new (NULL);
  g_autofree char *effective = NULL;

  guint from = 0;
  gboolean changes_only = FALSE;
  gboolean is_redline = hb_web_view_get_redline (self->web_view, NULL, NULL, &changes_only);

  update_navigation (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "article.copy-citation", article != NULL && !is_redline);
  gtk_widget_set_sensitive (GTK_WIDGET (self->history_button), article != NULL);
  gtk_toggle_button_set_active (self->history_button, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->changes_only_button), is_redline);
  /* A redline is cited by its versions, not a section: the header makes
   * room for the toggle. */
  gtk_widget_set_visible (GTK_WIDGET (self->citation_button), !is_redline);
  gtk_widget_set_visible (GTK_WIDGET (self->toc_button), !is_redline);
  if (is_redline && gtk_toggle_button_get_active (self->changes_only_button) != changes_only)
    {
      /* Says what is shown; toggling it by hand reloads. */
      g_signal_handlers_block_matched (self->changes_only_button, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);
      gtk_toggle_button_set_active (self->changes_only_button, changes_only);
      g_signal_handlers_unblock_matched (self->changes_only_button, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);
    }
  record_read (self, article);
  update_acknowledgement (self);

  if (article == NULL)
    {
      adw_window_title_set_title (self->article_title, "");
      adw_window_title_set_subtitle (self->article_title, "");
      update_toc (self, NULL);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ARTICLE]);
      return;
    }

  g_string_append (subtitle, hb_article_kind_get_singular_label (hb_article_get_kind (article)));
  g_string_append (subtitle, " · ");
  if (hb_web_view_get_redline (self->web_view, &from, NULL, &changes_only))
    {
      if (from > 0)
        g_string_append_printf (subtitle, _("Changes from version %u to %u"), from, hb_article_get_version (article));
      else
        g_string_append_printf (subtitle, _("Version %u, new"), hb_article_get_version (article));
    }
  else
    g_string_append_printf (subtitle, _("Version %u"), hb_article_get_version (article));
  effective = hb_util_format_date (hb_article_get_effective (article));
  if (hb_article_is_pending (article, today))
    {
      g_string_append (subtitle, " · ");
      g_string_append_printf (subtitle, _("Takes effect on %s"), effective);
    }
  else if (effective != NULL)
    {
      g_string_append (subtitle, " · ");
      g_string_append_printf (subtitle, _("Effective %s"), effective);
    }

  adw_window_title_set_title (self->article_title, hb_article_get_title (article));
  adw_window_title_set_subtitle (self->article_title, subtitle->str);
  update_toc (self, article);

  /* A new page starts a new find. */
  if (gtk_search_bar_get_search_mode (self->find_bar))
    gtk_editable_set_text (GTK_EDITABLE (self->find_entry), "");

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ARTICLE]);
}

static void
web_message_cb (HbArticlePage *self, const char *text)
{
  show_toast (self, text);
}

static void
goto_section_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  HbArticlePage *self = HB_ARTICLE_PAGE (widget);
  HbArticle *article = hb_web_view_get_article (self->web_view);
  guint version;

  if (article == NULL)
    return;
  version = hb_article_get_version (article) == hb_article_get_current_version (article)
              ? 0
              : hb_article_get_version (article);
  hb_article_page_open (self, hb_article_get_id (article), version, g_variant_get_string (parameter, NULL));
}

static void
go_back_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  hb_article_page_go_back (HB_ARTICLE_PAGE (widget));
}

static void
go_forward_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  hb_article_page_go_forward (HB_ARTICLE_PAGE (widget));
}

/* Citation ----------------------------------------------------------------- */

static void
citation_section_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (HbArticlePage) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autofree char *section_text = NULL;
  g_autofree char *section_id = NULL;
  g_autofree char *citation = NULL;
  HbArticle *article;

  section_id = hb_web_view_get_section_finish (HB_WEB_VIEW (source), result, &section_text, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (error != NULL)
    g_warning ("Cannot tell which section is shown: %s", error->message);

  article = hb_web_view_get_article (self->web_view);
  if (article == NULL)
    return;

  citation = hb_citation_format (article, section_text, section_id);
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), citation);
  show_toast (self, _("Citation copied"));
}

static void
copy_citation_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  hb_article_page_copy_citation (HB_ARTICLE_PAGE (widget));
}

/* Find in page ------------------------------------------------------------- */

static WebKitFindController *
find_controller (HbArticlePage *self)
{
  return webkit_web_view_get_find_controller (WEBKIT_WEB_VIEW (self->web_view));
}

static void
find_changed_cb (HbArticlePage *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->find_entry));

  if (*text == '\0')
    {
      webkit_find_controller_search_finish (find_controller (self));
      gtk_label_set_text (self->find_label, "");
      return;
    }
  webkit_find_controller_count_matches (find_controller (self), text,
                                        WEBKIT_FIND_OPTIONS_CASE_INSENSITIVE, G_MAXUINT);
  webkit_find_controller_search (find_controller (self), text,
                                 WEBKIT_FIND_OPTIONS_CASE_INSENSITIVE | WEBKIT_FIND_OPTIONS_WRAP_AROUND,
                                 G_MAXUINT);
}

static void
find_next_cb (HbArticlePage *self)
{
  webkit_find_controller_search_next (find_controller (self));
}

static void
find_previous_cb (HbArticlePage *self)
{
  webkit_find_controller_search_previous (find_controller (self));
}

static void
find_stop_cb (HbArticlePage *self)
{
  gtk_search_bar_set_search_mode (self->find_bar, FALSE);
}

static void
counted_matches_cb (HbArticlePage *self, guint count)
{
  g_autofree char *label = g_strdup_printf (ngettext ("%u match", "%u matches", count), count);

  gtk_label_set_text (self->find_label, label);
}

static void
failed_to_find_cb (HbArticlePage *self)
{
  if (*gtk_editable_get_text (GTK_EDITABLE (self->find_entry)) != '\0')
    gtk_label_set_text (self->find_label, _("Not found"));
}

static void
find_mode_changed_cb (HbArticlePage *self)
{
  if (self->web_view == NULL)
    return;
  if (gtk_search_bar_get_search_mode (self->find_bar))
    gtk_widget_grab_focus (GTK_WIDGET (self->find_entry));
  else
    {
      webkit_find_controller_search_finish (find_controller (self));
      gtk_label_set_text (self->find_label, "");
    }
}

/* Object -------------------------------------------------------------------- */

static void
hb_article_page_constructed (GObject *object)
{
  HbArticlePage *self = HB_ARTICLE_PAGE (object);

  G_OBJECT_CLASS (hb_article_page_parent_class)->constructed (object);

  g_assert (HB_IS_STORE (self->store));

  self->web_view = hb_web_view_new (self->store);
  gtk_widget_set_vexpand (GTK_WIDGET (self->web_view), TRUE);
  gtk_stack_add_named (self->stack, GTK_WIDGET (self->web_view), "article");
  self->history_view = hb_history_view_new ();
  gtk_stack_add_named (self->stack, GTK_WIDGET (self->history_view), "history");
  g_signal_connect_object (self->history_view, "open-version", G_CALLBACK (history_open_version_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->history_view, "open-redline", G_CALLBACK (history_open_redline_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->web_view, "article-changed", G_CALLBACK (article_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->web_view, "message", G_CALLBACK (web_message_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (webkit_web_view_get_back_forward_list (WEBKIT_WEB_VIEW (self->web_view)),
                           "changed", G_CALLBACK (update_navigation), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (find_controller (self), "counted-matches", G_CALLBACK (counted_matches_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (find_controller (self), "failed-to-find-text", G_CALLBACK (failed_to_find_cb),
                           self, G_CONNECT_SWAPPED);
}

static void
hb_article_page_dispose (GObject *object)
{
  HbArticlePage *self = HB_ARTICLE_PAGE (object);

  g_cancellable_cancel (self->citation_cancellable);
  g_clear_object (&self->citation_cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), HB_TYPE_ARTICLE_PAGE);

  G_OBJECT_CLASS (hb_article_page_parent_class)->dispose (object);
}

static void
hb_article_page_finalize (GObject *object)
{
  HbArticlePage *self = HB_ARTICLE_PAGE (object);

  g_clear_object (&self->store);
  g_clear_pointer (&self->profile, g_free);

  G_OBJECT_CLASS (hb_article_page_parent_class)->finalize (object);
}

static void
hb_article_page_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  HbArticlePage *self = HB_ARTICLE_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_ARTICLE:
      g_value_set_object (value, hb_article_page_get_article (self));
      break;
    case PROP_CAN_GO_BACK:
      g_value_set_boolean (value, self->can_go_back);
      break;
    case PROP_CAN_GO_FORWARD:
      g_value_set_boolean (value, self->can_go_forward);
      break;
    case PROP_ZOOM_LEVEL:
      g_value_set_double (value, hb_article_page_get_zoom_level (self));
      break;
    case PROP_FOLDED:
      g_value_set_boolean (value, self->folded);
      break;
    case PROP_WELCOME_TEXT:
      g_value_set_string (value, adw_status_page_get_description (self->welcome_page));
      break;
    case PROP_PROFILE:
      g_value_set_string (value, self->profile);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hb_article_page_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  HbArticlePage *self = HB_ARTICLE_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_ZOOM_LEVEL:
      hb_article_page_set_zoom_level (self, g_value_get_double (value));
      break;
    case PROP_FOLDED:
      if (self->folded != g_value_get_boolean (value))
        {
          self->folded = g_value_get_boolean (value);
          /* At a phone's width the header bar drops back, forward and
           * find, which stay on Alt+Left, Alt+Right and Ctrl+F. */
          gtk_widget_set_visible (self->navigation_box, !self->folded);
          gtk_widget_set_visible (GTK_WIDGET (self->find_button), !self->folded);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_WELCOME_TEXT:
      adw_status_page_set_description (self->welcome_page, g_value_get_string (value));
      break;
    case PROP_PROFILE:
      hb_article_page_set_profile (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hb_article_page_class_init (HbArticlePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = hb_article_page_constructed;
  object_class->dispose = hb_article_page_dispose;
  object_class->finalize = hb_article_page_finalize;
  object_class->get_property = hb_article_page_get_property;
  object_class->set_property = hb_article_page_set_property;

  properties[PROP_STORE] = g_param_spec_object ("store", NULL, NULL, HB_TYPE_STORE,
                                                G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY
                                                  | G_PARAM_STATIC_STRINGS);
  properties[PROP_ARTICLE] = g_param_spec_object ("article", NULL, NULL, HB_TYPE_ARTICLE,
                                                  G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_GO_BACK] = g_param_spec_boolean ("can-go-back", NULL, NULL, FALSE,
                                                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_GO_FORWARD] = g_param_spec_boolean ("can-go-forward", NULL, NULL, FALSE,
                                                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ZOOM_LEVEL] = g_param_spec_double ("zoom-level", NULL, NULL, HB_ARTICLE_PAGE_ZOOM_MIN,
                                                     HB_ARTICLE_PAGE_ZOOM_MAX, 1.0,
                                                     G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY
                                                       | G_PARAM_STATIC_STRINGS);
  properties[PROP_FOLDED] = g_param_spec_boolean ("folded", NULL, NULL, FALSE,
                                                  G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY
                                                    | G_PARAM_STATIC_STRINGS);
  properties[PROP_WELCOME_TEXT] = g_param_spec_string ("welcome-text", NULL, NULL, NULL,
                                                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  /**
   * HbArticlePage:profile:
   *
   * The uuid of the person reading, or %NULL: what they read is
   * remembered, and they acknowledge the versions that need it.
   */
  properties[PROP_PROFILE] = g_param_spec_string ("profile", NULL, NULL, NULL,
                                                  G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY
                                                    | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * HbArticlePage::read:
   * @id: the article
   * @version: the version shown
   *
   * The person was shown a version for the first time.
   */
  signals[READ] = g_signal_new ("read", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_UINT);

  /**
   * HbArticlePage::acknowledged:
   * @id: the article
   * @version: the version acknowledged
   *
   * The person acknowledged a version; it is recorded.
   */
  signals[ACKNOWLEDGED] = g_signal_new ("acknowledged", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                        NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_UINT);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/handbook/Handbook/ui/hb-article-page.ui");
  gtk_widget_class_bind_template_child (widget_class, HbArticlePage, article_title);
  gtk_widget_class_bind_template_child (widget_class, HbArticlePage, toc_button);
  gtk_widget_class_bind_template_child (widget_class, HbArticlePage, find_button);
  gtk_widget_class_bind_template_child (widget_class, HbArticlePage, navigation_box);
  gtk_widget_class_bind_template_child (widget_class, HbArticlePage, find_bar);
  gtk_widget_class_bind_template_child (widget_class, HbArticlePage, find_entry);
  gtk_widget_class_bind_template_child (widget_class, HbArticlePage, find_label);
  gtk_widget_class_bind_template_child (widget_class, HbArticlePage, stack);
  gtk_widget_class_bind_template_child (widget_class, HbArticlePage, welcome_page);
  gtk_widget_class_bind_template_child (widget_class, HbArticlePage, history_button);
  gtk_widget_class_bind_template_child (widget_class, HbArticlePage, changes_only_button);
  gtk_widget_class_bind_template_child (widget_class, HbArticlePage, ack_revealer);
  gtk_widget_class_bind_template_child (widget_class, HbArticlePage, ack_icon);
  gtk_widget_class_bind_template_child (widget_class, HbArticlePage, ack_label);
  gtk_widget_class_bind_template_child (widget_class, HbArticlePage, ack_button);
  gtk_widget_class_bind_template_child (widget_class, HbArticlePage, citation_button);
  gtk_widget_class_bind_template_callback (widget_class, history_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, changes_only_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, find_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, find_next_cb);
  gtk_widget_class_bind_template_callback (widget_class, find_previous_cb);
  gtk_widget_class_bind_template_callback (widget_class, find_stop_cb);
  gtk_widget_class_bind_template_callback (widget_class, find_mode_changed_cb);

  gtk_widget_class_install_action (widget_class, "article.go-back", NULL, go_back_action);
  gtk_widget_class_install_action (widget_class, "article.go-forward", NULL, go_forward_action);
  gtk_widget_class_install_action (widget_class, "article.goto-section", "s", goto_section_action);
  gtk_widget_class_install_action (widget_class, "article.copy-citation", NULL, copy_citation_action);
  gtk_widget_class_install_action (widget_class, "article.acknowledge", NULL, acknowledge_action);

  g_type_ensure (HB_TYPE_HISTORY_VIEW);
}

static void
hb_article_page_init (HbArticlePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  hb_accessible_name_controls (GTK_WIDGET (self));

  gtk_search_bar_connect_entry (self->find_bar, GTK_EDITABLE (self->find_entry));
  g_object_bind_property (self->find_bar, "search-mode-enabled", self->find_button, "active",
                          G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "article.copy-citation", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "article.acknowledge", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "article.go-back", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "article.go-forward", FALSE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->toc_button), FALSE);
}

HbArticlePage *
hb_article_page_new (HbStore *store)
{
  g_return_val_if_fail (HB_IS_STORE (store), NULL);

  return g_object_new (HB_TYPE_ARTICLE_PAGE, "store", store, NULL);
}

HbWebView *
hb_article_page_get_web_view (HbArticlePage *self)
{
  g_return_val_if_fail (HB_IS_ARTICLE_PAGE (self), NULL);
  return self->web_view;
}

void
hb_article_page_open (HbArticlePage *self, const char *id, guint version, const char *section_id)
{
  g_return_if_fail (HB_IS_ARTICLE_PAGE (self));
  g_return_if_fail (id != NULL);

  hb_web_view_load_article (self->web_view, id, version, section_id);
  gtk_stack_set_visible_child (self->stack, GTK_WIDGET (self->web_view));
}

HbArticle *
hb_article_page_get_article (HbArticlePage *self)
{
  g_return_val_if_fail (HB_IS_ARTICLE_PAGE (self), NULL);
  return self->web_view != NULL ? hb_web_view_get_article (self->web_view) : NULL;
}

void
hb_article_page_refresh (HbArticlePage *self)
{
  g_return_if_fail (HB_IS_ARTICLE_PAGE (self));
  hb_web_view_refresh (self->web_view);
}

gboolean
hb_article_page_get_can_go_back (HbArticlePage *self)
{
  g_return_val_if_fail (HB_IS_ARTICLE_PAGE (self), FALSE);
  return self->can_go_back;
}

gboolean
hb_article_page_get_can_go_forward (HbArticlePage *self)
{
  g_return_val_if_fail (HB_IS_ARTICLE_PAGE (self), FALSE);
  return self->can_go_forward;
}

void
hb_article_page_go_back (HbArticlePage *self)
{
  g_return_if_fail (HB_IS_ARTICLE_PAGE (self));
  webkit_web_view_go_back (WEBKIT_WEB_VIEW (self->web_view));
}

void
hb_article_page_go_forward (HbArticlePage *self)
{
  g_return_if_fail (HB_IS_ARTICLE_PAGE (self));
  webkit_web_view_go_forward (WEBKIT_WEB_VIEW (self->web_view));
}

void
hb_article_page_copy_citation (HbArticlePage *self)
{
  g_return_if_fail (HB_IS_ARTICLE_PAGE (self));

  if (hb_web_view_get_article (self->web_view) == NULL)
    return;

  g_cancellable_cancel (self->citation_cancellable);
  g_clear_object (&self->citation_cancellable);
  self->citation_cancellable = g_cancellable_new ();
  hb_web_view_get_section_async (self->web_view, self->citation_cancellable, citation_section_cb,
                                 g_object_ref (self));
}

void
hb_article_page_begin_find (HbArticlePage *self)
{
  g_return_if_fail (HB_IS_ARTICLE_PAGE (self));

  if (hb_web_view_get_article (self->web_view) == NULL)
    return;
  gtk_search_bar_set_search_mode (self->find_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->find_entry));
}

double
hb_article_page_get_zoom_level (HbArticlePage *self)
{
  g_return_val_if_fail (HB_IS_ARTICLE_PAGE (self), 1.0);
  return self->web_view != NULL ? webkit_web_view_get_zoom_level (WEBKIT_WEB_VIEW (self->web_view)) : 1.0;
}

void
hb_article_page_set_zoom_level (HbArticlePage *self, double level)
{
  g_return_if_fail (HB_IS_ARTICLE_PAGE (self));

  /* Steps of 10 %, without 1.2000000000000002 creeping in. */
  level = CLAMP (round (level * 10) / 10, HB_ARTICLE_PAGE_ZOOM_MIN, HB_ARTICLE_PAGE_ZOOM_MAX);
  if (level == hb_article_page_get_zoom_level (self))
    return;
  webkit_web_view_set_zoom_level (WEBKIT_WEB_VIEW (self->web_view), level);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM_LEVEL]);
}

void
hb_article_page_focus_article (HbArticlePage *self)
{
  g_return_if_fail (HB_IS_ARTICLE_PAGE (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->web_view));
}

void
hb_article_page_open_redline (HbArticlePage *self, const char *id, guint from, guint to, gboolean changes_only)
{
  g_return_if_fail (HB_IS_ARTICLE_PAGE (self));
  g_return_if_fail (id != NULL);

  if (from == 0 && to <= 1)
    {
      /* A new article: all of it is new, and reads better as itself. */
      hb_article_page_open (self, id, 0, NULL);
      return;
    }
  hb_web_view_load_redline (self->web_view, id, from, to, changes_only);
  gtk_stack_set_visible_child (self->stack, GTK_WIDGET (self->web_view));
}

void
hb_article_page_set_profile (HbArticlePage *self, const char *profile)
{
  g_return_if_fail (HB_IS_ARTICLE_PAGE (self));

  if (profile != NULL && *profile == '\0')
    profile = NULL;
  if (g_strcmp0 (self->profile, profile) == 0)
    return;
  g_free (self->profile);
  self->profile = g_strdup (profile);
  record_read (self, hb_web_view_get_article (self->web_view));
  update_acknowledgement (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROFILE]);
}

gboolean
hb_article_page_acknowledge (HbArticlePage *self)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (HbStoreWrite) write = NULL;
  g_autoptr (HbAcknowledgement) ack = NULL;
  HbArticle *article;

  g_return_val_if_fail (HB_IS_ARTICLE_PAGE (self), FALSE);

  article = hb_web_view_get_article (self->web_view);
  if (article == NULL || self->profile == NULL)
    return FALSE;

  write = hb_store_write_begin (self->store, &error);
  if (write != NULL)
    ack = hb_store_acknowledge (write, self->profile, hb_article_get_id (article), hb_article_get_version (article),
                                NULL, &error);
  if (ack == NULL || !hb_store_write_commit (g_steal_pointer (&write), &error))
    {
      show_toast (self, error->message);
      return FALSE;
    }
  update_acknowledgement (self);
  show_toast (self, _("Acknowledged"));
  g_signal_emit (self, signals[ACKNOWLEDGED], 0, ack->article_id, ack->version);
  return TRUE;
}

void
hb_article_page_show_history (HbArticlePage *self, gboolean show)
{
  g_return_if_fail (HB_IS_ARTICLE_PAGE (self));
  gtk_toggle_button_set_active (self->history_button, show);
}

gboolean
hb_article_page_get_history_shown (HbArticlePage *self)
{
  g_return_val_if_fail (HB_IS_ARTICLE_PAGE (self), FALSE);
  return gtk_toggle_button_get_active (self->history_button);
}

HbHistoryView *
hb_article_page_get_history_view (HbArticlePage *self)
{
  g_return_val_if_fail (HB_IS_ARTICLE_PAGE (self), NULL);
  return self->history_view;
}

const char *
hb_article_page_get_acknowledgement_text (HbArticlePage *self)
{
  g_return_val_if_fail (HB_IS_ARTICLE_PAGE (self), NULL);
  return gtk_revealer_get_reveal_child (self->ack_revealer) ? gtk_label_get_text (self->ack_label) : NULL;
}
