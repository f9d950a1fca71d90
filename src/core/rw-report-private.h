/* rw-report-private.h: the pieces of --report's JSON that other reports (--compare) reuse
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each writer emits one JSON value (an object) where the caller has written the key, with
 * exactly the members `--report --json` prints (README.md, "Command line"), so that a GPU's
 * numbers read the same in every report.
 */
#pragma once

#include "rw-json-writer.h"
#include "rw-report.h"

G_BEGIN_DECLS

RwPriceStats *rw_report_gpu_stats          (RwCatalog              *catalog,
                                            RwGpu                  *gpu,
                                            const RwReportOptions  *options);
void          rw_report_write_catalog_info (RwJsonWriter           *w,
                                            RwCatalog              *catalog,
                                            const RwReportOptions  *options);
void          rw_report_write_gpu          (RwJsonWriter           *w,
                                            RwGpu                  *gpu);
void          rw_report_write_prices       (RwJsonWriter           *w,
                                            const RwPriceStats     *stats);
void          rw_report_write_rent_vs_own  (RwJsonWriter           *w,
                                            const RwReportOptions  *options,
                                            const RwPriceStats     *stats,
                                            const RwRentVsOwnInput *in,
                                            const RwRentVsOwn      *rvo);
void          rw_report_write_fit_members  (RwJsonWriter           *w,
                                            RwModel                *model,
                                            const RwFit            *fit);

G_END_DECLS
