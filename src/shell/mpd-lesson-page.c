/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mpd-lesson-page.c: the page of a lesson: what it is about, Run and Stop, C or Python, its
 * output and processes live, and its code. */

/*
 * Every lesson without a page of its own gets this one, filled from its description
 * (mpd-lesson.h): its title, where in the seeds it comes from, and a short explanation; Run
 * and Stop, and a choice between its C program and its Python program (Python is disabled,
 * and the page says why, when python3 or a module the lesson needs is missing); then, live,
 * the program's output as a terminal would show it and the table of its processes, read from
 * /proc while it runs; and the Code view, its C beside its Python.
 *
 * The run itself is an MpdRunner (engine/mpd-runner.c): the page only shows what it says. A
 * run ends when the lesson ends, on Stop, on Run again, when another lesson is chosen, and
 * when the window closes; each time, every process of the run is gone within a second.
 *
 * Under the drawing, the timeline (widgets/mpd-timeline.c) shows the run's history; its
 * slider, or a click or the Left and Right keys on the timeline, shows the drawing as it was
 * at one moment, and Export saves the run as a trace (JSON, for Perfetto) or as an image.
 */

#define G_LOG_DOMAIN "mpd-lesson-page"

#include "config.h"

#include <signal.h>
#include <glib/gi18n.h>

#include "mpd-a11y.h"
#include "mpd-flight-view.h"
#include "mpd-lesson-page.h"
#include "mpd-process.h"
#include "mpd-process-view.h"
#include "mpd-producer.h"
#include "mpd-results-table.h"
#include "mpd-timeline.h"
#include "mpd-window.h"
#include "mpd-wrap.h"

struct _MpdLessonPage
{
  GtkWidget           parent_instance;

  /* Template widgets */
  GtkLabel           *title_label;
  GtkLabel           *seed_label;
  GtkLabel           *explanation_label;
  GtkWidget          *c_button;
  GtkWidget          *python_button;
  GtkButton          *run_button;
  GtkLabel           *python_reason;
  GtkStack           *view_stack;
  MpdOutputView      *output_view;
  MpdResultsTable    *results_table;
  MpdFlightView      *flight_view;      /* the values in the queues, from the lesson's events */
  GtkColumnView      *process_table;
  MpdProcessView     *process_view;
  MpdTimeline        *timeline;
  MpdTimeline        *schedule;         /* the same history, as big as the drawing */
  GtkStack           *process_stack;
  GtkWidget          *moment_scale;
  GtkAdjustment      *moment_adjustment;
  GtkLabel           *moment_label;
  MpdCodeView        *code_view;

  /* Owned */
  MpdRunner          *runner;
  GSimpleActionGroup *actions;
  GSettings          *settings;         /* this lesson's, or NULL without the schema */

  /* Borrowed */
  const MpdLesson    *lesson;
  MpdStatusBar       *status_bar;

  guint               python : 1;        /* the chosen language */
  guint               schedule_shown : 1; /* the page showed its Timeline for a lesson's tasks */
  int                 poked_pid;         /* a process just sent a signal from the drawing */
  int                 poked_signal;
  guint               poked_samples;     /* samples since, to say what the kernel did */
  guint               shown : 1;         /* the lesson shown: it may use the status bar */
  guint               moving_scale : 1;  /* the page moves the slider: not the user */
  gint64              moment_shown_us;   /* when the slider was last set */
  guint               run_after_stop : 1;
};

enum {
  PROP_0,
  PROP_RUNNING,
};

static void mpd_lesson_page_lesson_view_init (MpdLessonViewInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (MpdLessonPage, mpd_lesson_page, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (MPD_TYPE_LESSON_VIEW,
                                                      mpd_lesson_page_lesson_view_init))

/* The keys of every lesson page; the window binds them while the page is shown. */
const MpdLessonShortcut mpd_lesson_page_shortcuts[] = {
  { "lesson.run", "<Control>r", N_("Run the lesson, or stop it and run it again") },
  { "lesson.stop", "<Control>s", N_("Stop the run: every process of it ends") },
  { NULL }
};

/* Says @text in the window's status bar, while this lesson is the one shown: the end of a
 * run stopped because another lesson was chosen must not cover that lesson's news. */
static void
mpd_lesson_page_say (MpdLessonPage *self,
                     const char    *text)
{
  if (self->status_bar != NULL && self->shown)
    mpd_status_bar_set_text (self->status_bar, text);
}

static void
mpd_lesson_page_update_actions (MpdLessonPage *self)
{
  gboolean running = mpd_runner_get_running (self->runner);
  GAction *stop = g_action_map_lookup_action (G_ACTION_MAP (self->actions), "stop");

  g_simple_action_set_enabled (G_SIMPLE_ACTION (stop), running);
  gtk_button_set_label (self->run_button, running ? _("Run again") : _("Run"));
}

static void
mpd_lesson_page_output_cb (MpdLessonPage *self,
                           int            stream,
                           GBytes        *bytes,
                           MpdRunner     *runner)
{
  mpd_output_view_append (self->output_view, stream == MPD_RUNNER_STDERR, bytes);
}

static const char *
mpd_lesson_page_language_name (MpdLessonPage *self)
{
  return self->python ? "Python" : "C";
}

static void mpd_lesson_page_start (MpdLessonPage *self);

/* What the lesson tells its page: a figure it measured goes to the table. Its tasks are in
 * the run's history, which the timeline draws. */
static void
mpd_lesson_page_event_cb (MpdLessonPage  *self,
                          const MpdEvent *event,
                          MpdRunner      *runner)
{
  if (event->kind == MPD_EVENT_RESULT)
    mpd_results_table_add (self->results_table, event->label, event->value, event->number);
  /* A lesson with tasks is a schedule to see: the first time, the page shows its Timeline,
   * where each task is a bar on its worker's lane. The student may go back to the drawing. */
  if (!self->schedule_shown &&
      (event->kind == MPD_EVENT_TASK_STARTED || event->kind == MPD_EVENT_RESULT))
    {
      self->schedule_shown = TRUE;
      gtk_stack_set_visible_child_name (self->process_stack, "schedule");
    }
}

/* The slider and its label follow the timeline; the drawing shows its moment. */
static void
mpd_lesson_page_show_moment (MpdLessonPage *self)
{
  MpdRunHistory *history = mpd_runner_get_history (self->runner);
  gint64 moment = mpd_timeline_get_moment (self->timeline);
  gint64 start = history != NULL ? mpd_run_history_get_start_time (history) : -1;
  gint64 end = history != NULL ? mpd_run_history_get_end_time (history) : -1;
  double length = start >= 0 ? (end - start) / 1e6 : 0;
  double shown = moment >= 0 ? (moment - start) / 1e6 : length;
  g_autofree char *text = NULL;

  self->moment_shown_us = g_get_monotonic_time ();
  self->moving_scale = TRUE;
  gtk_adjustment_configure (self->moment_adjustment, shown, 0, length, 0.1, 1, 0);
  self->moving_scale = FALSE;
  gtk_widget_set_sensitive (self->moment_scale, start >= 0);
  g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (self->actions),
                                                                            "export-trace")),
                               start >= 0);
  g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (self->actions),
                                                                            "export-image")),
                               start >= 0);

  if (start < 0)
    text = g_strdup ("");
  else if (moment < 0 && mpd_runner_get_running (self->runner))
    /* Translators: the moment of the run that the drawing shows: the present. (The same
     * words all along the run: a label whose text changes makes the window lay itself out
     * again.) */
    text = g_strdup (C_("moment of the run", "now"));
  else
    /* Translators: the moment of the run that the drawing shows, and how long the run was. */
    text = g_strdup_printf (_("%.1f s of %.1f s"), shown, length);
  gtk_label_set_label (self->moment_label, text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->moment_scale),
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT, text, -1);

  mpd_process_view_show_moment (self->process_view, moment >= 0 ? history : NULL, moment);
  mpd_timeline_set_moment (self->schedule, moment);
  mpd_flight_view_set_moment (self->flight_view, moment);
  mpd_process_view_set_calls (self->process_view, mpd_flight_view_get_calls (self->flight_view));
}

/* A moment chosen on the big timeline is the page's moment. */
static void
mpd_lesson_page_schedule_moment_cb (MpdLessonPage *self,
                                    MpdTimeline   *schedule)
{
  mpd_timeline_set_moment (self->timeline, mpd_timeline_get_moment (schedule));
}

static void
mpd_lesson_page_moment_changed_cb (MpdLessonPage *self,
                                   MpdTimeline   *timeline)
{
  mpd_lesson_page_show_moment (self);
}

/* The slider moved by the user: the timeline shows that moment (the end: now). */
static void
mpd_lesson_page_scale_changed_cb (MpdLessonPage *self,
                                  GtkAdjustment *adjustment)
{
  MpdRunHistory *history = mpd_runner_get_history (self->runner);
  double value = gtk_adjustment_get_value (adjustment);

  if (self->moving_scale || history == NULL)
    return;
  if (value >= gtk_adjustment_get_upper (adjustment) - 0.001)
    mpd_timeline_set_moment (self->timeline, -1);
  else
    mpd_timeline_set_moment (self->timeline,
                             mpd_run_history_get_start_time (history) + (gint64) (value * 1e6));
}

static void
mpd_lesson_page_finished_cb (MpdLessonPage *self,
                             int            wait_status,
                             gboolean       stopped,
                             MpdRunner     *runner)
{
  g_autofree char *text = NULL;

  mpd_output_view_flush (self->output_view);
  mpd_lesson_page_update_actions (self);
  mpd_timeline_update (self->timeline);
  mpd_timeline_update (self->schedule);
  mpd_flight_view_update (self->flight_view);
  mpd_process_view_set_calls (self->process_view, mpd_flight_view_get_calls (self->flight_view));
  mpd_lesson_page_show_moment (self);
  g_object_notify (G_OBJECT (self), "running");

  if (self->run_after_stop)
    {
      self->run_after_stop = FALSE;
      mpd_lesson_page_start (self);
      return;
    }

  if (stopped)
    {
      text = g_strdup_printf (_("“%s” (%s) was stopped: every process of the run got SIGTERM, "
                                "then SIGKILL if it was still there, and was reaped."),
                              _(self->lesson->title), mpd_lesson_page_language_name (self));
    }
  else if (wait_status >= 0)
    {
      g_autofree char *how = mpd_producer_describe_exit (wait_status);

      text = g_strdup_printf (_("“%s” (%s) has ended: its first process %s. No process of the "
                                "run is left."),
                              _(self->lesson->title), mpd_lesson_page_language_name (self), how);
    }
  else
    {
      text = g_strdup_printf (_("“%s” (%s) could not start."), _(self->lesson->title),
                              mpd_lesson_page_language_name (self));
    }
  mpd_lesson_page_say (self, text);
}

static void
mpd_lesson_page_start (MpdLessonPage *self)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) argv = NULL;
  g_autofree char *text = NULL;

  mpd_output_view_clear (self->output_view);
  mpd_results_table_clear (self->results_table);

  argv = mpd_lesson_dup_argv (self->lesson, self->python, &error);
  if (argv == NULL || !mpd_runner_start (self->runner, (const char * const *) argv, &error))
    {
      mpd_lesson_page_say (self, error->message);
      return;
    }

  mpd_timeline_set_history (self->timeline, mpd_runner_get_history (self->runner));
  mpd_timeline_set_history (self->schedule, mpd_runner_get_history (self->runner));
  mpd_flight_view_set_history (self->flight_view, mpd_runner_get_history (self->runner));
  mpd_lesson_page_show_moment (self);
  text = g_strdup_printf (_("Running “%s” in %s…"), _(self->lesson->title),
                          mpd_lesson_page_language_name (self));
  mpd_lesson_page_say (self, text);
  mpd_lesson_page_update_actions (self);
  g_object_notify (G_OBJECT (self), "running");
}

/* Run: start the lesson; while it runs, stop it, then start it again. */
static void
mpd_lesson_page_run_action (GSimpleAction *action,
                            GVariant      *parameter,
                            gpointer       user_data)
{
  MpdLessonPage *self = user_data;

  if (mpd_runner_get_running (self->runner))
    {
      self->run_after_stop = TRUE;
      mpd_runner_stop (self->runner);
      return;
    }

  mpd_lesson_page_start (self);
}

static void
mpd_lesson_page_stop_action (GSimpleAction *action,
                             GVariant      *parameter,
                             gpointer       user_data)
{
  MpdLessonPage *self = user_data;

  self->run_after_stop = FALSE;
  mpd_runner_stop (self->runner);
}

static void
mpd_lesson_page_language_action (GSimpleAction *action,
                                 GVariant      *parameter,
                                 gpointer       user_data)
{
  MpdLessonPage *self = user_data;

  self->python = g_str_equal (g_variant_get_string (parameter, NULL), "python");
  g_simple_action_set_state (action, parameter);
  if (self->settings != NULL)
    g_settings_set_string (self->settings, "language", self->python ? "python" : "c");
}

/* This lesson's settings (its language and its view), at /org/example/MpDemo/lessons/ID/:
 * each lesson keeps its own. Without the installed schema, nothing is remembered. */
static void
mpd_lesson_page_load_settings (MpdLessonPage *self)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autofree char *path = NULL;
  g_autofree char *language = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID ".Lesson", TRUE);
  if (schema == NULL)
    return;

  path = g_strdup_printf ("/org/example/MpDemo/lessons/%s/", self->lesson->id);
  self->settings = g_settings_new_full (schema, NULL, path);
  g_settings_bind (self->settings, "view", self->view_stack, "visible-child-name",
                   G_SETTINGS_BIND_DEFAULT);
  language = g_settings_get_string (self->settings, "language");
  self->python = g_str_equal (language, "python");
  g_simple_action_set_state (G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (self->actions),
                                                                          "language")),
                             g_variant_new_string (self->python ? "python" : "c"));
}

/* lesson.signal-process((pid, signal)): a process poked from the drawing. */
static void
mpd_lesson_page_signal_process_action (GSimpleAction *action,
                                       GVariant      *parameter,
                                       gpointer       user_data)
{
  MpdLessonPage *self = MPD_LESSON_PAGE (user_data);
  g_autoptr(GError) error = NULL;
  int pid, signal_number;

  g_variant_get (parameter, "(ii)", &pid, &signal_number);
  if (!mpd_runner_signal_process (self->runner, pid, signal_number, &error))
    {
      mpd_lesson_page_say (self, error->message);
      return;
    }
  self->poked_pid = pid;
  self->poked_signal = signal_number;
  self->poked_samples = 0;
}

/**
 * mpd_lesson_page_export:
 * @self: a page
 * @image: %TRUE for the timeline as a PNG image, %FALSE for the trace (JSON)
 * @path: the file to write
 * @error: where to say why not
 *
 * Saves the last run, as the Export menu does.
 *
 * Returns: whether the file was written
 */
gboolean
mpd_lesson_page_export (MpdLessonPage *self,
                        gboolean       image,
                        const char    *path,
                        GError       **error)
{
  MpdRunHistory *history;
  g_autofree char *json = NULL;

  g_return_val_if_fail (MPD_IS_LESSON_PAGE (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  history = mpd_runner_get_history (self->runner);
  if (history == NULL || mpd_run_history_get_n_frames (history) == 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                           _("There is no run to save yet: run the lesson first."));
      return FALSE;
    }
  if (image)
    return mpd_timeline_save_png (self->timeline, path, error);

  json = mpd_run_history_to_trace_json (history);
  return g_file_set_contents (path, json, -1, error);
}

/* Saves the run where the user chose (@file, or nowhere if NULL), and says so. */
static void
mpd_lesson_page_export_to (MpdLessonPage *self,
                           gboolean       image,
                           GFile         *file)
{
  g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  if (path == NULL)
    return;
  if (mpd_lesson_page_export (self, image, path, &error))
    /* Translators: said once a run is saved; the name of the file. */
    text = g_strdup_printf (image ? _("The timeline was saved as an image: %s.")
                                  : _("The run was saved as a trace: %s. Perfetto "
                                      "(ui.perfetto.dev) and chrome://tracing open it."),
                            path);
  mpd_lesson_page_say (self, text != NULL ? text : error->message);
}

/* GtkFileDialog came in GTK 4.10, and GtkFileChooserNative went out of favour then: use the
 * new dialog where it exists, whatever API version we ask the headers for. */
#if GTK_CHECK_VERSION (4, 10, 0)
G_GNUC_BEGIN_IGNORE_DEPRECATIONS

static void
mpd_lesson_page_export_chosen_cb (GObject      *source,
                                  GAsyncResult *result,
                                  gpointer      user_data)
{
  g_autoptr(MpdLessonPage) self = user_data;
  g_autoptr(GFile) file = gtk_file_dialog_save_finish (GTK_FILE_DIALOG (source), result, NULL);

  mpd_lesson_page_export_to (self, GPOINTER_TO_INT (g_object_get_data (source, "image")),
                             file);
}

static void
mpd_lesson_page_choose_file (MpdLessonPage *self,
                             gboolean       image,
                             const char    *title,
                             const char    *name)
{
  g_autoptr(GtkFileDialog) dialog = gtk_file_dialog_new ();

  gtk_file_dialog_set_title (dialog, title);
  gtk_file_dialog_set_initial_name (dialog, name);
  g_object_set_data (G_OBJECT (dialog), "image", GINT_TO_POINTER (image));
  gtk_file_dialog_save (dialog, GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), NULL,
                        mpd_lesson_page_export_chosen_cb, g_object_ref (self));
}

G_GNUC_END_IGNORE_DEPRECATIONS
#else

static void
mpd_lesson_page_export_response_cb (GtkNativeDialog *dialog,
                                    int              response,
                                    MpdLessonPage   *self)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  mpd_lesson_page_export_to (self, GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "image")),
                             file);
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
  g_object_unref (self);
}

static void
mpd_lesson_page_choose_file (MpdLessonPage *self,
                             gboolean       image,
                             const char    *title,
                             const char    *name)
{
  GtkFileChooserNative *dialog;

  dialog = gtk_file_chooser_native_new (title,
                                        GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), NULL);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  g_object_set_data (G_OBJECT (dialog), "image", GINT_TO_POINTER (image));
  g_signal_connect (dialog, "response", G_CALLBACK (mpd_lesson_page_export_response_cb),
                    g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

#endif

/* lesson.export-trace and lesson.export-image: where to save it, then save it. */
static void
mpd_lesson_page_export_action (GSimpleAction *action,
                               GVariant      *parameter,
                               gpointer       user_data)
{
  MpdLessonPage *self = MPD_LESSON_PAGE (user_data);
  gboolean image = g_str_equal (g_action_get_name (G_ACTION (action)), "export-image");
  g_autofree char *name = g_strdup_printf (image ? "%s-%s-timeline.png" : "%s-%s-run.json",
                                           self->lesson->id, self->python ? "python" : "c");

  mpd_lesson_page_choose_file (self, image,
                               image ? _("Save the Timeline as an Image")
                                     : _("Save the Run as a Trace"),
                               name);
}

static const GActionEntry action_entries[] = {
  { "run", mpd_lesson_page_run_action },
  { "stop", mpd_lesson_page_stop_action },
  { "language", mpd_lesson_page_language_action, "s", "'c'" },
  { "signal-process", mpd_lesson_page_signal_process_action, "(ii)" },
  { "export-trace", mpd_lesson_page_export_action, NULL, NULL, NULL, { 0 } },
  { "export-image", mpd_lesson_page_export_action, NULL, NULL, NULL, { 0 } },
};

/* Python can be chosen only where it can run: say why not, where it cannot. */
static void
mpd_lesson_page_check_python (MpdLessonPage *self)
{
  g_autofree char *reason = NULL;
  gboolean can_run = mpd_lesson_check_python (self->lesson, &reason);

  gtk_widget_set_sensitive (self->python_button, can_run);
  gtk_widget_set_tooltip_text (self->python_button,
                               can_run ? _("Run the lesson’s Python program") : reason);
  gtk_label_set_label (self->python_reason, reason != NULL ? reason : "");
  gtk_widget_set_visible (GTK_WIDGET (self->python_reason), !can_run);
  /* C, for now; the choice of Python stays remembered for where it can run. */
  if (!can_run && self->python)
    {
      self->python = FALSE;
      g_simple_action_set_state (G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (self->actions),
                                                                              "language")),
                                 g_variant_new_string ("c"));
    }
}

static void
mpd_lesson_page_view_setup (MpdLessonView *view,
                            MpdWindow     *window)
{
  MpdLessonPage *self = MPD_LESSON_PAGE (view);

  /* Borrowed, and forgotten when it goes (a window destroyed without closing). */
  self->status_bar = mpd_window_get_status_bar (window);
  g_object_add_weak_pointer (G_OBJECT (self->status_bar), (gpointer *) &self->status_bar);
}

static GActionGroup *
mpd_lesson_page_view_get_actions (MpdLessonView *view)
{
  return G_ACTION_GROUP (MPD_LESSON_PAGE (view)->actions);
}

static void
mpd_lesson_page_view_shown (MpdLessonView *view)
{
  MpdLessonPage *self = MPD_LESSON_PAGE (view);
  g_autofree char *text = g_strdup_printf (_("“%s”: press Run (Ctrl+R) to run it."),
                                           _(self->lesson->title));

  self->shown = TRUE;
  mpd_lesson_page_check_python (self);
  if (self->status_bar != NULL)
    mpd_status_bar_set_counters_visible (self->status_bar, FALSE);
  if (!mpd_runner_get_running (self->runner))
    mpd_lesson_page_say (self, text);
}

/* Another lesson was chosen: this one's run ends. */
static void
mpd_lesson_page_view_hidden (MpdLessonView *view)
{
  MpdLessonPage *self = MPD_LESSON_PAGE (view);

  self->shown = FALSE;
  self->run_after_stop = FALSE;
  mpd_runner_stop (self->runner);
}

static void
mpd_lesson_page_view_run (MpdLessonView *view)
{
  g_action_group_activate_action (G_ACTION_GROUP (MPD_LESSON_PAGE (view)->actions), "run", NULL);
}

static void
mpd_lesson_page_view_stop (MpdLessonView *view)
{
  MpdLessonPage *self = MPD_LESSON_PAGE (view);

  self->status_bar = NULL;   /* the window is closing: nothing more to say */
  self->run_after_stop = FALSE;
  mpd_runner_stop (self->runner);
}

static void
mpd_lesson_page_lesson_view_init (MpdLessonViewInterface *iface)
{
  iface->setup = mpd_lesson_page_view_setup;
  iface->get_actions = mpd_lesson_page_view_get_actions;
  iface->shown = mpd_lesson_page_view_shown;
  iface->hidden = mpd_lesson_page_view_hidden;
  iface->run = mpd_lesson_page_view_run;
  iface->stop = mpd_lesson_page_view_stop;
}

static void
mpd_lesson_page_dispose (GObject *object)
{
  MpdLessonPage *self = (MpdLessonPage *)object;
  GtkWidget *child;

  /* Disposing the runner ends its run, if any, and reaps it: nothing is left behind. */
  if (self->runner != NULL)
    g_signal_handlers_disconnect_by_data (self->runner, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), MPD_TYPE_LESSON_PAGE);
  /* The template's unnamed children too. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->runner);
  if (self->status_bar != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->status_bar), (gpointer *) &self->status_bar);
  self->status_bar = NULL;
  g_clear_object (&self->actions);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (mpd_lesson_page_parent_class)->dispose (object);
}

static void
mpd_lesson_page_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  MpdLessonPage *self = MPD_LESSON_PAGE (object);

  switch (prop_id)
    {
    case PROP_RUNNING:
      g_value_set_boolean (value, self->runner != NULL && mpd_runner_get_running (self->runner));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mpd_lesson_page_class_init (MpdLessonPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mpd_lesson_page_dispose;
  object_class->get_property = mpd_lesson_page_get_property;

  g_object_class_override_property (object_class, PROP_RUNNING, "running");

  g_type_ensure (MPD_TYPE_OUTPUT_VIEW);
  g_type_ensure (MPD_TYPE_RESULTS_TABLE);
  g_type_ensure (MPD_TYPE_FLIGHT_VIEW);
  g_type_ensure (MPD_TYPE_CODE_VIEW);
  g_type_ensure (MPD_TYPE_PROCESS);
  g_type_ensure (MPD_TYPE_PROCESS_VIEW);
  g_type_ensure (MPD_TYPE_TIMELINE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/mpd-lesson-page.ui");
  gtk_widget_class_bind_template_child (widget_class, MpdLessonPage, title_label);
  gtk_widget_class_bind_template_child (widget_class, MpdLessonPage, seed_label);
  gtk_widget_class_bind_template_child (widget_class, MpdLessonPage, explanation_label);
  gtk_widget_class_bind_template_child (widget_class, MpdLessonPage, c_button);
  gtk_widget_class_bind_template_child (widget_class, MpdLessonPage, python_button);
  gtk_widget_class_bind_template_child (widget_class, MpdLessonPage, run_button);
  gtk_widget_class_bind_template_child (widget_class, MpdLessonPage, python_reason);
  gtk_widget_class_bind_template_child (widget_class, MpdLessonPage, view_stack);
  gtk_widget_class_bind_template_child (widget_class, MpdLessonPage, output_view);
  gtk_widget_class_bind_template_child (widget_class, MpdLessonPage, results_table);
  gtk_widget_class_bind_template_child (widget_class, MpdLessonPage, flight_view);
  gtk_widget_class_bind_template_child (widget_class, MpdLessonPage, process_table);
  gtk_widget_class_bind_template_child (widget_class, MpdLessonPage, process_view);
  gtk_widget_class_bind_template_child (widget_class, MpdLessonPage, timeline);
  gtk_widget_class_bind_template_child (widget_class, MpdLessonPage, schedule);
  gtk_widget_class_bind_template_child (widget_class, MpdLessonPage, process_stack);
  gtk_widget_class_bind_template_child (widget_class, MpdLessonPage, moment_scale);
  gtk_widget_class_bind_template_child (widget_class, MpdLessonPage, moment_adjustment);
  gtk_widget_class_bind_template_child (widget_class, MpdLessonPage, moment_label);
  gtk_widget_class_bind_template_child (widget_class, MpdLessonPage, code_view);

  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

/* What the kernel did with the signal sent to a process from the drawing, once /proc shows
 * it: said in the status bar, with what Python calls it. Returns FALSE while /proc does not
 * show it yet. */
static gboolean
mpd_lesson_page_explain_poke (MpdLessonPage *self)
{
  MpdProcessTree *tree = mpd_runner_get_process_tree (self->runner);
  const MpdProcessInfo *info = tree != NULL ? mpd_process_tree_find (tree, self->poked_pid) : NULL;
  g_autofree char *text = NULL;
  int pid = self->poked_pid;

  if (self->poked_signal == SIGSTOP && info != NULL && info->state == 'T')
    text = g_strdup_printf (_("The kernel stopped process %d (SIGSTOP): it gets no CPU time "
                              "until SIGCONT. Whoever waits for it waits too."),
                            pid);
  else if (self->poked_signal == SIGCONT && info != NULL && info->state != 'T')
    text = g_strdup_printf (_("SIGCONT: process %d, stopped until now, runs again."), pid);
  else if ((self->poked_signal == SIGKILL || self->poked_signal == SIGTERM) && info != NULL &&
           info->state == 'Z')
    {
      g_autofree char *how = mpd_producer_describe_exit (info->exit_code);

      /* Translators: a process, how it ended ("killed by SIGKILL (signal 9)"), its parent. */
      text = g_strdup_printf (_("Process %d ended: %s. It is a zombie until its parent, "
                                "%d, calls waitpid(), which Python's join() does."),
                              pid, how, info->parent_pid);
    }
  else if ((self->poked_signal == SIGKILL || self->poked_signal == SIGTERM) && info == NULL)
    text = g_strdup_printf (_("Process %d ended, and its parent has already reaped it with "
                              "waitpid()."), pid);
  else if (self->poked_signal == SIGTERM && self->poked_samples >= 5)
    text = g_strdup_printf (_("Process %d got SIGTERM (Python's terminate()) and still runs: "
                              "a program may catch SIGTERM and go on. SIGKILL (kill()) cannot "
                              "be caught."), pid);

  if (text == NULL)
    return FALSE;
  mpd_lesson_page_say (self, text);
  return TRUE;
}

/* /proc was read again: the drawing shows it. */
static void
mpd_lesson_page_sampled_cb (MpdLessonPage *self,
                            MpdRunner     *runner)
{
  mpd_process_view_set_run (self->process_view, mpd_runner_get_processes (runner),
                            mpd_runner_get_process_tree (runner));
  mpd_timeline_update (self->timeline);
  mpd_timeline_update (self->schedule);
  mpd_flight_view_update (self->flight_view);
  mpd_process_view_set_calls (self->process_view, mpd_flight_view_get_calls (self->flight_view));
  /* While the drawing follows the run, the slider's end moves on once a second. */
  if (mpd_timeline_get_moment (self->timeline) >= 0 ||
      g_get_monotonic_time () - self->moment_shown_us >= G_USEC_PER_SEC)
    mpd_lesson_page_show_moment (self);
  if (self->poked_pid != 0)
    {
      self->poked_samples++;
      if (mpd_lesson_page_explain_poke (self) || self->poked_samples > 20)
        self->poked_pid = 0;
    }
}

/* A process chosen in the drawing: what can be sent to it, as Python's Process says it. */
static void
mpd_lesson_page_process_activated_cb (MpdLessonPage  *self,
                                      int             pid,
                                      MpdProcessView *view)
{
  static const struct { const char *label; int signal_number; } items[] = {
    { N_("Terminate: SIGTERM, Python’s terminate()"), SIGTERM },
    { N_("Kill: SIGKILL, Python’s kill()"), SIGKILL },
    { N_("Pause: SIGSTOP"), SIGSTOP },
    { N_("Resume: SIGCONT"), SIGCONT },
  };
  g_autoptr(GMenu) menu = g_menu_new ();

  if (!mpd_runner_get_running (self->runner))
    return;
  for (guint i = 0; i < G_N_ELEMENTS (items); i++)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (_(items[i].label), NULL);

      g_menu_item_set_action_and_target_value (item, "lesson.signal-process",
                                               g_variant_new ("(ii)", pid,
                                                              items[i].signal_number));
      g_menu_append_item (menu, item);
    }
  mpd_process_view_popup (view, pid, G_MENU_MODEL (menu));
}

static void
mpd_lesson_page_init (MpdLessonPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  mpd_wrap_between_words (self->seed_label);
  mpd_wrap_between_words (self->python_reason);
  mpd_wrap_all_between_words (GTK_WIDGET (self));

  self->actions = g_simple_action_group_new ();
  g_action_map_add_action_entries (G_ACTION_MAP (self->actions), action_entries,
                                   G_N_ELEMENTS (action_entries), self);
  gtk_widget_insert_action_group (GTK_WIDGET (self), "lesson", G_ACTION_GROUP (self->actions));

  self->runner = mpd_runner_new ();
  g_signal_connect_object (self->runner, "output",
                           G_CALLBACK (mpd_lesson_page_output_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->runner, "event",
                           G_CALLBACK (mpd_lesson_page_event_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->runner, "finished",
                           G_CALLBACK (mpd_lesson_page_finished_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->runner, "sampled",
                           G_CALLBACK (mpd_lesson_page_sampled_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->process_view, "process-activated",
                           G_CALLBACK (mpd_lesson_page_process_activated_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->timeline, "moment-changed",
                           G_CALLBACK (mpd_lesson_page_moment_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->schedule, "moment-changed",
                           G_CALLBACK (mpd_lesson_page_schedule_moment_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->moment_adjustment, "value-changed",
                           G_CALLBACK (mpd_lesson_page_scale_changed_cb), self,
                           G_CONNECT_SWAPPED);
  /* A click on a process gives the drawing the focus: that must not scroll it away from the
   * process clicked. */
  if (GTK_IS_VIEWPORT (gtk_widget_get_parent (GTK_WIDGET (self->process_view))))
    gtk_viewport_set_scroll_to_focus (GTK_VIEWPORT (gtk_widget_get_parent (GTK_WIDGET (self->process_view))),
                                      FALSE);
  gtk_column_view_set_model (self->process_table,
                             GTK_SELECTION_MODEL (gtk_no_selection_new (g_object_ref (mpd_runner_get_processes (self->runner)))));
  mpd_lesson_page_update_actions (self);
}

/**
 * mpd_lesson_page_new:
 * @lesson: the lesson to show
 *
 * Returns: (transfer floating): a new page
 */
MpdLessonPage *
mpd_lesson_page_new (const MpdLesson *lesson)
{
  MpdLessonPage *self;

  g_return_val_if_fail (lesson != NULL, NULL);

  self = g_object_new (MPD_TYPE_LESSON_PAGE, NULL);
  self->lesson = lesson;
  gtk_label_set_label (self->title_label, _(lesson->title));
  gtk_label_set_label (self->seed_label, _(lesson->seed));
  gtk_label_set_label (self->explanation_label, _(lesson->explanation));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _(lesson->title),
                                  -1);
  mpd_code_view_set_lesson (self->code_view, lesson);
  mpd_lesson_page_load_settings (self);

  return self;
}

const MpdLesson *
mpd_lesson_page_get_lesson (MpdLessonPage *self)
{
  g_return_val_if_fail (MPD_IS_LESSON_PAGE (self), NULL);
  return self->lesson;
}

MpdRunner *
mpd_lesson_page_get_runner (MpdLessonPage *self)
{
  g_return_val_if_fail (MPD_IS_LESSON_PAGE (self), NULL);
  return self->runner;
}

MpdOutputView *
mpd_lesson_page_get_output_view (MpdLessonPage *self)
{
  g_return_val_if_fail (MPD_IS_LESSON_PAGE (self), NULL);
  return self->output_view;
}

MpdCodeView *
mpd_lesson_page_get_code_view (MpdLessonPage *self)
{
  g_return_val_if_fail (MPD_IS_LESSON_PAGE (self), NULL);
  return self->code_view;
}

GtkWidget *
mpd_lesson_page_get_process_table (MpdLessonPage *self)
{
  g_return_val_if_fail (MPD_IS_LESSON_PAGE (self), NULL);
  return GTK_WIDGET (self->process_table);
}

MpdProcessView *
mpd_lesson_page_get_process_view (MpdLessonPage *self)
{
  g_return_val_if_fail (MPD_IS_LESSON_PAGE (self), NULL);

  return self->process_view;
}

MpdTimeline *
mpd_lesson_page_get_timeline (MpdLessonPage *self)
{
  g_return_val_if_fail (MPD_IS_LESSON_PAGE (self), NULL);

  return self->timeline;
}

/**
 * mpd_lesson_page_get_results_table:
 *
 * Returns: (transfer none): the table of what the lesson measured, for tests
 */
MpdResultsTable *
mpd_lesson_page_get_results_table (MpdLessonPage *self)
{
  g_return_val_if_fail (MPD_IS_LESSON_PAGE (self), NULL);

  return self->results_table;
}

/**
 * mpd_lesson_page_get_flight_view:
 *
 * Returns: (transfer none): the view of the values in the lesson's queues, for tests
 */
MpdFlightView *
mpd_lesson_page_get_flight_view (MpdLessonPage *self)
{
  g_return_val_if_fail (MPD_IS_LESSON_PAGE (self), NULL);

  return self->flight_view;
}

/**
 * mpd_lesson_page_get_schedule:
 *
 * Returns: (transfer none): the big timeline of the Timeline view, for tests
 */
MpdTimeline *
mpd_lesson_page_get_schedule (MpdLessonPage *self)
{
  g_return_val_if_fail (MPD_IS_LESSON_PAGE (self), NULL);

  return self->schedule;
}

/**
 * mpd_lesson_page_get_process_stack:
 *
 * Returns: (transfer none): the stack of the Drawing, Timeline and Table views, for tests
 */
GtkStack *
mpd_lesson_page_get_process_stack (MpdLessonPage *self)
{
  g_return_val_if_fail (MPD_IS_LESSON_PAGE (self), NULL);

  return self->process_stack;
}
