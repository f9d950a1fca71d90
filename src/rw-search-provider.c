/* rw-search-provider.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * org.gnome.Shell.SearchProvider2 over the catalog on show (the cache, else the built-in
 * snapshot): a GPU matches when every term is in its name, vendor, id or an alias; a model
 * when every term is in its name or id, offered as "Run <model> from $X/hr on N× <GPU>" (the
 * planner's cheapest option). Names and descriptions are plain, sanitized text. It reads the
 * catalog from the session and answers ActivateResult and LaunchSearch by activating the
 * application's actions (app.show-gpu, app.show-plan, app.search), as GNOME Software's provider
 * does: it never calls a window.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <inttypes.h>
#include <string.h>

#include "rw-format.h"
#include "rw-plan.h"
#include "rw-search-provider.h"
#include "rw-shell-search-provider-generated.h"

#define MAX_RESULTS 20
#define MAX_MODEL_RESULTS 5
#define PLAN_PREFIX "plan:"

struct _RwSearchProvider
{
  GObject                     parent_instance;

  RwShellSearchProvider2     *skeleton;
  RwSession                  *session;
  GApplication               *application;   /* borrowed: it owns us */
};

G_DEFINE_FINAL_TYPE (RwSearchProvider, rw_search_provider, G_TYPE_OBJECT)

static RwCatalog *
current_catalog (RwSearchProvider *self)
{
  return self->session ? rw_session_get_catalog (self->session) : NULL;
}

/* Every term is in the model's name or id, ignoring case */
static gboolean
model_matches (RwModel            *model,
               const char * const *terms)
{
  g_autofree char *name = g_utf8_casefold (rw_model_get_name (model), -1);
  g_autofree char *id = g_utf8_casefold (rw_model_get_id (model), -1);

  for (guint t = 0; terms[t] != NULL; t++)
    {
      g_autofree char *term = g_utf8_casefold (terms[t], -1);

      if (strstr (name, term) == NULL && strstr (id, term) == NULL)
        return FALSE;
    }
  return TRUE;
}

/* Models matching every term, as "plan:MODEL_ID" results */
static void
add_model_results (GStrvBuilder       *builder,
                   RwCatalog          *catalog,
                   const char * const *terms)
{
  GListModel *models = rw_catalog_get_models (catalog);
  guint added = 0;

  for (guint i = 0, n = g_list_model_get_n_items (models); i < n && added < MAX_MODEL_RESULTS;
       i++)
    {
      g_autoptr(RwModel) model = g_list_model_get_item (models, i);

      if (model_matches (model, terms))
        {
          g_autofree char *id = g_strconcat (PLAN_PREFIX, rw_model_get_id (model), NULL);

          g_strv_builder_add (builder, id);
          added++;
        }
    }
}

/* "Run Llama 3.3 70B from $2.49/hr on 2× NVIDIA H100" and how it was planned: the planner's
 * cheapest option at its default context, one session, vLLM, every pricing kind */
static void
model_meta (RwCatalog  *catalog,
            RwModel    *model,
            char      **name,
            char      **description)
{
  g_autofree char *model_name = rw_text_sanitize (rw_model_get_name (model));
  g_autoptr(RwPlan) plan = NULL;
  RwPlanOptions options;

  rw_plan_options_init (&options);
  plan = rw_plan_compute (catalog, model, &options);
  if (plan->status == RW_PLAN_OK && plan->options_ranked->len > 0)
    {
      const RwPlanOption *best = &g_array_index (plan->options_ranked, RwPlanOption, 0);
      g_autofree char *usd = rw_format_usd (best->price_hr, 2);
      g_autofree char *gpu = rw_text_sanitize (rw_gpu_get_name (best->gpu));

      /* TRANSLATORS: a search result: "Run Llama 3.3 70B from $2.49/hr on 2× NVIDIA H100" */
      *name = g_strdup_printf (_("Run %s from %s/hr on %u× %s"), model_name, usd, best->gpus,
                               gpu);
      g_autofree char *tokens = rw_format_number ((double) plan->context, 0);

      /* TRANSLATORS: the search result's description: the context the plan is for, with
       * the locale's grouping ("131,072") */
      *description = g_strdup_printf (_("Plan at %s tokens, 1 session (estimate)"), tokens);
    }
  else
    {
      /* TRANSLATORS: a search result for a model that fits no offered machine */
      *name = g_strdup_printf (_("Plan %s"), model_name);
      *description = g_strdup (_("No offered machine runs it at the default context"));
    }
}

/**
 * rw_search_provider_search:
 *
 * Returns: (transfer full): the ids of the GPUs matching every term, cheapest first, then
 *   "plan:MODEL_ID" for the models matching every term
 */
char **
rw_search_provider_search (RwCatalog          *catalog,
                           const char * const *terms)
{
  g_autoptr(GPtrArray) hits = g_ptr_array_new ();
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  GListModel *gpus;

  if (catalog == NULL || terms == NULL || terms[0] == NULL)
    return g_strv_builder_end (builder);

  gpus = rw_catalog_get_gpus (catalog);
  for (guint i = 0, n = g_list_model_get_n_items (gpus); i < n; i++)
    {
      g_autoptr(RwGpu) gpu = g_list_model_get_item (gpus, i);
      gboolean all = TRUE;

      for (guint t = 0; terms[t] != NULL && all; t++)
        all = rw_gpu_matches (gpu, terms[t]);
      if (all)
        g_ptr_array_add (hits, gpu);
    }
  for (guint i = 0; i < hits->len && i < MAX_RESULTS; i++)
    g_strv_builder_add (builder, rw_gpu_get_id (g_ptr_array_index (hits, i)));
  add_model_results (builder, catalog, terms);
  return g_strv_builder_end (builder);
}

static gboolean
handle_initial (RwShellSearchProvider2 *skeleton,
                GDBusMethodInvocation  *invocation,
                const char * const     *terms,
                RwSearchProvider       *self)
{
  g_auto(GStrv) results = rw_search_provider_search (current_catalog (self), terms);

  rw_shell_search_provider2_complete_get_initial_result_set (skeleton, invocation,
                                                             (const char * const *) results);
  return TRUE;
}

static gboolean
handle_subsearch (RwShellSearchProvider2 *skeleton,
                  GDBusMethodInvocation  *invocation,
                  const char * const     *previous,
                  const char * const     *terms,
                  RwSearchProvider       *self)
{
  g_auto(GStrv) results = rw_search_provider_search (current_catalog (self), terms);

  rw_shell_search_provider2_complete_get_subsearch_result_set (skeleton, invocation,
                                                               (const char * const *) results);
  return TRUE;
}

static gboolean
handle_metas (RwShellSearchProvider2 *skeleton,
              GDBusMethodInvocation  *invocation,
              const char * const     *ids,
              RwSearchProvider       *self)
{
  RwCatalog *catalog = current_catalog (self);
  GVariantBuilder builder;

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("aa{sv}"));
  for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
    {
      RwGpu *gpu = catalog ? rw_catalog_lookup_gpu (catalog, ids[i]) : NULL;
      g_autofree char *name = NULL;
      g_autofree char *description = NULL;
      g_autoptr(GIcon) icon = NULL;
      g_autoptr(GVariant) icon_data = NULL;
      GVariantBuilder meta;

      if (gpu == NULL && catalog != NULL && g_str_has_prefix (ids[i], PLAN_PREFIX))
        {
          RwModel *model = rw_catalog_lookup_model (catalog, ids[i] + strlen (PLAN_PREFIX));

          if (model == NULL)
            continue;
          model_meta (catalog, model, &name, &description);
        }
      else if (gpu == NULL)
        continue;
      else if (rw_gpu_get_cheapest_hr (gpu, TRUE) >= 0)
        {
          g_autofree char *usd = rw_format_usd (rw_gpu_get_cheapest_hr (gpu, TRUE), 2);
          guint providers = rw_gpu_get_n_providers (gpu, TRUE);

          name = rw_text_sanitize (rw_gpu_get_name (gpu));
          /* TRANSLATORS: the search result's description: "from $0.28/hr · 10 providers" */
          description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "from %s/hr · %u provider",
                                                      "from %s/hr · %u providers", providers),
                                         usd, providers);
        }
      else
        {
          name = rw_text_sanitize (rw_gpu_get_name (gpu));
          description = g_strdup (_("no offers in the catalog"));
        }

      icon = g_themed_icon_new (APP_ID);
      icon_data = g_icon_serialize (icon);
      g_variant_builder_init (&meta, G_VARIANT_TYPE ("a{sv}"));
      g_variant_builder_add (&meta, "{sv}", "id", g_variant_new_string (ids[i]));
      g_variant_builder_add (&meta, "{sv}", "name", g_variant_new_string (name));
      g_variant_builder_add (&meta, "{sv}", "description", g_variant_new_string (description));
      g_variant_builder_add (&meta, "{sv}", "icon", icon_data);
      g_variant_builder_add_value (&builder, g_variant_builder_end (&meta));
    }
  rw_shell_search_provider2_complete_get_result_metas (skeleton, invocation,
                                                       g_variant_builder_end (&builder));
  return TRUE;
}

static gboolean
handle_activate (RwShellSearchProvider2 *skeleton,
                 GDBusMethodInvocation  *invocation,
                 const char             *id,
                 const char * const     *terms,
                 guint                   timestamp,
                 RwSearchProvider       *self)
{
  if (g_str_has_prefix (id, PLAN_PREFIX))
    g_action_group_activate_action (G_ACTION_GROUP (self->application), "show-plan",
                                    g_variant_new_string (id + strlen (PLAN_PREFIX)));
  else
    g_action_group_activate_action (G_ACTION_GROUP (self->application), "show-gpu",
                                    g_variant_new_string (id));
  rw_shell_search_provider2_complete_activate_result (skeleton, invocation);
  return TRUE;
}

static gboolean
handle_launch (RwShellSearchProvider2 *skeleton,
               GDBusMethodInvocation  *invocation,
               const char * const     *terms,
               guint                   timestamp,
               RwSearchProvider       *self)
{
  g_autofree char *text = terms ? g_strjoinv (" ", (char **) terms) : g_strdup ("");

  g_action_group_activate_action (G_ACTION_GROUP (self->application), "search",
                                  g_variant_new_string (text));
  rw_shell_search_provider2_complete_launch_search (skeleton, invocation);
  return TRUE;
}

static void
rw_search_provider_finalize (GObject *object)
{
  RwSearchProvider *self = (RwSearchProvider *) object;

  g_clear_object (&self->skeleton);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (rw_search_provider_parent_class)->finalize (object);
}

static void
rw_search_provider_class_init (RwSearchProviderClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rw_search_provider_finalize;
}

static void
rw_search_provider_init (RwSearchProvider *self)
{
  self->skeleton = rw_shell_search_provider2_skeleton_new ();
  g_signal_connect (self->skeleton, "handle-get-initial-result-set", G_CALLBACK (handle_initial),
                    self);
  g_signal_connect (self->skeleton, "handle-get-subsearch-result-set",
                    G_CALLBACK (handle_subsearch), self);
  g_signal_connect (self->skeleton, "handle-get-result-metas", G_CALLBACK (handle_metas), self);
  g_signal_connect (self->skeleton, "handle-activate-result", G_CALLBACK (handle_activate), self);
  g_signal_connect (self->skeleton, "handle-launch-search", G_CALLBACK (handle_launch), self);
}

/**
 * rw_search_provider_new:
 * @application: the application whose actions (show-gpu, search) answer an activation; it owns
 *   the provider
 * @session: the session whose catalog is searched
 */
RwSearchProvider *
rw_search_provider_new (GApplication *application,
                        RwSession    *session)
{
  RwSearchProvider *self;

  g_return_val_if_fail (G_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (RW_IS_SESSION (session), NULL);

  self = g_object_new (RW_TYPE_SEARCH_PROVIDER, NULL);
  self->application = application;
  self->session = g_object_ref (session);
  return self;
}

gboolean
rw_search_provider_register (RwSearchProvider  *self,
                             GDBusConnection   *connection,
                             const char        *object_path,
                             GError           **error)
{
  return g_dbus_interface_skeleton_export (G_DBUS_INTERFACE_SKELETON (self->skeleton), connection,
                                           object_path, error);
}

void
rw_search_provider_unregister (RwSearchProvider *self)
{
  g_dbus_interface_skeleton_unexport (G_DBUS_INTERFACE_SKELETON (self->skeleton));
}
