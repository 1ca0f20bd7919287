/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mpd-color-scheme.c: follow the system's light or dark style. */

/*
 * GTK 4 draws dark when GtkSettings:gtk-application-prefer-dark-theme is TRUE, but before
 * GTK 4.20 it does not read the system's choice by itself (libadwaita does, and MpDemo does
 * not use libadwaita). The choice is published by the desktop portal, which also answers
 * inside a Flatpak sandbox: the setting "color-scheme" of the namespace
 * "org.freedesktop.appearance", 0 for no preference, 1 for dark, 2 for light. This object
 * reads it once, follows the portal's SettingChanged signal, and sets GtkSettings to match.
 * Without a portal, the app keeps the theme's own style.
 */

#define G_LOG_DOMAIN "mpd-color-scheme"

#include "config.h"

#include "mpd-color-scheme.h"

#define PORTAL_NAME      "org.freedesktop.portal.Desktop"
#define PORTAL_PATH      "/org/freedesktop/portal/desktop"
#define PORTAL_SETTINGS  "org.freedesktop.portal.Settings"
#define APPEARANCE       "org.freedesktop.appearance"
#define COLOR_SCHEME     "color-scheme"

enum {
  COLOR_SCHEME_DEFAULT = 0,
  COLOR_SCHEME_PREFER_DARK = 1,
  COLOR_SCHEME_PREFER_LIGHT = 2,
};

struct _MpdColorScheme
{
  GObject          parent_instance;

  GtkSettings     *settings;
  GDBusConnection *bus;
  GCancellable    *cancellable;
  guint            changed_id;
  gboolean         prefer_dark;
};

enum {
  PROP_0,
  PROP_PREFER_DARK,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (MpdColorScheme, mpd_color_scheme, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];

static void
mpd_color_scheme_apply (MpdColorScheme *self,
                        GVariant       *value)
{
  g_autoptr(GVariant) scheme = g_variant_ref (value);
  gboolean prefer_dark;

  /* Read() wraps the value in one more variant than ReadOne() does. */
  while (g_variant_is_of_type (scheme, G_VARIANT_TYPE_VARIANT))
    {
      GVariant *inner = g_variant_get_variant (scheme);

      g_variant_unref (scheme);
      scheme = inner;
    }

  if (!g_variant_is_of_type (scheme, G_VARIANT_TYPE_UINT32))
    return;

  prefer_dark = g_variant_get_uint32 (scheme) == COLOR_SCHEME_PREFER_DARK;
  g_debug ("The system's colour scheme is %u", g_variant_get_uint32 (scheme));

  g_object_set (self->settings, "gtk-application-prefer-dark-theme", prefer_dark, NULL);
  if (prefer_dark != self->prefer_dark)
    {
      self->prefer_dark = prefer_dark;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PREFER_DARK]);
    }
}

static void
mpd_color_scheme_changed_cb (GDBusConnection *bus,
                             const char      *sender,
                             const char      *path,
                             const char      *interface,
                             const char      *signal,
                             GVariant        *parameters,
                             gpointer         user_data)
{
  MpdColorScheme *self = MPD_COLOR_SCHEME (user_data);
  const char *namespace;
  const char *key;
  g_autoptr(GVariant) value = NULL;

  if (!g_variant_is_of_type (parameters, G_VARIANT_TYPE ("(ssv)")))
    return;

  g_variant_get (parameters, "(&s&sv)", &namespace, &key, &value);
  if (g_str_equal (namespace, APPEARANCE) && g_str_equal (key, COLOR_SCHEME))
    mpd_color_scheme_apply (self, value);
}

static void
mpd_color_scheme_read_cb (GObject      *source,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  g_autoptr(MpdColorScheme) self = user_data;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GVariant) value = NULL;
  g_autoptr(GError) error = NULL;

  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result, &error);
  if (reply == NULL)
    {
      /* No portal, or none that knows this setting: keep the theme's own style. */
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("Could not read the colour scheme from the portal: %s", error->message);
      return;
    }

  g_variant_get (reply, "(v)", &value);
  mpd_color_scheme_apply (self, value);
}

static void
mpd_color_scheme_dispose (GObject *object)
{
  MpdColorScheme *self = MPD_COLOR_SCHEME (object);

  g_cancellable_cancel (self->cancellable);
  if (self->changed_id != 0)
    g_dbus_connection_signal_unsubscribe (self->bus, self->changed_id);
  self->changed_id = 0;
  g_clear_object (&self->bus);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (mpd_color_scheme_parent_class)->dispose (object);
}

static void
mpd_color_scheme_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  MpdColorScheme *self = MPD_COLOR_SCHEME (object);

  switch (prop_id)
    {
    case PROP_PREFER_DARK:
      g_value_set_boolean (value, self->prefer_dark);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mpd_color_scheme_class_init (MpdColorSchemeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mpd_color_scheme_dispose;
  object_class->get_property = mpd_color_scheme_get_property;

  /* Whether the system asks for the dark style. */
  properties[PROP_PREFER_DARK] =
    g_param_spec_boolean ("prefer-dark", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mpd_color_scheme_init (MpdColorScheme *self)
{
  self->cancellable = g_cancellable_new ();
}

/**
 * mpd_color_scheme_new:
 * @settings: the GTK settings to keep in step with the system's style
 *
 * Returns: (transfer full): an object that follows the system's style while it lives
 */
MpdColorScheme *
mpd_color_scheme_new (GtkSettings *settings)
{
  MpdColorScheme *self;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (GTK_IS_SETTINGS (settings), NULL);

  self = g_object_new (MPD_TYPE_COLOR_SCHEME, NULL);
  self->settings = g_object_ref (settings);

  self->bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  if (self->bus == NULL)
    {
      g_debug ("No session bus, so no colour scheme: %s", error->message);
      return self;
    }

  self->changed_id = g_dbus_connection_signal_subscribe (self->bus, PORTAL_NAME,
                                                         PORTAL_SETTINGS, "SettingChanged",
                                                         PORTAL_PATH, APPEARANCE,
                                                         G_DBUS_SIGNAL_FLAGS_NONE,
                                                         mpd_color_scheme_changed_cb,
                                                         self, NULL);

  /* Read(), which every version of the portal has; ReadOne() came in version 2. */
  g_dbus_connection_call (self->bus, PORTAL_NAME, PORTAL_PATH, PORTAL_SETTINGS, "Read",
                          g_variant_new ("(ss)", APPEARANCE, COLOR_SCHEME),
                          G_VARIANT_TYPE ("(v)"), G_DBUS_CALL_FLAGS_NONE, -1,
                          self->cancellable, mpd_color_scheme_read_cb, g_object_ref (self));

  return self;
}

/**
 * mpd_color_scheme_get_prefer_dark:
 * @self: a colour scheme
 *
 * Returns: whether the system asks for the dark style
 */
gboolean
mpd_color_scheme_get_prefer_dark (MpdColorScheme *self)
{
  g_return_val_if_fail (MPD_IS_COLOR_SCHEME (self), FALSE);

  return self->prefer_dark;
}
