/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mpd-application.c: the application: command line, settings, app actions, windows. */

#define G_LOG_DOMAIN "mpd-application"

#include "config.h"

#include <signal.h>
#include <glib/gi18n.h>
#include <glib-unix.h>

#include "mpd-application.h"
#include "mpd-color-scheme.h"
#include "mpd-console.h"
#include "mpd-lesson.h"
#include "mpd-libexec.h"
#include "mpd-producer.h"
#include "mpd-shortcuts-window.h"
#include "mpd-window.h"

struct _MpdApplication
{
  GtkApplication  parent_instance;

  /* Owned */
  GSettings      *settings;       /* NULL when the schema is not installed */
  MpdColorScheme *color_scheme;   /* the system's light or dark style, followed */
  guint           sigint_id;
  guint           sigterm_id;
  int             quit_signal;    /* SIGINT or SIGTERM, once one of them quit us */

  /* From the command line, or NULL when not given */
  char           *interval_arg;   /* --interval and --count, as typed, or NULL */
  char           *count_arg;
  int             interval_ms;    /* parsed from them, or 0 when not given */
  gint64          max_messages;
  char           *producer_command;
  char          **producer_argv;
  char           *run_id;         /* --run ID: the lesson to show and run */
  gboolean        python;         /* --python: run it in Python */
  gboolean        flood;
};

G_DEFINE_FINAL_TYPE (MpdApplication, mpd_application, GTK_TYPE_APPLICATION)

/* Without the installed schema (as when run from the build folder), g_settings_new() would
 * abort: run with the default settings instead. */
static GSettings *
mpd_application_load_settings (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);

  if (schema == NULL)
    {
      g_debug ("The settings schema %s is not installed: using the defaults", APP_ID);
      return NULL;
    }

  return g_settings_new_full (schema, NULL, NULL);
}

/* How many messages to show before quitting, or 0 for no limit. */
static guint64
mpd_application_get_max_messages (MpdApplication *self)
{
  return self->max_messages > 0 ? (guint64) self->max_messages : 0;
}

/* The pipeline that the command line asks for: its producer command and interval. The window
 * and --console each run one. */
static MpdPipeline *
mpd_application_new_pipeline (MpdApplication *self)
{
  return mpd_pipeline_new ((const char * const *) self->producer_argv,
                           mpd_application_get_interval (self));
}

/* --list: one lesson a line, id, chapter and title, in the user's language. */
static void
mpd_application_print_lessons (void)
{
  guint n_lessons;
  const MpdLesson * const *lessons = mpd_lesson_get_all (&n_lessons);
  int id_width = 0, chapter_width = 0;

  for (guint i = 0; i < n_lessons; i++)
    {
      id_width = MAX (id_width, (int) g_utf8_strlen (lessons[i]->id, -1));
      chapter_width = MAX (chapter_width,
                           (int) g_utf8_strlen (mpd_chapter_get_title (lessons[i]->chapter), -1));
    }

  for (guint i = 0; i < n_lessons; i++)
    {
      const char *chapter = mpd_chapter_get_title (lessons[i]->chapter);
      /* printf pads by bytes; Korean characters take three: pad by characters. */
      int id_pad = id_width - (int) g_utf8_strlen (lessons[i]->id, -1);
      int chapter_pad = chapter_width - (int) g_utf8_strlen (chapter, -1);

      g_print ("%s%*s  %s%*s  %s\n", lessons[i]->id, id_pad, "", chapter, chapter_pad, "",
               _(lessons[i]->title));
    }
}

/* A whole number from @min to @max, written in decimal and nothing else. */
static gboolean
mpd_application_parse_number (const char *text,
                              gint64      min,
                              gint64      max,
                              gint64     *number)
{
  return g_ascii_string_to_signed (text, 10, min, max, number, NULL);
}

/* How long a second mpdemo waits for the first one to answer on the session bus. */
#define ANSWER_TIMEOUT_MS 3000

/* The options that shape the window when MpDemo starts; a running one has its own. */
static GString *
mpd_application_list_start_options (MpdApplication *self,
                                    guint          *n_options)
{
  GString *options = g_string_new (NULL);
  const struct { gboolean given; const char *name; } start_options[] = {
    { self->interval_arg != NULL, "--interval" },
    { self->count_arg != NULL, "--count" },
    { self->flood, "--flood" },
    { self->producer_command != NULL, "--producer-command" },
  };

  *n_options = 0;
  for (guint i = 0; i < G_N_ELEMENTS (start_options); i++)
    if (start_options[i].given)
      g_string_append_printf (options, (*n_options)++ > 0 ? ", %s" : "%s",
                              start_options[i].name);

  return options;
}

/* The process behind a name on the bus, or 0 when the bus does not say. */
static guint32
mpd_application_get_bus_pid (GDBusConnection *bus,
                             const char      *name)
{
  g_autoptr(GVariant) reply = NULL;
  guint32 pid = 0;

  reply = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "GetConnectionUnixProcessID",
                                       g_variant_new ("(s)", name), G_VARIANT_TYPE ("(u)"),
                                       G_DBUS_CALL_FLAGS_NONE, ANSWER_TIMEOUT_MS, NULL, NULL);
  if (reply != NULL)
    g_variant_get (reply, "(u)", &pid);
  return pid;
}

/*
 * MpDemo is a unique application: a second `mpdemo` asks the first one, over the session bus,
 * to show its window, and exits. That second one hands over what it can (--run ID, with
 * --python), says which options it could not hand over (those that shape a new window), and
 * does not wait 25 seconds for a first one that cannot answer (stopped with Ctrl+Z or
 * SIGSTOP): it asks it for a ping first, and says so.
 *
 * Returns: -1 when this is the first MpDemo (go on), or the exit status
 */
static int
mpd_application_hand_over (MpdApplication *self)
{
  GApplication *application = G_APPLICATION (self);
  g_autoptr(GDBusConnection) bus = NULL;
  g_autoptr(GVariant) owner = NULL;
  g_autoptr(GVariant) pong = NULL;
  g_autoptr(GString) ignored = NULL;
  g_autoptr(GError) error = NULL;
  const char *owner_name;
  guint n_ignored;

  if (g_application_get_flags (application) & G_APPLICATION_NON_UNIQUE)
    return -1;
  bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  if (bus == NULL)
    return -1;

  owner = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "GetNameOwner",
                                       g_variant_new ("(s)",
                                                      g_application_get_application_id (application)),
                                       G_VARIANT_TYPE ("(s)"), G_DBUS_CALL_FLAGS_NONE,
                                       ANSWER_TIMEOUT_MS, NULL, NULL);
  if (owner == NULL)
    return -1;  /* no MpDemo runs: this is the first */
  g_variant_get (owner, "(&s)", &owner_name);

  pong = g_dbus_connection_call_sync (bus, owner_name, "/", "org.freedesktop.DBus.Peer", "Ping",
                                      NULL, NULL, G_DBUS_CALL_FLAGS_NONE, ANSWER_TIMEOUT_MS,
                                      NULL, &error);
  if (pong == NULL)
    {
      guint32 pid = mpd_application_get_bus_pid (bus, owner_name);

      g_printerr (_("mpdemo: MpDemo is already running (process %u), but it does not answer: "
                    "it may be stopped (Ctrl+Z, or SIGSTOP). Let it go on with “kill -CONT "
                    "%u”, or end it, then start mpdemo again.\n"), pid, pid);
      return 1;
    }

  if (!g_application_register (application, NULL, &error))
    {
      g_printerr ("mpdemo: %s\n", error->message);
      return 1;
    }
  if (!g_application_get_is_remote (application))
    return -1;  /* the other one quit in the meantime */

  if (self->run_id != NULL)
    g_action_group_activate_action (G_ACTION_GROUP (application), "run-lesson",
                                    g_variant_new ("(sb)", self->run_id, self->python));
  else
    g_application_activate (application);
  g_dbus_connection_flush_sync (bus, NULL, NULL);

  ignored = mpd_application_list_start_options (self, &n_ignored);
  if (n_ignored > 0)
    {
      /* Translators: %s is an option, or a list of options such as "--interval, --count". */
      g_printerr (ngettext ("mpdemo: MpDemo is already running, so its window was brought to "
                            "the front. %s applies only when MpDemo starts, so it was "
                            "ignored: quit MpDemo first to use it.\n",
                            "mpdemo: MpDemo is already running, so its window was brought to "
                            "the front. %s apply only when MpDemo starts, so they were "
                            "ignored: quit MpDemo first to use them.\n",
                            n_ignored),
                  ignored->str);
      return 1;
    }

  return 0;
}

static int
mpd_application_handle_local_options (GApplication *application,
                                      GVariantDict *options)
{
  MpdApplication *self = MPD_APPLICATION (application);
  gint64 number = 0;

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("mpdemo %s\n", PACKAGE_VERSION);
      return 0;
    }

  if (self->interval_arg != NULL &&
      !mpd_application_parse_number (self->interval_arg, 1, MPD_PRODUCER_MAX_INTERVAL_MS,
                                     &number))
    {
      g_printerr (_("mpdemo: --interval must be a number of milliseconds from 1 to %d, "
                    "not “%s”.\n"), MPD_PRODUCER_MAX_INTERVAL_MS, self->interval_arg);
      return 2;
    }

  if (self->interval_arg != NULL)
    self->interval_ms = (int) number;

  self->flood = g_variant_dict_contains (options, "flood");
  if (self->flood && self->interval_arg != NULL)
    {
      g_printerr (_("mpdemo: --flood sends without a pause, so it cannot go with --interval.\n"));
      return 2;
    }

  if (self->count_arg != NULL &&
      !mpd_application_parse_number (self->count_arg, 1, G_MAXINT64, &number))
    {
      g_printerr (_("mpdemo: --count must be a whole number, 1 or more, not “%s”.\n"),
                  self->count_arg);
      return 2;
    }
  if (self->count_arg != NULL)
    self->max_messages = number;

  if (g_variant_dict_contains (options, "list"))
    {
      mpd_application_print_lessons ();
      return 0;
    }

  if (self->run_id != NULL && mpd_lesson_find (self->run_id) == NULL)
    {
      g_autofree char *ids = mpd_lesson_dup_ids ();

      g_printerr (_("mpdemo: there is no lesson “%s”. The lessons are: %s.\n"), self->run_id,
                  ids);
      return 2;
    }

  self->python = g_variant_dict_contains (options, "python");
  if (self->python && self->run_id == NULL)
    {
      g_printerr (_("mpdemo: --python goes with --run ID: it runs that lesson’s Python "
                    "program instead of its C program.\n"));
      return 2;
    }

  if (self->run_id != NULL && g_variant_dict_contains (options, "console"))
    {
      const MpdLesson *lesson = mpd_lesson_find (self->run_id);
      gboolean python = g_variant_dict_contains (options, "python");

      /* A lesson whose C side is MpDemo's own pipeline runs it, as --console alone does. */
      if (python || lesson->program != NULL)
        return mpd_console_run_lesson (lesson, python);
    }

  if (self->producer_command != NULL)
    {
      g_autoptr(GError) error = NULL;

      if (!g_shell_parse_argv (self->producer_command, NULL, &self->producer_argv, &error))
        {
          g_printerr (_("mpdemo: --producer-command cannot be read: %s\n"), error->message);
          return 2;
        }
    }

  if (g_variant_dict_contains (options, "console"))
    {
      g_autoptr(MpdPipeline) pipeline = mpd_application_new_pipeline (self);

      return mpd_console_run (pipeline, mpd_application_get_max_messages (self),
                              self->flood ? MPD_CONSOLE_SUMMARY : MPD_CONSOLE_EVERY_MESSAGE);
    }

  /* GTK would abort with its own message; say what to do instead. */
  if (!gtk_init_check ())
    {
      g_printerr (_("mpdemo: No graphical display was found, so no window can be opened. "
                    "Run “mpdemo --console” to see the demo in this terminal.\n"));
      return 1;
    }

  return mpd_application_hand_over (self);
}

/* Shows the lesson @id in the window (opening one if there is none), and runs it. */
static void
mpd_application_run_lesson (MpdApplication *self,
                            const char     *id,
                            gboolean        python)
{
  GtkWindow *window = NULL;

  g_application_activate (G_APPLICATION (self));
  /* The main window: the one in front may be the shortcuts window, or About. */
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (MPD_IS_WINDOW (l->data))
      {
        window = l->data;
        break;
      }
  if (window == NULL || !mpd_window_show_lesson (MPD_WINDOW (window), id))
    return;

  if (python)
    gtk_widget_activate_action (GTK_WIDGET (window), "lesson.language", "s", "python");
  mpd_lesson_view_run (mpd_window_get_lesson_view (MPD_WINDOW (window), id));
}

/* app.run-lesson(("spawn", false)): what a second `mpdemo --run spawn` hands over. */
static void
mpd_application_run_lesson_action (GSimpleAction *action,
                                   GVariant      *parameter,
                                   gpointer       user_data)
{
  const char *id;
  gboolean python;

  g_variant_get (parameter, "(&sb)", &id, &python);
  if (mpd_lesson_find (id) != NULL)
    mpd_application_run_lesson (MPD_APPLICATION (user_data), id, python);
}

static void
mpd_application_activate (GApplication *application)
{
  MpdApplication *self = MPD_APPLICATION (application);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window == NULL)
    {
      g_autoptr(MpdPipeline) pipeline = mpd_application_new_pipeline (self);

      /* The window remembers how many producers it ran; --console runs one. */
      if (self->settings != NULL)
        mpd_pipeline_set_n_producers (pipeline,
                                      g_settings_get_uint (self->settings, "n-producers"));

      window = GTK_WINDOW (mpd_window_new (self, pipeline,
                                           mpd_application_get_max_messages (self)));
      gtk_window_present (window);

      /* --run ID: that lesson, running. */
      if (self->run_id != NULL)
        mpd_application_run_lesson (self, self->run_id, self->python);
      return;
    }

  gtk_window_present (window);
}

static void
mpd_application_about_action (GSimpleAction *action,
                              GVariant      *parameter,
                              gpointer       user_data)
{
  MpdApplication *self = MPD_APPLICATION (user_data);
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  static const char *developers[] = { "The MpDemo developers", NULL };

  if (MPD_IS_SHORTCUTS_WINDOW (parent))
    parent = gtk_window_get_transient_for (parent);

  gtk_show_about_dialog (parent,
                         "program-name", _("MpDemo"),
                         "logo-icon-name", APP_ID,
                         "version", PACKAGE_VERSION,
                         "comments", _("See how a window works together with worker "
                                       "processes and threads"),
                         "website", "https://example.org/mpdemo",
                         "authors", developers,
                         "artists", developers,
                         /* Translators: your name, and your e-mail address if you like;
                          * one translator per line. */
                         "translator-credits", _("translator-credits"),
                         "copyright", "© 2026 The MpDemo developers",
                         "license-type", GTK_LICENSE_GPL_3_0,
                         NULL);
}

/* The list of keyboard shortcuts, for the window in front. */
static void
mpd_application_shortcuts_action (GSimpleAction *action,
                                  GVariant      *parameter,
                                  gpointer       user_data)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (user_data));

  if (window == NULL)
    return;

  /* Asked again while it is open: it is already there. */
  if (MPD_IS_SHORTCUTS_WINDOW (window))
    {
      gtk_window_present (window);
      return;
    }

  gtk_window_present (mpd_shortcuts_window_new (window));
}

/* Closing each window lets it stop its producer and thread cleanly; the application quits
 * when the last window is gone. */
static void
mpd_application_quit_action (GSimpleAction *action,
                             GVariant      *parameter,
                             gpointer       user_data)
{
  MpdApplication *self = MPD_APPLICATION (user_data);
  g_autoptr(GList) windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));

  for (const GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (l->data);
}

/* SIGINT (Ctrl+C in the terminal) and SIGTERM quit as the menu does, instead of killing us
 * before we could stop the producer. */
static void
mpd_application_quit_on_signal (MpdApplication *self,
                                int             signal_number)
{
  self->quit_signal = signal_number;
  g_action_group_activate_action (G_ACTION_GROUP (self), "quit", NULL);
}

static gboolean
mpd_application_sigint_cb (gpointer user_data)
{
  mpd_application_quit_on_signal (user_data, SIGINT);
  return G_SOURCE_CONTINUE;
}

static gboolean
mpd_application_sigterm_cb (gpointer user_data)
{
  mpd_application_quit_on_signal (user_data, SIGTERM);
  return G_SOURCE_CONTINUE;
}

/**
 * mpd_application_get_exit_status:
 * @self: the application
 * @run_status: what g_application_run() returned
 *
 * Returns: the exit status for the program: after SIGINT or SIGTERM, 128 + the signal, as
 *   a shell says of a program that a signal ended, and as `mpdemo --console` does
 */
int
mpd_application_get_exit_status (MpdApplication *self,
                                 int             run_status)
{
  g_return_val_if_fail (MPD_IS_APPLICATION (self), run_status);

  return run_status == 0 && self->quit_signal != 0 ? 128 + self->quit_signal : run_status;
}

static const GActionEntry app_actions[] = {
  { "run-lesson", mpd_application_run_lesson_action, "(sb)" },
  { "about", mpd_application_about_action },
  { "shortcuts", mpd_application_shortcuts_action },
  { "quit", mpd_application_quit_action },
};

static void
mpd_application_startup (GApplication *application)
{
  MpdApplication *self = MPD_APPLICATION (application);

  g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();

  G_APPLICATION_CLASS (mpd_application_parent_class)->startup (application);

  gtk_css_provider_load_from_resource (css, RESOURCE_PREFIX "/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                              GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);

  if (gtk_settings_get_default () != NULL)
    self->color_scheme = mpd_color_scheme_new (gtk_settings_get_default ());

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit",
                                         (const char *[]) { "<Control>q", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.shortcuts",
                                         (const char *[]) { "<Control>question", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "window.close",
                                         (const char *[]) { "<Control>w", NULL });

  self->sigint_id = g_unix_signal_add (SIGINT, mpd_application_sigint_cb, self);
  self->sigterm_id = g_unix_signal_add (SIGTERM, mpd_application_sigterm_cb, self);
}

static void
mpd_application_shutdown (GApplication *application)
{
  MpdApplication *self = MPD_APPLICATION (application);

  g_clear_handle_id (&self->sigint_id, g_source_remove);
  g_clear_handle_id (&self->sigterm_id, g_source_remove);
  g_clear_object (&self->color_scheme);

  G_APPLICATION_CLASS (mpd_application_parent_class)->shutdown (application);
}

static void
mpd_application_finalize (GObject *object)
{
  MpdApplication *self = (MpdApplication *)object;

  g_clear_object (&self->settings);
  g_clear_pointer (&self->producer_command, g_free);
  g_clear_pointer (&self->producer_argv, g_strfreev);
  g_clear_pointer (&self->run_id, g_free);
  g_clear_pointer (&self->interval_arg, g_free);
  g_clear_pointer (&self->count_arg, g_free);

  G_OBJECT_CLASS (mpd_application_parent_class)->finalize (object);
}

static void
mpd_application_class_init (MpdApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = mpd_application_finalize;

  app_class->handle_local_options = mpd_application_handle_local_options;
  app_class->activate = mpd_application_activate;
  app_class->startup = mpd_application_startup;
  app_class->shutdown = mpd_application_shutdown;
}

static void
mpd_application_init (MpdApplication *self)
{
  /* --interval and --count are read as text, NULL when not given, and parsed by us: a
   * number would need a marker for "not given", and any number can be typed. */
  const GOptionEntry main_entries[] = {
    { "interval", 'i', 0, G_OPTION_ARG_STRING, &self->interval_arg,
      N_("Wait this many milliseconds between two messages (default: 1000)"), N_("MS") },
    { "console", 'c', 0, G_OPTION_ARG_NONE, NULL,
      N_("Run in this terminal, without a window: print one line per message"), NULL },
    { "flood", 0, 0, G_OPTION_ARG_NONE, NULL,
      N_("Send messages without a pause, as fast as the pipe takes them; with --console, "
         "print only how many came and how fast"), NULL },
    { "count", 'n', 0, G_OPTION_ARG_STRING, &self->count_arg,
      N_("Stop after this many messages, then quit"), N_("N") },
    { "producer-command", 'p', 0, G_OPTION_ARG_STRING, &self->producer_command,
      N_("Run this command as the producer: it must write messages to its standard output, "
         "as docs/protocol.md describes"), N_("COMMAND") },
    { "list", 'l', 0, G_OPTION_ARG_NONE, NULL,
      N_("List the lessons: id, chapter and title"), NULL },
    { "run", 'r', 0, G_OPTION_ARG_STRING, &self->run_id,
      N_("Open the lesson ID and run it; with --console, run it in this terminal"), N_("ID") },
    { "python", 0, 0, G_OPTION_ARG_NONE, NULL,
      N_("With --run ID: run the lesson’s Python program instead of its C program"),
      NULL },
    { "version", 0, 0, G_OPTION_ARG_NONE, NULL,
      N_("Show the version and quit"), NULL },
    { NULL }
  };

  self->settings = mpd_application_load_settings ();

  g_application_add_main_option_entries (G_APPLICATION (self), main_entries);
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Shows, live, how a window works together with "
                                              "a producer process and a consumer thread."));
  g_application_set_option_context_description (G_APPLICATION (self),
                                                _("Examples:\n"
                                                  "  mpdemo                          open the window\n"
                                                  "  mpdemo --list                   list the lessons\n"
                                                  "  mpdemo --run spawn              open the lesson “spawn” and run it\n"
                                                  "  mpdemo --console --run spawn    run it in this terminal\n"
                                                  "  mpdemo --console --run spawn --python\n"
                                                  "                                  the same lesson, in Python\n"
                                                  "  mpdemo --interval 200           a message every 0.2 seconds\n"
                                                  "  mpdemo --console --count 3      print three messages, then quit\n"
                                                  "  mpdemo --console --flood --count 1000000\n"
                                                  "                                  how fast can a million messages go?"));
}

/**
 * mpd_application_new:
 * @application_id: the application id
 * @flags: the application flags
 *
 * Returns: (transfer full): the application
 */
MpdApplication *
mpd_application_new (const char        *application_id,
                     GApplicationFlags  flags)
{
  g_return_val_if_fail (application_id != NULL, NULL);

  return g_object_new (MPD_TYPE_APPLICATION,
                       "application-id", application_id,
                       "flags", flags,
                       "resource-base-path", RESOURCE_PREFIX,
                       NULL);
}

/**
 * mpd_application_get_interval:
 * @self: the application
 *
 * Returns: the interval between two messages, in milliseconds: 0 with --flood, else the one
 *   given on the command line, else the one in the settings
 */
guint
mpd_application_get_interval (MpdApplication *self)
{
  g_return_val_if_fail (MPD_IS_APPLICATION (self), MPD_PRODUCER_DEFAULT_INTERVAL_MS);

  if (self->flood)
    return 0;

  if (self->interval_ms > 0)
    return (guint) self->interval_ms;

  if (self->settings != NULL)
    return g_settings_get_uint (self->settings, "interval");

  return MPD_PRODUCER_DEFAULT_INTERVAL_MS;
}

/**
 * mpd_application_choose_renderer:
 *
 * Call it before GTK starts, and before any thread exists (it sets an environment variable).
 *
 * GTK draws with the GPU when there is one. Without one (a virtual machine, a remote desktop,
 * Xvfb), Mesa emulates the GPU on the CPU, and GTK 4.8 then repaints the whole window for each
 * new timestamp: about 4% of a core for a clock. GTK's CPU renderer (cairo) repaints only
 * what changed, for 0.15%. A GPU shows up as a DRM render node.
 *
 * Without a GPU, OpenGL is then of no use at all, yet GDK would still load Mesa's software
 * driver (and LLVM with it) to find out what it can do: a third of the time from launch to
 * the first timestamp on screen. GDK_DEBUG=gl-disable, which GTK documents for this, skips it.
 */
void
mpd_application_choose_renderer (void)
{
  g_autoptr(GDir) dri = g_dir_open ("/dev/dri", 0, NULL);
  const char *name;

  if (g_getenv ("GSK_RENDERER") != NULL)
    return;

  while (dri != NULL && (name = g_dir_read_name (dri)) != NULL)
    if (g_str_has_prefix (name, "renderD"))
      return;

  g_setenv ("GSK_RENDERER", "cairo", FALSE);
  mpd_libexec_keep_variable_for_us ("GSK_RENDERER");
  if (g_getenv ("GDK_DEBUG") == NULL)
    {
      g_setenv ("GDK_DEBUG", "gl-disable", FALSE);
      mpd_libexec_keep_variable_for_us ("GDK_DEBUG");
    }
}

/**
 * mpd_application_get_settings:
 * @self: the application
 *
 * Returns: (transfer none) (nullable): the settings, or %NULL when the schema is not
 *   installed (as when run from the build folder without it)
 */
GSettings *
mpd_application_get_settings (MpdApplication *self)
{
  g_return_val_if_fail (MPD_IS_APPLICATION (self), NULL);

  return self->settings;
}
