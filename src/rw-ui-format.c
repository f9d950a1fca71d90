/* rw-ui-format.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "rw-fetch.h"
#include "rw-format.h"
#include "rw-ui-format.h"

/* "48 GB", "1,500 GB", "40.5 GB" with the locale's grouping and point; "—" when unknown */
char *
rw_ui_format_gb (double gb)
{
  g_autofree char *number = NULL;

  if (gb < 0 || !isfinite (gb))
    return g_strdup ("—");
  number = rw_format_number (gb, gb == floor (gb) ? 0 : 1);
  /* TRANSLATORS: gigabytes, e.g. "48 GB"; the number is already formatted */
  return g_strdup_printf (_("%s GB"), number);
}

/* "$0.28/hr", "$1,234.00/hr"; "—" when unknown. A label that wraps shows it through
 * rw_text_no_break(), so that "$0.28/" and "hr" stay on one line. */
char *
rw_ui_format_rate (double usd_per_hour)
{
  g_autofree char *usd = NULL;

  if (usd_per_hour < 0 || !isfinite (usd_per_hour))
    return g_strdup ("—");
  usd = rw_format_usd (usd_per_hour, 2);
  /* TRANSLATORS: a price per hour, e.g. "$0.28/hr" */
  return g_strdup_printf (_("%s/hr"), usd);
}

/* "16", "1,024", "0.5" with the locale's grouping and point; "—" when unknown */
char *
rw_ui_format_count (double value)
{
  if (value < 0 || !isfinite (value))
    return g_strdup ("—");
  return rw_format_decimal (value, 2);
}

/**
 * rw_ui_feed_error_text:
 * @status: a feed's status
 *
 * Why the feed failed, as a translated message chosen by the code of its `gerror`
 * (%RW_FETCH_ERROR); the English `error` text, sanitized, only for an error of another domain.
 *
 * Returns: (transfer full): the message, "" when the status has no error
 */
char *
rw_ui_feed_error_text (const RwFeedStatus *status)
{
  const GError *error;

  g_return_val_if_fail (status != NULL, NULL);

  error = status->gerror;
  if (error == NULL)
    return rw_text_sanitize (status->error ? status->error : "");
  if (error->domain != RW_FETCH_ERROR)
    return rw_text_sanitize (error->message);

  switch ((RwFetchError) error->code)
    {
    case RW_FETCH_ERROR_NOT_MODIFIED:
      return g_strdup (_("not modified"));
    case RW_FETCH_ERROR_REFUSED:
      return g_strdup (_("refused: only HTTPS addresses are fetched"));
    case RW_FETCH_ERROR_HTTP:
      /* TRANSLATORS: an HTTP status code, e.g. "HTTP 503" */
      return g_strdup_printf (_("HTTP %u"), status->http_status);
    case RW_FETCH_ERROR_REDIRECTS:
      return g_strdup (_("too many redirects"));
    case RW_FETCH_ERROR_TOO_LARGE:
      return g_strdup (_("the response is too large"));
    case RW_FETCH_ERROR_TRUNCATED:
      return g_strdup (_("the response was cut short"));
    case RW_FETCH_ERROR_TIMED_OUT:
      return g_strdup (_("timed out"));
    case RW_FETCH_ERROR_NETWORK:
      return g_strdup (_("no connection"));
    case RW_FETCH_ERROR_CANCELLED:
      return g_strdup (_("cancelled"));
    case RW_FETCH_ERROR_INVALID:
      return g_strdup (_("the response is not a valid feed"));
    case RW_FETCH_ERROR_NO_CACHE:
      return g_strdup (_("not fetched yet and no cached copy"));
    case RW_FETCH_ERROR_CACHE:
      return g_strdup (_("the cache could not be read or written"));
    default:
      return rw_text_sanitize (error->message);
    }
}

/**
 * rw_ui_feed_failed_offline:
 * @status: a feed's status
 *
 * Whether the feed failed without an answer from its server (no connection, a timeout, no
 * cached copy): what the window calls "Offline" when every feed failed that way. A response, a
 * refused address or a body that failed validation is not offline.
 */
gboolean
rw_ui_feed_failed_offline (const RwFeedStatus *status)
{
  g_return_val_if_fail (status != NULL, FALSE);

  if (status->http_status != 0)
    return FALSE;
  if (status->gerror != NULL && status->gerror->domain == RW_FETCH_ERROR)
    switch ((RwFetchError) status->gerror->code)
      {
      case RW_FETCH_ERROR_REFUSED:
      case RW_FETCH_ERROR_TOO_LARGE:
      case RW_FETCH_ERROR_TRUNCATED:
      case RW_FETCH_ERROR_INVALID:
        return FALSE;
      default:
        break;
      }
  return TRUE;
}

#define SPIN_TOOLTIP_KEY "rw-spin-button-tooltip"
#define SPIN_ERROR_KEY   "rw-spin-button-error"

/* Flags @spin (the error style class, a tooltip and an accessible description that say what
 * was refused), or with @refused NULL takes the flag off and gives the tooltip back */
static void
spin_set_refused (GtkSpinButton *spin,
                  const char    *refused)
{
  GtkWidget *widget = GTK_WIDGET (spin);
  gboolean flagged = g_object_get_data (G_OBJECT (spin), SPIN_ERROR_KEY) != NULL;

  if (refused == NULL)
    {
      if (!flagged)
        return;
      gtk_widget_remove_css_class (widget, "error");
      gtk_widget_set_tooltip_text (widget, g_object_get_data (G_OBJECT (spin), SPIN_TOOLTIP_KEY));
      gtk_accessible_reset_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
      g_object_set_data (G_OBJECT (spin), SPIN_ERROR_KEY, NULL);
      return;
    }

  {
    g_autofree char *shown = g_utf8_substring (refused, 0, MIN (g_utf8_strlen (refused, -1), 40));
    g_autofree char *kept = rw_format_decimal (gtk_spin_button_get_value (spin),
                                               gtk_spin_button_get_digits (spin));
    /* TRANSLATORS: under a number field after a person typed letters into it, e.g.
     * "“abc” is not a number: kept 8,192" */
    g_autofree char *message = g_strdup_printf (_("“%s” is not a number: kept %s"), shown, kept);

    if (!flagged)
      g_object_set_data_full (G_OBJECT (spin), SPIN_TOOLTIP_KEY,
                              g_strdup (gtk_widget_get_tooltip_text (widget)), g_free);
    gtk_widget_add_css_class (widget, "error");
    gtk_widget_set_tooltip_text (widget, message);
    gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                    message, -1);
    g_object_set_data (G_OBJECT (spin), SPIN_ERROR_KEY, GINT_TO_POINTER (TRUE));
  }
}

static int
spin_input (GtkSpinButton *spin,
            double        *new_value,
            gpointer       user_data)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (spin));
  double value;

  if (rw_parse_number (text, &value))
    {
      double scale = pow (10, gtk_spin_button_get_digits (spin));

      *new_value = round (value * scale) / scale;
      spin_set_refused (spin, NULL);
      return TRUE;
    }
  /* GTK_INPUT_ERROR with the value it had: GtkSpinButton then sets that value again and shows
   * it (gtk_spin_button_update), instead of strtod's 0 clamped to the minimum */
  *new_value = gtk_spin_button_get_value (spin);
  spin_set_refused (spin, text);
  return GTK_INPUT_ERROR;
}

static void
spin_value_changed (GtkSpinButton *spin)
{
  spin_set_refused (spin, NULL);
}

/**
 * rw_ui_spin_button_read_numbers:
 * @spin: a spin button whose range is not negative
 *
 * Makes @spin read what a person types with the app's number grammar, as the entries do
 * (rw_parse_number(): the locale's decimal point and thousands separators, "8,192" or
 * "8.192"), rounded to its digits. Text that is not a number ("abc", "1e3") no longer becomes
 * 0 and so the minimum (GtkSpinButton's default reads it with strtod): the field keeps its
 * last value and is flagged — the "error" style class, and a tooltip and an accessible
 * description that name the refused text — until a number is committed or the value changes.
 * The field is made wide enough for its largest value (its adjustment's upper bound), so no
 * value it takes is cut.
 */
void
rw_ui_spin_button_read_numbers (GtkSpinButton *spin)
{
  g_return_if_fail (GTK_IS_SPIN_BUTTON (spin));

  /* "numeric" would refuse the thousands separator as it is typed ("8,192") */
  gtk_spin_button_set_numeric (spin, FALSE);
  /* wide enough for its largest value: "10485760" was cut to "1048576" (issue 13) */
  {
    GtkAdjustment *adjustment = gtk_spin_button_get_adjustment (spin);
    g_autofree char *widest = g_strdup_printf ("%.*f", (int) gtk_spin_button_get_digits (spin),
                                               gtk_adjustment_get_upper (adjustment));
    int chars = (int) strlen (widest) + 1;   /* and the cursor after it */

    if (gtk_editable_get_width_chars (GTK_EDITABLE (spin)) < chars)
      gtk_editable_set_width_chars (GTK_EDITABLE (spin), chars);
    if (gtk_editable_get_max_width_chars (GTK_EDITABLE (spin)) > 0 &&
        gtk_editable_get_max_width_chars (GTK_EDITABLE (spin)) < chars)
      gtk_editable_set_max_width_chars (GTK_EDITABLE (spin), chars);
  }
  g_signal_connect (spin, "input", G_CALLBACK (spin_input), NULL);
  g_signal_connect (spin, "value-changed", G_CALLBACK (spin_value_changed), NULL);
}

/* The drop-down's button: the selected string, cut with "…" when the window is narrow */
static void
drop_down_button_setup (GtkSignalListItemFactory *factory,
                        GtkListItem              *item,
                        gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_width_chars (GTK_LABEL (label), 4);
  gtk_list_item_set_child (item, label);
}

static void
drop_down_button_bind (GtkSignalListItemFactory *factory,
                       GtkListItem              *item,
                       gpointer                  user_data)
{
  GtkStringObject *string = gtk_list_item_get_item (item);
  const char *text = GTK_IS_STRING_OBJECT (string) ? gtk_string_object_get_string (string) : "";

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)), text);
  /* the whole name, wherever the button cuts it */
  gtk_widget_set_tooltip_text (gtk_list_item_get_child (item), text);
}

/* The drop-down's list: the whole string, and a check mark on the selected one, as GTK's own
 * factory does */
static void
drop_down_list_setup (GtkSignalListItemFactory *factory,
                      GtkListItem              *item,
                      gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 10);
  GtkWidget *label = gtk_label_new (NULL);
  GtkWidget *check = gtk_image_new_from_icon_name ("object-select-symbolic");

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), check);
  gtk_list_item_set_child (item, box);
}

static void
drop_down_list_update_check (GtkDropDown *drop_down,
                             GParamSpec  *pspec,
                             GtkListItem *item)
{
  GtkWidget *box = gtk_list_item_get_child (item);

  gtk_widget_set_opacity (gtk_widget_get_last_child (box),
                          gtk_drop_down_get_selected (drop_down) ==
                              gtk_list_item_get_position (item) ? 1.0 : 0.0);
}

static void
drop_down_list_bind (GtkSignalListItemFactory *factory,
                     GtkListItem              *item,
                     gpointer                  user_data)
{
  GtkDropDown *drop_down = user_data;
  GtkStringObject *string = gtk_list_item_get_item (item);
  GtkWidget *box = gtk_list_item_get_child (item);

  gtk_label_set_text (GTK_LABEL (gtk_widget_get_first_child (box)),
                      GTK_IS_STRING_OBJECT (string) ? gtk_string_object_get_string (string) : "");
  g_signal_connect (drop_down, "notify::selected", G_CALLBACK (drop_down_list_update_check), item);
  drop_down_list_update_check (drop_down, NULL, item);
}

static void
drop_down_list_unbind (GtkSignalListItemFactory *factory,
                       GtkListItem              *item,
                       gpointer                  user_data)
{
  g_signal_handlers_disconnect_by_func (user_data, drop_down_list_update_check, item);
}

/**
 * rw_ui_drop_down_ellipsize:
 * @drop_down: a drop-down whose model holds #GtkStringObject items
 *
 * Lets @drop_down's button shrink below its text: the selected string is cut with "…" (the
 * whole string in its tooltip) instead of widening the window past 360 px ("Alle Preisarten"
 * in German at 150 % text made the Instances view 487 px wide). The list that drops down keeps
 * whole strings and a check mark on the selected one, as GTK's default factory does.
 */
void
rw_ui_drop_down_ellipsize (GtkDropDown *drop_down)
{
  GtkListItemFactory *factory;

  g_return_if_fail (GTK_IS_DROP_DOWN (drop_down));

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (drop_down_button_setup), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (drop_down_button_bind), NULL);
  gtk_drop_down_set_factory (drop_down, factory);
  g_object_unref (factory);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (drop_down_list_setup), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (drop_down_list_bind), drop_down);
  g_signal_connect (factory, "unbind", G_CALLBACK (drop_down_list_unbind), drop_down);
  gtk_drop_down_set_list_factory (drop_down, factory);
  g_object_unref (factory);
}
