/* rw-format.h: how Rentwise writes money and sizes for people
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char     *rw_format_usd     (double      value,
                             guint       decimals);
char     *rw_format_usd_significant (double value);
char     *rw_format_number  (double      value,
                             guint       decimals);
char     *rw_format_decimal (double      value,
                             guint       max_decimals);
gboolean  rw_parse_number   (const char *text,
                             double     *out);
gboolean  rw_parse_number_c (const char *text,
                             double     *out);
char     *rw_format_params_b (double     billions);
char     *rw_text_no_break  (const char *text);
gulong    rw_plural_n       (double      value);

G_END_DECLS

G_BEGIN_DECLS

char     *rw_text_sanitize        (const char *text);
guint     rw_text_columns         (const char *text);
char     *rw_text_tidy_list       (const char *text);
gboolean  rw_uri_is_safe_to_open  (const char *uri);
char     *rw_format_age           (GDateTime  *then,
                                   GDateTime  *now);
char     *rw_format_time_ago      (gint64      seconds);

G_END_DECLS
