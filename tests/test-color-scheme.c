/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-color-scheme.c: the window follows the system's dark style, as the desktop portal tells
 * it, on a real session bus (build-aux/dev.sh test runs the tests in dbus-run-session). */

#include "config.h"

#include <gtk/gtk.h>

#include "mpd-application.h"
#include "mpd-color-scheme.h"

/* A desktop portal of our own, on a connection of its own, as a separate process would be:
 * it answers Read() for the colour scheme, and can announce a change. */
typedef struct
{
  GDBusConnection *bus;
  guint            object_id;
  guint            name_id;
  gboolean         name_acquired;
  guint32          scheme;
  guint            n_reads;
} FakePortal;

static void
fake_portal_method_call (GDBusConnection       *bus,
                         const char            *sender,
                         const char            *path,
                         const char            *interface,
                         const char            *method,
                         GVariant              *parameters,
                         GDBusMethodInvocation *invocation,
                         gpointer               user_data)
{
  FakePortal *portal = user_data;
  const char *namespace;
  const char *key;

  g_variant_get (parameters, "(&s&s)", &namespace, &key);
  portal->n_reads++;

  if (g_str_equal (method, "Read") && g_str_equal (namespace, "org.freedesktop.appearance") &&
      g_str_equal (key, "color-scheme"))
    {
      /* As the real portal does: Read() wraps the value in a second variant. */
      g_dbus_method_invocation_return_value (invocation,
        g_variant_new ("(v)", g_variant_new_variant (g_variant_new_uint32 (portal->scheme))));
      return;
    }

  g_dbus_method_invocation_return_dbus_error (invocation,
                                              "org.freedesktop.portal.Error.NotFound",
                                              "Requested setting not found");
}

static const GDBusInterfaceVTable fake_portal_vtable = { fake_portal_method_call };

static void
fake_portal_name_acquired_cb (GDBusConnection *bus,
                              const char      *name,
                              gpointer         user_data)
{
  ((FakePortal *) user_data)->name_acquired = TRUE;
}

static void
fake_portal_start (FakePortal *portal,
                   guint32     scheme)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDBusNodeInfo) info = NULL;
  g_autofree char *address = g_dbus_address_get_for_bus_sync (G_BUS_TYPE_SESSION, NULL, &error);

  g_assert_no_error (error);
  portal->scheme = scheme;
  portal->bus = g_dbus_connection_new_for_address_sync (address,
                                                        G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
                                                        G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                                        NULL, NULL, &error);
  g_assert_no_error (error);

  info = g_dbus_node_info_new_for_xml (
    "<node><interface name='org.freedesktop.portal.Settings'>"
    "  <method name='Read'><arg type='s' direction='in'/><arg type='s' direction='in'/>"
    "    <arg type='v' direction='out'/></method>"
    "  <signal name='SettingChanged'><arg type='s'/><arg type='s'/><arg type='v'/></signal>"
    "</interface></node>", &error);
  g_assert_no_error (error);
  portal->object_id = g_dbus_connection_register_object (portal->bus,
                                                         "/org/freedesktop/portal/desktop",
                                                         info->interfaces[0],
                                                         &fake_portal_vtable, portal, NULL,
                                                         &error);
  g_assert_no_error (error);

  portal->name_id = g_bus_own_name_on_connection (portal->bus, "org.freedesktop.portal.Desktop",
                                                  G_BUS_NAME_OWNER_FLAGS_NONE,
                                                  fake_portal_name_acquired_cb, NULL,
                                                  portal, NULL);
  while (!portal->name_acquired)
    g_main_context_iteration (NULL, TRUE);
}

static void
fake_portal_change (FakePortal *portal,
                    guint32     scheme)
{
  g_autoptr(GError) error = NULL;

  portal->scheme = scheme;
  g_dbus_connection_emit_signal (portal->bus, NULL, "/org/freedesktop/portal/desktop",
                                 "org.freedesktop.portal.Settings", "SettingChanged",
                                 g_variant_new ("(ssv)", "org.freedesktop.appearance",
                                                "color-scheme", g_variant_new_uint32 (scheme)),
                                 &error);
  g_assert_no_error (error);
}

static void
fake_portal_stop (FakePortal *portal)
{
  g_bus_unown_name (portal->name_id);
  g_dbus_connection_unregister_object (portal->bus, portal->object_id);
  g_dbus_connection_close_sync (portal->bus, NULL, NULL);
  g_clear_object (&portal->bus);
}

static gboolean
prefers_dark (GtkSettings *settings)
{
  gboolean dark;

  g_object_get (settings, "gtk-application-prefer-dark-theme", &dark, NULL);
  return dark;
}

static void
wait_for_prefer_dark (MpdColorScheme *scheme,
                      GtkSettings    *settings,
                      gboolean        dark)
{
  while (mpd_color_scheme_get_prefer_dark (scheme) != dark)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (prefers_dark (settings), ==, dark);
}

/* The system prefers dark at start: GTK draws dark. Then light, then dark again, as the user
 * flips the switch in the desktop's settings. */
static void
test_follows_portal (void)
{
  GtkSettings *settings = gtk_settings_get_default ();
  g_autoptr(MpdColorScheme) scheme = NULL;
  FakePortal portal = { 0 };

  g_object_set (settings, "gtk-application-prefer-dark-theme", FALSE, NULL);
  fake_portal_start (&portal, 1);

  scheme = mpd_color_scheme_new (settings);
  wait_for_prefer_dark (scheme, settings, TRUE);
  g_assert_cmpuint (portal.n_reads, ==, 1);

  fake_portal_change (&portal, 2);
  wait_for_prefer_dark (scheme, settings, FALSE);

  fake_portal_change (&portal, 1);
  wait_for_prefer_dark (scheme, settings, TRUE);

  /* 0 is "no preference": the theme's own, light, style. */
  fake_portal_change (&portal, 0);
  wait_for_prefer_dark (scheme, settings, FALSE);

  fake_portal_stop (&portal);
}

/* Without a portal, the app keeps the theme's style, and says nothing. */
static void
test_no_portal (void)
{
  GtkSettings *settings = gtk_settings_get_default ();
  g_autoptr(MpdColorScheme) scheme = NULL;
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  g_autoptr(GVariant) reply = NULL;

  g_object_set (settings, "gtk-application-prefer-dark-theme", FALSE, NULL);
  scheme = mpd_color_scheme_new (settings);

  /* A round trip to the bus after the scheme's own call: its answer (an error) is in. */
  reply = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "GetId", NULL, NULL,
                                       G_DBUS_CALL_FLAGS_NONE, -1, NULL, NULL);
  g_assert_nonnull (reply);
  while (g_main_context_iteration (NULL, FALSE))
    ;

  g_assert_false (mpd_color_scheme_get_prefer_dark (scheme));
  g_assert_false (prefers_dark (settings));
}

int
main (int   argc,
      char *argv[])
{
  mpd_application_choose_renderer ();  /* as mpdemo does: no GL without a GPU */
  gtk_test_init (&argc, &argv, NULL);

  g_test_add_func ("/mpd/color-scheme/follows-portal", test_follows_portal);
  g_test_add_func ("/mpd/color-scheme/no-portal", test_no_portal);

  return g_test_run ();
}
