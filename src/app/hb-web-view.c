/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hb-web-view"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <string.h>

#include "hb-web-view.h"
#include "hb-diff.h"
#include "hb-markdown.h"
#include "hb-quiz.h"
#include "hb-page.h"
#include "hb-redline.h"
#include "hb-util.h"
#include "hb-store-articles.h"
#include "hb-store-publishes.h"

/* Pages given as HTML (hb_web_view_load_document()): the publish
 * preview's redlines of versions not stored yet. */
#define DOCUMENT_URI_PREFIX "handbook://document/"

struct _HbWebView
{
  WebKitWebView parent_instance;

  HbStore *store;
  HbArticle *article;
  GPtrArray *headings;

  /* The article version of the last page served: its images are the ones
   * the page asks for next. */
  char *served_id;
  guint served_version;

  /* The redline shown, when the page is one: from 0 for a new article. */
  gboolean is_redline;
  guint redline_from;
  guint redline_to;
  gboolean redline_changes_only;

  /* The page of hb_web_view_load_document(), and its number. */
  char *document;
  guint document_serial;
};

G_DEFINE_FINAL_TYPE (HbWebView, hb_web_view, WEBKIT_TYPE_WEB_VIEW)

enum
{
  ARTICLE_CHANGED,
  MESSAGE,
  READ_TO_END,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/*
 * Every page says where its parts may come from: our own scheme only, no
 * script at all. The cmark-gfm output is already safe; this is the second
 * lock on the door.
 */
#define CONTENT_SECURITY_POLICY                                                                    \
  "default-src 'none'; style-src handbook: 'unsafe-inline'; img-src handbook: data:; "            \
  "font-src handbook:; script-src 'none'; object-src 'none'; frame-src 'none'; "                  \
  "form-action 'none'; base-uri 'none'"

static void
finish_with_bytes (WebKitURISchemeRequest *request, GBytes *bytes, const char *content_type)
{
  g_autoptr (GInputStream) stream = g_memory_input_stream_new_from_bytes (bytes);
  g_autoptr (WebKitURISchemeResponse) response = NULL;
  SoupMessageHeaders *headers;

  response = webkit_uri_scheme_response_new (stream, (gint64) g_bytes_get_size (bytes));
  webkit_uri_scheme_response_set_content_type (response, content_type);
  headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_RESPONSE);
  soup_message_headers_append (headers, "Content-Security-Policy", CONTENT_SECURITY_POLICY);
  soup_message_headers_append (headers, "Cache-Control", "no-store");
  webkit_uri_scheme_response_set_http_headers (response, headers);
  webkit_uri_scheme_request_finish_with_response (request, response);
}

static void
finish_with_html (WebKitURISchemeRequest *request, char *html)
{
  g_autoptr (GBytes) bytes = g_bytes_new_take (html, strlen (html));

  finish_with_bytes (request, bytes, "text/html; charset=utf-8");
}

static char *
resolve_link_cb (const char *path, gpointer user_data)
{
  return hb_store_find_by_source (HB_STORE (user_data), path);
}

static gboolean
is_dark (void)
{
  return adw_style_manager_get_dark (adw_style_manager_get_default ());
}

static void
serve_article (HbWebView *self, WebKitURISchemeRequest *request, const char *uri)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (HbArticle) article = NULL;
  g_autoptr (HbRendered) rendered = NULL;
  g_autofree char *id = NULL;
  g_autofree char *today = NULL;
  guint version = 0;

  if (!hb_article_uri_parse (uri, &id, &version, NULL))
    {
      finish_with_html (request, hb_page_render_message (_("No Such Article"),
                                                         _("This link does not name an article."),
                                                         is_dark ()));
      return;
    }

  article = hb_store_get_article (self->store, id, version, &error);
  if (article == NULL)
    {
      finish_with_html (request, hb_page_render_message (_("Article Not Found"), error->message,
                                                         is_dark ()));
      return;
    }

  g_free (self->served_id);
  self->served_id = g_strdup (hb_article_get_id (article));
  self->served_version = hb_article_get_version (article);

  {
    /* A lesson's quiz is taken beside it, not read in it: its answers
     * are not shown. */
    g_autofree char *body = hb_quiz_strip_markdown (hb_article_get_body (article));

    rendered = hb_markdown_render (body, hb_article_get_source (article), resolve_link_cb, self->store);
  }
  today = hb_util_today ();

  /* The version in force, with a newer one waiting for its day: the page
   * says when, and links to what will change. */
  if (hb_article_get_version (article) == hb_article_get_current_version (article)
      && hb_article_get_latest_version (article) > hb_article_get_version (article))
    {
      g_autoptr (HbArticle) latest = hb_store_get_article (self->store, id, hb_article_get_latest_version (article),
                                                           NULL);

      if (latest != NULL && hb_article_is_pending (latest, today))
        {
          g_autofree char *redline = hb_redline_uri (id, hb_article_get_version (article),
                                                     hb_article_get_version (latest), TRUE);
          HbPageUpcoming upcoming = { hb_article_get_version (latest), hb_article_get_effective (latest), redline };

          finish_with_html (request, hb_page_render_article_full (article, rendered, today, is_dark (), &upcoming));
          return;
        }
    }
  finish_with_html (request, hb_page_render_article (article, rendered, today, is_dark ()));
}

/* "Effective December 1, 2026 · Platform rule changes, December 2026" */
static char *
redline_meta (HbStore *store, HbArticle *article, const char *today)
{
  g_autoptr (GPtrArray) origins = hb_store_get_version_origins (store, hb_article_get_id (article), NULL);
  g_autoptr (GString) meta = g_string_new (NULL);
  g_autofree char *effective = hb_util_format_date (hb_article_get_effective (article));
  guint i;

  if (effective != NULL)
    g_string_append_printf (meta, hb_article_is_pending (article, today) ? _("Takes effect on %s") : _("Effective %s"),
                            effective);
  for (i = 0; origins != NULL && i < origins->len; i++)
    {
      HbVersionOrigin *origin = g_ptr_array_index (origins, i);

      if (origin->version == hb_article_get_version (article))
        g_string_append_printf (meta, "%s%s", meta->len > 0 ? " · " : "", origin->bundle_title);
    }
  return meta->len > 0 ? g_string_free (g_steal_pointer (&meta), FALSE) : NULL;
}

static void
serve_redline (HbWebView *self, WebKitURISchemeRequest *request, const char *uri)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (HbArticle) old_version = NULL;
  g_autoptr (HbArticle) new_version = NULL;
  g_autoptr (HbDiff) diff = NULL;
  g_autofree char *id = NULL;
  g_autofree char *old_text = NULL;
  g_autofree char *new_text = NULL;
  g_autofree char *today = hb_util_today ();
  g_autofree char *versions = NULL;
  g_autofree char *meta = NULL;
  g_autofree char *toggle = NULL;
  HbRedlinePage page = { 0 };
  guint from = 0, to = 0;
  gboolean changes_only = FALSE;

  if (!hb_redline_uri_parse (uri, &id, &from, &to, &changes_only))
    {
      finish_with_html (request, hb_page_render_message (_("No Such Redline"),
                                                         _("This link does not name two versions to compare."),
                                                         is_dark ()));
      return;
    }
  new_version = hb_store_get_article (self->store, id, to, &error);
  if (new_version != NULL && from > 0)
    old_version = hb_store_get_article (self->store, id, from, &error);
  if (new_version == NULL || (from > 0 && old_version == NULL))
    {
      finish_with_html (request, hb_page_render_message (_("Article Not Found"), error->message, is_dark ()));
      return;
    }
  /* A lesson's quiz is not part of its text (the quiz page shows it). */
  old_text = hb_quiz_strip_markdown (old_version != NULL ? hb_article_get_body (old_version) : "");
  new_text = hb_quiz_strip_markdown (hb_article_get_body (new_version));
  diff = hb_diff_markdown (old_text, new_text, &error);
  if (diff == NULL)
    {
      finish_with_html (request, hb_page_render_message (_("No Redline"), error->message, is_dark ()));
      return;
    }

  g_free (self->served_id);
  self->served_id = g_strdup (id);
  self->served_version = to;

  versions = from > 0 ? g_strdup_printf (_("Version %u → version %u"), from, to)
                      : g_strdup_printf (_("Version %u, new"), to);
  meta = redline_meta (self->store, new_version, today);
  toggle = hb_redline_uri (id, from, to, !changes_only);
  page.title = hb_article_get_title (new_version);
  page.lang = hb_article_get_lang (new_version);
  page.versions = versions;
  page.meta = meta;
  page.changes = hb_article_get_changes (new_version);
  page.toggle_uri = toggle;
  page.changes_only = changes_only;
  finish_with_html (request, hb_redline_render_page (diff, &page, is_dark ()));
}

static void
handle_scheme_request_cb (WebKitURISchemeRequest *request, gpointer user_data)
{
  WebKitWebView *web_view = webkit_uri_scheme_request_get_web_view (request);
  const char *uri = webkit_uri_scheme_request_get_uri (request);
  g_autoptr (GError) error = NULL;

  if (!HB_IS_WEB_VIEW (web_view))
    {
      error = g_error_new (G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED, "Not a Handbook view");
      webkit_uri_scheme_request_finish_error (request, error);
      return;
    }

  if (g_str_has_prefix (uri, HB_PAGE_STYLE_URI))
    {
      g_autoptr (GBytes) css = g_resources_lookup_data ("/io/github/handbook/Handbook/article.css",
                                                        G_RESOURCE_LOOKUP_FLAGS_NONE, &error);

      if (css == NULL)
        webkit_uri_scheme_request_finish_error (request, error);
      else
        finish_with_bytes (request, css, "text/css; charset=utf-8");
      return;
    }

  if (g_str_has_prefix (uri, HB_ARTICLE_URI_PREFIX))
    {
      serve_article (HB_WEB_VIEW (web_view), request, uri);
      return;
    }

  if (g_str_has_prefix (uri, HB_REDLINE_URI_PREFIX))
    {
      serve_redline (HB_WEB_VIEW (web_view), request, uri);
      return;
    }

  if (g_str_has_prefix (uri, DOCUMENT_URI_PREFIX) && HB_WEB_VIEW (web_view)->document != NULL)
    {
      HbWebView *self = HB_WEB_VIEW (web_view);
      g_autofree char *expected = g_strdup_printf (DOCUMENT_URI_PREFIX "%u", self->document_serial);

      if (strncmp (uri, expected, strlen (expected)) == 0 && strchr ("#", uri[strlen (expected)]) != NULL)
        {
          finish_with_html (request, g_strdup (self->document));
          return;
        }
    }

  if (g_str_has_prefix (uri, HB_ASSET_URI_PREFIX) && HB_WEB_VIEW (web_view)->served_id != NULL)
    {
      HbWebView *self = HB_WEB_VIEW (web_view);
      g_autofree char *path = NULL;
      g_autofree char *mime_type = NULL;
      g_autoptr (GBytes) image = NULL;
      const char *rest = uri + strlen (HB_ASSET_URI_PREFIX);

      path = g_uri_unescape_segment (rest, rest + strcspn (rest, "?#"), NULL);
      if (path != NULL)
        image = hb_store_get_asset (self->store, self->served_id, self->served_version, path,
                                    &mime_type, &error);
      if (image != NULL)
        {
          finish_with_bytes (request, image, mime_type);
          return;
        }
    }

  /* Nothing else exists. */
  g_clear_error (&error);
  error = g_error_new (G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("%s is not in the handbook"), uri);
  webkit_uri_scheme_request_finish_error (request, error);
}

/* One context for every view: the scheme is registered once. */
static WebKitWebContext *
get_web_context (void)
{
  static WebKitWebContext *context = NULL;

  if (context == NULL)
    {
      WebKitSecurityManager *security;

      context = webkit_web_context_new ();
      webkit_web_context_set_cache_model (context, WEBKIT_CACHE_MODEL_DOCUMENT_VIEWER);
      webkit_web_context_register_uri_scheme (context, "handbook", handle_scheme_request_cb, NULL, NULL);
      security = webkit_web_context_get_security_manager (context);
      webkit_security_manager_register_uri_scheme_as_secure (security, "handbook");
      webkit_security_manager_register_uri_scheme_as_local (security, "handbook");
    }
  return context;
}

static WebKitNetworkSession *
get_network_session (void)
{
  static WebKitNetworkSession *session = NULL;

  /* Nothing is written to disk and, with the policy above, nothing leaves
   * the machine. */
  if (session == NULL)
    session = webkit_network_session_new_ephemeral ();
  return session;
}

static WebKitSettings *
new_settings (void)
{
  return webkit_settings_new_with_settings ("enable-javascript-markup", FALSE,
                                            "javascript-can-open-windows-automatically", FALSE,
                                            "javascript-can-access-clipboard", FALSE,
                                            "allow-file-access-from-file-urls", FALSE,
                                            "allow-universal-access-from-file-urls", FALSE,
                                            "allow-modal-dialogs", FALSE,
                                            "enable-developer-extras", FALSE,
                                            "enable-webaudio", FALSE,
                                            "enable-webgl", FALSE,
                                            "enable-media", FALSE,
                                            "enable-html5-database", FALSE,
                                            "enable-html5-local-storage", FALSE,
                                            "enable-page-cache", FALSE,
                                            "auto-load-images", TRUE,
                                            "enable-back-forward-navigation-gestures", TRUE,
                                            "hardware-acceleration-policy",
                                            WEBKIT_HARDWARE_ACCELERATION_POLICY_NEVER,
                                            "default-charset", "utf-8",
                                            NULL);
}

static void
open_in_browser (HbWebView *self, const char *uri)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  gtk_show_uri (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, uri, GDK_CURRENT_TIME);
}

static gboolean
decide_navigation (HbWebView *self, WebKitNavigationPolicyDecision *decision)
{
  WebKitNavigationAction *action = webkit_navigation_policy_decision_get_navigation_action (decision);
  WebKitURIRequest *request = webkit_navigation_action_get_request (action);
  const char *uri = webkit_uri_request_get_uri (request);
  g_autofree char *scheme = g_uri_parse_scheme (uri);
  gboolean user_action = webkit_navigation_action_is_user_gesture (action)
                         || webkit_navigation_action_get_navigation_type (action)
                              == WEBKIT_NAVIGATION_TYPE_LINK_CLICKED;

  if (g_str_has_prefix (uri, HB_ARTICLE_URI_PREFIX) || g_str_has_prefix (uri, HB_REDLINE_URI_PREFIX)
      || g_str_has_prefix (uri, DOCUMENT_URI_PREFIX) || g_strcmp0 (uri, "about:blank") == 0)
    return FALSE; /* WebKit goes ahead. */

  webkit_policy_decision_ignore (WEBKIT_POLICY_DECISION (decision));

  if (g_str_has_prefix (uri, "handbook://missing/"))
    {
      g_autofree char *path = g_uri_unescape_string (uri + strlen ("handbook://missing/"), NULL);
      g_autofree char *message = g_strdup_printf (_("“%s” is not in the handbook"),
                                                  path != NULL ? path : uri);

      g_signal_emit (self, signals[MESSAGE], 0, message);
    }
  else if (user_action && scheme != NULL
           && (g_ascii_strcasecmp (scheme, "http") == 0 || g_ascii_strcasecmp (scheme, "https") == 0
               || g_ascii_strcasecmp (scheme, "mailto") == 0 || g_ascii_strcasecmp (scheme, "tel") == 0))
    open_in_browser (self, uri);
  /* Anything else (file:, javascript:, data:, …) does nothing at all. */

  return TRUE;
}

static gboolean
hb_web_view_decide_policy (WebKitWebView *web_view, WebKitPolicyDecision *decision,
                           WebKitPolicyDecisionType type)
{
  HbWebView *self = HB_WEB_VIEW (web_view);

  switch (type)
    {
    case WEBKIT_POLICY_DECISION_TYPE_NAVIGATION_ACTION:
    case WEBKIT_POLICY_DECISION_TYPE_NEW_WINDOW_ACTION:
      /* A new window is never made; the link is handled as a click here. */
      if (decide_navigation (self, WEBKIT_NAVIGATION_POLICY_DECISION (decision)))
        return TRUE;
      if (type == WEBKIT_POLICY_DECISION_TYPE_NEW_WINDOW_ACTION)
        {
          WebKitNavigationAction *action = webkit_navigation_policy_decision_get_navigation_action (
            WEBKIT_NAVIGATION_POLICY_DECISION (decision));

          webkit_policy_decision_ignore (decision);
          webkit_web_view_load_request (web_view, webkit_navigation_action_get_request (action));
          return TRUE;
        }
      return FALSE;

    case WEBKIT_POLICY_DECISION_TYPE_RESPONSE:
    default:
      return FALSE;
    }
}

static gboolean
hb_web_view_context_menu (WebKitWebView *web_view, WebKitContextMenu *menu, WebKitHitTestResult *hit)
{
  GList *items = g_list_copy (webkit_context_menu_get_items (menu));
  GList *l;

  /* Keep copying and selecting; drop what makes no sense here (reload,
   * open in a new window, inspect, …). */
  for (l = items; l != NULL; l = l->next)
    {
      WebKitContextMenuItem *item = l->data;

      switch (webkit_context_menu_item_get_stock_action (item))
        {
        case WEBKIT_CONTEXT_MENU_ACTION_COPY:
        case WEBKIT_CONTEXT_MENU_ACTION_COPY_LINK_TO_CLIPBOARD:
        case WEBKIT_CONTEXT_MENU_ACTION_SELECT_ALL:
        case WEBKIT_CONTEXT_MENU_ACTION_GO_BACK:
        case WEBKIT_CONTEXT_MENU_ACTION_GO_FORWARD:
          break;
        default:
          webkit_context_menu_remove (menu, item);
          break;
        }
    }
  g_list_free (items);

  return webkit_context_menu_get_n_items (menu) == 0;
}

static void
load_changed_cb (HbWebView *self, WebKitLoadEvent event)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *id = NULL;
  guint version = 0;
  const char *uri;

  if (event != WEBKIT_LOAD_COMMITTED)
    return;

  uri = webkit_web_view_get_uri (WEBKIT_WEB_VIEW (self));
  g_clear_object (&self->article);
  g_clear_pointer (&self->headings, g_ptr_array_unref);
  self->is_redline = FALSE;

  /* A redline stands for its newer version. */
  if (uri != NULL && hb_redline_uri_parse (uri, &id, &self->redline_from, &self->redline_to,
                                           &self->redline_changes_only))
    {
      self->article = hb_store_get_article (self->store, id, self->redline_to, &error);
      self->is_redline = self->article != NULL;
    }
  else if (uri != NULL && hb_article_uri_parse (uri, &id, &version, NULL))
    {
      self->article = hb_store_get_article (self->store, id, version, &error);
      if (self->article != NULL)
        {
          g_autoptr (HbRendered) rendered = hb_markdown_render (hb_article_get_body (self->article),
                                                                hb_article_get_source (self->article),
                                                                NULL, NULL);

          self->headings = g_ptr_array_ref (rendered->headings);
        }
    }

  g_signal_emit (self, signals[ARTICLE_CHANGED], 0);
}

static void
dark_changed_cb (HbWebView *self)
{
  g_autofree char *script = g_strdup_printf ("document.documentElement.classList.toggle('dark', %s);",
                                             is_dark () ? "true" : "false");

  /* Scripts of ours still run with page scripts off; this keeps the place
   * on the page where a reload would not. */
  webkit_web_view_evaluate_javascript (WEBKIT_WEB_VIEW (self), script, -1, NULL, NULL, NULL, NULL, NULL);
}

/* High contrast, as libadwaita draws it: text at full strength, borders
 * that show, links underlined. A user style sheet with !important, so that
 * it wins over the page's own colours, on screen only. */
static const char high_contrast_css[] =
  "@media screen {"
  "  :root { --fg: #000000 !important; --fg-dim: rgba(0, 0, 6, 0.8) !important;"
  "          --border: rgba(0, 0, 6, 0.6) !important; --accent: #0b4e9e !important; }"
  "  :root.dark { --fg: #ffffff !important; --fg-dim: rgba(255, 255, 255, 0.85) !important;"
  "               --border: rgba(255, 255, 255, 0.6) !important; --accent: #99c1f1 !important; }"
  "  a { text-decoration: underline !important; }"
  "}";

/* The system's text size (Settings › Accessibility › Large Text sets
 * 1.25), which GTK has as gtk-xft-dpi and WebKit does not follow. */
static double
text_scale (void)
{
  int dpi = 0;

  g_object_get (gtk_settings_get_default (), "gtk-xft-dpi", &dpi, NULL);
  return dpi > 0 ? dpi / (96.0 * 1024.0) : 1.0;
}

static void
accessibility_changed_cb (HbWebView *self)
{
  WebKitUserContentManager *manager = webkit_web_view_get_user_content_manager (WEBKIT_WEB_VIEW (self));
  g_autoptr (GString) css = g_string_new (NULL);
  double scale = text_scale ();
  char number[G_ASCII_DTOSTR_BUF_SIZE];

  if (adw_style_manager_get_high_contrast (adw_style_manager_get_default ()))
    g_string_append (css, high_contrast_css);
  if (scale < 0.99 || scale > 1.01)
    g_string_append_printf (css, "html { font-size: calc(16px * %s) !important; }",
                            g_ascii_formatd (number, sizeof number, "%.3f", scale));

  webkit_user_content_manager_remove_all_style_sheets (manager);
  if (css->len > 0)
    {
      g_autoptr (WebKitUserStyleSheet) sheet = NULL;

      sheet = webkit_user_style_sheet_new (css->str, WEBKIT_USER_CONTENT_INJECT_ALL_FRAMES,
                                           WEBKIT_USER_STYLE_LEVEL_USER, NULL, NULL);
      webkit_user_content_manager_add_style_sheet (manager, sheet);
    }
}

/*
 * Runs in a world of our own (page scripts stay off): says once when the
 * reader has reached the end of the page, or at once when it all fits.
 */
static const char read_script[] =
  "(function () {"
  "  if (!document.querySelector ('main')) return;"
  "  let sent = false;"
  "  const check = () => {"
  "    if (sent) return;"
  "    const bottom = window.innerHeight + window.scrollY;"
  "    if (bottom >= document.documentElement.scrollHeight - 32) {"
  "      sent = true;"
  "      window.webkit.messageHandlers.hbRead.postMessage (location.href);"
  "    }"
  "  };"
  "  window.addEventListener ('scroll', check, { passive: true });"
  "  window.addEventListener ('resize', check);"
  "  window.addEventListener ('load', check);"
  "  check ();"
  "}) ();";

static void
read_message_cb (WebKitUserContentManager *manager, JSCValue *value, HbWebView *self)
{
  g_autofree char *uri = jsc_value_to_string (value);

  /* Only the page shown, and only an article (not its redline). */
  if (self->article == NULL || g_strcmp0 (uri, webkit_web_view_get_uri (WEBKIT_WEB_VIEW (self))) != 0
      || !g_str_has_prefix (uri, HB_ARTICLE_URI_PREFIX))
    return;
  g_signal_emit (self, signals[READ_TO_END], 0);
}

static void
hb_web_view_constructed (GObject *object)
{
  HbWebView *self = HB_WEB_VIEW (object);
  WebKitUserContentManager *manager;
  g_autoptr (WebKitUserScript) script = NULL;

  G_OBJECT_CLASS (hb_web_view_parent_class)->constructed (object);

  manager = webkit_web_view_get_user_content_manager (WEBKIT_WEB_VIEW (self));
  if (webkit_user_content_manager_register_script_message_handler (manager, "hbRead", "handbook"))
    {
      script = webkit_user_script_new_for_world (read_script, WEBKIT_USER_CONTENT_INJECT_TOP_FRAME,
                                                 WEBKIT_USER_SCRIPT_INJECT_AT_DOCUMENT_END, "handbook", NULL, NULL);
      webkit_user_content_manager_add_script (manager, script);
      g_signal_connect_object (manager, "script-message-received::hbRead", G_CALLBACK (read_message_cb), self, 0);
    }

  g_signal_connect (self, "load-changed", G_CALLBACK (load_changed_cb), NULL);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (dark_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::high-contrast",
                           G_CALLBACK (accessibility_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_settings_get_default (), "notify::gtk-xft-dpi",
                           G_CALLBACK (accessibility_changed_cb), self, G_CONNECT_SWAPPED);
  accessibility_changed_cb (self);
}

static void
hb_web_view_dispose (GObject *object)
{
  HbWebView *self = HB_WEB_VIEW (object);

  g_clear_object (&self->article);
  g_clear_pointer (&self->headings, g_ptr_array_unref);
  g_clear_pointer (&self->served_id, g_free);
  g_clear_pointer (&self->document, g_free);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (hb_web_view_parent_class)->dispose (object);
}

static void
hb_web_view_class_init (HbWebViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  WebKitWebViewClass *web_view_class = WEBKIT_WEB_VIEW_CLASS (klass);

  object_class->constructed = hb_web_view_constructed;
  object_class->dispose = hb_web_view_dispose;
  web_view_class->decide_policy = hb_web_view_decide_policy;
  web_view_class->context_menu = hb_web_view_context_menu;

  /**
   * HbWebView::article-changed:
   *
   * A page was committed: the article shown (or none) changed.
   */
  signals[ARTICLE_CHANGED] = g_signal_new ("article-changed", G_TYPE_FROM_CLASS (klass),
                                           G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  /**
   * HbWebView::message:
   * @text: what to tell the user
   *
   * Something the user should hear about, such as a link to a page that
   * is not in the handbook.
   */
  signals[MESSAGE] = g_signal_new ("message", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  /**
   * HbWebView::read-to-end:
   *
   * The reader reached the end of the article shown (or all of it fits
   * on screen). Once per page load.
   */
  signals[READ_TO_END] = g_signal_new ("read-to-end", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                                       NULL, G_TYPE_NONE, 0);
}

static void
hb_web_view_init (HbWebView *self)
{
}

HbWebView *
hb_web_view_new (HbStore *store)
{
  g_autoptr (WebKitSettings) settings = new_settings ();
  HbWebView *self;

  g_return_val_if_fail (HB_IS_STORE (store), NULL);

  self = g_object_new (HB_TYPE_WEB_VIEW,
                       "web-context", get_web_context (),
                       "network-session", get_network_session (),
                       "settings", settings,
                       NULL);
  self->store = g_object_ref (store);
  return self;
}

HbStore *
hb_web_view_get_store (HbWebView *self)
{
  g_return_val_if_fail (HB_IS_WEB_VIEW (self), NULL);
  return self->store;
}

void
hb_web_view_load_article (HbWebView *self, const char *id, guint version, const char *section_id)
{
  g_autofree char *uri = NULL;

  g_return_if_fail (HB_IS_WEB_VIEW (self));
  g_return_if_fail (id != NULL);

  uri = hb_article_uri (id, section_id, version);
  webkit_web_view_load_uri (WEBKIT_WEB_VIEW (self), uri);
}

void
hb_web_view_load_redline (HbWebView *self, const char *id, guint from, guint to, gboolean changes_only)
{
  g_autofree char *uri = NULL;

  g_return_if_fail (HB_IS_WEB_VIEW (self));
  g_return_if_fail (id != NULL && from < to);

  uri = hb_redline_uri (id, from, to, changes_only);
  webkit_web_view_load_uri (WEBKIT_WEB_VIEW (self), uri);
}

gboolean
hb_web_view_get_redline (HbWebView *self, guint *from, guint *to, gboolean *changes_only)
{
  g_return_val_if_fail (HB_IS_WEB_VIEW (self), FALSE);

  if (!self->is_redline)
    return FALSE;
  if (from != NULL)
    *from = self->redline_from;
  if (to != NULL)
    *to = self->redline_to;
  if (changes_only != NULL)
    *changes_only = self->redline_changes_only;
  return TRUE;
}

void
hb_web_view_load_document (HbWebView *self, const char *html)
{
  g_autofree char *uri = NULL;

  g_return_if_fail (HB_IS_WEB_VIEW (self));
  g_return_if_fail (html != NULL);

  g_free (self->document);
  self->document = g_strdup (html);
  self->document_serial++;
  uri = g_strdup_printf (DOCUMENT_URI_PREFIX "%u", self->document_serial);
  webkit_web_view_load_uri (WEBKIT_WEB_VIEW (self), uri);
}

HbArticle *
hb_web_view_get_article (HbWebView *self)
{
  g_return_val_if_fail (HB_IS_WEB_VIEW (self), NULL);
  return self->article;
}

GPtrArray *
hb_web_view_get_headings (HbWebView *self)
{
  g_return_val_if_fail (HB_IS_WEB_VIEW (self), NULL);
  return self->headings;
}

void
hb_web_view_refresh (HbWebView *self)
{
  g_return_if_fail (HB_IS_WEB_VIEW (self));

  if (webkit_web_view_get_uri (WEBKIT_WEB_VIEW (self)) != NULL)
    webkit_web_view_reload (WEBKIT_WEB_VIEW (self));
}

/*
 * Runs in the page (our own script; page scripts are off). The section is
 * the heading the page was opened at, while it is on screen, else the last
 * heading above the top of the view.
 */
static const char section_script[] =
  "(function () {"
  "  const hs = Array.from (document.querySelectorAll ('main h1[id], main h2[id], main h3[id], "
  "main h4[id], main h5[id], main h6[id]'));"
  "  const hash = decodeURIComponent (location.hash.slice (1));"
  "  const pick = (h) => h ? [h.id, h.textContent.trim ()] : ['', ''];"
  "  if (hash) {"
  "    const target = hs.find ((h) => h.id === hash);"
  "    if (target) {"
  "      const r = target.getBoundingClientRect ();"
  "      if (r.top >= -4 && r.top < window.innerHeight) return pick (target);"
  "    }"
  "  }"
  "  let current = null;"
  "  for (const h of hs) {"
  "    if (h.getBoundingClientRect ().top <= 48) current = h; else break;"
  "  }"
  "  return pick (current);"
  "}) ()";

static void
section_evaluated_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (JSCValue) value = webkit_web_view_evaluate_javascript_finish (WEBKIT_WEB_VIEW (source),
                                                                          result, &error);
  g_autoptr (JSCValue) id_value = NULL;
  g_autoptr (JSCValue) text_value = NULL;
  g_auto (GStrv) pair = g_new0 (char *, 3);

  if (value == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  id_value = jsc_value_object_get_property_at_index (value, 0);
  text_value = jsc_value_object_get_property_at_index (value, 1);
  pair[0] = jsc_value_to_string (id_value);
  pair[1] = jsc_value_to_string (text_value);
  g_task_return_pointer (task, g_steal_pointer (&pair), (GDestroyNotify) g_strfreev);
}

void
hb_web_view_get_section_async (HbWebView *self, GCancellable *cancellable,
                               GAsyncReadyCallback callback, gpointer user_data)
{
  GTask *task;

  g_return_if_fail (HB_IS_WEB_VIEW (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, hb_web_view_get_section_async);
  webkit_web_view_evaluate_javascript (WEBKIT_WEB_VIEW (self), section_script, -1, NULL, NULL,
                                       cancellable, section_evaluated_cb, task);
}

char *
hb_web_view_get_section_finish (HbWebView *self, GAsyncResult *result, char **text, GError **error)
{
  g_auto (GStrv) pair = NULL;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  pair = g_task_propagate_pointer (G_TASK (result), error);
  if (text != NULL)
    *text = NULL;
  if (pair == NULL || pair[0] == NULL || *pair[0] == '\0')
    return NULL;
  if (text != NULL)
    *text = g_strdup (pair[1]);
  return g_strdup (pair[0]);
}
