/* test-widget-common.h: helpers shared by the widget test programs (GTK, a display)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "test-common.h"

/* GTK and libadwaita for a widget test; FALSE (and a TAP skip line) when there is no display,
 * e.g. flatpak-builder's run-tests */
static inline gboolean
widget_test_init (int    *argc,
                  char ***argv)
{
  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_print ("1..0 # SKIP no display\n");
      return FALSE;
    }
  gtk_test_init (argc, argv, NULL);
  adw_init ();
  return TRUE;
}

/* Renders @widget as it is on screen to a PNG at @path, over @background when the widget
 * has none of its own (NULL: as it is) */
static inline void
save_widget_png (GtkWidget     *widget,
                 const GdkRGBA *background,
                 const char    *path)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));

  g_assert_cmpint (width, >, 0);
  g_assert_cmpint (height, >, 0);
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  if (background != NULL)
    {
      GtkSnapshot *framed = gtk_snapshot_new ();

      gtk_snapshot_append_color (framed, background, &GRAPHENE_RECT_INIT (0, 0, width, height));
      node = gtk_snapshot_free_to_node (snapshot);
      if (node)
        gtk_snapshot_append_node (framed, node);
      g_clear_pointer (&node, gsk_render_node_unref);
      snapshot = framed;
    }
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_true (gdk_texture_save_to_png (texture, path));
}
