/* rw-ui-format.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "rw-format.h"
#include "rw-ui-format.h"

/* "48 GB", "40.5 GB"; "—" when unknown */
char *
rw_ui_format_gb (double gb)
{
  if (gb < 0 || !isfinite (gb))
    return g_strdup ("—");
  if (gb == floor (gb))
    /* TRANSLATORS: gigabytes, e.g. "48 GB" */
    return g_strdup_printf (_("%.0f GB"), gb);
  return g_strdup_printf (_("%.1f GB"), gb);
}

/* "$0.28/hr"; "—" when unknown */
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

/* "16", "0.5"; "—" when unknown */
char *
rw_ui_format_count (double value)
{
  if (value < 0 || !isfinite (value))
    return g_strdup ("—");
  return g_strdup_printf ("%g", value);
}
