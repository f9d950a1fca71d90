/* rw-ui-format.h: small formatting helpers shared by the widgets
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "rw-source.h"

G_BEGIN_DECLS

char *rw_ui_format_gb       (double gb);
char *rw_ui_format_rate     (double usd_per_hour);
char *rw_ui_format_count    (double value);

char     *rw_ui_feed_error_text       (const RwFeedStatus *status);
gboolean  rw_ui_feed_failed_offline   (const RwFeedStatus *status);

void      rw_ui_spin_button_read_numbers (GtkSpinButton *spin);
void      rw_ui_spin_button_set_message_label (GtkSpinButton *spin,
                                               GtkLabel      *label);
void      rw_ui_drop_down_ellipsize      (GtkDropDown   *drop_down);
void      rw_ui_label_no_hyphens         (GtkLabel      *label);
/* What rw_ui_widget_labels () does to every label inside a widget */
typedef enum {
  RW_UI_LABELS_NO_HYPHENS      = 1 << 0,  /* rw_ui_label_no_hyphens () */
  RW_UI_LABELS_WRAP_WORDS      = 1 << 1,  /* wrap, between words only, never ellipsize */
  RW_UI_LABELS_WRAP_WORD_CHARS = 1 << 2,  /* wrap, inside a word too when it is too long */
} RwUiLabels;

void      rw_ui_widget_labels            (GtkWidget     *widget,
                                          RwUiLabels     how);
void      rw_ui_popover_hides_tooltip    (GtkWidget     *button);

G_END_DECLS
