/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mpd-pipeline-page.c: the "Producer / Consumer" demo page: what runs where, live. */

#define G_LOG_DOMAIN "mpd-pipeline-page"

#include "config.h"

#include <string.h>
#include <unistd.h>
#include <glib/gi18n.h>

#include "mpd-pipeline-page.h"

struct _MpdPipelinePage
{
  GtkWidget    parent_instance;

  /* Template widgets */
  GtkWidget   *scrolled_window;
  GtkLabel    *main_process_label;
  GtkLabel    *producer_label;
  GtkLabel    *queue_label;
  GtkLabel    *consumer_label;
  GtkLabel    *interval_label;
  GtkEntry    *command_entry;
  GtkSpinButton *interval_spin;

  /* Owned */
  MpdPipeline *pipeline;
  char        *producer_ending;  /* how the last producer ended, or NULL */
};

enum {
  PROP_0,
  PROP_PIPELINE,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (MpdPipelinePage, mpd_pipeline_page, GTK_TYPE_WIDGET)

static GParamSpec *properties[N_PROPS];

static void
mpd_pipeline_page_update (MpdPipelinePage *self)
{
  g_autofree char *name = NULL;
  g_autofree char *producer = NULL;
  g_autofree char *consumer = NULL;
  g_autofree char *interval = NULL;
  gboolean running = self->pipeline != NULL && mpd_pipeline_get_running (self->pipeline);
  int producer_pid = self->pipeline ? mpd_pipeline_get_producer_pid (self->pipeline) : 0;
  int thread_id = self->pipeline ? mpd_pipeline_get_consumer_thread_id (self->pipeline) : 0;

  if (self->pipeline != NULL)
    name = mpd_pipeline_dup_producer_name (self->pipeline);

  if (self->producer_ending != NULL)
    /* Translators: a program name, then how it ended, such as "exited with status 3" */
    producer = g_strdup_printf (_("%s, %s"), name, self->producer_ending);
  else if (producer_pid > 0 && self->pipeline != NULL && mpd_pipeline_get_paused (self->pipeline))
    /* Translators: a program name and its process id */
    producer = g_strdup_printf (_("%s, pid %d, paused (SIGSTOP)"), name, producer_pid);
  else if (producer_pid > 0)
    /* Translators: a program name and its process id */
    producer = g_strdup_printf (_("%s, pid %d, running"), name, producer_pid);
  else
    producer = g_strdup (_("Not running"));
  gtk_label_set_label (self->producer_label, producer);

  gtk_label_set_label (self->queue_label,
                       running ? _("A pipe from the producer’s standard output to this program")
                               : _("Closed"));

  if (running && thread_id > 0)
    consumer = g_strdup_printf (_("Thread %d of this process, waiting in poll() for the pipe"),
                                thread_id);
  else
    consumer = g_strdup (_("Not running"));
  gtk_label_set_label (self->consumer_label, consumer);

  if (self->pipeline != NULL && !mpd_pipeline_get_runs_own_producer (self->pipeline))
    {
      interval = g_strdup (_("Chosen by the producer command"));
    }
  else if (self->pipeline != NULL && mpd_pipeline_get_interval (self->pipeline) == 0)
    {
      interval = g_strdup (_("No pause: as fast as the pipe takes them (--flood)"));
    }
  else if (self->pipeline != NULL)
    {
      guint interval_ms = mpd_pipeline_get_interval (self->pipeline);

      interval = g_strdup_printf (ngettext ("%u millisecond between two messages",
                                            "%u milliseconds between two messages",
                                            interval_ms),
                                  interval_ms);
    }
  gtk_label_set_label (self->interval_label, interval ? interval : "");

  /* The spin button sets mpdemo-producer's interval; a producer command sets its own, and
   * flooding has none. */
  if (self->pipeline != NULL && mpd_pipeline_get_interval (self->pipeline) > 0)
    gtk_spin_button_set_value (self->interval_spin, mpd_pipeline_get_interval (self->pipeline));
  gtk_widget_set_visible (GTK_WIDGET (self->interval_spin),
                          self->pipeline != NULL &&
                          mpd_pipeline_get_runs_own_producer (self->pipeline) &&
                          mpd_pipeline_get_interval (self->pipeline) > 0);
}

static void
mpd_pipeline_page_interval_changed_cb (MpdPipelinePage *self,
                                       GtkSpinButton   *spin)
{
  guint interval_ms = (guint) gtk_spin_button_get_value_as_int (spin);

  if (self->pipeline != NULL && mpd_pipeline_get_interval (self->pipeline) > 0 &&
      mpd_pipeline_get_interval (self->pipeline) != interval_ms)
    mpd_pipeline_set_interval (self->pipeline, interval_ms);
}

static void
mpd_pipeline_page_producer_exited_cb (MpdPipelinePage *self,
                                      int              wait_status,
                                      gboolean         requested,
                                      MpdPipeline     *pipeline)
{
  g_clear_pointer (&self->producer_ending, g_free);
  if (requested)
    self->producer_ending = g_strdup (_("stopped"));
  else
    self->producer_ending = mpd_producer_describe_exit (wait_status);

  mpd_pipeline_page_update (self);
}

static void
mpd_pipeline_page_notify_running_cb (MpdPipelinePage *self,
                                     GParamSpec      *pspec,
                                     MpdPipeline     *pipeline)
{
  /* A new run: forget how the previous producer ended. */
  if (mpd_pipeline_get_running (pipeline))
    g_clear_pointer (&self->producer_ending, g_free);

  mpd_pipeline_page_update (self);
}

/* The producer command as the user would type it: each argument quoted where it must be. */
static void
mpd_pipeline_page_show_command (MpdPipelinePage *self)
{
  const char * const *argv = NULL;
  g_autoptr(GString) command = g_string_new (NULL);

  if (self->pipeline != NULL)
    argv = mpd_pipeline_get_producer_argv (self->pipeline);

  for (guint i = 0; argv != NULL && argv[i] != NULL; i++)
    {
      g_autofree char *quoted = NULL;

      if (i > 0)
        g_string_append_c (command, ' ');
      /* Only quote what needs it, so that "python3 producer.py" reads as typed. */
      if (argv[i][0] != '\0' && strpbrk (argv[i], " \t\n'\"\\$`|&;<>()*?[]#~") == NULL)
        g_string_append (command, argv[i]);
      else
        g_string_append (command, (quoted = g_shell_quote (argv[i])));
    }

  gtk_editable_set_text (GTK_EDITABLE (self->command_entry), command->str);
}

static void
mpd_pipeline_page_command_changed_cb (MpdPipelinePage *self,
                                      GtkEntry        *entry)
{
  gtk_widget_remove_css_class (GTK_WIDGET (entry), "error");
}

/* Enter in the command entry does what the Restart button does. */
static void
mpd_pipeline_page_command_activate_cb (MpdPipelinePage *self,
                                       GtkEntry        *entry)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "pipeline.restart", NULL);
}

/**
 * mpd_pipeline_page_apply_command:
 * @self: a page
 * @error: where to put why the command cannot be read
 *
 * Reads the producer command the user typed, as a shell would split it into words (without
 * running a shell), and makes it the producer of the pipeline's next run. An empty command
 * means the built-in producer.
 *
 * Returns: %TRUE on success; %FALSE when the command cannot be read, which the entry then
 *   shows.
 */
gboolean
mpd_pipeline_page_apply_command (MpdPipelinePage  *self,
                                 GError          **error)
{
  g_autofree char *text = NULL;
  g_auto(GStrv) argv = NULL;

  g_return_val_if_fail (MPD_IS_PIPELINE_PAGE (self), FALSE);
  g_return_val_if_fail (self->pipeline != NULL, FALSE);

  text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->command_entry))));
  if (text[0] != '\0' && !g_shell_parse_argv (text, NULL, &argv, error))
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->command_entry), "error");
      return FALSE;
    }

  mpd_pipeline_set_producer_argv (self->pipeline, (const char * const *) argv);
  return TRUE;
}

/* Another producer for the next run: how the last one ended no longer applies. */
static void
mpd_pipeline_page_notify_producer_argv_cb (MpdPipelinePage *self,
                                           GParamSpec      *pspec,
                                           MpdPipeline     *pipeline)
{
  g_clear_pointer (&self->producer_ending, g_free);
  mpd_pipeline_page_update (self);
}

void
mpd_pipeline_page_set_pipeline (MpdPipelinePage *self,
                                MpdPipeline     *pipeline)
{
  g_return_if_fail (MPD_IS_PIPELINE_PAGE (self));
  g_return_if_fail (pipeline == NULL || MPD_IS_PIPELINE (pipeline));

  if (self->pipeline == pipeline)
    return;

  if (self->pipeline != NULL)
    g_signal_handlers_disconnect_by_data (self->pipeline, self);

  g_set_object (&self->pipeline, pipeline);
  g_clear_pointer (&self->producer_ending, g_free);

  if (pipeline != NULL)
    {
      g_signal_connect_object (pipeline, "notify::running",
                               G_CALLBACK (mpd_pipeline_page_notify_running_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (pipeline, "notify::producer-pid",
                               G_CALLBACK (mpd_pipeline_page_update), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (pipeline, "notify::consumer-thread-id",
                               G_CALLBACK (mpd_pipeline_page_update), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (pipeline, "notify::paused",
                               G_CALLBACK (mpd_pipeline_page_update), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (pipeline, "notify::interval",
                               G_CALLBACK (mpd_pipeline_page_update), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (pipeline, "notify::producer-argv",
                               G_CALLBACK (mpd_pipeline_page_notify_producer_argv_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (pipeline, "producer-exited",
                               G_CALLBACK (mpd_pipeline_page_producer_exited_cb), self,
                               G_CONNECT_SWAPPED);
    }

  mpd_pipeline_page_show_command (self);
  mpd_pipeline_page_update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PIPELINE]);
}

MpdPipeline *
mpd_pipeline_page_get_pipeline (MpdPipelinePage *self)
{
  g_return_val_if_fail (MPD_IS_PIPELINE_PAGE (self), NULL);

  return self->pipeline;
}

static void
mpd_pipeline_page_dispose (GObject *object)
{
  MpdPipelinePage *self = (MpdPipelinePage *)object;

  mpd_pipeline_page_set_pipeline (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), MPD_TYPE_PIPELINE_PAGE);

  G_OBJECT_CLASS (mpd_pipeline_page_parent_class)->dispose (object);
}

static void
mpd_pipeline_page_finalize (GObject *object)
{
  MpdPipelinePage *self = (MpdPipelinePage *)object;

  g_clear_pointer (&self->producer_ending, g_free);

  G_OBJECT_CLASS (mpd_pipeline_page_parent_class)->finalize (object);
}

static void
mpd_pipeline_page_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  MpdPipelinePage *self = MPD_PIPELINE_PAGE (object);

  switch (prop_id)
    {
    case PROP_PIPELINE:
      g_value_set_object (value, self->pipeline);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mpd_pipeline_page_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  MpdPipelinePage *self = MPD_PIPELINE_PAGE (object);

  switch (prop_id)
    {
    case PROP_PIPELINE:
      mpd_pipeline_page_set_pipeline (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mpd_pipeline_page_class_init (MpdPipelinePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mpd_pipeline_page_dispose;
  object_class->finalize = mpd_pipeline_page_finalize;
  object_class->get_property = mpd_pipeline_page_get_property;
  object_class->set_property = mpd_pipeline_page_set_property;

  properties[PROP_PIPELINE] =
    g_param_spec_object ("pipeline", NULL, NULL,
                         MPD_TYPE_PIPELINE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/mpd-pipeline-page.ui");
  gtk_widget_class_bind_template_child (widget_class, MpdPipelinePage, scrolled_window);
  gtk_widget_class_bind_template_child (widget_class, MpdPipelinePage, main_process_label);
  gtk_widget_class_bind_template_child (widget_class, MpdPipelinePage, producer_label);
  gtk_widget_class_bind_template_child (widget_class, MpdPipelinePage, queue_label);
  gtk_widget_class_bind_template_child (widget_class, MpdPipelinePage, consumer_label);
  gtk_widget_class_bind_template_child (widget_class, MpdPipelinePage, interval_label);
  gtk_widget_class_bind_template_child (widget_class, MpdPipelinePage, command_entry);
  gtk_widget_class_bind_template_child (widget_class, MpdPipelinePage, interval_spin);
  gtk_widget_class_bind_template_callback (widget_class, mpd_pipeline_page_interval_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, mpd_pipeline_page_command_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, mpd_pipeline_page_command_changed_cb);

  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
mpd_pipeline_page_init (MpdPipelinePage *self)
{
  g_autofree char *main_process = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Producer / Consumer"),
                                  -1);

  main_process = g_strdup_printf (_("mpdemo, pid %d: runs this window and its main loop"),
                                  (int) getpid ());
  gtk_label_set_label (self->main_process_label, main_process);
  mpd_pipeline_page_update (self);
}

/**
 * mpd_pipeline_page_get_command_editable:
 * @self: a page
 *
 * Returns: (transfer none): where the user types the producer command
 */
GtkEditable *
mpd_pipeline_page_get_command_editable (MpdPipelinePage *self)
{
  g_return_val_if_fail (MPD_IS_PIPELINE_PAGE (self), NULL);

  return GTK_EDITABLE (self->command_entry);
}
