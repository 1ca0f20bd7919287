/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mpd-process-view.c: a run's processes drawn as their tree, with their pipes and memory. */

/*
 * The drawing of a run that every lesson page shows: each process a box, under its parent and
 * a step to the right, saying its name, pid, state, what it waits for (from the kernel's
 * wchan) and, once it has ended, how, as words and as Python's exitcode. A process with more
 * than one thread lists them. On the right, each pipe or socket that joins two processes of
 * the run is an arrow from the processes that hold its write end to those that hold its read
 * end: every holder, including one that never writes, which is how a pipe stays open after
 * its last real writer has gone. A block of shared memory (MAP_SHARED) is a box linked to the
 * processes that map it.
 *
 * The rows come from the run's process table (MpdProcess, which remembers how each process
 * ended), the rest from MpdProcessTree (the kernel's view, while the process is there). The
 * page calls mpd_process_view_update() after each sample; the view lays itself out again
 * only when the number of rows changes. A screen reader gets the same facts: the view is a
 * list, each process an element of it (an invisible child widget over its box, named with its
 * name, pid, parent and state), and the whole drawing, pipes and memory included, is the
 * list's description.
 *
 * A process can be chosen, with a click or with the Up and Down keys; a click or Enter says
 * so (#MpdProcessView::process-activated), and the page offers to send it a signal.
 *
 * The view can also show a moment of the run that has passed (mpd_process_view_show_moment(),
 * which the timeline's slider calls): the rows are then the processes that had started by
 * then, each as that frame of the run's history saw it, and the pipes and memory of that
 * frame. Nothing can be sent to a process of the past.
 */

#define G_LOG_DOMAIN "mpd-process-view"

#include "config.h"

#include <glib/gi18n.h>

#include "mpd-drawing.h"
#include "mpd-proc.h"
#include "mpd-process.h"
#include "mpd-process-view.h"

/* In lines of text (mpd_drawing_get_em()), so that the drawing grows with the zoom. */
#define ROW_LINES     4.2
#define INDENT_LINES  1.6
#define LANE_LINES    1.4

typedef struct
{
  int    pid;
  int    parent_pid;
  guint  depth;
  char  *title;        /* "name · pid N" */
  char  *state;        /* the state in words, or how it ended */
  char  *threads;      /* "2 threads: main, worker 0", or NULL */
  char   state_letter; /* from the tree while it is there: R S D T Z, else 0 */
  gboolean ended;
} Row;

typedef struct
{
  int      from_row;
  int      to_row;
  gboolean socket;
  gint64   bytes_waiting;  /* in the pipe or socket pair, or -1 */
  guint    capacity;       /* a pipe's, or 0 */
} Link;

typedef struct
{
  GArray *rows;    /* of int: the rows that map it */
  char   *label;
} Block;

struct _MpdProcessView
{
  GtkWidget       parent_instance;

  /* Owned */
  GListModel     *processes;
  MpdProcessTree *tree;
  MpdRunHistory  *history;       /* while a moment of the past is shown, else NULL */
  gint64          moment_us;     /* that moment */
  GArray         *rows;    /* of Row */
  GArray         *links;   /* of Link */
  GPtrArray      *blocks;  /* of Block */
  char           *summary;
  GPtrArray      *items;   /* of MpdProcessItem, one per row, children of the view */
  int             selected_pid;  /* the process chosen, or 0 */
  GtkWidget      *menu;          /* what can be done to it, or NULL */
  GHashTable     *calls;         /* pid -> the call it waits in, as the lesson said, or NULL */
};

enum {
  PROCESS_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (MpdProcessView, mpd_process_view, GTK_TYPE_WIDGET)

/* A process, for a screen reader: an element of the list, over the box it names. It draws
 * nothing, and clicks go through it to the view. */
#define MPD_TYPE_PROCESS_ITEM (mpd_process_item_get_type ())
G_DECLARE_FINAL_TYPE (MpdProcessItem, mpd_process_item, MPD, PROCESS_ITEM, GtkWidget)

struct _MpdProcessItem
{
  GtkWidget  parent_instance;
  char      *label;
};

G_DEFINE_FINAL_TYPE (MpdProcessItem, mpd_process_item, GTK_TYPE_WIDGET)

static void
mpd_process_item_finalize (GObject *object)
{
  g_free (MPD_PROCESS_ITEM (object)->label);

  G_OBJECT_CLASS (mpd_process_item_parent_class)->finalize (object);
}

static void
mpd_process_item_class_init (MpdProcessItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = mpd_process_item_finalize;
  gtk_widget_class_set_accessible_role (GTK_WIDGET_CLASS (klass),
                                        GTK_ACCESSIBLE_ROLE_LIST_ITEM);
}

static void
mpd_process_item_init (MpdProcessItem *self)
{
  gtk_widget_set_can_target (GTK_WIDGET (self), FALSE);
}

/* Names the item, when its words changed: a screen reader hears of a change only. */
static void
mpd_process_item_set_label (MpdProcessItem *self,
                            const char     *label)
{
  if (g_strcmp0 (self->label, label) == 0)
    return;
  g_free (self->label);
  self->label = g_strdup (label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
}

static void
row_clear (gpointer data)
{
  Row *row = data;

  g_free (row->title);
  g_free (row->state);
  g_free (row->threads);
}

static void
block_free (gpointer data)
{
  Block *block = data;

  g_array_unref (block->rows);
  g_free (block->label);
  g_free (block);
}

/* The newest row of @pid (a pid may be used again within a run), only a live one if
 * @live_only. */
static int
find_row (MpdProcessView *self,
          int             pid,
          gboolean        live_only)
{
  for (guint i = self->rows->len; i > 0; i--)
    if (g_array_index (self->rows, Row, i - 1).pid == pid &&
        (!live_only || !g_array_index (self->rows, Row, i - 1).ended))
      return (int) i - 1;
  return -1;
}

static char *
describe_threads (const MpdProcessInfo *info)
{
  g_autoptr(GString) names = g_string_new (NULL);

  if (info == NULL || info->threads->len < 2)
    return NULL;

  for (guint i = 0; i < info->threads->len; i++)
    {
      const MpdThreadInfo *thread = &g_array_index (info->threads, MpdThreadInfo, i);

      if (names->len > 0)
        g_string_append (names, ", ");
      g_string_append (names, thread->tid == info->pid ? _("main") : thread->name);
    }

  /* Translators: the number of threads of a process, then their names. */
  return g_strdup_printf (ngettext ("%u thread: %s", "%u threads: %s", info->threads->len),
                          info->threads->len, names->str);
}

/* The tree drawn: the newest, or that of the moment shown. */
static MpdProcessTree *
mpd_process_view_get_tree (MpdProcessView *self)
{
  int frame;

  if (self->history == NULL)
    return self->tree;
  frame = mpd_run_history_find_frame (self->history, self->moment_us);
  return frame >= 0 ? mpd_run_history_get_frame (self->history, frame)->tree : NULL;
}

/* @process as the tree of a past moment saw it: its state then, in the table's words. */
static char *
dup_state_then (MpdProcess           *process,
                const MpdProcessInfo *info)
{
  g_autoptr(MpdProcess) then = mpd_process_new (info->pid, info->parent_pid, info->name,
                                                info->start_time);
  MpdProcStat stat = {
    .pid = info->pid, .parent_pid = info->parent_pid, .state = info->state,
    .start_time = info->start_time, .exit_code = info->exit_code,
    .cpu_ticks = info->cpu_ticks,
  };

  g_strlcpy (stat.name, mpd_process_get_name (process), sizeof stat.name);
  mpd_process_update (then, &stat, info->wchan);
  return mpd_process_dup_state_text (then);
}

/* Whether @process had started at the moment shown. */
static gboolean
mpd_process_view_had_started (MpdProcessView *self,
                              MpdProcess     *process)
{
  guint64 start_time = mpd_process_get_start_time (process);
  gint64 first_seen = mpd_run_history_get_first_seen (self->history,
                                                      mpd_process_get_pid (process),
                                                      start_time);

  return first_seen >= 0 ? first_seen <= self->moment_us : start_time == 0;
}

/* The rows, from the process table, with what the tree adds while each process is there. */
static void
mpd_process_view_read_rows (MpdProcessView *self)
{
  guint n = self->processes != NULL ? g_list_model_get_n_items (self->processes) : 0;
  MpdProcessTree *tree = mpd_process_view_get_tree (self);

  g_array_set_size (self->rows, 0);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MpdProcess) process = g_list_model_get_item (self->processes, i);
      const MpdProcessInfo *info = NULL;
      g_autofree char *exitcode = mpd_process_dup_exitcode (process);
      g_autofree char *state = NULL;
      Row row = { 0 };
      int parent;

      row.pid = mpd_process_get_pid (process);
      row.parent_pid = mpd_process_get_parent_pid (process);
      row.ended = mpd_process_get_ended (process);
      if (self->history != NULL)
        {
          if (!mpd_process_view_had_started (self, process))
            continue;
          info = tree != NULL ? mpd_process_tree_find (tree, row.pid) : NULL;
          if (info != NULL && mpd_process_get_start_time (process) != 0 &&
              info->start_time != mpd_process_get_start_time (process))
            info = NULL;  /* another process, with the same pid */
          row.ended = info == NULL;
          state = info != NULL ? dup_state_then (process, info) : NULL;
        }
      else if (!row.ended && tree != NULL)
        info = mpd_process_tree_find (tree, row.pid);
      if (state == NULL)
        state = mpd_process_dup_state_text (process);
      if (!row.ended && self->calls != NULL &&
          g_hash_table_contains (self->calls, GINT_TO_POINTER (row.pid)))
        {
          char *in_call;

          /* Translators: a process's state, and the call of the lesson that it waits in, as
           * the lesson said: "sleeping: waiting in poll() for one of several files, in
           * join(1234)". */
          in_call = g_strdup_printf (_("%s, in %s"), state,
                                     (const char *) g_hash_table_lookup (self->calls,
                                                                         GINT_TO_POINTER (row.pid)));
          g_free (state);
          state = in_call;
        }

      /* Translators: a process in the drawing of a run: its name and its pid. */
      row.title = g_strdup_printf (_("%s · pid %d"), mpd_process_get_name (process), row.pid);
      row.state = row.ended
                  /* Translators: how a process ended, and Python's exitcode for it. */
                  ? g_strdup_printf (_("%s (exitcode %s)"), state, exitcode)
                  : g_steal_pointer (&state);
      row.threads = describe_threads (info);
      row.state_letter = info != NULL ? info->state : 0;

      parent = find_row (self, row.parent_pid, FALSE);
      row.depth = parent >= 0 ? g_array_index (self->rows, Row, parent).depth + 1 : 0;
      g_array_append_val (self->rows, row);
    }
}

static void
add_links (MpdProcessView   *self,
           const MpdChannel *channel)
{
  for (guint w = 0; w < channel->writers->len; w++)
    for (guint r = 0; r < channel->readers->len; r++)
      {
        int writer = g_array_index (channel->writers, int, w);
        int reader = g_array_index (channel->readers, int, r);
        Link link = { find_row (self, writer, TRUE), find_row (self, reader, TRUE),
                      channel->kind == MPD_CHANNEL_SOCKET, channel->bytes_waiting,
                      channel->capacity };

        /* Between two processes of the run; an end that leads out of it (to MpDemo) is not. */
        if (writer != reader && link.from_row >= 0 && link.to_row >= 0)
          g_array_append_val (self->links, link);
      }
}

/* The pipes, sockets and shared memory between the rows. */
static void
mpd_process_view_read_links (MpdProcessView *self)
{
  MpdProcessTree *tree;
  GPtrArray *channels, *blocks;

  g_array_set_size (self->links, 0);
  g_ptr_array_set_size (self->blocks, 0);
  tree = mpd_process_view_get_tree (self);
  if (tree == NULL)
    return;

  channels = mpd_process_tree_get_channels (tree);
  for (guint i = 0; i < channels->len; i++)
    add_links (self, g_ptr_array_index (channels, i));

  blocks = mpd_process_tree_get_shared_blocks (tree);
  for (guint i = 0; i < blocks->len; i++)
    {
      const MpdSharedBlock *shared = g_ptr_array_index (blocks, i);
      g_autofree char *size = g_format_size (shared->size);
      Block *block = g_new0 (Block, 1);

      block->rows = g_array_new (FALSE, FALSE, sizeof (int));
      for (guint j = 0; j < shared->pids->len; j++)
        {
          int row = find_row (self, g_array_index (shared->pids, int, j), TRUE);

          if (row >= 0)
            g_array_append_val (block->rows, row);
        }
      /* Translators: a block of memory that several processes map, and its size. */
      block->label = g_strdup_printf (_("shared memory, %s"), size);
      if (block->rows->len >= 2)
        g_ptr_array_add (self->blocks, block);
      else
        block_free (block);
    }
}

/* Returns: whether the summary changed, and with it what the drawing shows. */
static gboolean
mpd_process_view_write_summary (MpdProcessView *self)
{
  g_autoptr(GString) summary = g_string_new (NULL);

  while (self->items->len > self->rows->len)
    {
      gtk_widget_unparent (g_ptr_array_index (self->items, self->items->len - 1));
      g_ptr_array_set_size (self->items, self->items->len - 1);
    }
  for (guint i = 0; i < self->rows->len; i++)
    {
      const Row *row = &g_array_index (self->rows, Row, i);
      gsize line_start = summary->len;

      /* Translators: one process, for a screen reader: its name and pid, its parent's pid,
       * and its state. */
      g_string_append_printf (summary, _("%s, parent %d: %s."), row->title, row->parent_pid,
                              row->state);
      if (row->threads != NULL)
        g_string_append_printf (summary, " %s.", row->threads);

      if (i >= self->items->len)
        {
          GtkWidget *item = g_object_new (MPD_TYPE_PROCESS_ITEM, NULL);

          gtk_widget_set_parent (item, GTK_WIDGET (self));
          g_ptr_array_add (self->items, item);
        }
      mpd_process_item_set_label (g_ptr_array_index (self->items, i), summary->str + line_start);
      g_string_append_c (summary, '\n');
    }
  for (guint i = 0; i < self->links->len; i++)
    {
      const Link *link = &g_array_index (self->links, Link, i);

      g_string_append_printf (summary,
                              link->socket
                              ? _("A socket joins process %d to process %d.")
                              : _("A pipe goes from process %d to process %d."),
                              g_array_index (self->rows, Row, link->from_row).pid,
                              g_array_index (self->rows, Row, link->to_row).pid);
      if (link->bytes_waiting > 0)
        {
          g_autofree char *size = g_format_size (link->bytes_waiting);

          /* Translators: after "A pipe goes from process 1 to process 2.": the bytes written
           * into it and not read yet. */
          g_string_append_printf (summary, _(" %s wait in it."), size);
        }
      g_string_append_c (summary, '\n');
    }
  for (guint i = 0; i < self->blocks->len; i++)
    {
      const Block *block = g_ptr_array_index (self->blocks, i);

      g_string_append_printf (summary, _("%s, mapped by"), block->label);
      for (guint j = 0; j < block->rows->len; j++)
        g_string_append_printf (summary, " %d",
                                g_array_index (self->rows, Row,
                                               g_array_index (block->rows, int, j)).pid);
      g_string_append (summary, ".\n");
    }

  if (g_strcmp0 (self->summary, summary->str) == 0)
    return FALSE;
  g_free (self->summary);
  self->summary = g_string_free (g_steal_pointer (&summary), FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  self->summary, -1);
  return TRUE;
}

/**
 * mpd_process_view_update:
 * @self: a view
 *
 * Reads the process table and the tree again, and draws what changed.
 */
void
mpd_process_view_update (MpdProcessView *self)
{
  guint n_rows_before;

  g_return_if_fail (MPD_IS_PROCESS_VIEW (self));

  n_rows_before = self->rows->len;
  mpd_process_view_read_rows (self);
  mpd_process_view_read_links (self);
  /* The summary says everything the drawing shows: while it stays the same (processes
   * asleep), nothing is drawn again. */
  if (!mpd_process_view_write_summary (self))
    return;

  if (self->rows->len != n_rows_before)
    gtk_widget_queue_resize (GTK_WIDGET (self));
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * mpd_process_view_set_run:
 * @self: a view
 * @processes: (nullable): the run's process table (of MpdProcess)
 * @tree: (nullable): the run's process tree
 */
void
mpd_process_view_set_run (MpdProcessView *self,
                          GListModel     *processes,
                          MpdProcessTree *tree)
{
  g_return_if_fail (MPD_IS_PROCESS_VIEW (self));

  g_set_object (&self->processes, processes);
  g_set_object (&self->tree, tree);
  mpd_process_view_update (self);
}

static gboolean
same_calls (GHashTable *a,
            GHashTable *b)
{
  GHashTableIter iter;
  gpointer pid, call;
  guint n_a = a != NULL ? g_hash_table_size (a) : 0;
  guint n_b = b != NULL ? g_hash_table_size (b) : 0;

  if (n_a != n_b)
    return FALSE;
  if (n_a == 0)
    return TRUE;
  g_hash_table_iter_init (&iter, a);
  while (g_hash_table_iter_next (&iter, &pid, &call))
    if (g_strcmp0 (call, g_hash_table_lookup (b, pid)) != 0)
      return FALSE;
  return TRUE;
}

/**
 * mpd_process_view_set_calls:
 * @self: a view
 * @calls: (nullable): pid -> the call of the lesson that it waits in ("q.put()",
 *   "join(1234)"), as the lesson's events say (see MpdFlightView), or %NULL
 *
 * Adds to the state of each process the call it waits in, which the kernel cannot say: it
 * sees a process asleep in poll() or on a futex, not in join() or put().
 */
void
mpd_process_view_set_calls (MpdProcessView *self,
                            GHashTable     *calls)
{
  g_return_if_fail (MPD_IS_PROCESS_VIEW (self));

  /* The page gives the calls at every sample, right after the run: read the rows again only
   * when a call changed. */
  if (same_calls (self->calls, calls))
    return;
  if (calls != NULL)
    g_hash_table_ref (calls);
  g_clear_pointer (&self->calls, g_hash_table_unref);
  self->calls = calls;
  mpd_process_view_update (self);
}

/**
 * mpd_process_view_show_moment:
 * @self: a view
 * @history: (nullable): the history of the run shown, or %NULL to show it as it is now
 * @time_us: a moment of @history (CLOCK_MONOTONIC, µs)
 *
 * Draws the run as it was at @time_us: the frame of @history that shows that moment.
 */
void
mpd_process_view_show_moment (MpdProcessView *self,
                              MpdRunHistory  *history,
                              gint64          time_us)
{
  g_return_if_fail (MPD_IS_PROCESS_VIEW (self));
  g_return_if_fail (history == NULL || MPD_IS_RUN_HISTORY (history));

  g_set_object (&self->history, history);
  self->moment_us = time_us;
  if (history != NULL && self->menu != NULL)
    gtk_popover_popdown (GTK_POPOVER (self->menu));
  mpd_process_view_update (self);
}

const char *
mpd_process_view_get_summary (MpdProcessView *self)
{
  g_return_val_if_fail (MPD_IS_PROCESS_VIEW (self), NULL);

  return self->summary != NULL ? self->summary : "";
}

/**
 * mpd_process_view_get_n_links:
 * @self: a view
 *
 * Returns: how many arrows of pipes and sockets the drawing has
 */
guint
mpd_process_view_get_n_links (MpdProcessView *self)
{
  g_return_val_if_fail (MPD_IS_PROCESS_VIEW (self), 0);

  return self->links->len;
}

/**
 * mpd_process_view_get_row_rect:
 * @self: a view
 * @pid: a process drawn
 * @rect: (out): where its box is
 *
 * Returns: whether @pid has a box in the drawing
 */
gboolean
mpd_process_view_get_row_rect (MpdProcessView  *self,
                               int              pid,
                               graphene_rect_t *rect)
{
  double em = mpd_drawing_get_em (GTK_WIDGET (self));
  float row_height = ROW_LINES * em;
  float box_width = MIN (gtk_widget_get_width (GTK_WIDGET (self)) * 0.6f, 26 * em);
  int row = find_row (self, pid, FALSE);

  g_return_val_if_fail (MPD_IS_PROCESS_VIEW (self), FALSE);

  if (row < 0)
    return FALSE;
  *rect = GRAPHENE_RECT_INIT (g_array_index (self->rows, Row, row).depth * INDENT_LINES * em,
                              row * row_height, box_width, row_height - 6);
  return TRUE;
}

/**
 * mpd_process_view_get_selected_pid:
 * @self: a view
 *
 * Returns: the process chosen, or 0
 */
int
mpd_process_view_get_selected_pid (MpdProcessView *self)
{
  g_return_val_if_fail (MPD_IS_PROCESS_VIEW (self), 0);

  return self->selected_pid;
}

/**
 * mpd_process_view_select:
 * @self: a view
 * @pid: a process drawn, or 0 for none
 * @activate: whether to say so, as a click does (only for a process that has not ended)
 */
void
mpd_process_view_select (MpdProcessView *self,
                         int             pid,
                         gboolean        activate)
{
  g_return_if_fail (MPD_IS_PROCESS_VIEW (self));

  self->selected_pid = find_row (self, pid, FALSE) >= 0 ? pid : 0;
  for (guint i = 0; i < self->items->len && i < self->rows->len; i++)
    gtk_accessible_update_state (GTK_ACCESSIBLE (g_ptr_array_index (self->items, i)),
                                 GTK_ACCESSIBLE_STATE_SELECTED,
                                 self->selected_pid != 0 &&
                                 g_array_index (self->rows, Row, i).pid == self->selected_pid,
                                 -1);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  /* An ended process can be looked at, but nothing can be sent to it any more; nor to a
   * process of a moment that has passed. */
  if (activate && self->selected_pid != 0 && find_row (self, pid, TRUE) >= 0 &&
      self->history == NULL)
    g_signal_emit (self, signals[PROCESS_ACTIVATED], 0, self->selected_pid);
}

static void
mpd_process_view_pressed_cb (MpdProcessView *self,
                             int             n_press,
                             double          x,
                             double          y,
                             GtkGestureClick *click)
{
  double row_height = ROW_LINES * mpd_drawing_get_em (GTK_WIDGET (self));
  int row = (int) (y / row_height);

  gtk_widget_grab_focus (GTK_WIDGET (self));
  if (row >= 0 && (guint) row < self->rows->len)
    mpd_process_view_select (self, g_array_index (self->rows, Row, row).pid, TRUE);
}

static gboolean
mpd_process_view_key_pressed_cb (MpdProcessView        *self,
                                 guint                  keyval,
                                 guint                  keycode,
                                 GdkModifierType        state,
                                 GtkEventControllerKey *keys)
{
  int row = self->selected_pid != 0 ? find_row (self, self->selected_pid, FALSE) : -1;

  if (self->rows->len == 0)
    return FALSE;

  switch (keyval)
    {
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      row = MAX (row - 1, 0);
      break;
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      row = MIN (row + 1, (int) self->rows->len - 1);
      break;
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_space:
    case GDK_KEY_Menu:
      if (row >= 0)
        mpd_process_view_select (self, self->selected_pid, TRUE);
      return row >= 0;
    default:
      return FALSE;
    }

  mpd_process_view_select (self, g_array_index (self->rows, Row, row).pid, FALSE);
  return TRUE;
}

/**
 * mpd_process_view_popup:
 * @self: a view
 * @pid: a process drawn
 * @menu: what can be done to it
 *
 * Shows @menu beside the box of @pid.
 */
void
mpd_process_view_popup (MpdProcessView *self,
                        int             pid,
                        GMenuModel     *menu)
{
  graphene_rect_t rect;

  g_return_if_fail (MPD_IS_PROCESS_VIEW (self));
  g_return_if_fail (G_IS_MENU_MODEL (menu));

  if (!mpd_process_view_get_row_rect (self, pid, &rect))
    return;

  g_clear_pointer (&self->menu, gtk_widget_unparent);
  self->menu = gtk_popover_menu_new_from_model (menu);
  gtk_widget_set_parent (self->menu, GTK_WIDGET (self));
  gtk_popover_set_pointing_to (GTK_POPOVER (self->menu),
                               &(GdkRectangle) { (int) rect.origin.x, (int) rect.origin.y,
                                                 (int) rect.size.width, (int) rect.size.height });
  gtk_popover_set_position (GTK_POPOVER (self->menu), GTK_POS_RIGHT);
  gtk_popover_popup (GTK_POPOVER (self->menu));
}

static void
mpd_process_view_size_allocate (GtkWidget *widget,
                                int        width,
                                int        height,
                                int        baseline)
{
  MpdProcessView *self = MPD_PROCESS_VIEW (widget);

  /* Each process's element over its box, where a screen reader's pointer finds it. */
  for (guint i = 0; i < self->items->len; i++)
    {
      GtkWidget *item = g_ptr_array_index (self->items, i);
      const Row *row = &g_array_index (self->rows, Row, i);
      graphene_rect_t rect;
      int ignored;

      if (!mpd_process_view_get_row_rect (self, row->pid, &rect))
        continue;
      gtk_widget_measure (item, GTK_ORIENTATION_HORIZONTAL, -1, &ignored, &ignored, NULL, NULL);
      gtk_widget_size_allocate (item,
                                &(GtkAllocation) { (int) rect.origin.x, (int) rect.origin.y,
                                                   MAX ((int) rect.size.width, 1),
                                                   MAX ((int) rect.size.height, 1) },
                                -1);
    }
  if (self->menu != NULL)
    gtk_popover_present (GTK_POPOVER (self->menu));
}

static void
state_colors (const Row *row,
              GdkRGBA   *fill)
{
  const char *color;

  if (row->ended)
    color = "rgba(128,128,128,0.18)";
  else if (row->state_letter == 'Z')
    color = "rgba(224,27,36,0.25)";
  else if (row->state_letter == 'T' || row->state_letter == 't')
    color = "rgba(229,165,10,0.35)";
  else if (row->state_letter == 'R')
    color = "rgba(46,194,126,0.30)";
  else
    color = "rgba(53,132,228,0.12)";
  gdk_rgba_parse (fill, color);
}

static void
mpd_process_view_snapshot (GtkWidget   *widget,
                           GtkSnapshot *snapshot)
{
  MpdProcessView *self = MPD_PROCESS_VIEW (widget);
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, NULL);
  double em = mpd_drawing_get_em (widget);
  float width = gtk_widget_get_width (widget);
  float row_height = ROW_LINES * em;
  float box_width = MIN (width * 0.6f, 26 * em);
  float lanes_x = 0;
  GdkRGBA fg, line, border;

  mpd_drawing_get_fg_color (widget, &fg);
  line = fg;
  line.alpha = 0.5f;
  border = fg;
  border.alpha = 0.35f;
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);

  for (guint i = 0; i < self->rows->len; i++)
    {
      const Row *row = &g_array_index (self->rows, Row, i);
      float x = row->depth * INDENT_LINES * em;
      float y = i * row_height;
      graphene_rect_t box = GRAPHENE_RECT_INIT (x, y + 2, box_width, row_height - 8);
      GdkRGBA fill;

      lanes_x = MAX (lanes_x, x + box_width);

      /* The line from the parent's box down to this one. */
      if (row->depth > 0)
        {
          for (int p = (int) i - 1; p >= 0; p--)
            if (g_array_index (self->rows, Row, p).depth == row->depth - 1)
              {
                float px = x - INDENT_LINES * em + em / 2;
                graphene_rect_t down = GRAPHENE_RECT_INIT (px, p * row_height + row_height - 6,
                                                           1.5f, (i - p) * row_height - row_height / 2 + 4);
                graphene_rect_t across = GRAPHENE_RECT_INIT (px, y + row_height / 2 - 2,
                                                             x - px, 1.5f);

                gtk_snapshot_append_color (snapshot, &line, &down);
                gtk_snapshot_append_color (snapshot, &line, &across);
                break;
              }
        }

      state_colors (row, &fill);
      if (row->pid == self->selected_pid && !row->ended)
        {
          GdkRGBA accent;

          gdk_rgba_parse (&accent, "#3584e4");
          mpd_drawing_append_box (snapshot, &box, 8, &fill, &accent, 3);
        }
      else
        mpd_drawing_append_box (snapshot, &box, 8, &fill, &border, 1);
      pango_layout_set_width (layout, (int) ((box_width - em) * PANGO_SCALE));
      pango_layout_set_markup (layout, "", -1);
      {
        g_autofree char *bold = g_markup_printf_escaped ("<b>%s</b>", row->title);

        pango_layout_set_markup (layout, bold, -1);
        gtk_snapshot_save (snapshot);
        gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x + em / 2, y + 0.3f * em));
        gtk_snapshot_append_layout (snapshot, layout, &fg);
        gtk_snapshot_restore (snapshot);
      }
      pango_layout_set_attributes (layout, NULL);
      mpd_drawing_append_text (snapshot, layout, row->state, x + em / 2, y + 1.35f * em, &fg);
      if (row->threads != NULL)
        mpd_drawing_append_text (snapshot, layout, row->threads, x + em / 2, y + 2.4f * em,
                                 &fg);
    }

  /* The pipes and sockets, each in a lane of its own, right of the boxes. */
  for (guint i = 0; i < self->links->len; i++)
    {
      const Link *link = &g_array_index (self->links, Link, i);
      float lane = lanes_x + (i + 1) * LANE_LINES * em;
      float y1 = link->from_row * row_height + row_height / 2 - 6;
      float y2 = link->to_row * row_height + row_height / 2 + 6;
      float x1 = g_array_index (self->rows, Row, link->from_row).depth * INDENT_LINES * em + box_width;
      float x2 = g_array_index (self->rows, Row, link->to_row).depth * INDENT_LINES * em + box_width;
      graphene_rect_t bounds = GRAPHENE_RECT_INIT (MIN (x1, x2) - 2, MIN (y1, y2) - 8,
                                                   lane - MIN (x1, x2) + 12, ABS (y2 - y1) + 16);
      cairo_t *cr = gtk_snapshot_append_cairo (snapshot, &bounds);
      GdkRGBA color;

      mpd_drawing_producer_color (link->socket ? 3 : 0, &color);
      gdk_cairo_set_source_rgba (cr, &color);
      cairo_set_line_width (cr, 2);
      cairo_move_to (cr, x1, y1);
      cairo_line_to (cr, lane, y1);
      cairo_line_to (cr, lane, y2);
      cairo_line_to (cr, x2 + 7, y2);
      cairo_stroke (cr);
      cairo_move_to (cr, x2, y2);
      cairo_line_to (cr, x2 + 8, y2 - 5);
      cairo_line_to (cr, x2 + 8, y2 + 5);
      cairo_close_path (cr);
      cairo_fill (cr);
      cairo_destroy (cr);

      /* The bytes in flight: the lane is a tube, filled from the reader's end as the pipe
       * fills (a socket pair as it fills a pipe's 64 KiB, though it may hold more). */
      if (link->bytes_waiting > 0)
        {
          float fraction = MIN (1.0f, (float) link->bytes_waiting /
                                      (link->capacity > 0 ? link->capacity : 65536));
          float top = MIN (y1, y2), height = ABS (y2 - y1);
          float filled = MAX (2.0f, fraction * height);
          GdkRGBA tube = color;

          tube.alpha = 0.45f;
          gtk_snapshot_append_color (snapshot, &tube,
                                     &GRAPHENE_RECT_INIT (lane - 3,
                                                          y2 > y1 ? top + height - filled : top,
                                                          6, filled));
        }
    }

  /* Shared memory: a box at the far right, a line to each process that maps it. */
  for (guint i = 0; i < self->blocks->len; i++)
    {
      const Block *block = g_ptr_array_index (self->blocks, i);
      float bx = lanes_x + (self->links->len + 2) * LANE_LINES * em + i * 9 * em;
      float top = g_array_index (block->rows, int, 0) * row_height;
      graphene_rect_t rect = GRAPHENE_RECT_INIT (bx, top + 2, 8 * em, row_height - 8);
      GdkRGBA fill;

      gdk_rgba_parse (&fill, "rgba(145,65,172,0.20)");
      for (guint j = 0; j < block->rows->len; j++)
        {
          int r = g_array_index (block->rows, int, j);
          float rx = g_array_index (self->rows, Row, r).depth * INDENT_LINES * em + box_width;
          graphene_rect_t dash = GRAPHENE_RECT_INIT (rx, r * row_height + row_height / 2 + 10,
                                                     bx - rx, 1.5f);

          gtk_snapshot_append_color (snapshot, &fill, &dash);
        }
      mpd_drawing_append_box (snapshot, &rect, 6, &fill, &border, 1);
      pango_layout_set_width (layout, (int) (7 * em * PANGO_SCALE));
      mpd_drawing_append_text (snapshot, layout, block->label, bx + em / 2, top + em, &fg);
    }
}

static void
mpd_process_view_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  MpdProcessView *self = MPD_PROCESS_VIEW (widget);
  double em = mpd_drawing_get_em (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    *minimum = *natural = (int) (20 * em);
  else
    *minimum = *natural = (int) (MAX (self->rows->len, 1) * ROW_LINES * em);
}

static void
mpd_process_view_dispose (GObject *object)
{
  MpdProcessView *self = MPD_PROCESS_VIEW (object);

  g_clear_pointer (&self->calls, g_hash_table_unref);
  g_clear_object (&self->processes);
  g_clear_object (&self->tree);
  g_clear_object (&self->history);
  g_clear_pointer (&self->menu, gtk_widget_unparent);
  if (self->items != NULL)
    {
      for (guint i = 0; i < self->items->len; i++)
        gtk_widget_unparent (g_ptr_array_index (self->items, i));
      g_clear_pointer (&self->items, g_ptr_array_unref);
    }

  G_OBJECT_CLASS (mpd_process_view_parent_class)->dispose (object);
}

static void
mpd_process_view_finalize (GObject *object)
{
  MpdProcessView *self = MPD_PROCESS_VIEW (object);

  g_array_unref (self->rows);
  g_array_unref (self->links);
  g_ptr_array_unref (self->blocks);
  g_free (self->summary);

  G_OBJECT_CLASS (mpd_process_view_parent_class)->finalize (object);
}

static void
mpd_process_view_class_init (MpdProcessViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mpd_process_view_dispose;
  object_class->finalize = mpd_process_view_finalize;
  widget_class->snapshot = mpd_process_view_snapshot;
  widget_class->measure = mpd_process_view_measure;
  widget_class->size_allocate = mpd_process_view_size_allocate;

  gtk_widget_class_set_css_name (widget_class, "processview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_LIST);

  /**
   * MpdProcessView::process-activated:
   * @self: the view
   * @pid: the process chosen, with a click, or with Enter after the Up and Down keys
   */
  signals[PROCESS_ACTIVATED] =
    g_signal_new ("process-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT);
}

static void
mpd_process_view_init (MpdProcessView *self)
{
  self->rows = g_array_new (FALSE, TRUE, sizeof (Row));
  g_array_set_clear_func (self->rows, row_clear);
  self->links = g_array_new (FALSE, TRUE, sizeof (Link));
  self->blocks = g_ptr_array_new_with_free_func (block_free);
  self->items = g_ptr_array_new ();

  mpd_drawing_make_interactive (GTK_WIDGET (self), G_CALLBACK (mpd_process_view_pressed_cb),
                                G_CALLBACK (mpd_process_view_key_pressed_cb));

  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Drawing of the run's processes, with their pipes and "
                                    "shared memory"),
                                  -1);
}

GtkWidget *
mpd_process_view_new (void)
{
  return g_object_new (MPD_TYPE_PROCESS_VIEW, NULL);
}
