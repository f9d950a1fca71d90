/* test-catalog.c: parsing, validation and hostile input
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "rw-catalog.h"
#include "rw-stats.h"

static RwCatalog *
parse_str (const char  *json,
           GError     **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new (json, strlen (json));

  return rw_catalog_new_from_bytes (bytes, RW_CATALOG_SOURCE_FILE, error);
}

static void
assert_rejected (const char *json,
                 gsize       len,
                 int         code,
                 const char *message_part)
{
  g_autoptr(GBytes) bytes = g_bytes_new (json, len);
  g_autoptr(GError) error = NULL;
  g_autoptr(RwCatalog) catalog = rw_catalog_new_from_bytes (bytes, RW_CATALOG_SOURCE_FILE, &error);

  g_assert_null (catalog);
  g_assert_error (error, RW_CATALOG_ERROR, code);
  if (message_part != NULL && strstr (error->message, message_part) == NULL)
    g_error ("“%s” does not contain “%s”", error->message, message_part);
}

#define REJECT(json, code, part) assert_rejected (json, strlen (json), code, part)

static void
test_rejections (void)
{
  REJECT ("", RW_CATALOG_ERROR_EMPTY, "empty");
  REJECT ("   \n  ", RW_CATALOG_ERROR_EMPTY, "empty");
  REJECT ("[1, 2, 3]", RW_CATALOG_ERROR_NOT_OBJECT, "not a JSON object");
  REJECT ("\"rentwise-catalog/1\"", RW_CATALOG_ERROR_NOT_OBJECT, "not a JSON object");
  REJECT ("{\"gpus\": []}", RW_CATALOG_ERROR_WRONG_SCHEMA, "no “schema”");
  REJECT ("{\"schema\": \"rentwise-catalog/2\", \"gpus\": []}", RW_CATALOG_ERROR_WRONG_SCHEMA,
          "rentwise-catalog/2");
  REJECT ("{\"schema\": 1, \"gpus\": []}", RW_CATALOG_ERROR_WRONG_SCHEMA, "not a string");
  REJECT ("{\"schema\": \"rentwise-catalog/1\"}", RW_CATALOG_ERROR_NO_GPUS, "gpus");
  REJECT ("{\"schema\": \"rentwise-catalog/1\", \"gpus\": {}}", RW_CATALOG_ERROR_NO_GPUS, "gpus");
  REJECT ("{\"schema\": \"rentwise-catalog/1\", \"gpus\": [", RW_CATALOG_ERROR_INVALID_JSON,
          "not valid JSON");
  REJECT ("{\"schema\": \"rentwise-catalog/1\", \"gpus\": [NaN, -]}", RW_CATALOG_ERROR_INVALID_JSON,
          NULL);
  /* a NaN alone is a bad number: its record is skipped, not the document (/catalog/number-grammar) */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(RwCatalog) catalog = parse_str ("{\"schema\": \"rentwise-catalog/1\", \"gpus\": [NaN]}", &error);

    g_assert_no_error (error);
    g_assert_cmpuint (rw_catalog_get_skipped_records (catalog), ==, 1);
  }
}

static void
test_minimal (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RwCatalog) catalog =
    parse_str ("{\"schema\": \"rentwise-catalog/1\", \"gpus\": [], \"future\": [1,2,{}]}", &error);

  g_assert_no_error (error);
  g_assert_nonnull (catalog);
  g_assert_cmpuint (g_list_model_get_n_items (rw_catalog_get_gpus (catalog)), ==, 0);
  g_assert_cmpuint (rw_catalog_get_skipped_records (catalog), ==, 0);
  g_assert_null (rw_catalog_get_first_problem (catalog));
  g_assert_cmpstr (rw_catalog_get_currency (catalog), ==, "USD");
  g_assert_cmpint (rw_catalog_get_source (catalog), ==, RW_CATALOG_SOURCE_FILE);
}

/* One valid GPU and provider, then one bad record of the kind under test. */
static void
assert_skipped (const char *array,
                const char *record,
                const char *problem)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *json = g_strdup_printf (
    "{\"schema\": \"rentwise-catalog/1\","
    " \"gpus\": [{\"id\": \"g\", \"name\": \"G\", \"vram_gb\": 24}%s],"
    " \"providers\": [{\"id\": \"p\", \"name\": \"P\"}%s],"
    " \"offers\": [{\"provider\": \"p\", \"gpu\": \"g\", \"gpu_count\": 1, \"price_hr\": 1,"
    "               \"pricing\": \"spot\"}%s],"
    " \"history\": [{\"gpu\": \"g\", \"date\": \"2026-01-01\", \"median_hr\": 1}%s],"
    " \"models\": [{\"id\": \"m\", \"name\": \"M\", \"params_b\": 7}%s]}",
    g_str_equal (array, "gpus") ? record : "",
    g_str_equal (array, "providers") ? record : "",
    g_str_equal (array, "offers") ? record : "",
    g_str_equal (array, "history") ? record : "",
    g_str_equal (array, "models") ? record : "");
  g_autoptr(RwCatalog) catalog = parse_str (json, &error);

  g_assert_no_error (error);
  g_assert_nonnull (catalog);
  g_assert_cmpuint (rw_catalog_get_skipped_records (catalog), ==, 1);
  if (g_str_has_suffix (problem, ":"))
    g_assert_true (g_str_has_prefix (rw_catalog_get_first_problem (catalog), problem));
  else
    g_assert_cmpstr (rw_catalog_get_first_problem (catalog), ==, problem);
  /* the good records still load */
  g_assert_cmpuint (g_list_model_get_n_items (rw_catalog_get_gpus (catalog)), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (rw_catalog_get_providers (catalog)), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (rw_catalog_get_offers (catalog)), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (rw_catalog_get_history (catalog)), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (rw_catalog_get_models (catalog)), ==, 1);
}

static void
test_skipped_records (void)
{
  /* wrong type, missing member, range, references, duplicates: one of each per array */
  assert_skipped ("gpus", ", 5", "gpus[1]: not an object");
  assert_skipped ("gpus", ", {\"id\": \"h\", \"name\": \"H\"}", "gpus[1].vram_gb: missing");
  assert_skipped ("gpus", ", {\"id\": \"h\", \"name\": \"H\", \"vram_gb\": 0}",
                  "gpus[1].vram_gb: must be greater than 0");
  assert_skipped ("gpus", ", {\"id\": \"h\", \"name\": \"H\", \"vram_gb\": \"80\"}",
                  "gpus[1].vram_gb: not a number");
  assert_skipped ("gpus", ", {\"id\": \"h\", \"name\": \"H\", \"vram_gb\": 8, \"tdp_w\": -1}",
                  "gpus[1].tdp_w: negative");
  assert_skipped ("gpus", ", {\"id\": \"h\", \"name\": \"H\", \"vram_gb\": 8, \"aliases\": [1]}",
                  "gpus[1].aliases: element 0 is not a string");
  assert_skipped ("gpus", ", {\"id\": \"g\", \"name\": \"G again\", \"vram_gb\": 8}",
                  "gpus[1].id: duplicate id “g”");
  assert_skipped ("gpus", ", {\"id\": \"\", \"name\": \"H\", \"vram_gb\": 8}", "gpus[1].id: empty");
  assert_skipped ("providers", ", {\"id\": \"q\"}", "providers[1].name: missing");
  assert_skipped ("providers", ", {\"id\": \"p\", \"name\": \"P2\"}",
                  "providers[1].id: duplicate id “p”");
  assert_skipped ("offers", ", {\"provider\": \"p\", \"gpu\": \"g\", \"gpu_count\": 1, "
                  "\"price_hr\": 1e999, \"pricing\": \"spot\"}",
                  "offers[1].price_hr: not a finite number");
  assert_skipped ("offers", ", {\"provider\": \"p\", \"gpu\": \"g\", \"gpu_count\": 1, "
                  "\"price_hr\": 0, \"pricing\": \"spot\"}",
                  "offers[1].price_hr: must be greater than 0");
  assert_skipped ("offers", ", {\"provider\": \"p\", \"gpu\": \"g\", \"gpu_count\": 0, "
                  "\"price_hr\": 1, \"pricing\": \"spot\"}",
                  "offers[1].gpu_count: must be at least 1");
  assert_skipped ("offers", ", {\"provider\": \"p\", \"gpu\": \"g\", \"gpu_count\": 1.5, "
                  "\"price_hr\": 1, \"pricing\": \"spot\"}",
                  "offers[1].gpu_count: not a whole number");
  assert_skipped ("offers", ", {\"provider\": \"p\", \"gpu\": \"g\", "
                  "\"gpu_count\": 18446744073709551615, \"price_hr\": 1, \"pricing\": \"spot\"}",
                  "offers[1].gpu_count:");
  assert_skipped ("offers", ", {\"provider\": \"p\", \"gpu\": \"g\", \"gpu_count\": 1, "
                  "\"price_hr\": 1, \"pricing\": \"free\"}",
                  "offers[1].pricing: “free” is not on-demand, spot or reserved");
  assert_skipped ("offers", ", {\"provider\": \"nobody\", \"gpu\": \"g\", \"gpu_count\": 1, "
                  "\"price_hr\": 1, \"pricing\": \"spot\"}",
                  "offers[1].provider: unknown provider “nobody”");
  assert_skipped ("offers", ", {\"provider\": \"p\", \"gpu\": \"tpu\", \"gpu_count\": 1, "
                  "\"price_hr\": 1, \"pricing\": \"spot\"}",
                  "offers[1].gpu: unknown GPU “tpu”");
  assert_skipped ("history", ", {\"gpu\": \"g\", \"date\": \"2026-02-30\", \"median_hr\": 1}",
                  "history[1].date: “2026-02-30” is not a date (YYYY-MM-DD)");
  assert_skipped ("history", ", {\"gpu\": \"g\", \"date\": \"2026-01-01\", \"median_hr\": 2}",
                  "history[1].date: duplicate date 2026-01-01 for GPU “g”");
  assert_skipped ("history", ", {\"gpu\": \"g\", \"date\": \"2026-01-02\", \"median_hr\": 2, "
                  "\"min_hr\": 3}", "history[1].min_hr: above median_hr");
  assert_skipped ("models", ", {\"id\": \"n\", \"name\": \"N\"}", "models[1].params_b: missing");
  assert_skipped ("models", ", {\"id\": \"n\", \"name\": \"N\", \"params_b\": 7, \"layers\": 2, "
                  "\"sliding_layers\": 3}", "models[1].sliding_layers: more than layers");
  assert_skipped ("models", ", {\"id\": \"m\", \"name\": \"M2\", \"params_b\": 7}",
                  "models[1].id: duplicate id “m”");
}

/* Issue 14, item 6: absurd records are bad records, named by their JSON path */
static void
test_absurd_fit_records (void)
{
  assert_skipped ("gpus", ", {\"id\": \"h\", \"name\": \"H\", \"vram_gb\": 1e-300}",
                  "gpus[1].vram_gb: below 0.25 GB");
  assert_skipped ("gpus", ", {\"id\": \"h\", \"name\": \"H\", \"vram_gb\": 48, "
                  "\"usable_vram_mib\": 99999}",
                  "gpus[1].usable_vram_mib: not between half and all of vram_gb");
  assert_skipped ("gpus", ", {\"id\": \"h\", \"name\": \"H\", \"vram_gb\": 48, "
                  "\"interconnect\": \"USB\"}",
                  "gpus[1].interconnect: not SXM, PCIe, NVL, OAM or NVLink-C2C");
  assert_skipped ("models", ", {\"id\": \"n\", \"name\": \"N\", \"params_b\": 7, \"layers\": 1e9}",
                  "models[1].layers: out of range (above 100000)");
  assert_skipped ("models", ", {\"id\": \"n\", \"name\": \"N\", \"params_b\": 7, "
                  "\"active_params_b\": 8}", "models[1].active_params_b: not in (0, params_b]");
  assert_skipped ("models", ", {\"id\": \"n\", \"name\": \"N\", \"params_b\": 7, "
                  "\"kind\": \"video\"}", "models[1].kind: “video” is not llm or image");
  assert_skipped ("models", ", {\"id\": \"n\", \"name\": \"N\", \"params_b\": 7, "
                  "\"layer_groups\": [{\"count\": 2, \"attention\": \"full\", \"kv_heads\": 8, "
                  "\"head_dim\": 128}, {\"count\": 1e9, \"attention\": \"sliding\"}]}",
                  "models[1].layer_groups[1].count: out of range (above 100000)");
  assert_skipped ("models", ", {\"id\": \"n\", \"name\": \"N\", \"params_b\": 7, "
                  "\"layer_groups\": [{\"count\": 2, \"attention\": \"spiral\"}]}",
                  "models[1].layer_groups[0].attention: not full, sliding, mla or linear");
  assert_skipped ("models", ", {\"id\": \"n\", \"name\": \"N\", \"params_b\": 7, "
                  "\"layer_groups\": [{\"count\": 2, \"attention\": \"sliding\", "
                  "\"kv_heads\": 8, \"head_dim\": 128}]}",
                  "models[1].layer_groups: a sliding group needs its window");
  assert_skipped ("models", ", {\"id\": \"n\", \"name\": \"N\", \"params_b\": 7, "
                  "\"kind\": \"image\", \"components\": [{\"name\": \"unet\", \"params_b\": 1}]}",
                  "models[1].components[0].name: not transformer, text_encoder, text_encoder_2 or vae");
  assert_skipped ("models", ", {\"id\": \"n\", \"name\": \"N\", \"params_b\": 7, "
                  "\"source\": \"http://example.com\"}", "models[1].source: not an https URL");
  assert_skipped ("models", ", {\"id\": \"n\", \"name\": \"N\", \"params_b\": 7, "
                  "\"hidden_size\": 0}", "models[1].hidden_size: must be at least 1");
  assert_skipped ("models", ", {\"id\": \"n\", \"name\": \"N\", \"params_b\": 7, "
                  "\"intermediate_size\": 1e9}",
                  "models[1].intermediate_size: out of range (above 500000)");
  assert_skipped ("models", ", {\"id\": \"n\", \"name\": \"N\", \"params_b\": 7, "
                  "\"embedding_params_b\": 0.000001, \"hidden_size\": 4096}",
                  "models[1].hidden_size: wider than the embedding holds");
}

/* The fine-tuning fit's members: parsed, and kept by the image */
static void
test_train_members (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RwCatalog) parsed = parse_str (
    "{\"schema\": \"rentwise-catalog/1\", \"gpus\": [{\"id\": \"g\", \"name\": \"G\","
    " \"vram_gb\": 24}], \"models\": [{\"id\": \"m\", \"name\": \"M\", \"params_b\": 8.03,"
    " \"embedding_params_b\": 0.525336576, \"hidden_size\": 4096, \"attention_heads\": 32,"
    " \"intermediate_size\": 14336}, {\"id\": \"n\", \"name\": \"N\", \"params_b\": 7}]}",
    &error);
  g_autoptr(GBytes) image = NULL;
  g_autoptr(RwCatalog) loaded = NULL;
  g_autoptr(RwModel) m = NULL;
  g_autoptr(RwModel) n = NULL;

  g_assert_no_error (error);
  image = rw_catalog_to_image (parsed, NULL, NULL);
  loaded = rw_catalog_new_from_image (image, RW_CATALOG_SOURCE_CACHE, NULL, NULL, &error);
  g_assert_no_error (error);
  m = g_list_model_get_item (rw_catalog_get_models (loaded), 0);
  n = g_list_model_get_item (rw_catalog_get_models (loaded), 1);
  g_assert_cmpuint (rw_model_get_hidden_size (m), ==, 4096);
  g_assert_cmpuint (rw_model_get_attention_heads (m), ==, 32);
  g_assert_cmpuint (rw_model_get_intermediate_size (m), ==, 14336);
  /* not stated: 0 */
  g_assert_cmpuint (rw_model_get_hidden_size (n), ==, 0);
  g_assert_cmpuint (rw_model_get_attention_heads (n), ==, 0);
  g_assert_cmpuint (rw_model_get_intermediate_size (n), ==, 0);
}

/* The fit members go through the image: groups, components, kinds, GPUs' usable memory */
static void
test_image_fit_members (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "fit-models.json", NULL);
  g_autoptr(RwCatalog) parsed = rw_catalog_new_from_file (path, &error);
  g_autoptr(GBytes) image = NULL;
  g_autoptr(GBytes) again = NULL;
  g_autoptr(RwCatalog) loaded = NULL;
  GListModel *models;

  g_assert_no_error (error);
  g_assert_cmpuint (rw_catalog_get_skipped_records (parsed), ==, 0);
  image = rw_catalog_to_image (parsed, NULL, NULL);
  loaded = rw_catalog_new_from_image (image, RW_CATALOG_SOURCE_CACHE, NULL, NULL, &error);
  g_assert_no_error (error);
  again = rw_catalog_to_image (loaded, NULL, NULL);
  g_assert_true (g_bytes_equal (image, again));

  g_assert_cmpfloat (rw_gpu_get_usable_vram_mib (rw_catalog_lookup_gpu (loaded, "l40s")), ==, 46068);
  /* the driver total's source goes through the image too (and none is none) */
  g_assert_cmpstr (rw_gpu_get_usable_vram_source (rw_catalog_lookup_gpu (loaded, "l40s")), ==,
                   "https://github.com/akash-network/provider-configs/pull/99");
  g_assert_null (rw_gpu_get_usable_vram_source (rw_catalog_lookup_gpu (loaded, "h100-sxm")));
  /* and through a merge with feeds (a refresh): the GPUs are copied with them */
  {
    g_autoptr(GPtrArray) feeds = g_ptr_array_new ();
    g_autoptr(RwCatalog) merged = rw_catalog_merge (loaded, feeds, RW_CATALOG_SOURCE_NETWORK);

    g_assert_cmpfloat (rw_gpu_get_usable_vram_mib (rw_catalog_lookup_gpu (merged, "l40s")), ==,
                       46068);
    g_assert_cmpstr (rw_gpu_get_usable_vram_source (rw_catalog_lookup_gpu (merged, "l40s")), ==,
                     "https://github.com/akash-network/provider-configs/pull/99");
    g_assert_cmpstr (rw_gpu_get_interconnect (rw_catalog_lookup_gpu (merged, "h100-sxm")), ==, "SXM");
  }
  g_assert_cmpstr (rw_gpu_get_interconnect (rw_catalog_lookup_gpu (loaded, "h100-sxm")), ==, "SXM");
  g_assert_cmpfloat (rw_gpu_get_usable_vram_mib (rw_catalog_lookup_gpu (loaded, "a100-80gb")), ==,
                     RW_UNKNOWN);
  models = rw_catalog_get_models (loaded);
  for (guint i = 0; i < g_list_model_get_n_items (models); i++)
    {
      g_autoptr(RwModel) model = g_list_model_get_item (models, i);
      const RwLayerGroup *groups;
      const RwModelComponent *components;
      guint n;

      groups = rw_model_get_layer_groups (model, &n);
      if (g_str_equal (rw_model_get_id (model), "gemma-3-12b"))
        {
          g_assert_cmpuint (n, ==, 2);
          g_assert_cmpint (groups[1].attention, ==, RW_ATTENTION_SLIDING);
          g_assert_cmpuint (groups[1].window, ==, 1024);
          g_assert_true (rw_model_get_tied_embeddings (model));
          g_assert_cmpfloat (rw_model_get_embedding_params_b (model), ==, 1.00687872);
          g_assert_cmpstr (rw_model_get_source (model), ==,
                           "https://huggingface.co/google/gemma-3-12b-it/blob/main/config.json");
        }
      else if (g_str_equal (rw_model_get_id (model), "deepseek-v3"))
        {
          g_assert_cmpuint (n, ==, 1);
          g_assert_cmpint (groups[0].attention, ==, RW_ATTENTION_MLA);
          g_assert_cmpuint (groups[0].kv_lora_rank + groups[0].qk_rope_head_dim, ==, 576);
          g_assert_cmpfloat (rw_model_get_active_params_b (model), ==, 37);
        }
      else if (g_str_equal (rw_model_get_id (model), "gemma-2-9b"))
        {
          /* the flat members as two groups */
          g_assert_cmpuint (n, ==, 2);
          g_assert_cmpint (groups[0].attention, ==, RW_ATTENTION_FULL);
          g_assert_cmpuint (groups[0].count, ==, 21);
          g_assert_cmpuint (groups[1].window, ==, 4096);
        }
      else if (g_str_equal (rw_model_get_id (model), "flux-1-schnell"))
        {
          components = rw_model_get_components (model, &n);
          g_assert_cmpint (rw_model_get_kind (model), ==, RW_MODEL_KIND_IMAGE);
          g_assert_cmpuint (n, ==, 4);
          g_assert_cmpstr (components[2].name, ==, "text_encoder_2");
          g_assert_cmpfloat (components[2].params_b, ==, 4.762310656);
        }
      else if (g_str_equal (rw_model_get_id (model), "mystery-7b"))
        g_assert_cmpuint (n, ==, 0);
    }
}

static void
test_overflowing_integer (void)
{
  /* json-glib reads 18446744073709551615 as -1 (or clamps): it must never become a count */
  g_autoptr(GError) error = NULL;
  g_autoptr(RwCatalog) catalog = parse_str (
    "{\"schema\": \"rentwise-catalog/1\", \"gpus\": [{\"id\": \"g\", \"name\": \"G\","
    " \"vram_gb\": 18446744073709551615}]}", &error);

  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (rw_catalog_get_gpus (catalog)), ==, 0);
  g_assert_cmpuint (rw_catalog_get_skipped_records (catalog), ==, 1);
  g_assert_true (g_str_has_prefix (rw_catalog_get_first_problem (catalog), "gpus[0].vram_gb: "));
}

/* Only plain JSON numbers: hex, octal, a leading plus, Infinity and NaN skip their record
 * (json-glib 1.6 would read 0x10 as 16 and 010 as 8) */
static void
test_number_grammar (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RwCatalog) catalog = parse_str (
    "{\"schema\": \"rentwise-catalog/1\", \"gpus\": [{\"id\": \"g\", \"name\": \"G\", \"vram_gb\": 24}],"
    " \"providers\": [{\"id\": \"p\", \"name\": \"P\"}], \"offers\": ["
    " {\"provider\": \"p\", \"gpu\": \"g\", \"gpu_count\": 1, \"price_hr\": 1.5e0, \"pricing\": \"spot\"},"
    " {\"provider\": \"p\", \"gpu\": \"g\", \"gpu_count\": 1, \"price_hr\": 0x10, \"pricing\": \"spot\"},"
    " {\"provider\": \"p\", \"gpu\": \"g\", \"gpu_count\": 010, \"price_hr\": 2, \"pricing\": \"spot\"},"
    " {\"provider\": \"p\", \"gpu\": \"g\", \"gpu_count\": 1, \"price_hr\": +2, \"pricing\": \"spot\"},"
    " {\"provider\": \"p\", \"gpu\": \"g\", \"gpu_count\": 1, \"price_hr\": Infinity, \"pricing\": \"spot\"},"
    " {\"provider\": \"p\", \"gpu\": \"g\", \"gpu_count\": 1, \"price_hr\": 2, \"vcpus\": NaN, \"pricing\": \"spot\"},"
    " {\"provider\": \"p\", \"gpu\": \"g\", \"gpu_count\": 1, \"price_hr\": 2, \"pricing\": \"on-demand\","
    "  \"instance\": \"0x10 in a string is text\"}]}", &error);
  GPtrArray *offers;

  g_assert_no_error (error);
  offers = rw_catalog_get_offers_for_gpu (catalog, "g");
  g_assert_cmpuint (offers->len, ==, 2);
  g_assert_cmpfloat (rw_offer_get_price_hr (offers->pdata[0]), ==, 1.5);
  g_assert_cmpstr (rw_offer_get_instance (offers->pdata[1]), ==, "0x10 in a string is text");
  g_assert_cmpuint (rw_catalog_get_skipped_records (catalog), ==, 5);
  g_assert_cmpuint (rw_catalog_get_bad_numbers (catalog), ==, 5);
}

/* purchase_price, interconnect and usable memory: parsed, and kept by the image */
static void
test_purchase_price (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RwCatalog) catalog = parse_str (
    "{\"schema\": \"rentwise-catalog/1\", \"gpus\": ["
    " {\"id\": \"l40s\", \"name\": \"L40S\", \"vram_gb\": 48, \"msrp_usd\": 9000,"
    "  \"interconnect\": \"PCIe\", \"usable_vram_mib\": 46068,"
    "  \"purchase_price\": {\"usd\": 7500, \"estimate\": true, \"source\": \"https://example.com/l40s\","
    "                       \"date\": \"2026-05-01\"}},"
    " {\"id\": \"msrp\", \"name\": \"M\", \"vram_gb\": 48, \"msrp_usd\": 9000},"
    " {\"id\": \"bad\", \"name\": \"B\", \"vram_gb\": 48, \"purchase_price\": {\"usd\": -1}},"
    " {\"id\": \"bad-date\", \"name\": \"D\", \"vram_gb\": 48,"
    "  \"purchase_price\": {\"usd\": 1, \"date\": \"May 2026\"}}]}", &error);
  g_autoptr(GBytes) image = NULL;
  g_autoptr(RwCatalog) loaded = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (rw_catalog_get_skipped_records (catalog), ==, 2);
  image = rw_catalog_to_image (catalog, "k", NULL);
  loaded = rw_catalog_new_from_image (image, RW_CATALOG_SOURCE_CACHE, "k", NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 2; i++)
    {
      RwCatalog *c = i == 0 ? catalog : loaded;
      RwGpu *gpu = rw_catalog_lookup_gpu (c, "l40s");
      const char *source = NULL, *date = NULL;
      gboolean estimate = FALSE;

      g_assert_cmpfloat (rw_gpu_get_purchase_price (gpu, &estimate, &source, &date), ==, 7500);
      g_assert_true (estimate);
      g_assert_cmpstr (source, ==, "https://example.com/l40s");
      g_assert_cmpstr (date, ==, "2026-05-01");
      g_assert_cmpstr (rw_gpu_get_interconnect (gpu), ==, "PCIe");
      g_assert_cmpfloat (rw_gpu_get_usable_vram_mib (gpu), ==, 46068);
      /* without one, the MSRP (a list price) */
      gpu = rw_catalog_lookup_gpu (c, "msrp");
      g_assert_cmpfloat (rw_gpu_get_purchase_price (gpu, &estimate, &source, NULL), ==, 9000);
      g_assert_false (estimate);
      g_assert_null (source);
    }
}

static void
test_deep_nesting (void)
{
  gsize n = 200000;
  g_autofree char *json = g_malloc (n + 1);

  memset (json, '[', n);
  json[n] = '\0';
  assert_rejected (json, n, RW_CATALOG_ERROR_TOO_DEEP, "deeper than 64");

  /* brackets inside strings do not count */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(RwCatalog) catalog = parse_str (
      "{\"schema\": \"rentwise-catalog/1\", \"gpus\": [{\"id\": \"g\", \"vram_gb\": 1,"
      " \"name\": \"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\\\"[[\"}]}",
      &error);
    g_assert_no_error (error);
    g_assert_cmpuint (g_list_model_get_n_items (rw_catalog_get_gpus (catalog)), ==, 1);
  }
}

static void
test_invalid_utf8 (void)
{
  static const char json[] = "{\"schema\": \"rentwise-catalog/1\", \"gpus\": [{\"id\": \"g\xff\"}]}";

  assert_rejected (json, sizeof json - 1, RW_CATALOG_ERROR_NOT_UTF8, "UTF-8");
}

static void
test_too_large (void)
{
  gsize n = 70 * 1024 * 1024;
  g_autofree char *json = g_malloc (n);
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RwCatalog) catalog = NULL;
  int fd;

  memset (json, ' ', n);
  assert_rejected (json, n, RW_CATALOG_ERROR_TOO_LARGE, "64 MiB");

  /* a file is refused by its size, before it is read */
  fd = g_file_open_tmp ("rentwise-large-XXXXXX.json", &path, &error);
  g_assert_no_error (error);
  g_assert_true (ftruncate (fd, n) == 0);
  close (fd);
  catalog = rw_catalog_new_from_file (path, &error);
  g_assert_null (catalog);
  g_assert_error (error, RW_CATALOG_ERROR, RW_CATALOG_ERROR_TOO_LARGE);
  g_unlink (path);
}

static RwCatalog *
parse_with_limits (const char            *json,
                   const RwCatalogLimits *limits,
                   GError               **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new (json, strlen (json));
  return rw_catalog_new_with_limits (bytes, RW_CATALOG_SOURCE_FILE, limits, error);
}

/* Each limit: a document exactly at it loads, one just over is refused with a clear error */
static void
test_limits (void)
{
  static const char doc[] =
    "{\"schema\": \"rentwise-catalog/1\", \"gpus\": [{\"id\": \"a\", \"name\": \"A\", \"vram_gb\": 8},"
    " {\"id\": \"b\", \"name\": \"B\", \"vram_gb\": 8}, {\"id\": \"c\", \"name\": \"C\", \"vram_gb\": 8}]}";
  RwCatalogLimits limits;
  gsize at_memory;

  /* size */
  rw_catalog_limits_init (&limits);
  limits.max_size = strlen (doc);
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(RwCatalog) at = parse_with_limits (doc, &limits, &error);
    g_assert_no_error (error);
    g_assert_nonnull (at);
  }
  limits.max_size = strlen (doc) - 1;
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(RwCatalog) over = parse_with_limits (doc, &limits, &error);
    g_assert_null (over);
    g_assert_error (error, RW_CATALOG_ERROR, RW_CATALOG_ERROR_TOO_LARGE);
    g_assert_nonnull (strstr (error->message, "byte limit"));
  }

  /* depth: the document nests 3 deep (root, gpus, a gpu) */
  rw_catalog_limits_init (&limits);
  limits.max_depth = 3;
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(RwCatalog) at = parse_with_limits (doc, &limits, &error);
    g_assert_no_error (error);
  }
  limits.max_depth = 2;
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(RwCatalog) over = parse_with_limits (doc, &limits, &error);
    g_assert_error (error, RW_CATALOG_ERROR, RW_CATALOG_ERROR_TOO_DEEP);
  }

  /* records per array */
  rw_catalog_limits_init (&limits);
  limits.max_records = 3;
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(RwCatalog) at = parse_with_limits (doc, &limits, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (g_list_model_get_n_items (rw_catalog_get_gpus (at)), ==, 3);
  }
  limits.max_records = 2;
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(RwCatalog) over = parse_with_limits (doc, &limits, &error);
    g_assert_error (error, RW_CATALOG_ERROR, RW_CATALOG_ERROR_TOO_MANY);
    g_assert_cmpstr (error->message, ==, "The catalog has 3 gpus, more than the limit of 2");
  }

  /* memory: find what the three GPUs take, then allow exactly that, then one byte less */
  rw_catalog_limits_init (&limits);
  for (at_memory = 1; at_memory < 100000; at_memory++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(RwCatalog) c = NULL;

      limits.max_memory = at_memory;
      c = parse_with_limits (doc, &limits, &error);
      if (c != NULL)
        break;
      g_assert_error (error, RW_CATALOG_ERROR, RW_CATALOG_ERROR_TOO_MUCH_MEMORY);
    }
  g_assert_cmpuint (at_memory, >, 300);
  limits.max_memory = at_memory - 1;
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(RwCatalog) over = parse_with_limits (doc, &limits, &error);
    g_assert_null (over);
    g_assert_error (error, RW_CATALOG_ERROR, RW_CATALOG_ERROR_TOO_MUCH_MEMORY);
    g_assert_nonnull (strstr (error->message, "at gpus[2]"));
  }

  /* string length: 1024 bytes of name loads, 1025 is a skipped record */
  {
    g_autofree char *at_name = g_strnfill (1024, 'x');
    g_autofree char *over_name = g_strnfill (1025, 'x');
    g_autofree char *json = g_strdup_printf ("{\"schema\": \"rentwise-catalog/1\", \"gpus\": ["
                                             "{\"id\": \"a\", \"name\": \"%s\", \"vram_gb\": 8},"
                                             "{\"id\": \"b\", \"name\": \"%s\", \"vram_gb\": 8}]}",
                                             at_name, over_name);
    g_autoptr(GError) error = NULL;
    g_autoptr(RwCatalog) c = parse_str (json, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (g_list_model_get_n_items (rw_catalog_get_gpus (c)), ==, 1);
    g_assert_cmpstr (rw_catalog_get_first_problem (c), ==, "gpus[1].name: longer than 1024 bytes");
  }
}

static void
test_missing_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RwCatalog) catalog = rw_catalog_new_from_file ("/nonexistent/catalog.json", &error);

  g_assert_null (catalog);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "/nonexistent/catalog.json"));
}

static void
test_fixture (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "l40s-reference.json", NULL);
  g_autoptr(RwCatalog) catalog = rw_catalog_new_from_file (path, &error);
  RwGpu *l40s, *mystery;
  GPtrArray *history;

  g_assert_no_error (error);
  g_assert_cmpuint (rw_catalog_get_skipped_records (catalog), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (rw_catalog_get_gpus (catalog)), ==, 3);
  g_assert_cmpuint (g_list_model_get_n_items (rw_catalog_get_models (catalog)), ==, 28);
  g_assert_cmpstr (rw_catalog_get_generated_at (catalog), ==, "2026-05-24T00:00:00Z");
  g_assert_cmpuint (rw_catalog_get_attributions (catalog)->len, ==, 1);

  l40s = rw_catalog_lookup_gpu (catalog, "l40s");
  g_assert_nonnull (l40s);
  g_assert_cmpfloat (rw_gpu_get_vram_gb (l40s), ==, 48);
  g_assert_cmpfloat (rw_gpu_get_tdp_w (l40s), ==, 350);
  g_assert_cmpfloat (rw_gpu_get_msrp_usd (l40s), ==, 9000);
  g_assert_cmpstr (rw_gpu_get_aliases (l40s)[0], ==, "L40S");
  g_assert_cmpfloat_with_epsilon (rw_gpu_get_cheapest_hr (l40s, TRUE), 0.28, 1e-12);
  g_assert_cmpuint (rw_gpu_get_n_providers (l40s, TRUE), ==, 10);
  /* without spot: Novita's on-demand offer is $0.55, Lium's $0.38 leads; Verda drops out */
  g_assert_cmpfloat_with_epsilon (rw_gpu_get_cheapest_hr (l40s, FALSE), 0.38, 1e-12);
  g_assert_cmpuint (rw_gpu_get_n_providers (l40s, FALSE), ==, 9);
  g_assert_cmpuint (rw_catalog_get_offers_for_gpu (catalog, "l40s")->len, ==, 12);

  mystery = rw_catalog_lookup_gpu (catalog, "mystery");
  g_assert_null (rw_gpu_get_architecture (mystery));
  g_assert_cmpfloat (rw_gpu_get_msrp_usd (mystery), <, 0);
  g_assert_cmpfloat (rw_gpu_get_cheapest_hr (mystery, TRUE), <, 0);
  g_assert_cmpuint (rw_catalog_get_offers_for_gpu (catalog, "mystery")->len, ==, 0);

  history = rw_catalog_get_history_for_gpu (catalog, "l40s");
  g_assert_cmpuint (history->len, ==, 2);
  g_assert_cmpstr (rw_history_point_get_date (g_ptr_array_index (history, 0)), ==, "2026-05-01");

  g_assert_true (rw_gpu_matches (l40s, "l40"));
  g_assert_true (rw_gpu_matches (l40s, "nvidia"));
  g_assert_false (rw_gpu_matches (l40s, "h100"));
  g_assert_true (rw_gpu_matches (rw_catalog_lookup_gpu (catalog, "a100-80gb"), "a100-80"));

  /* the search order: equal, then a word starting with it, then containing it */
  g_assert_cmpint (rw_gpu_match_rank (l40s, ""), ==, 0);
  g_assert_cmpint (rw_gpu_match_rank (l40s, "L40S"), ==, 0);
  g_assert_cmpint (rw_gpu_match_rank (l40s, "l40"), ==, 1);
  g_assert_cmpint (rw_gpu_match_rank (l40s, "40s"), ==, 2);
  g_assert_cmpint (rw_gpu_match_rank (l40s, "h100"), ==, -1);
}

/* "h100" is the H100 SXM's own alias: it ranks before the H100 PCIe and NVL */
/* rw_catalog_lookup_model () finds a model by id (and nothing for an unknown or NULL id);
 * rw_catalog_compute_price_stats () gives the statistics of the GPU's own offers */
static void
test_lookups (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RwCatalog) catalog = rw_catalog_new_builtin (&error);
  g_autoptr(RwModel) first = NULL;
  g_autoptr(RwPriceStats) stats = NULL;
  g_autoptr(RwPriceStats) none = NULL;
  GPtrArray *offers;

  g_assert_no_error (error);
  first = g_list_model_get_item (rw_catalog_get_models (catalog), 3);
  g_assert_true (rw_catalog_lookup_model (catalog, rw_model_get_id (first)) == first);
  g_assert_null (rw_catalog_lookup_model (catalog, "no-such-model"));
  g_assert_null (rw_catalog_lookup_model (catalog, NULL));

  offers = rw_catalog_get_offers_for_gpu (catalog, "h100-sxm");
  g_assert_cmpuint (offers->len, >, 1);
  stats = rw_catalog_compute_price_stats (catalog, "h100-sxm", RW_PRICING_MASK_ALL);
  g_assert_cmpuint (stats->offers, >, 0);
  g_assert_cmpuint (stats->offers, <=, offers->len);
  {
    g_autoptr(RwPriceStats) direct = rw_price_stats_compute ((RwOffer **) offers->pdata,
                                                             offers->len, RW_PRICING_MASK_ALL);

    g_assert_cmpuint (stats->offers, ==, direct->offers);
    g_assert_cmpfloat (stats->cheapest_hr, ==, direct->cheapest_hr);
    g_assert_cmpfloat (stats->median_hr, ==, direct->median_hr);
  }
  none = rw_catalog_compute_price_stats (catalog, "no-such-gpu", RW_PRICING_MASK_ALL);
  g_assert_cmpuint (none->offers, ==, 0);
}

static void
test_match_rank_builtin (void)
{
  g_autoptr(RwCatalog) catalog = rw_catalog_new_builtin (NULL);

  g_assert_nonnull (catalog);
  g_assert_cmpint (rw_gpu_match_rank (rw_catalog_lookup_gpu (catalog, "h100-sxm"), "h100"), ==, 0);
  g_assert_cmpint (rw_gpu_match_rank (rw_catalog_lookup_gpu (catalog, "h100-pcie"), "h100"), ==, 1);
  g_assert_cmpint (rw_gpu_match_rank (rw_catalog_lookup_gpu (catalog, "h100-nvl"), "H100"), ==, 1);
  g_assert_cmpint (rw_gpu_match_rank (rw_catalog_lookup_gpu (catalog, "rtx-4090"), "4090"), ==, 1);
  g_assert_cmpint (rw_gpu_match_rank (rw_catalog_lookup_gpu (catalog, "gh200"), "h100"), ==, -1);
}

/* Issue 13: the sidebar's "from $X/hr" and provider count are the GPU page's statistics for
 * the same preferences, suspect prices included or not (the sidebar ignored the preference) */
static void
test_sidebar_stats (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RwCatalog) catalog = rw_catalog_new_builtin (&error);
  const guint masks[] = { RW_PRICING_MASK_ALL, RW_PRICING_MASK_NO_SPOT,
                          RW_PRICING_MASK_ALL | RW_INCLUDE_SUSPECT,
                          RW_PRICING_MASK_NO_SPOT | RW_INCLUDE_SUSPECT };
  guint differ = 0;

  g_assert_no_error (error);
  for (guint i = 0, n = g_list_model_get_n_items (rw_catalog_get_gpus (catalog)); i < n; i++)
    {
      g_autoptr(RwGpu) gpu = g_list_model_get_item (rw_catalog_get_gpus (catalog), i);
      GPtrArray *offers = rw_catalog_get_offers_for_gpu (catalog, rw_gpu_get_id (gpu));

      for (guint m = 0; m < G_N_ELEMENTS (masks); m++)
        {
          g_autoptr(RwPriceStats) stats = rw_price_stats_compute ((RwOffer **) offers->pdata,
                                                                  offers->len, masks[m]);

          g_assert_cmpfloat (rw_gpu_get_cheapest_hr_for (gpu, masks[m]), ==, stats->cheapest_hr);
          g_assert_cmpuint (rw_gpu_get_n_providers_for (gpu, masks[m]), ==, stats->providers);
        }
      differ += rw_gpu_get_cheapest_hr_for (gpu, RW_PRICING_MASK_ALL) !=
                rw_gpu_get_cheapest_hr_for (gpu, RW_PRICING_MASK_ALL | RW_INCLUDE_SUSPECT);
    }
  g_test_message ("%u built-in GPUs whose cheapest rate moves with suspect prices", differ);

  /* one GPU, three providers near $1/hr and an auction floor at $0.05/hr: suspect (below a
   * tenth of the others' median), so "from" is $1.00 unless suspect prices are included */
  {
    g_autoptr(RwCatalog) floor = parse_str (
      "{\"schema\": \"rentwise-catalog/1\", \"gpus\": [{\"id\": \"g\", \"name\": \"G\","
      " \"vram_gb\": 24}], \"providers\": [{\"id\": \"a\", \"name\": \"A\"},"
      " {\"id\": \"b\", \"name\": \"B\"}, {\"id\": \"c\", \"name\": \"C\"},"
      " {\"id\": \"d\", \"name\": \"D\"}], \"offers\": ["
      "{\"provider\": \"a\", \"gpu\": \"g\", \"gpu_count\": 1, \"price_hr\": 1.0, \"pricing\": \"on-demand\"},"
      "{\"provider\": \"b\", \"gpu\": \"g\", \"gpu_count\": 1, \"price_hr\": 1.1, \"pricing\": \"on-demand\"},"
      "{\"provider\": \"c\", \"gpu\": \"g\", \"gpu_count\": 1, \"price_hr\": 1.2, \"pricing\": \"on-demand\"},"
      "{\"provider\": \"d\", \"gpu\": \"g\", \"gpu_count\": 1, \"price_hr\": 0.05, \"pricing\": \"spot\"}]}",
      &error);
    RwGpu *gpu;

    g_assert_no_error (error);
    gpu = rw_catalog_lookup_gpu (floor, "g");
    g_assert_cmpfloat (rw_gpu_get_cheapest_hr_for (gpu, RW_PRICING_MASK_ALL), ==, 1.0);
    g_assert_cmpuint (rw_gpu_get_n_providers_for (gpu, RW_PRICING_MASK_ALL), ==, 3);
    g_assert_cmpfloat (rw_gpu_get_cheapest_hr_for (gpu, RW_PRICING_MASK_ALL | RW_INCLUDE_SUSPECT),
                       ==, 0.05);
    g_assert_cmpuint (rw_gpu_get_n_providers_for (gpu, RW_PRICING_MASK_ALL | RW_INCLUDE_SUSPECT),
                      ==, 4);
    /* spot left out: the floor is a spot offer */
    g_assert_cmpfloat (rw_gpu_get_cheapest_hr_for (gpu, RW_PRICING_MASK_NO_SPOT | RW_INCLUDE_SUSPECT),
                       ==, 1.0);
  }
}

static void
test_builtin (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RwCatalog) catalog = rw_catalog_new_builtin (&error);
  GListModel *gpus;
  guint with_tdp = 0;

  g_assert_no_error (error);
  g_assert_cmpint (rw_catalog_get_source (catalog), ==, RW_CATALOG_SOURCE_BUILTIN);
  /* the generator writes only valid records */
  g_assert_cmpuint (rw_catalog_get_skipped_records (catalog), ==, 0);
  gpus = rw_catalog_get_gpus (catalog);
  g_assert_cmpuint (g_list_model_get_n_items (gpus), >=, 30);
  g_assert_cmpuint (g_list_model_get_n_items (rw_catalog_get_models (catalog)), >=, 40);
  g_assert_cmpuint (g_list_model_get_n_items (rw_catalog_get_offers (catalog)), >=, 1000);
  g_assert_cmpuint (g_list_model_get_n_items (rw_catalog_get_history (catalog)), >=, 100);
  g_assert_cmpuint (rw_catalog_get_attributions (catalog)->len, >=, 5);

  for (guint i = 0; i < g_list_model_get_n_items (gpus); i++)
    {
      g_autoptr(RwGpu) gpu = g_list_model_get_item (gpus, i);

      g_assert_nonnull (rw_gpu_get_architecture (gpu));
      g_assert_nonnull (rw_gpu_get_aliases (gpu));
      if (rw_gpu_get_tdp_w (gpu) >= 0)
        with_tdp++;
    }
  g_assert_cmpuint (with_tdp, >=, 20);
  g_assert_nonnull (rw_catalog_lookup_gpu (catalog, "l40s"));
  g_assert_nonnull (rw_catalog_lookup_gpu (catalog, "h100-sxm"));
  g_assert_nonnull (rw_catalog_lookup_gpu (catalog, "a100-80gb"));
  g_assert_nonnull (rw_catalog_lookup_gpu (catalog, "rtx-4090"));
  g_assert_cmpuint (rw_catalog_get_offers_for_gpu (catalog, "l40s")->len, >, 10);
}

/* The image holds everything the catalog holds: made again from what it loads, it is the same
 * bytes, and the figures read from it are the ones parsed from JSON. */
static void
test_image_roundtrip (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "l40s-reference.json", NULL);
  g_autoptr(RwCatalog) parsed = rw_catalog_new_from_file (path, &error);
  g_autoptr(GBytes) image = NULL;
  g_autoptr(GBytes) again = NULL;
  g_autoptr(RwCatalog) loaded = NULL;
  g_autoptr(GVariant) extra = NULL;
  GPtrArray *offers;

  g_assert_no_error (error);
  image = rw_catalog_to_image (parsed, "key-1", g_variant_new_string ("hello"));
  loaded = rw_catalog_new_from_image (image, RW_CATALOG_SOURCE_CACHE, "key-1", &extra, &error);
  g_assert_no_error (error);
  g_assert_nonnull (loaded);
  g_assert_cmpint (rw_catalog_get_source (loaded), ==, RW_CATALOG_SOURCE_CACHE);
  g_assert_cmpstr (rw_catalog_get_image_key (loaded), ==, "key-1");
  g_assert_cmpstr (g_variant_get_string (extra, NULL), ==, "hello");
  g_assert_cmpstr (rw_catalog_get_origin (loaded), ==, rw_catalog_get_origin (parsed));

  again = rw_catalog_to_image (loaded, "key-1", g_variant_new_string ("hello"));
  g_assert_true (g_bytes_equal (image, again));

  g_assert_cmpuint (g_list_model_get_n_items (rw_catalog_get_offers (loaded)), ==,
                    g_list_model_get_n_items (rw_catalog_get_offers (parsed)));
  offers = rw_catalog_get_offers_for_gpu (loaded, "l40s");
  g_assert_cmpuint (offers->len, ==, rw_catalog_get_offers_for_gpu (parsed, "l40s")->len);
  g_assert_cmpfloat (rw_gpu_get_cheapest_hr (rw_catalog_lookup_gpu (loaded, "l40s"), TRUE), ==,
                     rw_gpu_get_cheapest_hr (rw_catalog_lookup_gpu (parsed, "l40s"), TRUE));
  g_assert_true (rw_catalog_lookup_gpu_by_alias (loaded, "L40S") == rw_catalog_lookup_gpu (loaded, "l40s"));
  g_assert_cmpuint (rw_catalog_get_history_for_gpu (loaded, "l40s")->len, ==, 2);

  /* the offers' strings live in the image's string table, which outlives the catalog */
  {
    g_autoptr(RwOffer) offer = g_object_ref (g_ptr_array_index (offers, 0));
    g_autofree char *provider = g_strdup (rw_offer_get_provider (offer));

    g_clear_object (&loaded);
    g_assert_cmpstr (rw_offer_get_provider (offer), ==, provider);
    g_assert_cmpstr (rw_offer_get_gpu (offer), ==, "l40s");
  }

  /* the same image twice is the same data; a parsed catalog is never known to be */
  {
    g_autoptr(RwCatalog) a = rw_catalog_new_from_image (image, RW_CATALOG_SOURCE_CACHE, NULL, NULL, NULL);
    g_autoptr(RwCatalog) b = rw_catalog_new_from_image (image, RW_CATALOG_SOURCE_NETWORK, NULL, NULL, NULL);
    g_autoptr(GBytes) other_image = rw_catalog_to_image (parsed, "key-2", NULL);
    g_autoptr(RwCatalog) c = rw_catalog_new_from_image (other_image, RW_CATALOG_SOURCE_CACHE, NULL, NULL, NULL);

    g_assert_true (rw_catalog_has_same_data (a, b));
    g_assert_false (rw_catalog_has_same_data (a, c));
    g_assert_false (rw_catalog_has_same_data (a, parsed));
    g_assert_false (rw_catalog_has_same_data (parsed, parsed));
  }

  /* made for other data: refused as stale, not used */
  loaded = rw_catalog_new_from_image (image, RW_CATALOG_SOURCE_CACHE, "key-2", NULL, &error);
  g_assert_error (error, RW_CATALOG_ERROR, RW_CATALOG_ERROR_STALE_IMAGE);
  g_assert_null (loaded);
}

/* The built-in snapshot is data/catalog.json compiled at build time: the same catalog */
static void
test_image_builtin (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "catalog.json", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GBytes) json = NULL;
  g_autoptr(RwCatalog) parsed = NULL;
  g_autoptr(RwCatalog) builtin = rw_catalog_new_builtin (&error);
  g_autoptr(GBytes) a = NULL;
  g_autoptr(GBytes) b = NULL;
  g_autofree char *checksum = NULL;
  g_autofree char *key = NULL;
  gsize len;

  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  json = g_bytes_new_take (g_steal_pointer (&contents), len);
  parsed = rw_catalog_new_from_bytes (json, RW_CATALOG_SOURCE_BUILTIN, &error);
  g_assert_no_error (error);

  checksum = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, json);
  key = g_strconcat ("builtin:", checksum, NULL);
  g_assert_cmpstr (rw_catalog_get_image_key (builtin), ==, key);
  a = rw_catalog_to_image (parsed, NULL, NULL);
  b = rw_catalog_to_image (builtin, NULL, NULL);
  g_assert_true (g_bytes_equal (a, b));
}

/* A damaged image is refused as a whole with a message, never half-used, never a crash */
static void
test_image_damaged (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "l40s-reference.json", NULL);
  g_autoptr(RwCatalog) parsed = rw_catalog_new_from_file (path, NULL);
  g_autoptr(GBytes) image = rw_catalog_to_image (parsed, "k", NULL);
  gsize len = g_bytes_get_size (image);
  const guint8 *data = g_bytes_get_data (image, NULL);
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  guint refused = 0, loaded = 0;

  /* empty, truncated, not an image */
  for (gsize cut = 0; cut < len; cut += MAX (1, len / 97))
    {
      g_autoptr(GBytes) part = g_bytes_new (data, cut);
      g_autoptr(GError) error = NULL;
      g_autoptr(RwCatalog) catalog = rw_catalog_new_from_image (part, RW_CATALOG_SOURCE_CACHE, "k", NULL, &error);

      g_assert_null (catalog);
      g_assert_error (error, RW_CATALOG_ERROR, RW_CATALOG_ERROR_BAD_IMAGE);
    }

  /* bytes changed anywhere */
  for (guint trial = 0; trial < 3000; trial++)
    {
      g_autofree guint8 *copy = g_memdup2 (data, len);
      g_autoptr(GBytes) changed = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(RwCatalog) catalog = NULL;

      for (guint k = 0, n = (guint) g_rand_int_range (rand, 1, 4); k < n; k++)
        copy[g_rand_int_range (rand, 0, (gint32) len)] = (guint8) g_rand_int_range (rand, 0, 256);
      changed = g_bytes_new (copy, len);
      catalog = rw_catalog_new_from_image (changed, RW_CATALOG_SOURCE_CACHE, NULL, NULL, &error);
      if (catalog == NULL)
        {
          g_assert_true (error->domain == RW_CATALOG_ERROR);
          g_assert_nonnull (error->message);
          refused++;
        }
      else
        {
          /* what loads is a consistent catalog */
          g_assert_no_error (error);
          g_assert_cmpuint (g_list_model_get_n_items (rw_catalog_get_gpus (catalog)), >, 0);
          loaded++;
        }
    }
  g_test_message ("%u damaged images refused, %u still consistent", refused, loaded);
  g_assert_cmpuint (refused, >, 100);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/catalog/rejections", test_rejections);
  g_test_add_func ("/catalog/sidebar-stats", test_sidebar_stats);
  g_test_add_func ("/catalog/minimal", test_minimal);
  g_test_add_func ("/catalog/skipped-records", test_skipped_records);
  g_test_add_func ("/catalog/absurd-fit-records", test_absurd_fit_records);
  g_test_add_func ("/catalog/image-fit-members", test_image_fit_members);
  g_test_add_func ("/catalog/overflowing-integer", test_overflowing_integer);
  g_test_add_func ("/catalog/deep-nesting", test_deep_nesting);
  g_test_add_func ("/catalog/number-grammar", test_number_grammar);
  g_test_add_func ("/catalog/purchase-price", test_purchase_price);
  g_test_add_func ("/catalog/invalid-utf8", test_invalid_utf8);
  g_test_add_func ("/catalog/too-large", test_too_large);
  g_test_add_func ("/catalog/missing-file", test_missing_file);
  g_test_add_func ("/catalog/limits", test_limits);
  g_test_add_func ("/catalog/fixture", test_fixture);
  g_test_add_func ("/catalog/builtin", test_builtin);
  g_test_add_func ("/catalog/match-rank", test_match_rank_builtin);
  g_test_add_func ("/catalog/lookups", test_lookups);
  g_test_add_func ("/catalog/image/roundtrip", test_image_roundtrip);
  g_test_add_func ("/catalog/image/train-members", test_train_members);
  g_test_add_func ("/catalog/image/builtin", test_image_builtin);
  g_test_add_func ("/catalog/image/damaged", test_image_damaged);

  return g_test_run ();
}
