/* rw-ui-format.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

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
