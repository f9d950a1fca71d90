/* rw-alerts.h: which watched GPUs and plans to tell the user about after a refresh
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "rw-catalog.h"
#include "rw-plan.h"
#include "rw-json-writer.h"
#include "rw-watchlist.h"

G_BEGIN_DECLS

typedef enum {
  RW_ALERT_NONE,
  RW_ALERT_TARGET,    /* the price is at or under the entry's target */
  RW_ALERT_DROP,      /* the price fell by the entry's threshold or more in one refresh */
  RW_ALERT_WITHDRAW,  /* the price went back up over what was notified: withdraw it */
} RwAlertKind;

/* What a watched entry costs in one catalog */
typedef struct {
  double      price_hr;  /* a GPU: its cheapest rate, $/hr per GPU; a plan: the planner's
                          * cheapest instance that runs it, $/hr for the whole instance;
                          * RW_UNKNOWN */
  const char *gpu;       /* the GPU the price is for; borrowed from the catalog */
  const char *provider;  /* the provider of the price; borrowed from the catalog */
  guint       gpus;      /* the GPUs the price pays for: 1 for a GPU entry, the instance's
                          * GPU count for a plan */
} RwWatchPrice;

typedef struct {
  guint         pricing_mask;  /* RW_PRICING_MASK_* (and RW_INCLUDE_*); default all kinds */
  RwPlanOptions plan;          /* engine, KV type, precision for plans; the context and
                                * sessions are the entry's, the pricing mask the one above;
                                * default rw_plan_options_init () */
} RwAlertOptions;

/* One notification to send (or withdraw) */
typedef struct {
  RwAlertKind  kind;
  char        *key;           /* the entry's key: use it as the notification id, so a
                               * newer alert replaces an older one */
  RwWatchKind  watch_kind;
  char        *gpu;           /* the GPU of the price (a plan: the one it is cheapest on) */
  char        *model;         /* plans: the model id */
  guint64      context;       /* plans */
  guint        sessions;      /* plans */
  guint        gpus;          /* GPUs the price pays for */
  char        *provider;      /* of the new price */
  double       before_hr;     /* the price in the catalog the refresh replaced, RW_UNKNOWN */
  double       after_hr;      /* the price now */
  double       target_hr;     /* the entry's target, RW_UNKNOWN for none */
  double       drop_percent;  /* the entry's threshold, 0 for none */
  double       notified_hr;   /* to store with rw_watchlist_set_notified () once sent:
                               * after_hr, or RW_UNKNOWN for a withdrawal */
  char        *title;         /* plain text, translated; NULL for a withdrawal */
  char        *body;
} RwAlert;

void         rw_alert_options_init (RwAlertOptions       *options);
RwAlertKind  rw_alert_decide       (double                target_hr,
                                    double                drop_percent,
                                    double                notified_hr,
                                    double                before_hr,
                                    double                after_hr,
                                    double               *notified_out);
gboolean     rw_alert_target_reached (double              target_hr,
                                      double              price_hr);
gboolean     rw_watch_price        (RwCatalog            *catalog,
                                    RwWatchItem          *item,
                                    const RwAlertOptions *options,
                                    RwWatchPrice         *out);
GPtrArray   *rw_alerts_compute     (RwCatalog            *before,
                                    RwCatalog            *after,
                                    GListModel           *watchlist,
                                    const RwAlertOptions *options);
void         rw_alerts_write_json  (GPtrArray            *alerts,
                                    RwJsonWriter         *writer);
void         rw_alert_free         (RwAlert              *alert);
const char  *rw_alert_kind_to_string (RwAlertKind        kind);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RwAlert, rw_alert_free)

G_END_DECLS
