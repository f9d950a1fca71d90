/* rw-cli.h: the headless command line (--list, --report, --fit, --history-csv, --refresh)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* A bad option value, an unknown id, an unreadable or invalid catalog (DESIGN.md) */
#define RW_CLI_EXIT_USAGE      2
/* --refresh: every feed failed and nothing is cached (README, Command line) */
#define RW_CLI_EXIT_NO_PRICES  3

const GOptionEntry *rw_cli_get_option_entries (void);
gboolean            rw_cli_is_headless        (GVariantDict *options);
int                 rw_cli_run                (GVariantDict *options,
                                               GString      *out,
                                               GString      *err);

G_END_DECLS
