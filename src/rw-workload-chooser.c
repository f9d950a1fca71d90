/* rw-workload-chooser.c: the workload choice shared by the Models view and the "Plan a model"
 * window (issue 20, item 2): a drop-down (Inference, LoRA, QLoRA, Full fine-tune) and, for a
 * training workload, its rank (LoRA and QLoRA), sequence length and micro-batch.
 *
 * "changed" is emitted when the workload is chosen, and for a spin button on an idle once
 * its value is committed (Return, an arrow, focus-out), so the focus has landed before the
 * owner recomputes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "rw-ui-format.h"
#include "rw-workload-chooser.h"

struct _RwWorkloadChooser
{
  AdwBin          parent_instance;

  /* Template widgets */
  GtkFlowBox     *flow_box;
  GtkDropDown    *workload_dropdown;
  GtkSpinButton  *rank_spin;
  GtkSpinButton  *seq_len_spin;
  GtkSpinButton  *micro_batch_spin;
  GtkLabel       *spin_message_label;

  /* Owned */
  guint           spin_idle;
};

G_DEFINE_FINAL_TYPE (RwWorkloadChooser, rw_workload_chooser, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_WORKLOAD,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* A flow box child holding @widget, shown or hidden with it */
static void
set_child_visible (GtkWidget *widget,
                   gboolean   visible)
{
  GtkWidget *child = gtk_widget_get_ancestor (widget, GTK_TYPE_FLOW_BOX_CHILD);

  if (child != NULL)
    gtk_widget_set_visible (child, visible);
}

/* The training controls show for a training workload; the rank only for LoRA and QLoRA */
static void
update_visible (RwWorkloadChooser *self)
{
  RwWorkload workload = rw_workload_chooser_get_workload (self);

  set_child_visible (GTK_WIDGET (self->rank_spin),
                     workload == RW_WORKLOAD_LORA || workload == RW_WORKLOAD_QLORA);
  set_child_visible (GTK_WIDGET (self->seq_len_spin), workload != RW_WORKLOAD_INFERENCE);
  set_child_visible (GTK_WIDGET (self->micro_batch_spin), workload != RW_WORKLOAD_INFERENCE);
}

static void
on_workload_selected (RwWorkloadChooser *self)
{
  update_visible (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WORKLOAD]);
  g_signal_emit (self, signals[CHANGED], 0);
}

static gboolean
emit_spin_changed (gpointer user_data)
{
  RwWorkloadChooser *self = user_data;

  self->spin_idle = 0;
  g_signal_emit (self, signals[CHANGED], 0);
  return G_SOURCE_REMOVE;
}

static void
on_spin_changed (RwWorkloadChooser *self)
{
  if (self->spin_idle == 0)
    self->spin_idle = g_idle_add (emit_spin_changed, self);
}

static void
rw_workload_chooser_dispose (GObject *object)
{
  RwWorkloadChooser *self = RW_WORKLOAD_CHOOSER (object);

  g_clear_handle_id (&self->spin_idle, g_source_remove);
  /* unparent the tree first, then drop the template references */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), RW_TYPE_WORKLOAD_CHOOSER);

  G_OBJECT_CLASS (rw_workload_chooser_parent_class)->dispose (object);
}

static void
rw_workload_chooser_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  RwWorkloadChooser *self = RW_WORKLOAD_CHOOSER (object);

  switch (prop_id)
    {
    case PROP_WORKLOAD:
      g_value_set_uint (value, rw_workload_chooser_get_workload (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rw_workload_chooser_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  RwWorkloadChooser *self = RW_WORKLOAD_CHOOSER (object);

  switch (prop_id)
    {
    case PROP_WORKLOAD:
      rw_workload_chooser_set_workload (self, (RwWorkload) g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rw_workload_chooser_class_init (RwWorkloadChooserClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rw_workload_chooser_dispose;
  object_class->get_property = rw_workload_chooser_get_property;
  object_class->set_property = rw_workload_chooser_set_property;

  /* an RwWorkload */
  properties[PROP_WORKLOAD] =
    g_param_spec_uint ("workload", NULL, NULL, 0, RW_N_WORKLOADS - 1, RW_WORKLOAD_INFERENCE,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* the workload or a training setting changed */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/rentwise/Rentwise/"
                                               "rw-workload-chooser.ui");
  gtk_widget_class_bind_template_child (widget_class, RwWorkloadChooser, flow_box);
  gtk_widget_class_bind_template_child (widget_class, RwWorkloadChooser, workload_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RwWorkloadChooser, rank_spin);
  gtk_widget_class_bind_template_child (widget_class, RwWorkloadChooser, seq_len_spin);
  gtk_widget_class_bind_template_child (widget_class, RwWorkloadChooser, micro_batch_spin);
  gtk_widget_class_bind_template_child (widget_class, RwWorkloadChooser, spin_message_label);
  gtk_widget_class_bind_template_callback (widget_class, on_workload_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_spin_changed);
}

static void
rw_workload_chooser_init (RwWorkloadChooser *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* letters in a number field keep its value and flag it (issue 13) */
  rw_ui_spin_button_read_numbers (self->rank_spin);
  rw_ui_spin_button_read_numbers (self->seq_len_spin);
  rw_ui_spin_button_read_numbers (self->micro_batch_spin);
  /* the command line's bounds, the same constants (newcomer report 5, defect 4) */
  gtk_spin_button_set_range (self->rank_spin, 1, RW_TRAIN_MAX_LORA_RANK);
  gtk_spin_button_set_range (self->seq_len_spin, 1, RW_TRAIN_MAX_SEQ_LEN);
  gtk_spin_button_set_range (self->micro_batch_spin, 1, RW_TRAIN_MAX_MICRO_BATCH);
  /* and say why under them, not only in a tooltip (newcomer report 3, defect 1) */
  rw_ui_spin_button_set_message_label (self->rank_spin, self->spin_message_label);
  rw_ui_spin_button_set_message_label (self->seq_len_spin, self->spin_message_label);
  rw_ui_spin_button_set_message_label (self->micro_batch_spin, self->spin_message_label);
  /* the "Workload" tooltip no longer covers the open list's first item (session 3) */
  rw_ui_popover_hides_tooltip (GTK_WIDGET (self->workload_dropdown));
  /* the flow box only wraps the controls: Tab goes to them, not to its children */
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->flow_box));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    gtk_widget_set_focusable (child, FALSE);
  update_visible (self);
}

GtkWidget *
rw_workload_chooser_new (void)
{
  return g_object_new (RW_TYPE_WORKLOAD_CHOOSER, NULL);
}

RwWorkload
rw_workload_chooser_get_workload (RwWorkloadChooser *self)
{
  guint selected;

  g_return_val_if_fail (RW_IS_WORKLOAD_CHOOSER (self), RW_WORKLOAD_INFERENCE);
  selected = gtk_drop_down_get_selected (self->workload_dropdown);
  return selected < RW_N_WORKLOADS ? (RwWorkload) selected : RW_WORKLOAD_INFERENCE;
}

void
rw_workload_chooser_set_workload (RwWorkloadChooser *self,
                                  RwWorkload         workload)
{
  g_return_if_fail (RW_IS_WORKLOAD_CHOOSER (self));
  g_return_if_fail (workload < RW_N_WORKLOADS);
  /* the drop-down notifies, and on_workload_selected () follows */
  gtk_drop_down_set_selected (self->workload_dropdown, workload);
}

/* The training settings of the controls. For Inference they are LoRA's (the Models view's
 * notes list every workload whatever the choice); the caller sets the workload per use. */
void
rw_workload_chooser_get_training (RwWorkloadChooser *self,
                                  RwTrainOptions    *options)
{
  RwWorkload workload;

  g_return_if_fail (RW_IS_WORKLOAD_CHOOSER (self));
  workload = rw_workload_chooser_get_workload (self);
  rw_train_options_init (options, workload == RW_WORKLOAD_INFERENCE ? RW_WORKLOAD_LORA
                                                                    : workload);
  options->lora_rank = (guint) gtk_spin_button_get_value (self->rank_spin);
  options->seq_len = (guint64) gtk_spin_button_get_value (self->seq_len_spin);
  options->micro_batch = (guint) gtk_spin_button_get_value (self->micro_batch_spin);
}

/* The chosen workload's name, as the drop-down shows it (translated) */
const char *
rw_workload_chooser_get_label (RwWorkloadChooser *self)
{
  gpointer item;

  g_return_val_if_fail (RW_IS_WORKLOAD_CHOOSER (self), NULL);
  item = gtk_drop_down_get_selected_item (self->workload_dropdown);
  return item != NULL ? gtk_string_object_get_string (GTK_STRING_OBJECT (item)) : NULL;
}
