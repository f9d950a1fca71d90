/* rw-plan-window.h: start from a model: the machines that run it, cheapest first
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "rw-plan.h"
#include "rw-session.h"
#include "rw-train-fit.h"
#include "rw-watchlist.h"

G_BEGIN_DECLS

#define RW_TYPE_PLAN_WINDOW (rw_plan_window_get_type ())
G_DECLARE_FINAL_TYPE (RwPlanWindow, rw_plan_window, RW, PLAN_WINDOW, AdwWindow)

RwPlanWindow *rw_plan_window_new          (RwSession    *session);
RwSession    *rw_plan_window_get_session  (RwPlanWindow *self);
void          rw_plan_window_set_model    (RwPlanWindow *self,
                                           const char   *model_id);
const char   *rw_plan_window_get_model    (RwPlanWindow *self);
void          rw_plan_window_set_context  (RwPlanWindow *self,
                                           guint64       context);
const RwPlan *rw_plan_window_get_plan     (RwPlanWindow *self);
void          rw_plan_window_set_sessions (RwPlanWindow *self,
                                           guint         sessions);
void          rw_plan_window_set_workload (RwPlanWindow *self,
                                           RwWorkload    workload);
void          rw_plan_window_set_watchlist (RwPlanWindow *self,
                                            RwWatchlist  *watchlist);

G_END_DECLS
