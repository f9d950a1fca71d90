/* rw-feed.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Two adapters: the native rentwise-catalog/1 document, and SkyPilot's per-cloud vms.csv
 * (columns found by header name; Price is the whole instance on-demand, SpotPrice a separate
 * spot offer; GCP's accelerator-only rows, with no InstanceType, are GPU-only offers).
 * GPU names are mapped to ids through the base catalog's aliases; what cannot be mapped is
 * counted and listed. Like the catalog parser, everything here reads untrusted bytes.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "rw-feed.h"
#include "rw-format.h"
#include "rw-records-private.h"

#define MAX_FIELDS    64
#define MAX_FIELD_LEN 65536

G_DEFINE_QUARK (rw-feed-error-quark, rw_feed_error)

void
rw_feed_stats_init (RwFeedStats *stats)
{
  memset (stats, 0, sizeof *stats);
  stats->unmapped_names = g_ptr_array_new_with_free_func (g_free);
}

void
rw_feed_stats_clear (RwFeedStats *stats)
{
  g_clear_pointer (&stats->unmapped_names, g_ptr_array_unref);
}

static void
note_unmapped (RwFeedStats *stats,
               const char  *name)
{
  stats->unmapped++;
  for (guint i = 0; i < stats->unmapped_names->len; i++)
    if (g_str_equal (g_ptr_array_index (stats->unmapped_names, i), name))
      return;
  if (stats->unmapped_names->len < 256)
    g_ptr_array_add (stats->unmapped_names, g_strdup (name));
}

/* SkyPilot cloud directory → provider id, name, kind */
static const struct {
  const char *cloud;
  const char *id;
  const char *name;
  const char *kind;
} clouds[] = {
  { "aws", "aws", "AWS", "hyperscaler" },
  { "gcp", "gcp", "Google Cloud", "hyperscaler" },
  { "azure", "azure", "Microsoft Azure", "hyperscaler" },
  { "oci", "oci", "Oracle Cloud", "hyperscaler" },
  { "lambda", "lambda", "Lambda", "cloud" },
  { "runpod", "runpod", "RunPod", "cloud" },
  { "vast", "vast-ai", "Vast.ai", "marketplace" },
  { "cudo", "cudo", "Cudo Compute", "cloud" },
  { "fluidstack", "fluidstack", "Fluidstack", "cloud" },
  { "hyperstack", "hyperstack", "Hyperstack", "cloud" },
  { "hyperbolic", "hyperbolic", "Hyperbolic", "cloud" },
  { "jarvislabs", "jarvis-labs", "Jarvis Labs", "cloud" },
  { "lium", "lium", "Lium", "marketplace" },
  { "mithril", "mithril", "Mithril", "marketplace" },
  { "nebius", "nebius", "Nebius", "cloud" },
  { "primeintellect", "prime-intellect", "Prime Intellect", "aggregator" },
  { "seeweb", "seeweb", "Seeweb", "cloud" },
  { "shadeform", "shadeform", "Shadeform", "aggregator" },
  { "verda", "verda", "Verda", "cloud" },
  { "yotta", "yotta", "Yotta", "cloud" },
  { "paperspace", "paperspace", "Paperspace", "cloud" },
  { "do", "digitalocean", "DigitalOcean", "cloud" },
};

/**
 * rw_feed_provider_for_url:
 *
 * The provider a SkyPilot feed speaks for: the directory that holds `vms.csv`
 * (…/catalogs/v8/lambda/vms.csv → "lambda", …/vast/vms.csv → "vast-ai").
 *
 * Returns: (transfer full) (nullable): a provider id, NULL when the URL names none
 */
char *
rw_feed_provider_for_url (const char *url)
{
  g_autoptr(GUri) uri = url ? g_uri_parse (url, G_URI_FLAGS_NONE, NULL) : NULL;
  g_auto(GStrv) parts = NULL;
  guint n;
  const char *dir;

  if (uri == NULL)
    return NULL;
  parts = g_strsplit (g_uri_get_path (uri), "/", -1);
  n = g_strv_length (parts);
  if (n < 2)
    return NULL;
  dir = parts[n - 2];
  for (guint i = 0; i < G_N_ELEMENTS (clouds); i++)
    if (g_ascii_strcasecmp (dir, clouds[i].cloud) == 0)
      return g_strdup (clouds[i].id);
  if (dir[0] == '\0')
    return NULL;
  for (const char *p = dir; *p; p++)
    if (!g_ascii_isalnum (*p) && *p != '-' && *p != '_')
      return NULL;
  return g_ascii_strdown (dir, -1);
}

static RwProvider *
provider_for (RwCatalog  *base,
              const char *id)
{
  RwProvider *known = base ? rw_catalog_lookup_provider (base, id) : NULL;

  if (known != NULL)
    return g_object_ref (known);
  for (guint i = 0; i < G_N_ELEMENTS (clouds); i++)
    if (g_str_equal (clouds[i].id, id))
      return _rw_provider_new (id, clouds[i].name, clouds[i].kind, NULL);
  return _rw_provider_new (id, id, "cloud", NULL);
}

/* ------------------------------------------------------------------ CSV */

typedef struct {
  const char *p;
  const char *end;
  gboolean    bad_quote;
} CsvReader;

/* Reads one record into @fields (RFC 4180: quotes, doubled quotes, newlines in quotes).
 * Returns FALSE at the end of the data. */
static gboolean
csv_next_record (CsvReader *reader,
                 GPtrArray *fields)
{
  g_autoptr(GString) field = g_string_new (NULL);

  g_ptr_array_set_size (fields, 0);
  if (reader->p >= reader->end)
    return FALSE;

  for (;;)
    {
      gboolean quoted = FALSE;

      g_string_truncate (field, 0);
      if (reader->p < reader->end && *reader->p == '"')
        {
          quoted = TRUE;
          reader->p++;
          for (;;)
            {
              if (reader->p >= reader->end)
                {
                  reader->bad_quote = TRUE;
                  break;
                }
              if (*reader->p == '"')
                {
                  if (reader->p + 1 < reader->end && reader->p[1] == '"')
                    {
                      if (field->len < MAX_FIELD_LEN)
                        g_string_append_c (field, '"');
                      reader->p += 2;
                      continue;
                    }
                  reader->p++;
                  break;
                }
              if (field->len < MAX_FIELD_LEN)
                g_string_append_c (field, *reader->p);
              reader->p++;
            }
        }
      while (reader->p < reader->end && *reader->p != ',' && *reader->p != '\n' &&
             *reader->p != '\r')
        {
          if (!quoted && field->len < MAX_FIELD_LEN)
            g_string_append_c (field, *reader->p);
          reader->p++;
        }
      if (fields->len < MAX_FIELDS)
        g_ptr_array_add (fields, g_strdup (field->str));

      if (reader->p >= reader->end)
        return TRUE;
      if (*reader->p == ',')
        {
          reader->p++;
          continue;
        }
      /* end of record: \n, \r\n or \r */
      if (*reader->p == '\r')
        reader->p++;
      if (reader->p < reader->end && *reader->p == '\n')
        reader->p++;
      return TRUE;
    }
}

static int
column (GPtrArray  *header,
        const char *name)
{
  for (guint i = 0; i < header->len; i++)
    if (g_ascii_strcasecmp (g_strstrip ((char *) g_ptr_array_index (header, i)), name) == 0)
      return (int) i;
  return -1;
}

static const char *
field_at (GPtrArray *fields,
          int        index)
{
  return index >= 0 && (guint) index < fields->len ? g_ptr_array_index (fields, index) : "";
}

/* -------------------------------------------------------------- numbers */

/**
 * rw_parse_decimal:
 * @str: a field, possibly with spaces around it
 * @value: (out): the number
 *
 * The only number grammar feeds may use: an optional sign, decimal digits with at most one
 * point, and an optional exponent (`[+-]?(D+(.D*)?|.D+)([eE][+-]?D+)?`). Everything
 * strtod () would also take — hex floats ("0x1.8p+2"), "inf", "nan", locale commas ("4,29"),
 * thousands separators ("1,299.00") — is refused, and so is a result that is not finite.
 *
 * Returns: %TRUE when @str is such a number
 */
gboolean
rw_parse_decimal (const char *str,
                  double     *value)
{
  const char *p = str, *start, *end_space;
  g_autofree char *copy = NULL;
  gboolean digits = FALSE;

  while (g_ascii_isspace (*p))
    p++;
  start = p;
  if (*p == '+' || *p == '-')
    p++;
  while (g_ascii_isdigit (*p))
    p++, digits = TRUE;
  if (*p == '.')
    {
      p++;
      while (g_ascii_isdigit (*p))
        p++, digits = TRUE;
    }
  if (!digits)
    return FALSE;
  if (*p == 'e' || *p == 'E')
    {
      gboolean exp_digits = FALSE;

      p++;
      if (*p == '+' || *p == '-')
        p++;
      while (g_ascii_isdigit (*p))
        p++, exp_digits = TRUE;
      if (!exp_digits)
        return FALSE;
    }
  end_space = p;
  while (g_ascii_isspace (*p))
    p++;
  if (*p != '\0')
    return FALSE;
  copy = g_strndup (start, end_space - start);
  *value = g_ascii_strtod (copy, NULL);
  return isfinite (*value);
}

typedef enum {
  NUM_EMPTY,
  NUM_OK,
  NUM_BAD,
} NumState;

/* A CSV field: empty, a finite number in [0, 1e9], or bad */
static NumState
number (const char *str,
        double     *value)
{
  const char *p = str;

  *value = -1;
  while (g_ascii_isspace (*p))
    p++;
  if (*p == '\0')
    return NUM_EMPTY;
  if (!rw_parse_decimal (p, value) || *value < 0 || *value > 1e9)
    {
      *value = -1;
      return NUM_BAD;
    }
  return NUM_OK;
}

/* GpuInfo's per-GPU memory as written, from "SizeInMiB": N (0 when absent or unreadable).
 * Its units are not trusted: rw_gpu_identity_match () reads it as MiB, as GB (Shadeform
 * writes GB there) and divided by the count (Prime Intellect, Verda and some Vast rows
 * write the memory of all the instance's GPUs). */
static double
gpuinfo_memory (const char *gpuinfo)
{
  const char *p = strstr (gpuinfo, "SizeInMiB");
  const char *start;
  g_autofree char *digits = NULL;
  double mib;

  if (p == NULL)
    return 0;
  p += strlen ("SizeInMiB");
  while (*p && !g_ascii_isdigit (*p))
    {
      if (*p != '"' && *p != '\'' && *p != ':' && !g_ascii_isspace (*p))
        return 0;
      p++;
    }
  start = p;
  while (g_ascii_isdigit (*p) || *p == '.')
    p++;
  digits = g_strndup (start, p - start);
  /* no GPU has a petabyte: anything near that is noise */
  if (!rw_parse_decimal (digits, &mib) || mib <= 0 || mib > 1e9)
    return 0;
  return mib;
}

/* ----------------------------------------------------------- GPU identity */

typedef enum {
  FF_NONE,
  FF_SXM,
  FF_PCIE,
  FF_NVL,
} FormFactor;

/* Words that say nothing about which card it is: vendor and brand words, "Generation",
 * "(graphics mode)", the memory technology, the board ("HGX"). "NVLink" is a bridge that
 * both SXM and PCIe cards have, so it is dropped from the family but not evidence. */
static const char * const decoration[] = {
  "nvidia", "amd", "geforce", "tesla", "quadro", "instinct", "generation", "graphics", "mode",
  "hgx",
};

static gboolean
is_decoration (const char *token)
{
  for (guint i = 0; i < G_N_ELEMENTS (decoration); i++)
    if (g_str_equal (token, decoration[i]))
      return TRUE;
  return FALSE;
}

static FormFactor
form_factor_of_token (const char *token)
{
  if (g_str_has_prefix (token, "sxm"))
    return FF_SXM;
  if (g_str_equal (token, "pcie") || g_str_equal (token, "pci"))
    return FF_PCIE;
  if (g_str_equal (token, "nvl"))
    return FF_NVL;
  return FF_NONE;
}

static gboolean
is_memory_unit (const char *token)
{
  return g_str_equal (token, "gb") || g_str_equal (token, "g") || g_str_equal (token, "gib");
}

/* Lower-case ASCII tokens: split at anything not a letter or digit and between letters and
 * digits ("RTX_4070S_Ti" → rtx 4070 s ti, "H100-80G-SXM5" → h 100 80 g sxm5). A token that
 * begins a word (after a separator) is marked with a leading '^' (so "A10G" is not 10 GB). */
static GPtrArray *
tokenize (const char *name)
{
  GPtrArray *tokens = g_ptr_array_new_with_free_func (g_free);
  GString *token = g_string_new (NULL);
  gboolean word_start = TRUE, token_word_start = TRUE;

  for (const char *p = name ? name : ""; ; p++)
    {
      char c = *p;
      gboolean alnum = c != '\0' && g_ascii_isalnum (c);
      const char *last = token->len ? token->str + (token->str[0] == '^') : NULL;

      if (last != NULL && last[0] != '\0' &&
          (!alnum ||
           (g_ascii_isdigit (c) != 0) != (g_ascii_isdigit (last[strlen (last) - 1]) != 0)))
        {
          /* "sxm5": the form factor and its generation stay one token */
          if (!(alnum && g_ascii_isdigit (c) && g_str_equal (last, "sxm")))
            {
              g_ptr_array_add (tokens, g_strdup (token->str));
              g_string_truncate (token, 0);
            }
        }
      if (c == '\0')
        break;
      if (!alnum)
        {
          word_start = TRUE;
          continue;
        }
      if (token->len == 0)
        {
          token_word_start = word_start;
          if (token_word_start)
            g_string_append_c (token, '^');
        }
      word_start = FALSE;
      g_string_append_c (token, g_ascii_tolower (c));
    }
  g_string_free (token, TRUE);
  return tokens;
}

typedef struct {
  char       *exact;     /* decoration dropped, memory and form factor kept */
  char       *family;    /* also without memory, form factor and "nvlink" */
  double      name_gb;   /* the first size in the name ("80GB"), 0 when none */
  FormFactor  ff;
} NameKey;

static void
name_key_clear (NameKey *key)
{
  g_free (key->exact);
  g_free (key->family);
}

static void
name_key_init (NameKey    *key,
               const char *name)
{
  g_autoptr(GPtrArray) tokens = tokenize (name);
  GString *exact = g_string_new (NULL);
  GString *family = g_string_new (NULL);

  key->name_gb = 0;
  key->ff = FF_NONE;
  for (guint i = 0; i < tokens->len; i++)
    {
      const char *raw = tokens->pdata[i];
      const char *t = raw + (raw[0] == '^');
      const char *next = i + 1 < tokens->len ? tokens->pdata[i + 1] : NULL;
      FormFactor ff;

      if (next != NULL && next[0] == '^')
        next++;
      /* memory technology: "HBM3", "HBM3e", "GDDR6X" (split as hbm 3 e) */
      if (g_str_equal (t, "hbm") || g_str_equal (t, "gddr"))
        {
          while (i + 1 < tokens->len && ((char *) tokens->pdata[i + 1])[0] != '^' &&
                 (g_ascii_isdigit (((char *) tokens->pdata[i + 1])[0]) ||
                  strlen (tokens->pdata[i + 1]) == 1))
            i++;
          continue;
        }
      if (is_decoration (t))
        continue;
      if (raw[0] == '^' && g_ascii_isdigit (t[0]) && next != NULL && is_memory_unit (next))
        {
          if (key->name_gb == 0)
            key->name_gb = g_ascii_strtod (t, NULL);
          g_string_append_printf (exact, "%s%s gb", exact->len ? " " : "", t);
          i++;
          continue;
        }
      g_string_append_printf (exact, "%s%s", exact->len ? " " : "", t);
      ff = form_factor_of_token (t);
      if (ff != FF_NONE)
        {
          key->ff = ff;
          continue;
        }
      if (g_str_equal (t, "nvlink"))
        continue;
      g_string_append_printf (family, "%s%s", family->len ? " " : "", t);
    }
  key->exact = g_string_free (exact, FALSE);
  key->family = g_string_free (family, FALSE);
}

/**
 * rw_gpu_name_key:
 * @name: an accelerator name as a feed writes it
 *
 * The name with its decoration dropped (vendor and brand words, "Generation", "(graphics
 * mode)", memory technology, "HGX"), lower case, one space between tokens, and letters
 * split from digits: "NVIDIA RTX 6000 Ada Generation" → "rtx 6000 ada",
 * "4x-RTX_4070S_Ti" → "4 x rtx 4070 s ti". Suffixes that make another card ("S", "Ti",
 * "Super", "D", "Laptop") are kept, so they never meet the card without them.
 *
 * Returns: (transfer full): the key
 */
char *
rw_gpu_name_key (const char *name)
{
  NameKey key;
  char *exact;

  name_key_init (&key, name);
  exact = g_steal_pointer (&key.exact);
  name_key_clear (&key);
  return exact;
}

struct _RwGpuIdentity {
  GHashTable *exact;    /* exact key → RwGpu (borrowed; the first GPU to claim it) */
  GHashTable *family;   /* family key → GPtrArray of RwGpu */
  GHashTable *ff;       /* RwGpu → FormFactor + 1 */
  RwCatalog  *base;
};

static FormFactor
gpu_form_factor (RwGpu *gpu)
{
  const char *interconnect = rw_gpu_get_interconnect (gpu);
  NameKey key;
  FormFactor ff;

  if (interconnect != NULL)
    {
      if (g_ascii_strcasecmp (interconnect, "SXM") == 0)
        return FF_SXM;
      if (g_ascii_strcasecmp (interconnect, "PCIe") == 0)
        return FF_PCIE;
      if (g_ascii_strcasecmp (interconnect, "NVL") == 0)
        return FF_NVL;
    }
  name_key_init (&key, rw_gpu_get_id (gpu));
  ff = key.ff;
  name_key_clear (&key);
  if (ff == FF_NONE)
    {
      name_key_init (&key, rw_gpu_get_name (gpu));
      ff = key.ff;
      name_key_clear (&key);
    }
  return ff;
}

static void
identity_add (RwGpuIdentity *self,
              const char    *name,
              RwGpu         *gpu)
{
  NameKey key;
  GPtrArray *members;

  name_key_init (&key, name);
  if (key.exact[0] != '\0' && !g_hash_table_contains (self->exact, key.exact))
    g_hash_table_insert (self->exact, g_strdup (key.exact), gpu);
  if (key.family[0] != '\0')
    {
      members = g_hash_table_lookup (self->family, key.family);
      if (members == NULL)
        {
          members = g_ptr_array_new ();
          g_hash_table_insert (self->family, g_strdup (key.family), members);
        }
      if (!g_ptr_array_find (members, gpu, NULL))
        g_ptr_array_add (members, gpu);
    }
  name_key_clear (&key);
}

/**
 * rw_gpu_identity_new:
 * @base: the catalog whose GPUs (ids, names, aliases, vram_gb, interconnect) names map to
 *
 * Returns: (transfer full): a matcher that holds a reference to @base
 */
RwGpuIdentity *
rw_gpu_identity_new (RwCatalog *base)
{
  RwGpuIdentity *self = g_new0 (RwGpuIdentity, 1);
  GListModel *gpus = rw_catalog_get_gpus (base);

  self->base = g_object_ref (base);
  self->exact = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->family = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                        (GDestroyNotify) g_ptr_array_unref);
  self->ff = g_hash_table_new (NULL, NULL);
  for (guint i = 0, n = g_list_model_get_n_items (gpus); i < n; i++)
    {
      g_autoptr(RwGpu) gpu = g_list_model_get_item (gpus, i);
      const char * const *aliases = rw_gpu_get_aliases (gpu);

      identity_add (self, rw_gpu_get_id (gpu), gpu);
      identity_add (self, rw_gpu_get_name (gpu), gpu);
      for (guint a = 0; aliases != NULL && aliases[a] != NULL; a++)
        identity_add (self, aliases[a], gpu);
      g_hash_table_insert (self->ff, gpu, GUINT_TO_POINTER (gpu_form_factor (gpu) + 1));
    }
  return self;
}

void
rw_gpu_identity_free (RwGpuIdentity *self)
{
  if (self == NULL)
    return;
  g_hash_table_unref (self->exact);
  g_hash_table_unref (self->family);
  g_hash_table_unref (self->ff);
  g_object_unref (self->base);
  g_free (self);
}

static gboolean
memory_fits (RwGpu  *gpu,
             double  gb)
{
  double vram = rw_gpu_get_vram_gb (gpu);

  return vram > 0 && fabs (gb - vram) <= RW_GPU_MEMORY_TOLERANCE * vram;
}

/**
 * rw_gpu_identity_match:
 * @name: the accelerator name ("H100", "NVIDIA H100 80GB HBM3", "A40 (graphics mode)")
 * @instance: (nullable): the instance name, for a form factor ("…H100_NVL…", "…_pcie")
 * @memory_mib: the reported memory per GPU (GpuInfo SizeInMiB, or a memory column), 0
 *   when unknown; read as MiB, as GB when below 1024 (Shadeform), and divided by @count
 *   when the feed wrote the whole instance's memory (Prime Intellect, Verda, Vast)
 * @count: GPUs in the instance
 * @reason: (out) (optional): why there is no match
 *
 * The GPU a row stands for, from all its evidence. The name gives a family (the name
 * without decoration, memory size and form factor: "a100"); memory within
 * %RW_GPU_MEMORY_TOLERANCE of vram_gb (the first of: reported memory, the same divided by
 * the count, the size in the name) narrows it ("A100" is 40 GB at Lambda and AWS, 80 GB at
 * Cudo and Vast), then the form factor of the name, else of the instance (SXM, PCIe, NVL).
 * Among several left, the GPU the name itself is an alias of wins, then the family's own
 * name ("H100" → the SXM card). Memory that contradicts every card of the family leaves
 * the row unmapped with the reason, rather than on the wrong card.
 *
 * Returns: (transfer none) (nullable): the GPU
 */
RwGpu *
rw_gpu_identity_match (RwGpuIdentity  *self,
                       const char     *name,
                       const char     *instance,
                       double          memory_mib,
                       guint           count,
                       char          **reason)
{
  g_autoptr(GPtrArray) candidates = NULL;
  GPtrArray *family;
  RwGpu *exact, *family_default;
  double memory[4];
  guint n_memory = 0;
  gboolean memory_known = FALSE;
  double fitted_gb = 0;
  FormFactor ff;
  NameKey key;
  RwGpu *result = NULL;

  if (reason != NULL)
    *reason = NULL;
  name_key_init (&key, name);
  exact = g_hash_table_lookup (self->exact, key.exact);
  family = g_hash_table_lookup (self->family, key.family);
  family_default = g_hash_table_lookup (self->exact, key.family);
  if (family == NULL && exact == NULL)
    {
      name_key_clear (&key);
      return NULL;  /* an unknown name: the caller lists it as it is */
    }
  candidates = family ? g_ptr_array_copy (family, NULL, NULL) : g_ptr_array_new ();
  if (exact != NULL && !g_ptr_array_find (candidates, exact, NULL))
    g_ptr_array_add (candidates, exact);

  /* memory: reported (MiB, or GB when under 1024), per GPU of the count, then the name's */
  if (memory_mib > 0)
    {
      double gb = memory_mib < 1024 ? memory_mib : memory_mib / 1024.0;

      memory[n_memory++] = gb;
      if (count > 1)
        memory[n_memory++] = gb / count;
    }
  if (key.name_gb > 0)
    memory[n_memory++] = key.name_gb;
  for (guint m = 0; m < n_memory && !memory_known; m++)
    {
      g_autoptr(GPtrArray) fit = g_ptr_array_new ();

      for (guint i = 0; i < candidates->len; i++)
        if (memory_fits (candidates->pdata[i], memory[m]))
          g_ptr_array_add (fit, candidates->pdata[i]);
      if (fit->len > 0)
        {
          g_ptr_array_unref (candidates);
          candidates = g_steal_pointer (&fit);
          memory_known = TRUE;
          fitted_gb = memory[m];
        }
    }
  if (n_memory > 0 && !memory_known)
    {
      if (reason != NULL)
        *reason = g_strdup_printf ("%.0f GB of memory is no %s", memory[0],
                                   rw_gpu_get_name (exact ? exact : candidates->pdata[0]));
      name_key_clear (&key);
      return NULL;
    }

  /* form factor: the name's, else the instance's */
  ff = key.ff;
  if (ff == FF_NONE && instance != NULL)
    {
      NameKey ikey;

      name_key_init (&ikey, instance);
      ff = ikey.ff;
      name_key_clear (&ikey);
    }
  if (ff != FF_NONE && candidates->len > 1)
    {
      g_autoptr(GPtrArray) same = g_ptr_array_new ();
      g_autoptr(GPtrArray) unknown = g_ptr_array_new ();

      for (guint i = 0; i < candidates->len; i++)
        {
          FormFactor gff =
            GPOINTER_TO_UINT (g_hash_table_lookup (self->ff, candidates->pdata[i])) - 1;

          if (gff == ff)
            g_ptr_array_add (same, candidates->pdata[i]);
          else if (gff == FF_NONE)
            g_ptr_array_add (unknown, candidates->pdata[i]);
        }
      if (same->len > 0 || unknown->len > 0)
        {
          g_ptr_array_unref (candidates);
          candidates = same->len > 0 ? g_steal_pointer (&same) : g_steal_pointer (&unknown);
        }
    }

  if (candidates->len == 1)
    result = candidates->pdata[0];
  else if (exact != NULL && g_ptr_array_find (candidates, exact, NULL))
    result = exact;
  else if (family_default != NULL && g_ptr_array_find (candidates, family_default, NULL))
    result = family_default;
  else
    {
      /* the GPU the family and the memory name: "A100" with 80 GB → "A100 80GB" */
      g_autofree char *sized = g_strdup_printf ("%s %.0f gb", key.family, fitted_gb);
      RwGpu *by_size = memory_known ? g_hash_table_lookup (self->exact, sized) : NULL;

      if (by_size != NULL && g_ptr_array_find (candidates, by_size, NULL))
        result = by_size;
      else if (reason != NULL)
        *reason = g_strdup ("more than one GPU fits");
    }
  name_key_clear (&key);
  return result;
}

/**
 * rw_skypilot_identify:
 * @provider: the provider id of the feed
 * @gpuinfo_mib: GpuInfo's SizeInMiB as written (0 when none)
 *
 * rw_gpu_identity_match () with the known quirks of SkyPilot feeds undone first: GpuInfo's
 * SizeInMiB is the memory of all the instance's GPUs at Prime Intellect and Verda
 * (../shared/data/README.md, "upstream quirk") and at Vast.ai (its 2x RTX 4090 rows say
 * 49128, its 8x RTX 3090 rows 196608); Shadeform writes GB there, which the matcher reads
 * as GB because no GPU has less than 1024 MiB.
 *
 * Returns: (transfer none) (nullable): the GPU
 */
RwGpu *
rw_skypilot_identify (RwGpuIdentity  *identity,
                      const char     *provider,
                      const char     *name,
                      const char     *instance,
                      double          gpuinfo_mib,
                      guint           count,
                      char          **reason)
{
  if (count > 1 && (g_str_equal (provider, "prime-intellect") ||
                    g_str_equal (provider, "verda") || g_str_equal (provider, "vast-ai")))
    gpuinfo_mib /= count;
  return rw_gpu_identity_match (identity, name, instance, gpuinfo_mib, count, reason);
}

static RwOffer *
csv_offer (const char *provider,
           RwGpu      *gpu,
           guint       count,
           double      price,
           RwPricing   pricing,
           const char *instance,
           double      vcpus,
           double      ram_gb,
           const char *region)
{
  RwOffer *offer = g_object_new (RW_TYPE_OFFER, NULL);

  offer->provider = g_strdup (provider);
  offer->gpu = g_strdup (rw_gpu_get_id (gpu));
  offer->gpu_count = count;
  offer->price_hr = price;
  offer->pricing = pricing;
  offer->instance = g_utf8_make_valid (instance[0] ? instance : "GPU only", -1);
  offer->vcpus = vcpus > 0 ? vcpus : RW_UNKNOWN;
  offer->ram_gb = ram_gb > 0 ? ram_gb : RW_UNKNOWN;
  if (region[0] != '\0')
    {
      g_autofree char *valid = g_utf8_make_valid (region, -1);
      offer->region = rw_text_tidy_list (valid);   /* ", US, NA" when the city is unknown */
    }
  return offer;
}

/* A machine a GPU-only price can be attached to (GCP's VM rows) */
typedef struct {
  double price;
  double spot;
  double vcpus;
  double mem;
} Host;

/* A GPU-only price waiting for its machine (GCP's rows with an empty InstanceType) */
typedef struct {
  RwGpu *gpu;
  guint  count;
  double price;
  double spot;
  char  *zone;
} GpuOnly;

static void
gpu_only_free (GpuOnly *row)
{
  g_free (row->zone);
  g_free (row);
}

/* The machine type a GCP accelerator comes in, for the GPUs whose machine type is fixed
 * (https://cloud.google.com/compute/docs/gpus#a100-gpus: A2 Ultra a2-ultragpu-1g/2g/4g/8g
 * with A100 80GB, A2 Standard a2-highgpu-1g/2g/4g/8g and a2-megagpu-16g with A100 40GB).
 * Other accelerators attach to a VM of the user's choosing: their price stays GPU only. */
static char *
gcp_host_for (RwGpu *gpu,
              guint  count)
{
  const char *id = rw_gpu_get_id (gpu);

  if (g_str_equal (id, "a100-80gb") && (count == 1 || count == 2 || count == 4 || count == 8))
    return g_strdup_printf ("a2-ultragpu-%ug", count);
  if (g_str_equal (id, "a100-40gb") && (count == 1 || count == 2 || count == 4 || count == 8))
    return g_strdup_printf ("a2-highgpu-%ug", count);
  if (g_str_equal (id, "a100-40gb") && count == 16)
    return g_strdup ("a2-megagpu-16g");
  return NULL;
}

static void
add_offers (RwFeedData  *feed,
            RwFeedStats *stats,
            const char  *provider,
            RwGpu       *gpu,
            guint        count,
            double       price,
            double       spot,
            const char  *instance,
            double       vcpus,
            double       mem,
            const char  *region,
            guint        flags)
{
  if (price > 0)
    {
      RwOffer *offer = csv_offer (provider, gpu, count, price, RW_PRICING_ON_DEMAND, instance,
                                  vcpus, mem, region);
      offer->flags = flags;
      g_ptr_array_add (feed->offers, offer);
      stats->offers++;
    }
  if (spot > 0)
    {
      RwOffer *offer = csv_offer (provider, gpu, count, spot, RW_PRICING_SPOT, instance,
                                  vcpus, mem, region);
      offer->flags = flags;
      g_ptr_array_add (feed->offers, offer);
      stats->offers++;
    }
}

/**
 * rw_skypilot_csv_parse:
 * @provider: the provider id all rows belong to
 * @base: the catalog whose GPUs accelerator names are matched to (rw_gpu_identity_match ())
 *
 * One offer per row and pricing kind (Price on demand, SpotPrice spot). A row identical to
 * an earlier one is taken once (@stats->duplicates). A row with a number that is not a plain
 * decimal (rw_parse_decimal ()) is skipped and counted (@stats->bad_numbers). GCP's GPU-only
 * rows (no InstanceType) are joined to their machine type's row in the same zone when the
 * GPU comes in one machine type, else kept as GPU-only offers (RW_OFFER_GPU_ONLY).
 *
 * Returns: (transfer full): the feed's offers, or NULL with @error when the document is not
 *   a SkyPilot vms.csv at all
 */
RwFeedData *
rw_skypilot_csv_parse (const char   *data,
                       gsize         len,
                       const char   *provider,
                       RwCatalog    *base,
                       RwFeedStats  *stats,
                       GError      **error)
{
  g_autoptr(RwFeedData) feed = NULL;
  g_autoptr(GPtrArray) header = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) fields = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(RwGpuIdentity) identity = NULL;
  g_autoptr(GHashTable) seen = NULL;
  g_autoptr(GHashTable) hosts = NULL;
  g_autoptr(GPtrArray) gpu_only = NULL;
  CsvReader reader = { data, data + len, FALSE };
  int c_instance, c_acc, c_count, c_vcpus, c_mem, c_price, c_spot, c_region, c_zone, c_info;

  g_return_val_if_fail (provider != NULL, NULL);
  g_return_val_if_fail (RW_IS_CATALOG (base), NULL);


  if (len == 0)
    {
      g_set_error (error, RW_FEED_ERROR, RW_FEED_ERROR_EMPTY, "The feed is empty");
      return NULL;
    }
  if (!g_utf8_validate_len (data, len, NULL))
    {
      g_set_error (error, RW_FEED_ERROR, RW_FEED_ERROR_INVALID, "The feed is not valid UTF-8");
      return NULL;
    }
  /* a UTF-8 byte order mark */
  if (len >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    reader.p += 3;

  if (!csv_next_record (&reader, header) || reader.bad_quote)
    {
      g_set_error (error, RW_FEED_ERROR, RW_FEED_ERROR_INVALID, "The feed has no CSV header");
      return NULL;
    }
  c_instance = column (header, "InstanceType");
  c_acc = column (header, "AcceleratorName");
  c_count = column (header, "AcceleratorCount");
  c_vcpus = column (header, "vCPUs");
  c_mem = column (header, "MemoryGiB");
  c_price = column (header, "Price");
  c_spot = column (header, "SpotPrice");
  c_region = column (header, "Region");
  c_zone = column (header, "AvailabilityZone");
  c_info = column (header, "GpuInfo");
  if (c_acc < 0 || c_count < 0 || c_price < 0 || c_instance < 0)
    {
      g_set_error (error, RW_FEED_ERROR, RW_FEED_ERROR_INVALID,
                   "Not a SkyPilot vms.csv: it lacks the %s column",
                   c_instance < 0 ? "InstanceType" : c_acc < 0 ? "AcceleratorName"
                   : c_count < 0 ? "AcceleratorCount" : "Price");
      return NULL;
    }

  feed = rw_feed_data_new ();
  g_ptr_array_add (feed->providers, provider_for (base, provider));
  identity = rw_gpu_identity_new (base);
  seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  hosts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  gpu_only = g_ptr_array_new_with_free_func ((GDestroyNotify) gpu_only_free);

  while (csv_next_record (&reader, fields))
    {
      const char *acc, *instance, *region;
      double count, price, spot, vcpus, mem, memory;
      g_autofree char *reason = NULL;
      g_autofree char *row = NULL;
      NumState states[5];
      RwGpu *gpu;

      if (fields->len == 1 && ((char *) g_ptr_array_index (fields, 0))[0] == '\0')
        continue;  /* blank line */
      stats->rows++;
      if (reader.bad_quote || fields->len != header->len)
        {
          stats->skipped++;
          continue;
        }
      g_ptr_array_add (fields, NULL);
      row = g_strjoinv ("\x1f", (char **) fields->pdata);
      g_ptr_array_remove_index (fields, fields->len - 1);
      if (!g_hash_table_add (seen, g_steal_pointer (&row)))
        {
          stats->duplicates++;  /* the same row again: one offer */
          continue;
        }

      acc = g_strstrip ((char *) field_at (fields, c_acc));
      instance = field_at (fields, c_instance);
      region =
        field_at (fields, c_zone)[0] ? field_at (fields, c_zone) : field_at (fields, c_region);
      if (g_str_equal (region, "default"))
        region = "";
      states[0] = number (field_at (fields, c_count), &count);
      states[1] = number (field_at (fields, c_price), &price);
      states[2] = c_spot >= 0 ? number (field_at (fields, c_spot), &spot) : (spot = -1, NUM_EMPTY);
      states[3] =
        c_vcpus >= 0 ? number (field_at (fields, c_vcpus), &vcpus) : (vcpus = -1, NUM_EMPTY);
      states[4] = c_mem >= 0 ? number (field_at (fields, c_mem), &mem) : (mem = -1, NUM_EMPTY);
      if (states[0] == NUM_BAD || states[1] == NUM_BAD || states[2] == NUM_BAD ||
          states[3] == NUM_BAD || states[4] == NUM_BAD)
        {
          stats->bad_numbers++;
          stats->skipped++;
          continue;
        }

      if (acc[0] == '\0')
        {
          /* a CPU row, or (GCP) a machine a GPU-only price may attach to */
          if (instance[0] != '\0' && (price > 0 || spot > 0))
            {
              Host *host = g_new (Host, 1);

              *host = (Host) { price, spot, vcpus, mem };
              g_hash_table_replace (hosts, g_strdup_printf ("%s\x1f%s", instance, region), host);
            }
          stats->skipped++;
          continue;
        }
      if (count < 1 || count != floor (count) || count > 4096)
        {
          stats->skipped++;  /* no count, or a fractional GPU */
          continue;
        }

      memory = c_info >= 0 ? gpuinfo_memory (field_at (fields, c_info)) : 0;
      gpu = rw_skypilot_identify (identity, provider, acc, instance, memory, (guint)count, &reason);
      if (gpu == NULL)
        {
          g_autofree char *described = reason ? g_strdup_printf ("%s (%s)", acc, reason) : NULL;

          note_unmapped (stats, described ? described : acc);
          continue;
        }
      if (price <= 0 && spot <= 0)
        {
          stats->skipped++;
          continue;
        }
      if (instance[0] == '\0')
        {
          GpuOnly *pending = g_new0 (GpuOnly, 1);

          *pending = (GpuOnly) { gpu, (guint) count, price, spot, g_strdup (region) };
          g_ptr_array_add (gpu_only, pending);
          continue;
        }
      add_offers (feed, stats, provider, gpu, (guint) count, price, spot, instance, vcpus, mem,
                  region, 0);
    }

  for (guint i = 0; i < gpu_only->len; i++)
    {
      GpuOnly *row = g_ptr_array_index (gpu_only, i);
      g_autofree char *host_name = gcp_host_for (row->gpu, row->count);
      g_autofree char *host_key = host_name ? g_strdup_printf ("%s\x1f%s", host_name, row->zone)
                                            : NULL;
      Host *host = host_key ? g_hash_table_lookup (hosts, host_key) : NULL;

      if (host != NULL)
        add_offers (feed, stats, provider, row->gpu, row->count,
                    row->price > 0 && host->price > 0 ? row->price + host->price : -1,
                    row->spot > 0 && host->spot > 0 ? row->spot + host->spot : -1,
                    host_name, host->vcpus, host->mem, row->zone, 0);
      else
        {
          add_offers (feed, stats, provider, row->gpu, row->count, row->price, row->spot, "",
                      -1, -1, row->zone, RW_OFFER_GPU_ONLY);
          stats->gpu_only++;
        }
    }

  if (reader.bad_quote)
    {
      g_set_error (error, RW_FEED_ERROR, RW_FEED_ERROR_INVALID,
                   "Malformed CSV: a quoted field is never closed");
      return NULL;
    }
  if (stats->rows > 0 && stats->offers == 0 && stats->unmapped == 0 &&
      stats->skipped == stats->rows && stats->rows > 10)
    {
      g_set_error (error, RW_FEED_ERROR, RW_FEED_ERROR_INVALID,
                   "Malformed CSV: none of its %u rows could be read", stats->rows);
      return NULL;
    }

  return g_steal_pointer (&feed);
}

/* --------------------------------------------------------------- native */

static RwFeedData *
native_parse (GBytes       *body,
              RwCatalog    *base,
              RwFeedStats  *stats,
              GError      **error)
{
  g_autoptr(RwCatalog) doc = rw_catalog_new_from_bytes (body, RW_CATALOG_SOURCE_NETWORK, error);
  g_autoptr(RwFeedData) feed = NULL;
  g_autoptr(GHashTable) used = NULL;
  g_autoptr(RwGpuIdentity) identity = NULL;
  GListModel *offers;

  if (doc == NULL)
    return NULL;
  identity = rw_gpu_identity_new (base);

  feed = rw_feed_data_new ();
  if (rw_catalog_get_generated_at (doc) != NULL)
    {
      g_autoptr (GDateTime) generated =
        g_date_time_new_from_iso8601 (rw_catalog_get_generated_at (doc), NULL);

      feed->time = generated ? g_date_time_to_unix (generated) : 0;
    }
  used = g_hash_table_new (g_str_hash, g_str_equal);
  offers = rw_catalog_get_offers (doc);
  stats->skipped = rw_catalog_get_skipped_records (doc);
  stats->bad_numbers = rw_catalog_get_bad_numbers (doc);

  for (guint i = 0, n = g_list_model_get_n_items (offers); i < n; i++)
    {
      g_autoptr(RwOffer) offer = g_list_model_get_item (offers, i);
      RwGpu *feed_gpu = rw_catalog_lookup_gpu (doc, rw_offer_get_gpu (offer));
      RwGpu *gpu = rw_catalog_lookup_gpu (base, rw_offer_get_gpu (offer));
      const char * const *aliases = rw_gpu_get_aliases (feed_gpu);

      stats->rows++;
      /* the feed's GPU id, else its name or one of its aliases */
      if (gpu == NULL)
        gpu = rw_catalog_lookup_gpu_by_alias (base, rw_gpu_get_name (feed_gpu));
      for (guint a = 0; gpu == NULL && aliases != NULL && aliases[a] != NULL; a++)
        gpu = rw_catalog_lookup_gpu_by_alias (base, aliases[a]);
      /* else the name with its memory and the offer's instance as evidence */
      if (gpu == NULL)
        {
          g_autofree char *reason = NULL;

          gpu = rw_gpu_identity_match (identity, rw_gpu_get_name (feed_gpu),
                                       rw_offer_get_instance (offer),
                                       rw_gpu_get_vram_gb (feed_gpu) * 1024,
                                       rw_offer_get_gpu_count (offer), &reason);
          if (gpu == NULL)
            {
              g_autofree char *described =
                reason ? g_strdup_printf ("%s (%s)", rw_gpu_get_name (feed_gpu), reason) : NULL;

              note_unmapped (stats, described ? described : rw_gpu_get_name (feed_gpu));
              continue;
            }
        }

      g_ptr_array_add (feed->offers, _rw_offer_copy_with_gpu (offer, rw_gpu_get_id (gpu)));
      stats->offers++;
      if (g_hash_table_add (used, (gpointer) rw_offer_get_provider (offer)))
        g_ptr_array_add (feed->providers,
                         g_object_ref (
                           rw_catalog_lookup_provider (doc, rw_offer_get_provider (offer))));
    }

  return g_steal_pointer (&feed);
}

/**
 * rw_feed_parse:
 * @url: where @body came from (names the provider of a SkyPilot feed)
 *
 * A native catalog document when the body is a JSON object, else a SkyPilot vms.csv.
 * The whole body is validated before anything is returned.
 */
RwFeedData *
rw_feed_parse (GBytes       *body,
               const char   *url,
               RwCatalog    *base,
               RwFeedStats  *stats,
               GError      **error)
{
  RwFeedData *feed;
  const char *data;
  gsize len, i = 0;

  g_return_val_if_fail (body != NULL, NULL);
  g_return_val_if_fail (RW_IS_CATALOG (base), NULL);
  g_return_val_if_fail (stats != NULL && stats->unmapped_names != NULL, NULL);

  data = g_bytes_get_data (body, &len);
  if (len > RW_FEED_MAX_SIZE)
    {
      g_set_error (error, RW_FEED_ERROR, RW_FEED_ERROR_TOO_LARGE,
                   "The feed is larger than the %d MiB limit", RW_FEED_MAX_SIZE / (1024 * 1024));
      return NULL;
    }
  while (i < len && g_ascii_isspace (data[i]))
    i++;
  if (i == len)
    {
      g_set_error (error, RW_FEED_ERROR, RW_FEED_ERROR_EMPTY, "The feed is empty");
      return NULL;
    }

  if (data[i] == '{')
    feed = native_parse (body, base, stats, error);
  else
    {
      g_autofree char *provider = rw_feed_provider_for_url (url);

      if (provider == NULL)
        {
          g_set_error (error, RW_FEED_ERROR, RW_FEED_ERROR_INVALID,
                       "A CSV feed’s URL must end in /<cloud>/vms.csv");
          return NULL;
        }
      feed = rw_skypilot_csv_parse (data, len, provider, base, stats, error);
    }
  if (feed != NULL)
    feed->url = g_strdup (url);
  return feed;
}
