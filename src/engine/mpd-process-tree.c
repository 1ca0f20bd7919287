/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mpd-process-tree.c: the processes of a run as the kernel shows them, and what joins them. */

/*
 * What a student needs to see of a multiprocessing program is what the kernel knows: which
 * processes exist and who is whose parent, which threads each has, what each one waits for,
 * which pipe or socket joins which processes, and which memory they share. All of it is in
 * /proc, for any program, without the program's help:
 *
 *   /proc/PID/stat          parent, name, state (R S D T Z), CPU time
 *   /proc/PID/wchan         the kernel function a sleeping process waits in ("pipe_read")
 *   /proc/PID/task/TID/     each thread, with its own stat and name
 *   /proc/PID/fd/N          "pipe:[INODE]" or "socket:[INODE]": one inode is one pipe, whoever
 *                           holds it; fdinfo's flags say whether that end reads or writes
 *   /proc/PID/maps          mappings; an "s" in the permissions is MAP_SHARED memory, and the
 *                           same device and inode in two processes is the same memory
 *
 * mpd_process_tree_sample() reads all of it for a root process and its descendants, and
 * compares it with the last sample: what changed comes back as events (a process started or
 * ended, a state changed, a thread started or ended, an fd of a pipe or socket opened or
 * closed). It costs a few system calls per process and per fd: call it a few times a second,
 * and only while a run is going.
 *
 * The two ends of a socketpair() (Python's Pipe()) are two sockets with two inodes, and which
 * one is the other's peer is not in /proc: the kernel's sock_diag interface says it
 * (mpd_proc_read_unix_peers()), and a connected pair of Unix sockets is one channel here.
 */

#define G_LOG_DOMAIN "mpd-process-tree"

#include "config.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <glib/gi18n-lib.h>

#include "mpd-proc.h"
#include "mpd-process-tree.h"

struct _MpdProcessTree
{
  GObject    parent_instance;

  int        root_pid;
  gboolean   frozen;     /* a copy made by mpd_process_tree_snapshot(): never sampled */
  /* Made anew at each sample and never changed after, so that a snapshot can share them. */
  GPtrArray *processes;  /* of MpdProcessInfo, parents before their children */
  GPtrArray *channels;   /* of MpdChannel */
  GPtrArray *blocks;     /* of MpdSharedBlock */
};

G_DEFINE_FINAL_TYPE (MpdProcessTree, mpd_process_tree, G_TYPE_OBJECT)

static void
process_info_free (gpointer data)
{
  MpdProcessInfo *info = data;

  g_free (info->command_line);
  g_clear_pointer (&info->threads, g_array_unref);
  g_clear_pointer (&info->ends, g_array_unref);
  g_clear_pointer (&info->shared, g_array_unref);
  g_free (info);
}

static void
channel_free (gpointer data)
{
  MpdChannel *channel = data;

  g_array_unref (channel->readers);
  g_array_unref (channel->writers);
  g_free (channel);
}

static void
shared_block_free (gpointer data)
{
  MpdSharedBlock *block = data;

  g_array_unref (block->pids);
  g_free (block);
}

static void
mpd_process_tree_finalize (GObject *object)
{
  MpdProcessTree *self = (MpdProcessTree *)object;

  g_clear_pointer (&self->processes, g_ptr_array_unref);
  g_clear_pointer (&self->channels, g_ptr_array_unref);
  g_clear_pointer (&self->blocks, g_ptr_array_unref);

  G_OBJECT_CLASS (mpd_process_tree_parent_class)->finalize (object);
}

static void
mpd_process_tree_class_init (MpdProcessTreeClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = mpd_process_tree_finalize;
}

static void
mpd_process_tree_init (MpdProcessTree *self)
{
  self->processes = g_ptr_array_new_with_free_func (process_info_free);
  self->channels = g_ptr_array_new_with_free_func (channel_free);
  self->blocks = g_ptr_array_new_with_free_func (shared_block_free);
}

/**
 * mpd_process_tree_new:
 * @root_pid: the process whose tree to read: it, its children, theirs…
 *
 * Returns: (transfer full): a tree, empty until the first mpd_process_tree_sample()
 */
MpdProcessTree *
mpd_process_tree_new (int root_pid)
{
  MpdProcessTree *self = g_object_new (MPD_TYPE_PROCESS_TREE, NULL);

  self->root_pid = root_pid;
  return self;
}

int
mpd_process_tree_get_root_pid (MpdProcessTree *self)
{
  g_return_val_if_fail (MPD_IS_PROCESS_TREE (self), 0);

  return self->root_pid;
}

/* The arguments of @pid, joined by spaces ("" for a zombie, which has none left). */
static char *
read_command_line (int pid)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/cmdline", pid);
  g_autofree char *contents = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &contents, &length, NULL))
    return g_strdup ("");
  while (length > 0 && contents[length - 1] == '\0')
    length--;
  for (gsize i = 0; i < length; i++)
    if (contents[i] == '\0')
      contents[i] = ' ';
  contents[length] = '\0';
  return g_utf8_make_valid (contents, -1);
}

/* The time thread @tid of @pid has spent on a CPU, in ns (the first figure of its
 * schedstat, which the scheduler brings up to date when the thread leaves the CPU), or 0 if
 * the kernel does not say. */
static guint64
read_cpu_ns (int pid,
             int tid)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/task/%d/schedstat", pid, tid);
  g_autofree char *contents = NULL;
  g_auto(GStrv) fields = NULL;

  if (!g_file_get_contents (path, &contents, NULL, NULL))
    return 0;
  fields = g_strsplit (g_strstrip (contents), " ", -1);
  return g_strv_length (fields) >= 1 ? g_ascii_strtoull (fields[0], NULL, 10) : 0;
}

/* The threads of @pid; @cpu_ns: their time on a CPU, all together, in ns (G_MAXUINT64 when
 * the kernel does not say). */
static GArray *
read_threads (int      pid,
              guint64 *cpu_ns)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/task", pid);
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  GArray *threads = g_array_new (FALSE, TRUE, sizeof (MpdThreadInfo));
  const char *name;

  *cpu_ns = 0;
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      int tid = atoi (name);
      MpdProcStat stat;
      MpdThreadInfo thread = { 0 };
      guint64 ns;

      if (tid <= 0 || !mpd_proc_read_thread_stat (pid, tid, &stat))
        continue;
      ns = read_cpu_ns (pid, tid);
      *cpu_ns = ns == 0 || *cpu_ns == G_MAXUINT64 ? G_MAXUINT64 : *cpu_ns + ns;
      thread.tid = tid;
      g_strlcpy (thread.name, stat.name, sizeof thread.name);
      thread.state = stat.state;
      thread.cpu_ticks = stat.cpu_ticks;
      /* The main thread (tid = pid) first, then the others in the order they were made. */
      if (tid == pid)
        g_array_prepend_val (threads, thread);
      else
        g_array_append_val (threads, thread);
    }

  return threads;
}

/* The open flags of @fd of @pid, from its fdinfo ("flags:\t02000001", in octal). */
static int
read_fd_flags (int pid,
               int fd)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/fdinfo/%d", pid, fd);
  g_autofree char *contents = NULL;
  const char *flags;

  if (!g_file_get_contents (path, &contents, NULL, NULL) ||
      (flags = strstr (contents, "flags:")) == NULL)
    return -1;

  return (int) g_ascii_strtoll (flags + strlen ("flags:"), NULL, 8);
}

static GArray *
read_channel_ends (int pid)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/fd", pid);
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  GArray *ends = g_array_new (FALSE, TRUE, sizeof (MpdChannelEnd));
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *link_path = g_strdup_printf ("/proc/%d/fd/%s", pid, name);
      g_autofree char *target = g_file_read_link (link_path, NULL);
      MpdChannelEnd end = { .fd = atoi (name) };
      int flags;

      if (target == NULL)
        continue;
      if (g_str_has_prefix (target, "pipe:["))
        end.kind = MPD_CHANNEL_PIPE;
      else if (g_str_has_prefix (target, "socket:["))
        end.kind = MPD_CHANNEL_SOCKET;
      else
        continue;

      end.inode = g_ascii_strtoull (strchr (target, '[') + 1, NULL, 10);
      flags = read_fd_flags (pid, end.fd);
      if (end.kind == MPD_CHANNEL_SOCKET || flags < 0)
        end.reads = end.writes = TRUE;
      else
        {
          end.reads = (flags & O_ACCMODE) != O_WRONLY;
          end.writes = (flags & O_ACCMODE) != O_RDONLY;
        }
      g_array_append_val (ends, end);
    }

  return ends;
}

/* The MAP_SHARED mappings of @pid, one per device and inode. */
static GArray *
read_shared_mappings (int pid)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/maps", pid);
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  GArray *shared = g_array_new (FALSE, TRUE, sizeof (MpdSharedMapping));

  if (!g_file_get_contents (path, &contents, NULL, NULL))
    return shared;

  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      unsigned long long start, end, offset, inode;
      char perms[8], device[16];
      int name_at = 0;
      MpdSharedMapping mapping = { 0 };
      gboolean merged = FALSE;

      /* "start-end perms offset dev inode   name" */
      if (sscanf (lines[i], "%llx-%llx %7s %llx %15s %llu %n", &start, &end, perms, &offset,
                  device, &inode, &name_at) < 6 ||
          strlen (perms) < 4 || perms[3] != 's' || inode == 0)
        continue;

      g_snprintf (mapping.key, sizeof mapping.key, "%s:%llu", device, inode);
      if (name_at > 0)
        g_strlcpy (mapping.name, lines[i] + name_at, sizeof mapping.name);
      mapping.size = end - start;

      for (guint j = 0; j < shared->len && !merged; j++)
        {
          MpdSharedMapping *seen = &g_array_index (shared, MpdSharedMapping, j);

          if (g_str_equal (seen->key, mapping.key))
            {
              seen->size = MAX (seen->size, mapping.size);
              merged = TRUE;
            }
        }
      if (!merged)
        g_array_append_val (shared, mapping);
    }

  return shared;
}

/* Whether @before, the last sample of a process, still says what its fds, its memory, its
 * command line and its wchan are, now that it is @info: if none of its threads has been on
 * a CPU since, it cannot have opened or closed an fd, mapped memory, run another program or
 * moved in the kernel. A running process may be on a CPU all along: it is read again, and
 * so is a sleeping one read while it was still leaving the CPU (no wchan yet). */
static gboolean
still_the_same (const MpdProcessInfo *before,
                const MpdProcessInfo *info)
{
  return before != NULL && before->cpu_ns == info->cpu_ns && info->cpu_ns != G_MAXUINT64 &&
         before->state == info->state && before->threads->len == info->threads->len &&
         info->state != 'R' &&
         (before->wchan[0] != '\0' || (info->state != 'S' && info->state != 'D'));
}

/* Reads what /proc says of a process. @before is the same process in the last sample, or
 * NULL: what did not change since is taken from it (a sleeping process costs a few small
 * reads). */
static MpdProcessInfo *
read_process (const MpdProcStat    *stat,
              const MpdProcessInfo *before)
{
  MpdProcessInfo *info = g_new0 (MpdProcessInfo, 1);

  info->pid = stat->pid;
  info->parent_pid = stat->parent_pid;
  g_strlcpy (info->name, stat->name, sizeof info->name);
  info->state = stat->state;
  info->cpu_ticks = stat->cpu_ticks;
  info->start_time = stat->start_time;
  info->exit_code = stat->exit_code;
  info->threads = read_threads (stat->pid, &info->cpu_ns);

  if (still_the_same (before, info))
    {
      info->command_line = g_strdup (before->command_line);
      g_strlcpy (info->wchan, before->wchan, sizeof info->wchan);
      info->ends = g_array_ref (before->ends);
      info->shared = g_array_ref (before->shared);
      return info;
    }

  info->command_line = read_command_line (stat->pid);
  mpd_proc_read_wchan (stat->pid, info->wchan, sizeof info->wchan);
  info->ends = read_channel_ends (stat->pid);
  info->shared = read_shared_mappings (stat->pid);

  return info;
}

static void
add_pid (GArray *pids,
         int     pid)
{
  for (guint i = 0; i < pids->len; i++)
    if (g_array_index (pids, int, i) == pid)
      return;
  g_array_append_val (pids, pid);
}

/* Groups the ends that every process holds into pipes and sockets, and the mappings into
 * blocks of shared memory. */
static void
mpd_process_tree_join (MpdProcessTree *self)
{
  g_autoptr(GHashTable) channels = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GHashTable) blocks = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) peers = NULL;
  g_autoptr(GHashTable) queued = NULL;

  g_ptr_array_unref (self->channels);
  g_ptr_array_unref (self->blocks);
  self->channels = g_ptr_array_new_with_free_func (channel_free);
  self->blocks = g_ptr_array_new_with_free_func (shared_block_free);

  for (guint i = 0; i < self->processes->len; i++)
    {
      const MpdProcessInfo *info = g_ptr_array_index (self->processes, i);

      for (guint j = 0; j < info->ends->len; j++)
        {
          const MpdChannelEnd *end = &g_array_index (info->ends, MpdChannelEnd, j);
          guint64 inode = end->inode;
          MpdChannel *channel;

          /* A socket and its peer are one channel, known by the smaller of their inodes. */
          if (end->kind == MPD_CHANNEL_SOCKET)
            {
              guint64 peer;

              if (peers == NULL)
                peers = mpd_proc_read_unix_peers (&queued);
              peer = GPOINTER_TO_UINT (g_hash_table_lookup (peers, GUINT_TO_POINTER (inode)));
              if (peer != 0)
                inode = MIN (inode, peer);
            }
          channel = g_hash_table_lookup (channels, &inode);
          if (channel == NULL)
            {
              channel = g_new0 (MpdChannel, 1);
              channel->kind = end->kind;
              channel->inode = inode;
              channel->readers = g_array_new (FALSE, FALSE, sizeof (int));
              channel->writers = g_array_new (FALSE, FALSE, sizeof (int));
              /* The bytes in flight: a pipe is asked through one of its ends; a socket pair
               * holds what waits in each socket, read from sock_diag with the peers. */
              if (end->kind == MPD_CHANNEL_PIPE)
                channel->bytes_waiting = mpd_proc_read_pipe_fill (info->pid, end->fd,
                                                                  &channel->capacity);
              else
                {
                  guint64 peer = GPOINTER_TO_UINT (g_hash_table_lookup (peers, GUINT_TO_POINTER (end->inode)));

                  channel->bytes_waiting =
                    GPOINTER_TO_UINT (g_hash_table_lookup (queued, GUINT_TO_POINTER (end->inode))) +
                    GPOINTER_TO_UINT (g_hash_table_lookup (queued, GUINT_TO_POINTER (peer)));
                }
              g_ptr_array_add (self->channels, channel);
              g_hash_table_insert (channels, &channel->inode, channel);
            }
          if (end->reads)
            add_pid (channel->readers, info->pid);
          if (end->writes)
            add_pid (channel->writers, info->pid);
        }

      for (guint j = 0; j < info->shared->len; j++)
        {
          const MpdSharedMapping *mapping = &g_array_index (info->shared, MpdSharedMapping, j);
          MpdSharedBlock *block = g_hash_table_lookup (blocks, mapping->key);

          if (block == NULL)
            {
              block = g_new0 (MpdSharedBlock, 1);
              g_strlcpy (block->key, mapping->key, sizeof block->key);
              g_strlcpy (block->name, mapping->name, sizeof block->name);
              block->size = mapping->size;
              block->pids = g_array_new (FALSE, FALSE, sizeof (int));
              g_ptr_array_add (self->blocks, block);
              g_hash_table_insert (blocks, block->key, block);
            }
          add_pid (block->pids, info->pid);
        }
    }
}

static const MpdProcessInfo *
find_in (GPtrArray            *processes,
         const MpdProcessInfo *like)
{
  for (guint i = 0; i < processes->len; i++)
    {
      const MpdProcessInfo *info = g_ptr_array_index (processes, i);

      /* A pid may be used again: the start time tells two processes apart. */
      if (info->pid == like->pid && info->start_time == like->start_time)
        return info;
    }
  return NULL;
}

static const MpdProcessInfo *
find_stat_in (GPtrArray         *processes,
              const MpdProcStat *stat)
{
  MpdProcessInfo like = { .pid = stat->pid, .start_time = stat->start_time };

  return find_in (processes, &like);
}

static gboolean
has_thread (const MpdProcessInfo *info,
            int                   tid)
{
  for (guint i = 0; i < info->threads->len; i++)
    if (g_array_index (info->threads, MpdThreadInfo, i).tid == tid)
      return TRUE;
  return FALSE;
}

static gboolean
has_end (const MpdProcessInfo *info,
         const MpdChannelEnd  *like)
{
  for (guint i = 0; i < info->ends->len; i++)
    {
      const MpdChannelEnd *end = &g_array_index (info->ends, MpdChannelEnd, i);

      if (end->fd == like->fd && end->inode == like->inode)
        return TRUE;
    }
  return FALSE;
}

static void
add_event (GArray           *events,
           MpdTreeEventKind  kind,
           int               pid,
           int               tid,
           int               fd)
{
  MpdTreeEvent event = { .kind = kind, .pid = pid, .tid = tid, .fd = fd };

  g_array_append_val (events, event);
}

/* What changed from @before to @after, for one process that both have (or @before NULL). */
static void
diff_process (GArray               *events,
              const MpdProcessInfo *before,
              const MpdProcessInfo *after)
{
  static const MpdProcessInfo nothing = { 0 };
  g_autoptr(GArray) no_threads = g_array_new (FALSE, FALSE, sizeof (MpdThreadInfo));
  g_autoptr(GArray) no_ends = g_array_new (FALSE, FALSE, sizeof (MpdChannelEnd));
  MpdProcessInfo empty = nothing;

  empty.threads = no_threads;
  empty.ends = no_ends;
  if (before == NULL)
    {
      add_event (events, MPD_TREE_EVENT_STARTED, after->pid, 0, -1);
      before = &empty;
    }
  else if (before->state != after->state)
    {
      MpdTreeEvent event = { MPD_TREE_EVENT_STATE_CHANGED, after->pid, 0, -1,
                             before->state, after->state };

      g_array_append_val (events, event);
    }

  for (guint i = 0; i < after->threads->len; i++)
    {
      int tid = g_array_index (after->threads, MpdThreadInfo, i).tid;

      if (tid != after->pid && !has_thread (before, tid))
        add_event (events, MPD_TREE_EVENT_THREAD_STARTED, after->pid, tid, -1);
    }
  for (guint i = 0; i < before->threads->len; i++)
    {
      int tid = g_array_index (before->threads, MpdThreadInfo, i).tid;

      if (tid != before->pid && !has_thread (after, tid))
        add_event (events, MPD_TREE_EVENT_THREAD_ENDED, after->pid, tid, -1);
    }
  for (guint i = 0; i < after->ends->len; i++)
    {
      const MpdChannelEnd *end = &g_array_index (after->ends, MpdChannelEnd, i);

      if (!has_end (before, end))
        add_event (events, MPD_TREE_EVENT_FD_OPENED, after->pid, 0, end->fd);
    }
  for (guint i = 0; i < before->ends->len; i++)
    {
      const MpdChannelEnd *end = &g_array_index (before->ends, MpdChannelEnd, i);

      if (!has_end (after, end))
        add_event (events, MPD_TREE_EVENT_FD_CLOSED, after->pid, 0, end->fd);
    }
}

/**
 * mpd_process_tree_sample:
 * @self: a tree
 *
 * Reads /proc again for the root process and all its descendants.
 *
 * Returns: (transfer full) (element-type MpdTreeEvent): what changed since the last sample,
 *   parents before their children; processes that ended come last
 */
GArray *
mpd_process_tree_sample (MpdProcessTree *self)
{
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GArray) found = NULL;
  GArray *events = g_array_new (FALSE, TRUE, sizeof (MpdTreeEvent));
  MpdProcStat root;

  g_return_val_if_fail (MPD_IS_PROCESS_TREE (self), events);
  g_return_val_if_fail (!self->frozen, events);

  before = g_steal_pointer (&self->processes);
  self->processes = g_ptr_array_new_with_free_func (process_info_free);

  found = mpd_proc_list_descendants (self->root_pid);
  if (mpd_proc_read_stat (self->root_pid, &root))
    g_ptr_array_add (self->processes, read_process (&root, find_stat_in (before, &root)));
  for (guint i = 0; i < found->len; i++)
    g_ptr_array_add (self->processes,
                     read_process (&g_array_index (found, MpdProcStat, i),
                                   find_stat_in (before, &g_array_index (found, MpdProcStat, i))));

  for (guint i = 0; i < self->processes->len; i++)
    {
      const MpdProcessInfo *after = g_ptr_array_index (self->processes, i);

      diff_process (events, find_in (before, after), after);
    }
  for (guint i = 0; i < before->len; i++)
    {
      const MpdProcessInfo *gone = g_ptr_array_index (before, i);

      if (find_in (self->processes, gone) == NULL)
        add_event (events, MPD_TREE_EVENT_ENDED, gone->pid, 0, -1);
    }

  mpd_process_tree_join (self);
  return events;
}

/**
 * mpd_process_tree_snapshot:
 * @self: a tree
 *
 * The tree as its last sample saw it, kept: the timeline plays a run back with these. A
 * snapshot shares the sample's arrays, which no sample changes, so it costs a reference each.
 *
 * Returns: (transfer full): a tree that cannot be sampled, and stays as it is
 */
MpdProcessTree *
mpd_process_tree_snapshot (MpdProcessTree *self)
{
  MpdProcessTree *snapshot;

  g_return_val_if_fail (MPD_IS_PROCESS_TREE (self), NULL);

  snapshot = g_object_new (MPD_TYPE_PROCESS_TREE, NULL);
  snapshot->root_pid = self->root_pid;
  snapshot->frozen = TRUE;
  g_ptr_array_unref (snapshot->processes);
  g_ptr_array_unref (snapshot->channels);
  g_ptr_array_unref (snapshot->blocks);
  snapshot->processes = g_ptr_array_ref (self->processes);
  snapshot->channels = g_ptr_array_ref (self->channels);
  snapshot->blocks = g_ptr_array_ref (self->blocks);
  return snapshot;
}

static GArray *
copy_array (GArray *array)
{
  GArray *copy = g_array_sized_new (FALSE, FALSE, g_array_get_element_size (array), array->len);

  g_array_append_vals (copy, array->data, array->len);
  return copy;
}

/**
 * mpd_process_tree_copy:
 * @self: a tree
 *
 * The tree as its last sample saw it, kept, as mpd_process_tree_snapshot(), but with nothing
 * shared: for another thread than the one that samples @self (the runner samples in a
 * worker thread and hands a copy to the main loop), which then frees only what is its own.
 *
 * Returns: (transfer full): a tree that cannot be sampled, and stays as it is
 */
MpdProcessTree *
mpd_process_tree_copy (MpdProcessTree *self)
{
  MpdProcessTree *copy;

  g_return_val_if_fail (MPD_IS_PROCESS_TREE (self), NULL);

  copy = g_object_new (MPD_TYPE_PROCESS_TREE, NULL);
  copy->root_pid = self->root_pid;
  copy->frozen = TRUE;
  for (guint i = 0; i < self->processes->len; i++)
    {
      const MpdProcessInfo *info = g_ptr_array_index (self->processes, i);
      MpdProcessInfo *same = g_memdup2 (info, sizeof *info);

      same->command_line = g_strdup (info->command_line);
      same->threads = copy_array (info->threads);
      same->ends = copy_array (info->ends);
      same->shared = copy_array (info->shared);
      g_ptr_array_add (copy->processes, same);
    }
  for (guint i = 0; i < self->channels->len; i++)
    {
      const MpdChannel *channel = g_ptr_array_index (self->channels, i);
      MpdChannel *same = g_memdup2 (channel, sizeof *channel);

      same->readers = copy_array (channel->readers);
      same->writers = copy_array (channel->writers);
      g_ptr_array_add (copy->channels, same);
    }
  for (guint i = 0; i < self->blocks->len; i++)
    {
      const MpdSharedBlock *block = g_ptr_array_index (self->blocks, i);
      MpdSharedBlock *same = g_memdup2 (block, sizeof *block);

      same->pids = copy_array (block->pids);
      g_ptr_array_add (copy->blocks, same);
    }
  return copy;
}

/**
 * mpd_process_tree_get_processes:
 * @self: a tree
 *
 * Returns: (transfer none) (element-type MpdProcessInfo): the processes of the last sample,
 *   the root first, parents before their children
 */
GPtrArray *
mpd_process_tree_get_processes (MpdProcessTree *self)
{
  g_return_val_if_fail (MPD_IS_PROCESS_TREE (self), NULL);

  return self->processes;
}

/**
 * mpd_process_tree_find:
 * @self: a tree
 * @pid: a process id
 *
 * Returns: (nullable): what the last sample saw of @pid, or %NULL
 */
const MpdProcessInfo *
mpd_process_tree_find (MpdProcessTree *self,
                       int             pid)
{
  g_return_val_if_fail (MPD_IS_PROCESS_TREE (self), NULL);

  for (guint i = 0; i < self->processes->len; i++)
    {
      const MpdProcessInfo *info = g_ptr_array_index (self->processes, i);

      if (info->pid == pid)
        return info;
    }
  return NULL;
}

/**
 * mpd_process_tree_get_channels:
 * @self: a tree
 *
 * Returns: (transfer none) (element-type MpdChannel): the pipes and sockets that the processes
 *   hold, each with who can read it and who can write it. An end that a process holds but
 *   does not use counts: that is how a pipe stays open after its last real writer is gone.
 */
GPtrArray *
mpd_process_tree_get_channels (MpdProcessTree *self)
{
  g_return_val_if_fail (MPD_IS_PROCESS_TREE (self), NULL);

  return self->channels;
}

/**
 * mpd_process_tree_get_shared_blocks:
 * @self: a tree
 *
 * Returns: (transfer none) (element-type MpdSharedBlock): the blocks of MAP_SHARED memory, and
 *   the processes that map each one
 */
GPtrArray *
mpd_process_tree_get_shared_blocks (MpdProcessTree *self)
{
  g_return_val_if_fail (MPD_IS_PROCESS_TREE (self), NULL);

  return self->blocks;
}
