/* test-i18n.c: the window in the language of $LANGUAGE (de, zh_CN) shows no English string
 * that has a translation (run by meson once per language, with LC_ALL=C.UTF-8)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <inttypes.h>
#include <locale.h>
#include <string.h>

#include "rw-gpu-page.h"
#include "rw-window.h"
#include "test-widget-common.h"

static void
collect (GtkWidget *widget,
         GPtrArray *texts)
{
  if (GTK_IS_LABEL (widget) && gtk_label_get_text (GTK_LABEL (widget))[0] != '\0')
    g_ptr_array_add (texts, g_strdup (gtk_label_get_text (GTK_LABEL (widget))));
  if (ADW_IS_PREFERENCES_ROW (widget))
    g_ptr_array_add (texts, g_strdup (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget))));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child;
       child = gtk_widget_get_next_sibling (child))
    collect (child, texts);
}

static void
test_translated (void)
{
  g_autoptr(RwCatalog) catalog = load_fixture ("l40s-reference.json");
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  static const char *views[] = { "overview", "providers", "instances", "models", "rent" };
  const char *language = g_getenv ("LANGUAGE");
  RwWindow *window;
  guint translated = 0, untranslated = 0;

  /* the catalog is English data; the interface must not be */
  window = rw_window_new (NULL, catalog);
  g_object_ref_sink (window);
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  gtk_window_present (GTK_WINDOW (window));
  rw_window_select_gpu (window, "l40s");
  spin (100);
  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    {
      adw_view_stack_set_visible_child_name (rw_gpu_page_get_stack (rw_window_get_gpu_page (window)), views[i]);
      spin (60);
      collect (GTK_WIDGET (window), texts);
    }

  for (guint i = 0; i < texts->len; i++)
    {
      const char *text = g_ptr_array_index (texts, i);
      const char *tr = g_dgettext (GETTEXT_PACKAGE, text);

      if (tr != text && strcmp (tr, text) != 0)
        {
          g_test_message ("untranslated: “%s” (should be “%s”)", text, tr);
          untranslated++;
        }
      if (strcmp (text, _("Overview")) == 0 && strcmp (_("Overview"), "Overview") != 0)
        translated++;
    }

  g_test_message ("%s: %u labels, %u untranslated", language, texts->len, untranslated);
  g_assert_cmpuint (untranslated, ==, 0);
  /* and the translation really is in use */
  g_assert_cmpuint (translated, >, 0);

  gtk_window_destroy (GTK_WINDOW (window));
  spin (20);
  g_assert_finalize_object (window);
}

/* a 64-bit count in a translatable format is written with PRIu64, which xgettext and the
 * .mo file know (<PRIu64>), not G_GUINT64_FORMAT, which cut the msgid short at the "%" */
static void
test_wide_counts (void)
{
  const char *one = "With %" PRIu64 " session";
  const char *many = "With %" PRIu64 " sessions";
  g_autofree char *text = NULL;

  g_assert_cmpstr (g_dngettext (GETTEXT_PACKAGE, one, many, 3), !=, many);
  g_assert_cmpstr (g_dngettext (GETTEXT_PACKAGE, one, many, 1), !=, one);

  /* and the translation takes the 64-bit number whole */
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "With %" PRIu64 " session",
                                      "With %" PRIu64 " sessions", 4294967296),
                          (guint64) 4294967296);
  g_assert_nonnull (strstr (text, "4294967296"));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *podir = NULL;

  if (!widget_test_init (&argc, &argv))
    return 0;
  setlocale (LC_ALL, "");
  podir = g_build_filename (g_getenv ("G_TEST_BUILDDIR"), "..", "po", NULL);
  bindtextdomain (GETTEXT_PACKAGE, podir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_test_add_func ("/i18n/translated", test_translated);
  g_test_add_func ("/i18n/wide-counts", test_wide_counts);
  return g_test_run ();
}
