/* rw-json-writer.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * json-glib's generator prints doubles with 17 significant digits (0.92 becomes
 * 0.92000000000000004). Reports promise unrounded numbers that a person can read, so
 * this writer prints the shortest decimal that reads back as the same double.
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>

#include "rw-json-writer.h"
#include "rw-records.h"

struct _RwJsonWriter
{
  GString  *out;
  GArray   *first;       /* gboolean per open container: nothing written in it yet */
  gboolean  pretty;
  gboolean  after_key;
};

RwJsonWriter *
rw_json_writer_new (gboolean pretty)
{
  RwJsonWriter *self = g_new0 (RwJsonWriter, 1);

  self->out = g_string_new (NULL);
  self->first = g_array_new (FALSE, FALSE, sizeof (gboolean));
  self->pretty = pretty;
  return self;
}

void
rw_json_writer_free (RwJsonWriter *self)
{
  if (self == NULL)
    return;
  g_string_free (self->out, TRUE);
  g_array_unref (self->first);
  g_free (self);
}

/* Returns the document and frees the writer. */
char *
rw_json_writer_finish (RwJsonWriter *self)
{
  char *result;

  g_return_val_if_fail (self->first->len == 0, NULL);
  if (self->pretty)
    g_string_append_c (self->out, '\n');
  result = g_string_free (g_steal_pointer (&self->out), FALSE);
  g_array_unref (self->first);
  g_free (self);
  return result;
}

static void
newline (RwJsonWriter *self)
{
  if (!self->pretty)
    return;
  g_string_append_c (self->out, '\n');
  for (guint i = 0; i < self->first->len; i++)
    g_string_append (self->out, "  ");
}

/* Separator and indentation before a value or a key */
static void
before_item (RwJsonWriter *self)
{
  gboolean *first;

  if (self->after_key)
    {
      self->after_key = FALSE;
      return;
    }
  if (self->first->len == 0)
    return;
  first = &g_array_index (self->first, gboolean, self->first->len - 1);
  if (!*first)
    g_string_append_c (self->out, ',');
  *first = FALSE;
  newline (self);
}

static void
open_container (RwJsonWriter *self,
                char          c)
{
  gboolean first = TRUE;

  before_item (self);
  g_string_append_c (self->out, c);
  g_array_append_val (self->first, first);
}

static void
close_container (RwJsonWriter *self,
                 char          c)
{
  gboolean was_empty;

  g_return_if_fail (self->first->len > 0);
  was_empty = g_array_index (self->first, gboolean, self->first->len - 1);
  g_array_set_size (self->first, self->first->len - 1);
  if (!was_empty)
    newline (self);
  g_string_append_c (self->out, c);
}

void rw_json_writer_begin_object (RwJsonWriter *self) { open_container (self, '{'); }
void rw_json_writer_end_object (RwJsonWriter *self) { close_container (self, '}'); }
void rw_json_writer_begin_array (RwJsonWriter *self) { open_container (self, '['); }
void rw_json_writer_end_array (RwJsonWriter *self) { close_container (self, ']'); }

static void
append_escaped (GString    *out,
                const char *str)
{
  g_string_append_c (out, '"');
  for (const char *p = str; *p; p++)
    {
      guchar c = (guchar) *p;

      switch (c)
        {
        case '"': g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case '\t': g_string_append (out, "\\t"); break;
        default:
          if (c < 0x20 || c == 0x7f)
            g_string_append_printf (out, "\\u%04x", c);
          else
            g_string_append_c (out, (char) c);
        }
    }
  g_string_append_c (out, '"');
}

void
rw_json_writer_key (RwJsonWriter *self,
                    const char   *key)
{
  before_item (self);
  append_escaped (self->out, key);
  g_string_append (self->out, self->pretty ? ": " : ":");
  self->after_key = TRUE;
}

void
rw_json_writer_string (RwJsonWriter *self,
                       const char   *value)
{
  if (value == NULL)
    {
      rw_json_writer_null (self);
      return;
    }
  before_item (self);
  append_escaped (self->out, value);
}

/* The shortest decimal that parses back to exactly @value: plain notation for everyday
 * magnitudes ("350", "0.26", "187.20000000000002"), %g beyond them. */
char *
rw_format_shortest_double (double value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  double magnitude = fabs (value);

  if (value == 0)
    return g_strdup ("0");
  if (magnitude >= 1e-6 && magnitude < 1e15)
    {
      for (int decimals = 0; decimals <= 22; decimals++)
        {
          char format[8];

          g_snprintf (format, sizeof format, "%%.%df", decimals);
          g_ascii_formatd (buf, sizeof buf, format, value);
          if (g_ascii_strtod (buf, NULL) == value)
            return g_strdup (buf);
        }
    }
  for (int precision = 1; precision <= 17; precision++)
    {
      char format[8];

      g_snprintf (format, sizeof format, "%%.%dg", precision);
      g_ascii_formatd (buf, sizeof buf, format, value);
      if (g_ascii_strtod (buf, NULL) == value)
        break;
    }
  return g_strdup (buf);
}

void
rw_json_writer_number (RwJsonWriter *self,
                       double        value)
{
  g_autofree char *str = NULL;

  if (!isfinite (value))
    {
      rw_json_writer_null (self);
      return;
    }
  before_item (self);
  str = rw_format_shortest_double (value);
  g_string_append (self->out, str);
}

/* A number, or null when it is RW_UNKNOWN (any negative value) */
void
rw_json_writer_known (RwJsonWriter *self,
                      double        value)
{
  if (value < 0)
    rw_json_writer_null (self);
  else
    rw_json_writer_number (self, value);
}

void
rw_json_writer_int (RwJsonWriter *self,
                    gint64        value)
{
  before_item (self);
  g_string_append_printf (self->out, "%" G_GINT64_FORMAT, value);
}

void
rw_json_writer_boolean (RwJsonWriter *self,
                        gboolean      value)
{
  before_item (self);
  g_string_append (self->out, value ? "true" : "false");
}

void
rw_json_writer_null (RwJsonWriter *self)
{
  before_item (self);
  g_string_append (self->out, "null");
}

/* A member of an object: its key, then its value */
void
rw_json_writer_member_string (RwJsonWriter *self,
                              const char   *key,
                              const char   *value)
{
  rw_json_writer_key (self, key);
  rw_json_writer_string (self, value);
}

void
rw_json_writer_member_number (RwJsonWriter *self,
                              const char   *key,
                              double        value)
{
  rw_json_writer_key (self, key);
  rw_json_writer_number (self, value);
}

void
rw_json_writer_member_known (RwJsonWriter *self,
                             const char   *key,
                             double        value)
{
  rw_json_writer_key (self, key);
  rw_json_writer_known (self, value);
}

void
rw_json_writer_member_int (RwJsonWriter *self,
                           const char   *key,
                           gint64        value)
{
  rw_json_writer_key (self, key);
  rw_json_writer_int (self, value);
}
