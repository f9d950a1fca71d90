/* rw-models-view.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every model in the catalog with its fit on the GPU (docs/FIT.md): the fewest GPUs, then the
 * highest precision, at the context, sessions, KV data type and engine the controls choose. A
 * row opens its breakdown. A control's change recomputes the fits in place: the items notify,
 * the rows update their labels, and no widget is destroyed or made again (issue 13, defect
 * 1: a custom context typed and left with Tab froze the app when the rows were rebuilt under
 * the focus).
 *
 * The workload (issue 20) chooses what the badge answers: inference, or fine-tuning with LoRA,
 * QLoRA or in full at a rank, sequence length and micro-batch (docs/FIT.md, "Fine-tuning");
 * every row's notes say which workloads fit and on how many GPUs, whatever the choice.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rw-fit-item.h"
#include "rw-format.h"
#include "rw-models-view.h"
#include "rw-report.h"
#include "rw-train-fit.h"
#include "rw-ui-format.h"
#include "rw-workload-chooser.h"

static const guint context_choices[] = { 2048, 8192, 32768, 131072 };
#define CUSTOM_CHOICE G_N_ELEMENTS (context_choices)

struct _RwModelsView
{
  AdwBin              parent_instance;

  /* Template widgets */
  GtkSearchEntry     *search_entry;
  GtkDropDown        *context_dropdown;
  GtkSpinButton      *context_spin;
  GtkSpinButton      *sessions_spin;
  GtkDropDown        *kv_dropdown;
  GtkDropDown        *engine_dropdown;
  GtkFlowBox         *options_box;
  RwWorkloadChooser  *workload_chooser;
  GtkStack           *stack;
  GtkLabel           *summary_label;
  GtkLabel           *spin_message_label;
  GtkListBox         *list_box;
  AdwStatusPage      *empty_page;

  /* Owned */
  RwCatalog          *catalog;
  RwGpu              *gpu;
  GListStore         *items;
  GtkFilterListModel *filtered;
  GtkCustomFilter    *filter;
  guint               context;
  guint               spin_idle;
};

G_DEFINE_FINAL_TYPE (RwModelsView, rw_models_view, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ------------------------------------------------------------ formatting */

/* "131,072" in the user's locale */
static char *
format_tokens (guint64 tokens)
{
  return rw_format_number ((double) tokens, 0);
}

/* bytes as "35.3 GB" (GB = 10^9 bytes, as the catalog's vram_gb) */
static char *
format_bytes (double bytes)
{
  return g_strdup_printf (_("%.1f GB"), bytes / 1e9);
}

static char *
badge_text (const RwFit *fit)
{
  g_autofree char *precision = g_ascii_strup (rw_precision_to_string (fit->precision), -1);

  if (!fit->fits)
    /* TRANSLATORS: a model that does not fit on the largest machine, 8 GPUs */
    return g_strdup_printf (_("Not on %u"), fit->gpus);
  /* TRANSLATORS: GPU count and precision badge, e.g. "1× FP8" */
  return g_strdup_printf (_("%u× %s"), fit->gpus, precision);
}

/* ------------------------------------------------------------------ rows */

typedef struct {
  GtkWidget *title;
  GtkWidget *subtitle;
  GtkWidget *capped;
  GtkWidget *badge;
  GtkWidget *arrow;
  GtkWidget *revealer;
  GtkWidget *weights;
  GtkWidget *kv;
  GtkWidget *runtime;
  GtkWidget *need;
  GtkWidget *counts[RW_FIT_N_COUNTS][2];   /* largest context, sessions */
  GtkWidget *count_header[2];
  GtkWidget *note;
  GtkWidget *workloads;
  char      *badge_class;
} RowWidgets;

static void
row_widgets_free (RowWidgets *w)
{
  g_free (w->badge_class);
  g_free (w);
}

static GtkWidget *
plain_label (const char *css_class,
             float       xalign)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_use_markup (GTK_LABEL (label), FALSE);
  gtk_label_set_xalign (GTK_LABEL (label), xalign);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  /* a model name or id cut inside a word gets no hyphen ("Qwen3-30B-A3B") */
  rw_ui_label_no_hyphens (GTK_LABEL (label));
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

/* One "name  value" line of the breakdown */
static GtkWidget *
breakdown_line (GtkGrid    *grid,
                int         row,
                const char *name)
{
  GtkWidget *key = plain_label ("dim-label", 0);
  GtkWidget *value = plain_label ("numeric", 1);

  gtk_label_set_text (GTK_LABEL (key), name);
  gtk_widget_set_hexpand (key, TRUE);
  gtk_grid_attach (grid, key, 0, row, 1, 1);
  gtk_grid_attach (grid, value, 1, row, 2, 1);
  return value;
}

/* What the workload choice and the notes need per item, kept on the item beside its fit */
typedef struct {
  gboolean         known;     /* FALSE: not a language model, no training estimate */
  RwWorkload       workload;  /* the one the badge answers */
  RwModelWorkloads workloads;
} ItemWorkloads;

#define ITEM_WORKLOADS_KEY "rw-item-workloads"

static char *
train_badge_text (const ItemWorkloads *iw)
{
  guint gpus = iw->workloads.gpus[iw->workload];

  if (!iw->known)
    /* TRANSLATORS: an image model has no fine-tuning estimate */
    return g_strdup (_("No estimate"));
  if (!iw->workloads.fits[iw->workload])
    return g_strdup_printf (_("Not on %u"), 8u);
  /* TRANSLATORS: GPUs a fine-tuning workload needs, e.g. "2 GPUs" */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u GPU", "%u GPUs", gpus), gpus);
}

static void
update_row (GtkWidget *row,
            RwFitItem *item)
{
  const ItemWorkloads *iw = g_object_get_data (G_OBJECT (item), ITEM_WORKLOADS_KEY);
  gboolean training = iw != NULL && iw->workload != RW_WORKLOAD_INFERENCE;
  RowWidgets *w = g_object_get_data (G_OBJECT (row), "rw-row-widgets");
  RwModel *model = rw_fit_item_get_model (item);
  const RwFit *fit = rw_fit_item_get_fit (item);
  gboolean llm = rw_model_get_kind (model) == RW_MODEL_KIND_LLM;
  double total = rw_model_get_params_b (model);
  double active = rw_model_get_active_params_b (model);
  gint64 max_context = rw_model_get_context (model);
  g_autofree char *name = rw_text_sanitize (rw_model_get_name (model));
  g_autofree char *maker = rw_text_sanitize (rw_model_get_maker (model));
  g_autofree char *params = rw_format_params_b (total);
  g_autofree char *active_text = NULL;
  g_autofree char *context_text = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *badge = training ? train_badge_text (iw) : badge_text (fit);
  g_autofree char *notes = iw != NULL && iw->known ? rw_train_model_workloads_text (&iw->workloads)
                                                     : NULL;
  g_autofree char *weights = format_bytes (fit->weights_bytes);
  g_autofree char *kv = format_bytes (fit->kv_bytes);
  g_autofree char *state = format_bytes (fit->state_bytes);
  g_autofree char *runtime = format_bytes (fit->runtime_bytes);
  g_autofree char *need = format_bytes (fit->need_bytes);
  g_autofree char *usable = format_bytes (fit->usable_bytes);
  g_autofree char *text = NULL;
  g_autofree char *accessible = NULL;

  gtk_label_set_text (GTK_LABEL (w->title), name);

  if (active > 0 && active < total * 0.999)
    {
      g_autofree char *a = rw_format_params_b (active);
      /* TRANSLATORS: a mixture-of-experts model's parameters, e.g. "671B (37B active)" */
      active_text = g_strdup_printf (_("%s (%s active)"), params, a);
    }
  else
    active_text = g_strdup (params);
  if (!llm)
    /* TRANSLATORS: an image model's line, e.g. "FLUX · 16.9B parameters · image model" */
    context_text = g_strdup (_("image model, 1024 × 1024"));
  else if (max_context > 0)
    {
      g_autofree char *tokens = format_tokens ((guint64) max_context);
      /* TRANSLATORS: the model's own maximum context, e.g. "131,072 tokens max" */
      context_text = g_strdup_printf (_("%s tokens max"), tokens);
    }
  else
    context_text = g_strdup (_("maximum context unknown"));
  if (maker[0] != '\0')
    /* TRANSLATORS: "Meta · 70.6B parameters · 131,072 tokens max" */
    subtitle = g_strdup_printf (_("%s · %s parameters · %s"), maker, active_text, context_text);
  else
    subtitle = g_strdup_printf (_("%s parameters · %s"), active_text, context_text);
  gtk_label_set_text (GTK_LABEL (w->subtitle), subtitle);

  gtk_widget_set_visible (w->capped, llm && fit->context_capped);
  if (fit->context_capped)
    {
      g_autofree char *tokens = format_tokens (fit->context);
      /* TRANSLATORS: the context asked for is above the model's maximum */
      text = g_strdup_printf (_("Context capped at its maximum, %s tokens"), tokens);
      gtk_label_set_text (GTK_LABEL (w->capped), text);
      g_clear_pointer (&text, g_free);
    }

  gtk_widget_set_visible (w->workloads, notes != NULL);
  gtk_label_set_text (GTK_LABEL (w->workloads), notes ? notes : "");

  gtk_label_set_text (GTK_LABEL (w->badge), badge);
  if (w->badge_class != NULL)
    gtk_widget_remove_css_class (w->badge, w->badge_class);
  g_free (w->badge_class);
  if (training)
    w->badge_class = g_strdup (iw->known && iw->workloads.fits[iw->workload] ? "train" : "none");
  else
    w->badge_class = g_strdup (fit->fits ? rw_precision_to_string (fit->precision) : "none");
  gtk_widget_add_css_class (w->badge, w->badge_class);

  /* the breakdown, per GPU */
  if (fit->gpus > 1)
    /* TRANSLATORS: weights on each GPU, e.g. "17.6 GB on each of 2 GPUs" */
    text = g_strdup_printf (_("%s on each of %u GPUs"), weights, fit->gpus);
  gtk_label_set_text (GTK_LABEL (w->weights), text ? text : weights);
  g_clear_pointer (&text, g_free);
  if (!llm)
    gtk_label_set_text (GTK_LABEL (w->kv), _("none (image model)"));
  else if (fit->state_bytes > 0)
    {
      /* TRANSLATORS: KV cache and the fixed state of linear-attention layers */
      text = g_strdup_printf (_("%s + %s of fixed state"), kv, state);
      gtk_label_set_text (GTK_LABEL (w->kv), text);
      g_clear_pointer (&text, g_free);
    }
  else
    gtk_label_set_text (GTK_LABEL (w->kv), kv);
  gtk_label_set_text (GTK_LABEL (w->runtime), runtime);
  /* TRANSLATORS: memory needed of the memory usable on one GPU, e.g. "45.0 of 48.3 GB" */
  text = g_strdup_printf (_("%s of %s"), need, usable);
  gtk_label_set_text (GTK_LABEL (w->need), text);
  g_clear_pointer (&text, g_free);

  gtk_label_set_text (GTK_LABEL (w->count_header[0]), llm ? _("Largest context") : _("Fits"));
  {
    g_autofree char *tokens = format_tokens (fit->context);
    /* TRANSLATORS: column header, sessions of the chosen context, e.g. "Sessions of 8,192" */
    text = llm ? g_strdup_printf (_("Sessions of %s"), tokens) : g_strdup (_("Images at once"));
    gtk_label_set_text (GTK_LABEL (w->count_header[1]), text);
    g_clear_pointer (&text, g_free);
  }
  for (guint c = 0; c < RW_FIT_N_COUNTS; c++)
    {
      g_autofree char *max = NULL;
      g_autofree char *sessions = NULL;

      if (!llm)
        max = g_strdup (fit->max_sessions[c] > 0 ? _("yes") : _("no"));
      else if (fit->max_context[c] > 0)
        max = format_tokens (fit->max_context[c]);
      else
        max = g_strdup (_("does not fit"));
      sessions = fit->max_sessions[c] > 0 ? format_tokens (fit->max_sessions[c]) : g_strdup ("—");
      gtk_label_set_text (GTK_LABEL (w->counts[c][0]), max);
      gtk_label_set_text (GTK_LABEL (w->counts[c][1]), sessions);
    }
  gtk_widget_set_visible (w->note, fit->estimated != 0);

  /* TRANSLATORS: what a screen reader says for a row, e.g. "Llama 3.3 70B, 2× FP8" */
  if (notes != NULL)
    /* TRANSLATORS: a row for a screen reader with its workloads, e.g. "Llama 3.3 70B, 2× FP8,
     * Inference 2 GPUs (FP8) · LoRA 4 GPUs · …" */
    accessible = g_strdup_printf (_("%s, %s, %s"), name, badge, notes);
  else
    accessible = g_strdup_printf (_("%s, %s"), name, badge);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  -1);
}

static void
on_item_fit_notify (RwFitItem  *item,
                    GParamSpec *pspec,
                    GtkWidget  *row)
{
  update_row (row, item);
}

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  RowWidgets *w = g_new0 (RowWidgets, 1);
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkGrid *grid = GTK_GRID (gtk_grid_new ());
  GtkWidget *label;

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_widget_set_margin_top (header, 8);
  gtk_widget_set_margin_bottom (header, 8);
  gtk_widget_set_margin_start (header, 12);
  gtk_widget_set_margin_end (header, 12);

  w->title = plain_label (NULL, 0);
  w->subtitle = plain_label ("dim-label", 0);
  gtk_widget_add_css_class (w->subtitle, "caption");
  w->capped = plain_label ("warning", 0);
  gtk_widget_add_css_class (w->capped, "caption");
  gtk_box_append (GTK_BOX (texts), w->title);
  gtk_box_append (GTK_BOX (texts), w->subtitle);
  gtk_box_append (GTK_BOX (texts), w->capped);
  /* the reference page's notes column: which workloads fit, on how many GPUs */
  w->workloads = plain_label ("dim-label", 0);
  gtk_widget_add_css_class (w->workloads, "caption");
  gtk_widget_set_name (w->workloads, "workloads");
  gtk_box_append (GTK_BOX (texts), w->workloads);
  gtk_widget_set_hexpand (texts, TRUE);
  gtk_widget_set_valign (texts, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (header), texts);

  w->badge = gtk_label_new (NULL);
  gtk_widget_set_valign (w->badge, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (w->badge, "badge");
  gtk_widget_add_css_class (w->badge, "numeric");
  gtk_box_append (GTK_BOX (header), w->badge);
  /* decoration: the row's expanded state says it to a screen reader */
  w->arrow = g_object_new (GTK_TYPE_IMAGE, "icon-name", "pan-end-symbolic",
                           "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION, NULL);
  gtk_box_append (GTK_BOX (header), w->arrow);
  gtk_box_append (GTK_BOX (box), header);

  /* the breakdown, revealed by activating the row */
  gtk_grid_set_row_spacing (grid, 4);
  gtk_grid_set_column_spacing (grid, 12);
  gtk_widget_set_margin_start (GTK_WIDGET (grid), 12);
  gtk_widget_set_margin_end (GTK_WIDGET (grid), 12);
  gtk_widget_set_margin_bottom (GTK_WIDGET (grid), 12);
  w->weights = breakdown_line (grid, 0, _("Weights per GPU"));
  w->kv = breakdown_line (grid, 1, _("KV cache per GPU"));
  w->runtime = breakdown_line (grid, 2, _("Runtime reserve per GPU"));
  w->need = breakdown_line (grid, 3, _("Needed of usable per GPU"));
  label = plain_label ("heading", 0);
  gtk_label_set_text (GTK_LABEL (label), _("GPUs"));
  gtk_widget_set_margin_top (label, 6);
  gtk_grid_attach (grid, label, 0, 4, 1, 1);
  for (guint i = 0; i < 2; i++)
    {
      w->count_header[i] = plain_label ("heading", 1);
      gtk_widget_set_margin_top (w->count_header[i], 6);
      gtk_grid_attach (grid, w->count_header[i], 1 + i, 4, 1, 1);
    }
  for (guint c = 0; c < RW_FIT_N_COUNTS; c++)
    {
      g_autofree char *count = g_strdup_printf ("%u", rw_fit_gpu_counts[c]);

      label = plain_label ("numeric", 0);
      gtk_label_set_text (GTK_LABEL (label), count);
      gtk_grid_attach (grid, label, 0, 5 + c, 1, 1);
      w->counts[c][0] = plain_label ("numeric", 1);
      w->counts[c][1] = plain_label ("numeric", 1);
      gtk_grid_attach (grid, w->counts[c][0], 1, 5 + c, 1, 1);
      gtk_grid_attach (grid, w->counts[c][1], 2, 5 + c, 1, 1);
    }
  w->note = plain_label ("dim-label", 0);
  gtk_widget_add_css_class (w->note, "caption");
  gtk_label_set_text (GTK_LABEL (w->note),
                      _("Some numbers are estimates: the catalog lacks part of this model’s or "
                        "GPU’s data."));
  gtk_grid_attach (grid, w->note, 0, 5 + RW_FIT_N_COUNTS, 3, 1);

  w->revealer = gtk_revealer_new ();
  gtk_revealer_set_child (GTK_REVEALER (w->revealer), GTK_WIDGET (grid));
  gtk_box_append (GTK_BOX (box), w->revealer);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);

  g_object_set_data_full (G_OBJECT (row), "rw-row-widgets", w, (GDestroyNotify) row_widgets_free);
  gtk_accessible_update_state (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_STATE_EXPANDED, FALSE, -1);
  update_row (row, item);
  g_signal_connect_object (item, "notify::fit", G_CALLBACK (on_item_fit_notify), row, 0);
  return row;
}

/* Opens or closes a row's breakdown */
static void
on_row_activated (RwModelsView  *self,
                  GtkListBoxRow *row)
{
  RowWidgets *w = g_object_get_data (G_OBJECT (row), "rw-row-widgets");
  gboolean open;

  if (w == NULL)
    return;
  open = !gtk_revealer_get_reveal_child (GTK_REVEALER (w->revealer));
  gtk_revealer_set_reveal_child (GTK_REVEALER (w->revealer), open);
  gtk_image_set_from_icon_name (GTK_IMAGE (w->arrow),
                                open ? "pan-down-symbolic" : "pan-end-symbolic");
  gtk_accessible_update_state (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_STATE_EXPANDED, open, -1);
}

/* ---------------------------------------------------------------- state */

static gboolean
filter_func (gpointer item,
             gpointer user_data)
{
  RwModelsView *self = user_data;
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  RwModel *model = rw_fit_item_get_model (item);
  g_autofree char *needle = NULL;
  g_autofree char *name = NULL;
  g_autofree char *maker = NULL;

  if (text == NULL || text[0] == '\0')
    return TRUE;
  needle = g_utf8_casefold (text, -1);
  name = g_utf8_casefold (rw_model_get_name (model), -1);
  maker = rw_model_get_maker (model) ? g_utf8_casefold (rw_model_get_maker (model), -1) : NULL;
  return strstr (name, needle) != NULL || (maker && strstr (maker, needle) != NULL);
}

/* A training workload's name in the middle of the summary's sentence: "…train with full
 * fine-tuning…", not the drop-down's capitalised "Full fine-tune" (session 3) */
static const char *
workload_in_sentence (RwWorkload workload)
{
  switch (workload)
    {
    case RW_WORKLOAD_LORA:
      /* TRANSLATORS: in "12 of 52 models train with LoRA on one GPU…" */
      return C_("workload in a sentence", "LoRA");
    case RW_WORKLOAD_QLORA:
      /* TRANSLATORS: in "12 of 52 models train with QLoRA on one GPU…" */
      return C_("workload in a sentence", "QLoRA");
    case RW_WORKLOAD_FULL:
      /* TRANSLATORS: in "1 of 52 models train with full fine-tuning on one GPU…", lowercase in
       * the middle of the sentence */
      return C_("workload in a sentence", "full fine-tuning");
    case RW_WORKLOAD_INFERENCE:
    case RW_N_WORKLOADS:
    default:
      return "";
    }
}

/* The summary counts what the list shows (issue 13, defect 7) */
static void
update_state (RwModelsView *self)
{
  GListModel *shown_list = G_LIST_MODEL (self->filtered);
  guint shown = g_list_model_get_n_items (shown_list);
  guint total = g_list_model_get_n_items (G_LIST_MODEL (self->items));
  guint one_gpu = 0;
  guint workload = rw_workload_chooser_get_workload (self->workload_chooser);
  gboolean training = workload > RW_WORKLOAD_INFERENCE && workload < RW_N_WORKLOADS;
  g_autofree char *summary = NULL;
  g_autofree char *tokens = format_tokens (self->context);

  for (guint i = 0; i < shown; i++)
    {
      g_autoptr(RwFitItem) item = g_list_model_get_item (shown_list, i);
      const RwFit *fit = rw_fit_item_get_fit (item);
      const ItemWorkloads *iw = g_object_get_data (G_OBJECT (item), ITEM_WORKLOADS_KEY);

      if (training)
        one_gpu += iw != NULL && iw->known && iw->workloads.fits[workload] &&
                   iw->workloads.gpus[workload] == 1;
      else if (fit->fits && fit->gpus == 1)
        one_gpu++;
    }

  if (total == 0)
    {
      adw_status_page_set_title (self->empty_page, _("No models in this catalog"));
      adw_status_page_set_description (self->empty_page, NULL);
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }
  if (shown == 0)
    {
      adw_status_page_set_title (self->empty_page, _("No models found"));
      adw_status_page_set_description (self->empty_page, _("Try a different search."));
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  if (training)
    {
      RwTrainOptions train;
      g_autofree char *seq = NULL;
      const char *name = workload_in_sentence (workload);

      rw_workload_chooser_get_training (self->workload_chooser, &train);
      seq = format_tokens (train.seq_len);

      /* TRANSLATORS: "12 of 52 models train with LoRA on one GPU at sequences of 2,048
       * tokens." */
      summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "%u of %u model trains with %s on one GPU at "
                                              "sequences of %s tokens.",
                                              "%u of %u models train with %s on one GPU at "
                                              "sequences of %s tokens.",
                                              shown),
                                 one_gpu, shown, name, seq);
    }
  else
    summary =
      g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                    "%u of %u model fits on one GPU at %s tokens of context.",
                                    "%u of %u models fit on one GPU at %s tokens of context.",
                                    shown),
                       one_gpu, shown, tokens);
  gtk_label_set_text (self->summary_label, summary);
  gtk_stack_set_visible_child_name (self->stack, "list");
}

static void
fit_options (RwModelsView *self,
             RwFitOptions *options)
{
  rw_fit_options_init (options);
  options->context = self->context;
  options->sessions = (guint) gtk_spin_button_get_value (self->sessions_spin);
  options->kv_dtype = gtk_drop_down_get_selected (self->kv_dropdown) == 1 ? RW_KV_DTYPE_FP8
                                                                           : RW_KV_DTYPE_FP16;
  switch (gtk_drop_down_get_selected (self->engine_dropdown))
    {
    case 1: options->engine = RW_ENGINE_LLAMACPP; break;
    case 2: options->engine = RW_ENGINE_TRANSFORMERS; break;
    default: options->engine = RW_ENGINE_VLLM; break;
    }
}

/* Every workload of one item, kept on it for its row (set before the item's fit, which
 * notifies the row) */
static void
set_item_workloads (RwModelsView         *self,
                    RwFitItem            *item,
                    const RwFitOptions   *inference,
                    const RwTrainOptions *training)
{
  ItemWorkloads *iw = g_new0 (ItemWorkloads, 1);

  iw->workload = rw_workload_chooser_get_workload (self->workload_chooser);
  iw->known = rw_train_model_workloads (rw_fit_item_get_model (item), self->gpu, inference,
                                        training, &iw->workloads);
  g_object_set_data_full (G_OBJECT (item), ITEM_WORKLOADS_KEY, iw, g_free);
}

/* A new GPU or catalog: the items are made again, in the order of their fits */
static void
rebuild (RwModelsView *self)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;
  int focus_row = -1;

  /* the rows are made again: the keyboard focus stays at the same place in the list */
  if (focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self->list_box)))
    {
      GtkWidget *row = gtk_widget_get_ancestor (focus, GTK_TYPE_LIST_BOX_ROW);

      focus_row = row ? gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row)) : -1;
    }

  if (self->catalog != NULL && self->gpu != NULL)
    {
      g_autoptr(GArray) fits = NULL;
      RwFitOptions options;

      RwTrainOptions training;

      fit_options (self, &options);
      rw_workload_chooser_get_training (self->workload_chooser, &training);
      fits = rw_report_compute_fits (self->catalog, self->gpu, &options);
      for (guint i = 0; i < fits->len; i++)
        {
          const RwModelFit *mf = &g_array_index (fits, RwModelFit, i);
          RwFitItem *item = rw_fit_item_new (mf->model, &mf->fit);

          set_item_workloads (self, item, &options, &training);
          g_ptr_array_add (items, item);
        }
    }

  g_list_store_splice (self->items, 0, g_list_model_get_n_items (G_LIST_MODEL (self->items)),
                       items->pdata, items->len);
  update_state (self);
  if (focus_row >= 0)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->list_box, focus_row);

      gtk_widget_grab_focus (row ? GTK_WIDGET (row) : GTK_WIDGET (self->list_box));
    }
}

/* A control changed: the same items get their new fits; the rows update in place */
static void
recompute (RwModelsView *self)
{
  GListModel *items = G_LIST_MODEL (self->items);
  RwFitOptions options;
  RwTrainOptions training;

  if (self->catalog == NULL || self->gpu == NULL)
    return;
  fit_options (self, &options);
  rw_workload_chooser_get_training (self->workload_chooser, &training);
  for (guint i = 0, n = g_list_model_get_n_items (items); i < n; i++)
    {
      g_autoptr(RwFitItem) item = g_list_model_get_item (items, i);
      RwFit fit;

      set_item_workloads (self, item, &options, &training);
      rw_fit_compute (rw_fit_item_get_model (item), self->gpu, &options, &fit);
      if (memcmp (&fit, rw_fit_item_get_fit (item), sizeof fit) == 0)
        /* the same fit, maybe other workloads: the row reads them again */
        g_object_notify (G_OBJECT (item), "fit");
      else
        rw_fit_item_set_fit (item, &fit);
    }
  update_state (self);
}

static void
on_search_changed (RwModelsView *self)
{
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_state (self);
}

static void
on_options_changed (RwModelsView *self)
{
  recompute (self);
}

static void
on_context_selected (RwModelsView *self)
{
  guint selected = gtk_drop_down_get_selected (self->context_dropdown);

  gtk_widget_set_visible (GTK_WIDGET (self->context_spin), selected == CUSTOM_CHOICE);
  if (selected < CUSTOM_CHOICE)
    rw_models_view_set_context (self, context_choices[selected]);
  else if (selected == CUSTOM_CHOICE)
    rw_models_view_set_context (self, (guint) gtk_spin_button_get_value (self->context_spin));
}

/* value-changed comes on Return, an arrow, or when the spin button commits its text on
 * focus-out, while GTK is moving the focus. The rows are only updated in place, but the value
 * is still applied on an idle, once the focus has landed (as branch i13a does for issue 13,
 * defect 1) */
static gboolean
apply_spin_context (gpointer user_data)
{
  RwModelsView *self = user_data;

  self->spin_idle = 0;
  if (gtk_drop_down_get_selected (self->context_dropdown) == CUSTOM_CHOICE)
    rw_models_view_set_context (self, (guint) gtk_spin_button_get_value (self->context_spin));
  return G_SOURCE_REMOVE;
}

static void
on_context_spin_changed (RwModelsView *self)
{
  if (self->spin_idle == 0)
    self->spin_idle = g_idle_add (apply_spin_context, self);
}

/* The workload or a training setting changed (the chooser commits a spin button's value on an
 * idle, once the focus has landed): the rows update in place */
/* Context, sessions, the KV cache type and the engine size inference only: with a fine-tuning
 * workload they are insensitive, and their tooltips say why */
static void
update_inference_controls (RwModelsView *self)
{
  guint workload = rw_workload_chooser_get_workload (self->workload_chooser);
  gboolean inference = workload == RW_WORKLOAD_INFERENCE || workload >= RW_N_WORKLOADS;

  gtk_widget_set_sensitive (GTK_WIDGET (self->sessions_spin), inference);
  gtk_widget_set_sensitive (GTK_WIDGET (self->kv_dropdown), inference);
  gtk_widget_set_sensitive (GTK_WIDGET (self->engine_dropdown), inference);
  /* the context too: a training plan uses the sequence length (newcomer report 3, item 12) */
  gtk_widget_set_sensitive (GTK_WIDGET (self->context_dropdown), inference);
  gtk_widget_set_sensitive (GTK_WIDGET (self->context_spin), inference);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->context_dropdown),
                               inference ? _("Context length")
                                         : _("Context length: inference only, fine-tuning "
                                             "uses the sequence length"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->sessions_spin),
                               inference ? _("Concurrent sessions of that context")
                                         : _("Concurrent sessions: inference only, fine-tuning "
                                             "does not use them"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->kv_dropdown),
                               inference ? _("KV cache data type")
                                         : _("KV cache data type: inference only, fine-tuning "
                                             "does not use it"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->engine_dropdown),
                               inference ? _("Inference engine")
                                         : _("Inference engine: inference only, fine-tuning "
                                             "does not use it"));
}

static void
on_workload_changed (RwModelsView *self)
{
  update_inference_controls (self);
  recompute (self);
}

static void
rw_models_view_dispose (GObject *object)
{
  RwModelsView *self = (RwModelsView *) object;

  g_clear_handle_id (&self->spin_idle, g_source_remove);
  /* unparent the tree first, then drop the template references */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), RW_TYPE_MODELS_VIEW);
  g_clear_object (&self->catalog);
  g_clear_object (&self->gpu);
  g_clear_object (&self->filtered);
  g_clear_object (&self->items);

  G_OBJECT_CLASS (rw_models_view_parent_class)->dispose (object);
}

static void
rw_models_view_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  RwModelsView *self = RW_MODELS_VIEW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_uint (value, self->context);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rw_models_view_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  RwModelsView *self = RW_MODELS_VIEW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      rw_models_view_set_context (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rw_models_view_class_init (RwModelsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rw_models_view_dispose;
  object_class->get_property = rw_models_view_get_property;
  object_class->set_property = rw_models_view_set_property;

  g_type_ensure (RW_TYPE_WORKLOAD_CHOOSER);

  properties[PROP_CONTEXT] =
    g_param_spec_uint ("context", NULL, NULL, 1, 1u << 30, RW_DEFAULT_CONTEXT,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/rentwise/Rentwise/rw-models-view.ui");
  gtk_widget_class_bind_template_child (widget_class, RwModelsView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, RwModelsView, context_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RwModelsView, context_spin);
  gtk_widget_class_bind_template_child (widget_class, RwModelsView, sessions_spin);
  gtk_widget_class_bind_template_child (widget_class, RwModelsView, kv_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RwModelsView, engine_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RwModelsView, options_box);
  gtk_widget_class_bind_template_child (widget_class, RwModelsView, workload_chooser);
  gtk_widget_class_bind_template_child (widget_class, RwModelsView, stack);
  gtk_widget_class_bind_template_child (widget_class, RwModelsView, summary_label);
  gtk_widget_class_bind_template_child (widget_class, RwModelsView, spin_message_label);
  gtk_widget_class_bind_template_child (widget_class, RwModelsView, list_box);
  gtk_widget_class_bind_template_child (widget_class, RwModelsView, empty_page);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_context_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_context_spin_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_options_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_workload_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated);
}

static void
rw_models_view_init (RwModelsView *self)
{
  self->context = RW_DEFAULT_CONTEXT;
  gtk_widget_init_template (GTK_WIDGET (self));
  /* letters in a number field keep its value and flag it (issue 13) */
  rw_ui_spin_button_read_numbers (self->context_spin);
  rw_ui_spin_button_read_numbers (self->sessions_spin);
  /* the command line's bounds, the same constants (newcomer report 5, defect 4) */
  gtk_spin_button_set_range (self->context_spin, RW_MIN_CONTEXT, RW_MAX_CONTEXT);
  gtk_spin_button_set_range (self->sessions_spin, 1, RW_MAX_SESSIONS);
  /* and say why under the controls: "“0” is too small: at least 1" (session 3) */
  rw_ui_spin_button_set_message_label (self->context_spin, self->spin_message_label);
  rw_ui_spin_button_set_message_label (self->sessions_spin, self->spin_message_label);
  /* no tooltip over an open drop-down's items (session 3) */
  rw_ui_popover_hides_tooltip (GTK_WIDGET (self->context_dropdown));
  rw_ui_popover_hides_tooltip (GTK_WIDGET (self->kv_dropdown));
  rw_ui_popover_hides_tooltip (GTK_WIDGET (self->engine_dropdown));
  gtk_drop_down_set_selected (self->context_dropdown, 1);
  /* the flow box only wraps the controls: Tab goes to them, not to its children */
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->options_box));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    gtk_widget_set_focusable (child, FALSE);

  self->items = g_list_store_new (RW_TYPE_FIT_ITEM);
  self->filter = gtk_custom_filter_new (filter_func, self, NULL);
  self->filtered = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->items)),
                                              GTK_FILTER (self->filter));
  gtk_list_box_bind_model (self->list_box, G_LIST_MODEL (self->filtered), create_row, NULL, NULL);
  update_inference_controls (self);
  update_state (self);
}

GtkWidget *
rw_models_view_new (void)
{
  return g_object_new (RW_TYPE_MODELS_VIEW, NULL);
}

void
rw_models_view_set_gpu (RwModelsView *self,
                        RwCatalog    *catalog,
                        RwGpu        *gpu)
{
  g_return_if_fail (RW_IS_MODELS_VIEW (self));

  g_set_object (&self->catalog, catalog);
  g_set_object (&self->gpu, gpu);
  rebuild (self);
}

guint
rw_models_view_get_context (RwModelsView *self)
{
  g_return_val_if_fail (RW_IS_MODELS_VIEW (self), RW_DEFAULT_CONTEXT);
  return self->context;
}

void
rw_models_view_set_context (RwModelsView *self,
                            guint         context)
{
  guint choice = CUSTOM_CHOICE;

  g_return_if_fail (RW_IS_MODELS_VIEW (self));

  context = CLAMP (context, 1, 1u << 30);
  if (self->context == context)
    return;
  self->context = context;

  /* keep the controls in step when the context comes from settings */
  for (guint i = 0; i < G_N_ELEMENTS (context_choices); i++)
    if (context_choices[i] == context)
      choice = i;
  /* the spin button first: choosing "Custom" applies its value, which was still the old one
   * (Preferences → Context length 5000 came back as "8K context", session 3) */
  if (choice == CUSTOM_CHOICE && (guint) gtk_spin_button_get_value (self->context_spin) != context)
    gtk_spin_button_set_value (self->context_spin, context);
  if (gtk_drop_down_get_selected (self->context_dropdown) != choice &&
      !(choice == CUSTOM_CHOICE &&
        gtk_drop_down_get_selected (self->context_dropdown) == CUSTOM_CHOICE))
    gtk_drop_down_set_selected (self->context_dropdown, choice);

  recompute (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTEXT]);
}

guint
rw_models_view_get_n_shown (RwModelsView *self)
{
  g_return_val_if_fail (RW_IS_MODELS_VIEW (self), 0);
  return g_list_model_get_n_items (G_LIST_MODEL (self->filtered));
}
