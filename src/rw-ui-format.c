/* rw-ui-format.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
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

#define SPIN_STATE_KEY "rw-spin-button-state"

/* What a spin button shows about its last refused or clamped entry */
typedef struct
{
  char          *tooltip;       /* its own tooltip, given back when the message goes */
  char          *message;       /* NULL: not flagged */
  double         flagged_value; /* the value it was left at; another value unflags it */
  GtkLabel      *label;         /* (nullable) (weak): where the message shows under the field */
  AdwActionRow  *row;           /* (nullable) (weak): or the row whose subtitle shows it */
  char          *row_subtitle;  /* the row's own subtitle, given back */
  guint          leave_idle;
} SpinState;

static void
spin_state_free (gpointer data)
{
  SpinState *state = data;

  g_clear_handle_id (&state->leave_idle, g_source_remove);
  if (state->label != NULL)
    g_object_remove_weak_pointer (G_OBJECT (state->label), (gpointer *) &state->label);
  if (state->row != NULL)
    g_object_remove_weak_pointer (G_OBJECT (state->row), (gpointer *) &state->row);
  g_free (state->tooltip);
  g_free (state->message);
  g_free (state->row_subtitle);
  g_free (state);
}

static SpinState *
spin_state (GtkSpinButton *spin)
{
  return g_object_get_data (G_OBJECT (spin), SPIN_STATE_KEY);
}

static gboolean
spin_has_focus (GtkSpinButton *spin)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (spin));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  return focus != NULL &&
         (focus == GTK_WIDGET (spin) || gtk_widget_is_ancestor (focus, GTK_WIDGET (spin)));
}

/* Shows @message (NULL: none) where the spin button's reason goes: its label, or its row's
 * subtitle, and always its tooltip and accessible description */
static void
spin_show_message (GtkSpinButton *spin,
                   SpinState     *state,
                   const char    *message)
{
  GtkWidget *widget = GTK_WIDGET (spin);

  if (state->label != NULL)
    {
      /* a label shared by two fields shows the last message; only its own one is taken off */
      if (message != NULL)
        gtk_label_set_text (state->label, message);
      if (message != NULL || g_strcmp0 (gtk_label_get_text (state->label), state->message) == 0)
        gtk_widget_set_visible (GTK_WIDGET (state->label), message != NULL);
    }
  else if (state->row != NULL)
    {
      g_autofree char *escaped = NULL;

      /* the row may read its subtitle as markup, and the message quotes what was typed */
      if (message != NULL && adw_preferences_row_get_use_markup (ADW_PREFERENCES_ROW (state->row)))
        escaped = g_markup_escape_text (message, -1);
      adw_action_row_set_subtitle (state->row, message == NULL ? state->row_subtitle
                                               : escaped != NULL ? escaped : message);
    }

  if (message != NULL)
    {
      gtk_widget_set_tooltip_text (widget, message);
      gtk_accessible_update_property (GTK_ACCESSIBLE (spin),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message, -1);
    }
  else
    {
      gtk_widget_set_tooltip_text (widget, state->tooltip);
      gtk_accessible_reset_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
    }
}

/* Flags @spin with @message: the error style while the person is in the field, and the
 * message where it shows; with @message NULL takes both off */
static void
spin_set_refused (GtkSpinButton *spin,
                  const char    *message)
{
  SpinState *state = spin_state (spin);

  if (message == NULL)
    {
      if (state->message == NULL)
        return;
      gtk_widget_remove_css_class (GTK_WIDGET (spin), "error");
      spin_show_message (spin, state, NULL);
      g_clear_pointer (&state->message, g_free);
      return;
    }

  if (state->message == NULL)
    {
      GtkWidget *row = gtk_widget_get_ancestor (GTK_WIDGET (spin), ADW_TYPE_ACTION_ROW);

      g_free (state->tooltip);
      state->tooltip = g_strdup (gtk_widget_get_tooltip_text (GTK_WIDGET (spin)));
      /* the row it is in now (a field may be put in its row after it was set up) */
      if (state->label == NULL && row != NULL && row != GTK_WIDGET (state->row))
        {
          if (state->row != NULL)
            g_object_remove_weak_pointer (G_OBJECT (state->row), (gpointer *) &state->row);
          state->row = ADW_ACTION_ROW (row);
          g_object_add_weak_pointer (G_OBJECT (row), (gpointer *) &state->row);
        }
      if (state->row != NULL)
        {
          g_free (state->row_subtitle);
          state->row_subtitle = g_strdup (adw_action_row_get_subtitle (state->row));
        }
    }
  /* red only while the person is still in the field: once it is left, it shows a valid value
   * (the kept or the clamped one) and only the message says what happened */
  if (spin_has_focus (spin))
    gtk_widget_add_css_class (GTK_WIDGET (spin), "error");
  g_free (state->message);
  state->message = g_strdup (message);
  state->flagged_value = gtk_spin_button_get_value (spin);
  spin_show_message (spin, state, message);
}

static char *
spin_format (GtkSpinButton *spin,
             double         value)
{
  return rw_format_decimal (value, gtk_spin_button_get_digits (spin));
}

/* A whole-number field shows its value with the locale's grouping, "1,048,576" ("1.048.576"
 * in German), as the messages and every label do (newcomer report 3, defect 10: the field read
 * "1048576" above its own "at most 1,048,576"); spin_input() reads it back. Fields with
 * decimals keep GTK's own "0.00". */
static gboolean
spin_output (GtkSpinButton *spin,
             gpointer       user_data)
{
  g_autofree char *text = NULL;

  if (gtk_spin_button_get_digits (spin) > 0)
    return FALSE;
  text = rw_format_number (gtk_adjustment_get_value (gtk_spin_button_get_adjustment (spin)), 0);
  if (g_strcmp0 (text, gtk_editable_get_text (GTK_EDITABLE (spin))) != 0)
    gtk_editable_set_text (GTK_EDITABLE (spin), text);
  return TRUE;
}

static int
spin_input (GtkSpinButton *spin,
            double        *new_value,
            gpointer       user_data)
{
  GtkAdjustment *adjustment = gtk_spin_button_get_adjustment (spin);
  const char *text = gtk_editable_get_text (GTK_EDITABLE (spin));
  g_autofree char *stripped = g_strstrip (g_strdup (text));
  g_autofree char *shown = g_utf8_substring (stripped, 0, MIN (g_utf8_strlen (stripped, -1), 40));
  g_autofree char *message = NULL;
  double value, typed;
  gboolean negative = stripped[0] == '-' || g_str_has_prefix (stripped, "−");

  if (rw_parse_number (negative ? stripped + (stripped[0] == '-' ? 1 : strlen ("−")) : stripped,
                       &value))
    {
      double scale = pow (10, gtk_spin_button_get_digits (spin));
      double lower = gtk_adjustment_get_lower (adjustment);
      double upper = gtk_adjustment_get_upper (adjustment);

      typed = negative ? -value : value;
      value = round (typed * scale) / scale;
      if (value < lower)
        {
          g_autofree char *least = spin_format (spin, lower);

          /* TRANSLATORS: under or on a number field after a person typed a number below its
           * range, e.g. "“0” is too small: at least 1" */
          message = g_strdup_printf (_("“%s” is too small: at least %s"), shown, least);
          value = lower;
        }
      else if (value > upper)
        {
          g_autofree char *most = spin_format (spin, upper);

          /* TRANSLATORS: under or on a number field after a person typed a number above its
           * range, e.g. "“99999” is too large: at most 4,096" */
          message = g_strdup_printf (_("“%s” is too large: at most %s"), shown, most);
          value = upper;
        }
      else if (fabs (value - typed) > 1e-9 * MAX (1, fabs (typed)))
        {
          g_autofree char *rounded = spin_format (spin, value);

          /* TRANSLATORS: under a number field after a person typed more decimals than it
           * takes, e.g. "“1,5” has too many decimals: rounded to 2" */
          message = g_strdup_printf (_("“%s” has too many decimals: rounded to %s"),
                                     shown, rounded);
        }
      *new_value = value;
      if (message == NULL)
        spin_set_refused (spin, NULL);
      else
        {
          /* flagged with the value it takes, so that setting it does not unflag it */
          gtk_adjustment_set_value (adjustment, value);
          spin_set_refused (spin, message);
        }
      return TRUE;
    }
  /* GTK_INPUT_ERROR with the value it had: GtkSpinButton then sets that value again and shows
   * it (gtk_spin_button_update), instead of strtod's 0 clamped to the minimum */
  *new_value = gtk_spin_button_get_value (spin);
  if (*stripped == '\0')
    return GTK_INPUT_ERROR;
  {
    g_autofree char *kept = spin_format (spin, *new_value);

    /* TRANSLATORS: under a number field after a person typed letters into it, e.g.
     * "“abc” is not a number: kept 8,192" */
    message = g_strdup_printf (_("“%s” is not a number: kept %s"), shown, kept);
  }
  spin_set_refused (spin, message);
  return GTK_INPUT_ERROR;
}

static void
spin_value_changed (GtkSpinButton *spin)
{
  SpinState *state = spin_state (spin);

  /* another value (the − and + buttons, the arrow keys, a valid number) unflags it */
  if (state->message != NULL && gtk_spin_button_get_value (spin) != state->flagged_value)
    spin_set_refused (spin, NULL);
}

static gboolean
spin_left (gpointer data)
{
  GtkSpinButton *spin = data;
  SpinState *state = spin_state (spin);

  state->leave_idle = 0;
  if (!spin_has_focus (spin))
    gtk_widget_remove_css_class (GTK_WIDGET (spin), "error");
  return G_SOURCE_REMOVE;
}

/* The field left: it now shows a valid value, so the red goes (the message stays until the
 * value changes). After the spin button's own focus-out, which commits the text. */
static void
spin_leave (GtkEventControllerFocus *controller,
            GtkSpinButton           *spin)
{
  SpinState *state = spin_state (spin);

  if (state->leave_idle == 0)
    state->leave_idle = g_idle_add (spin_left, spin);
}

/**
 * rw_ui_spin_button_read_numbers:
 * @spin: a spin button
 *
 * Makes @spin read what a person types with the app's number grammar, as the entries do
 * (rw_parse_number(): the locale's decimal point and thousands separators, "8,192" or
 * "8.192"), rounded to its digits, and say what it did with an entry it could not take
 * (session 3, one behaviour for every spin button):
 *
 * - text that is not a number ("abc", "1e3") no longer becomes 0 and so the minimum
 *   (GtkSpinButton's default reads it with strtod): the field keeps its last value and says
 *   "“abc” is not a number: kept 16";
 * - a number out of its adjustment's range is set to the nearest bound and says so: "“0” is
 *   too small: at least 1", "“99999” is too large: at most 4,096" ("-5" is a number below the
 *   range, not junk);
 * - a number with more decimals than the field shows is rounded to its digits and says so:
 *   "“1,5” has too many decimals: rounded to 2" (session 4: a micro-batch of "1,5" silently
 *   became 2).
 *
 * The message shows in the label given with rw_ui_spin_button_set_message_label(), else in
 * the subtitle of the #AdwActionRow the field is in, and always in its tooltip and accessible
 * description; the field is red (the "error" style class) while the person is still in it,
 * and no longer once focus leaves it showing the valid value. The message goes when the value
 * changes or a valid number is committed.
 *
 * A whole-number field shows its value with the locale's grouping ("1,048,576"), as every
 * label and message does. The field is made wide enough for its largest value (its
 * adjustment's upper bound), so no value it takes is cut.
 */
void
rw_ui_spin_button_read_numbers (GtkSpinButton *spin)
{
  SpinState *state;
  GtkEventController *focus;

  g_return_if_fail (GTK_IS_SPIN_BUTTON (spin));

  /* "numeric" would refuse the thousands separator as it is typed ("8,192") */
  gtk_spin_button_set_numeric (spin, FALSE);
  /* wide enough for its largest value: "10485760" was cut to "1048576" (issue 13) */
  {
    GtkAdjustment *adjustment = gtk_spin_button_get_adjustment (spin);
    g_autofree char *widest = spin_format (spin, gtk_adjustment_get_upper (adjustment));
    int chars = (int) g_utf8_strlen (widest, -1) + 1;   /* and the cursor after it */

    if (gtk_editable_get_width_chars (GTK_EDITABLE (spin)) < chars)
      gtk_editable_set_width_chars (GTK_EDITABLE (spin), chars);
    if (gtk_editable_get_max_width_chars (GTK_EDITABLE (spin)) > 0 &&
        gtk_editable_get_max_width_chars (GTK_EDITABLE (spin)) < chars)
      gtk_editable_set_max_width_chars (GTK_EDITABLE (spin), chars);
  }

  state = g_new0 (SpinState, 1);
  g_object_set_data_full (G_OBJECT (spin), SPIN_STATE_KEY, state, spin_state_free);

  g_signal_connect (spin, "input", G_CALLBACK (spin_input), NULL);
  g_signal_connect (spin, "output", G_CALLBACK (spin_output), NULL);
  spin_output (spin, NULL);
  g_signal_connect (spin, "value-changed", G_CALLBACK (spin_value_changed), NULL);
  focus = gtk_event_controller_focus_new ();
  g_signal_connect (focus, "leave", G_CALLBACK (spin_leave), spin);
  gtk_widget_add_controller (GTK_WIDGET (spin), focus);
}

/**
 * rw_ui_spin_button_set_message_label:
 * @spin: a spin button set up with rw_ui_spin_button_read_numbers()
 * @label: a label under or beside it, hidden until a message shows (one label may serve
 *   several fields: it shows the last message)
 *
 * Where @spin says visibly why it refused or clamped an entry, instead of its row's subtitle.
 */
void
rw_ui_spin_button_set_message_label (GtkSpinButton *spin,
                                     GtkLabel      *label)
{
  SpinState *state;

  g_return_if_fail (GTK_IS_SPIN_BUTTON (spin));
  g_return_if_fail (GTK_IS_LABEL (label));
  state = spin_state (spin);
  g_return_if_fail (state != NULL);

  if (state->label != NULL)
    g_object_remove_weak_pointer (G_OBJECT (state->label), (gpointer *) &state->label);
  state->label = label;
  g_object_add_weak_pointer (G_OBJECT (label), (gpointer *) &state->label);
  gtk_label_set_use_markup (label, FALSE);   /* it quotes what the person typed */
  gtk_label_set_wrap (label, TRUE);
  gtk_widget_set_visible (GTK_WIDGET (label), FALSE);
}

/* The text @drop_down shows for @item: its expression's string where it has one (the plan
 * window's model ids show as names), else the #GtkStringObject's own */
static char *
drop_down_item_text (GtkDropDown *drop_down,
                     gpointer     item)
{
  GtkExpression *expression = gtk_drop_down_get_expression (drop_down);

  if (item == NULL)
    return g_strdup ("");
  if (expression != NULL)
    {
      GValue value = G_VALUE_INIT;
      char *text = NULL;

      if (gtk_expression_evaluate (expression, item, &value))
        {
          if (G_VALUE_HOLDS_STRING (&value))
            text = g_value_dup_string (&value);
          g_value_unset (&value);
        }
      return text != NULL ? text : g_strdup ("");
    }
  return g_strdup (GTK_IS_STRING_OBJECT (item) ? gtk_string_object_get_string (item) : "");
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
  g_autofree char *text = drop_down_item_text (user_data, gtk_list_item_get_item (item));

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

  /* the item, not its position: while a search filters the list, positions are the filtered
   * list's, and the mark sat on another model (newcomer report 5, defect 10) */
  gtk_widget_set_opacity (gtk_widget_get_last_child (box),
                          gtk_list_item_get_item (item) != NULL &&
                          gtk_drop_down_get_selected_item (drop_down) ==
                              gtk_list_item_get_item (item) ? 1.0 : 0.0);
}

static void
drop_down_list_bind (GtkSignalListItemFactory *factory,
                     GtkListItem              *item,
                     gpointer                  user_data)
{
  GtkDropDown *drop_down = user_data;
  g_autofree char *text = drop_down_item_text (drop_down, gtk_list_item_get_item (item));
  GtkWidget *box = gtk_list_item_get_child (item);

  gtk_label_set_text (GTK_LABEL (gtk_widget_get_first_child (box)), text);
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

static GtkWidget *
find_descendant (GtkWidget *widget,
                 GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_descendant (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The string filter of a drop-down's list (@list: its GtkListView), under GTK 4.8's single
 * selection and filter list model; NULL when GTK builds it otherwise */
static GtkStringFilter *
list_string_filter (GtkWidget *list)
{
  GListModel *model = list ? G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (list))) : NULL;
  GtkFilter *filter;

  if (GTK_IS_SINGLE_SELECTION (model))
    model = gtk_single_selection_get_model (GTK_SINGLE_SELECTION (model));
  if (!GTK_IS_FILTER_LIST_MODEL (model))
    return NULL;
  filter = gtk_filter_list_model_get_filter (GTK_FILTER_LIST_MODEL (model));
  return GTK_IS_STRING_FILTER (filter) ? GTK_STRING_FILTER (filter) : NULL;
}

/* Return in a drop-down's search: the first (often the only) match is chosen, as a person
 * expects; GTK 4.8 did nothing (newcomer report 5, defect 10) */
static void
drop_down_search_activate (GtkSearchEntry *entry,
                           GtkDropDown    *drop_down)
{
  GtkWidget *popover = gtk_widget_get_ancestor (GTK_WIDGET (entry), GTK_TYPE_POPOVER);
  GtkWidget *list = popover ? find_descendant (popover, GTK_TYPE_LIST_VIEW) : NULL;
  GListModel *shown = list ? G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (list))) : NULL;
  GListModel *all = gtk_drop_down_get_model (drop_down);
  GtkStringFilter *filter = list_string_filter (list);
  g_autoptr(GObject) first = NULL;

  /* the search as typed now: the entry tells the filter only after a pause, and a quick
   * Return chose the first of the whole list */
  if (filter != NULL)
    gtk_string_filter_set_search (filter, gtk_editable_get_text (GTK_EDITABLE (entry)));
  if (shown == NULL || all == NULL || g_list_model_get_n_items (shown) == 0)
    return;
  first = g_list_model_get_item (shown, 0);
  for (guint i = 0; i < g_list_model_get_n_items (all); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (all, i);

      if (item == first)
        {
          gtk_drop_down_set_selected (drop_down, i);
          gtk_popover_popdown (GTK_POPOVER (popover));
          return;
        }
    }
}

/* Return anywhere in the open list while a search is typed: the first match, not the row
 * the focus was on before the search hid it */
static gboolean
drop_down_search_return (GtkEventControllerKey *controller,
                         guint                  keyval,
                         guint                  keycode,
                         GdkModifierType        state,
                         GtkDropDown           *drop_down)
{
  GtkWidget *popover = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));
  GtkWidget *entry = find_descendant (popover, GTK_TYPE_SEARCH_ENTRY);

  if ((keyval != GDK_KEY_Return && keyval != GDK_KEY_KP_Enter && keyval != GDK_KEY_ISO_Enter)
      || entry == NULL || *gtk_editable_get_text (GTK_EDITABLE (entry)) == '\0')
    return FALSE;
  drop_down_search_activate (GTK_SEARCH_ENTRY (entry), drop_down);
  return TRUE;
}

/* A drop-down with a search: what a person types goes to the search even while the list has
 * the focus (opened with Space, the letters were lost), and Return chooses the first match */
static void
drop_down_search_keys (GtkDropDown *drop_down)
{
  GtkWidget *popover = find_descendant (GTK_WIDGET (drop_down), GTK_TYPE_POPOVER);
  GtkWidget *entry = popover ? find_descendant (popover, GTK_TYPE_SEARCH_ENTRY) : NULL;

  GtkWidget *list = popover ? find_descendant (popover, GTK_TYPE_LIST_VIEW) : NULL;
  GtkStringFilter *filter = list_string_filter (list);

  if (entry == NULL)
    return;
  gtk_search_entry_set_key_capture_widget (GTK_SEARCH_ENTRY (entry), popover);
  {
    GtkEventController *keys = gtk_event_controller_key_new ();

    gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
    g_signal_connect (keys, "key-pressed", G_CALLBACK (drop_down_search_return), drop_down);
    gtk_widget_add_controller (popover, keys);
  }
  /* any part of a name, not only its start: "euryale", "70b" (GTK 4.8 matches prefixes) */
  if (filter != NULL)
    gtk_string_filter_set_match_mode (filter, GTK_STRING_FILTER_MATCH_MODE_SUBSTRING);
}

/**
 * rw_ui_drop_down_ellipsize:
 * @drop_down: a drop-down whose model holds #GtkStringObject items, or one with an
 *   expression (#GtkDropDown:expression) that gives each item's text
 *
 * Lets @drop_down's button shrink below its text: the selected string is cut with "…" (the
 * whole string in its tooltip) instead of widening the window past 360 px ("Alle Preisarten"
 * in German at 150 % text made the Instances view 487 px wide; the plan window's "Model" title
 * broke letter by letter beside a long model name). The list that drops down keeps
 * whole strings and a check mark on the selected one, as GTK's default factory does. With a
 * search (#GtkDropDown:enable-search, set before), typing goes to the search wherever the
 * focus is in the list, and Return chooses the first match.
 */
void
rw_ui_drop_down_ellipsize (GtkDropDown *drop_down)
{
  GtkListItemFactory *factory;

  g_return_if_fail (GTK_IS_DROP_DOWN (drop_down));

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (drop_down_button_setup), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (drop_down_button_bind), drop_down);
  gtk_drop_down_set_factory (drop_down, factory);
  g_object_unref (factory);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (drop_down_list_setup), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (drop_down_list_bind), drop_down);
  g_signal_connect (factory, "unbind", G_CALLBACK (drop_down_list_unbind), drop_down);
  gtk_drop_down_set_list_factory (drop_down, factory);
  g_object_unref (factory);
  if (gtk_drop_down_get_enable_search (drop_down))
    drop_down_search_keys (drop_down);
}

/**
 * rw_ui_label_no_hyphens:
 * @label: a label that wraps and may show an id or a code
 *   ("datacrunch__1xA6000_48GB__10__60__SPOT", "Qwen3-30B-A3B")
 *
 * Makes @label break a word that does not fit without drawing a hyphen at the break: Pango
 * (1.44 and later) inserts one where "word-char" wrapping cuts inside a word, so an instance id
 * read "…__SP-OT", which is wrong for anyone who copies it. The attribute is Pango's
 * `insert_hyphens` (pango_attr_insert_hyphens_new()), added to the label's own attributes so
 * that it holds for every text set later.
 */
void
rw_ui_label_no_hyphens (GtkLabel *label)
{
  PangoAttrList *old;
  g_autoptr(PangoAttrList) attrs = NULL;

  g_return_if_fail (GTK_IS_LABEL (label));

  old = gtk_label_get_attributes (label);
  attrs = old != NULL ? pango_attr_list_copy (old) : pango_attr_list_new ();
  pango_attr_list_insert (attrs, pango_attr_insert_hyphens_new (FALSE));
  gtk_label_set_attributes (label, attrs);
}

/**
 * rw_ui_widget_labels:
 * @widget: a widget, such as an #AdwActionRow or #AdwEntryRow whose title is a private label
 * @how: what to do to each label
 *
 * Sets every #GtkLabel inside @widget (and @widget itself if it is one), as they are now, for
 * rows whose labels are private and created with the row: no hyphen at a line break (an id or
 * a model name), wrapping between words (a plan window's row title at 360 px) or inside words
 * too (Rent vs own's field titles in German at 360 px), never ellipsized. Call it before
 * adding suffixes of one's own, whose labels it would change too.
 */
void
rw_ui_widget_labels (GtkWidget  *widget,
                     RwUiLabels  how)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));

  if (GTK_IS_LABEL (widget))
    {
      GtkLabel *label = GTK_LABEL (widget);

      if (how & RW_UI_LABELS_NO_HYPHENS)
        rw_ui_label_no_hyphens (label);
      if (how & (RW_UI_LABELS_WRAP_WORDS | RW_UI_LABELS_WRAP_WORD_CHARS))
        {
          gtk_label_set_ellipsize (label, PANGO_ELLIPSIZE_NONE);
          gtk_label_set_wrap (label, TRUE);
          gtk_label_set_wrap_mode (label, (how & RW_UI_LABELS_WRAP_WORD_CHARS)
                                            ? PANGO_WRAP_WORD_CHAR : PANGO_WRAP_WORD);
        }
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    rw_ui_widget_labels (child, how);
}

#define TOOLTIP_SAVED_KEY "rw-tooltip-saved"

/* Takes the tooltips off @widget and its descendants, except @popover's */
static void
tooltips_off (GtkWidget *widget,
              GtkWidget *popover)
{
  if (widget == popover)
    return;
  if (gtk_widget_get_has_tooltip (widget) &&
      g_object_get_data (G_OBJECT (widget), TOOLTIP_SAVED_KEY) == NULL)
    {
      g_object_set_data_full (G_OBJECT (widget), TOOLTIP_SAVED_KEY,
                              g_strdup (gtk_widget_get_tooltip_text (widget)), g_free);
      /* unset, GTK queries the tooltip again and hides the one on screen */
      gtk_widget_set_tooltip_text (widget, NULL);
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    tooltips_off (child, popover);
}

static void
tooltips_back (GtkWidget *widget,
               GtkWidget *popover)
{
  char *saved;

  if (widget == popover)
    return;
  saved = g_object_steal_data (G_OBJECT (widget), TOOLTIP_SAVED_KEY);
  /* unless a new one was set while the popover was open (the star's "Watched") */
  if (saved != NULL && !gtk_widget_get_has_tooltip (widget))
    gtk_widget_set_tooltip_text (widget, saved);
  g_free (saved);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    tooltips_back (child, popover);
}

static void
popover_shown (GtkWidget *popover,
               GtkWidget *button)
{
  tooltips_off (button, popover);
}

static void
popover_hidden (GtkWidget *popover,
                GtkWidget *button)
{
  tooltips_back (button, popover);
}

static GtkWidget *
find_popover (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = GTK_IS_POPOVER (child) ? child : find_popover (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/**
 * rw_ui_popover_hides_tooltip:
 * @button: a #GtkDropDown, a #GtkMenuButton, or a widget holding one, whose popover is
 *   already made
 *
 * Takes @button's tooltips (its own and those of the widgets in it, such as an ellipsized
 * drop-down's label) away while its popover is open, and gives them back when it closes.
 * GTK 4.8 leaves a tooltip shown on hover on screen when the click opens the popover, drawn
 * over its first item ("Workload" over "Inference", session 3; seen under Xvfb).
 */
void
rw_ui_popover_hides_tooltip (GtkWidget *button)
{
  GtkWidget *popover;

  g_return_if_fail (GTK_IS_WIDGET (button));

  popover = GTK_IS_MENU_BUTTON (button)
            ? GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (button))) : NULL;
  if (popover == NULL)
    popover = find_popover (button);
  g_return_if_fail (popover != NULL);

  g_signal_connect_object (popover, "map", G_CALLBACK (popover_shown), button, 0);
  g_signal_connect_object (popover, "unmap", G_CALLBACK (popover_hidden), button, 0);
}
