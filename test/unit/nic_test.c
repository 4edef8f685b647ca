/*===- test/unit/nic_test.c - NIC profile reader and writer ---------------===*
 *
 * The shipped profiles load with the figures their comments justify; every
 * profile survives write -> read unchanged; and each kind of bad profile
 * gives one message naming the file, the line and the problem.
 *
 * Run from the repository root (ctest does): build/test/unit/nic_test
 *
 *===----------------------------------------------------------------------===*/
#include "clara_test.h"

#include "error.h"
#include "nic.h"

#include <stdint.h>
#include <stdlib.h>

#ifndef CLARA_SOURCE_DIR
#define CLARA_SOURCE_DIR "."
#endif

#define NIC_DIR CLARA_SOURCE_DIR "/models/nic"

static const char *const shipped[] = {"agilio-cx", "bluefield2",
                                      "bluefield3-dpa", "octeon"};

static clara_nic *load_shipped(const char *name) {
  char path[512];
  snprintf(path, sizeof(path), "%s/%s.yaml", NIC_DIR, name);
  clara_nic *nic = NULL;
  char *message = NULL;
  if (clara_nic_load_file(path, &nic, &message) != CLARA_OK) {
    fprintf(stderr, "cannot load %s: %s\n", path, message);
    clara_dispose_message(message);
    return NULL;
  }
  return nic;
}

/* Writes `nic` to a string; the caller frees it. */
static char *write_to_string(const clara_nic *nic) {
  char *text = NULL;
  size_t size = 0;
  FILE *out = open_memstream(&text, &size);
  if (!out)
    return NULL;
  char *message = NULL;
  int status = clara_nic_write(nic, out, &message);
  fclose(out);
  if (status != CLARA_OK) {
    fprintf(stderr, "write failed: %s\n", message);
    clara_dispose_message(message);
    free(text);
    return NULL;
  }
  return text;
}

static clara_nic *load_string(const char *text, char **out_message) {
  clara_nic *nic = NULL;
  clara_nic_load_buffer(text, strlen(text), "t.yaml", &nic, out_message);
  return nic;
}

static int same_string(const char *a, const char *b) {
  return (!a && !b) || (a && b && !strcmp(a, b));
}

/* Field-by-field equality of everything the format stores. */
static int same_nic(const clara_nic *a, const clara_nic *b) {
  if (!same_string(a->name, b->name) ||
      !same_string(a->description, b->description) || a->cores != b->cores ||
      a->threads_per_core != b->threads_per_core || a->islands != b->islands ||
      a->clock_mhz != b->clock_mhz || a->num_levels != b->num_levels ||
      a->num_accelerators != b->num_accelerators)
    return 0;
  for (size_t i = 0; i < a->num_levels; ++i) {
    const clara_nic_level *x = &a->levels[i], *y = &b->levels[i];
    if (!same_string(x->name, y->name) || x->scope != y->scope ||
        x->capacity_bytes != y->capacity_bytes ||
        x->read_cycles != y->read_cycles ||
        x->write_cycles != y->write_cycles ||
        x->atomic_cycles != y->atomic_cycles ||
        x->num_transaction_sizes != y->num_transaction_sizes ||
        x->cache_bytes != y->cache_bytes ||
        x->cache_read_cycles != y->cache_read_cycles ||
        x->cache_write_cycles != y->cache_write_cycles ||
        x->bandwidth_accesses_per_sec != y->bandwidth_accesses_per_sec)
      return 0;
    for (size_t j = 0; j < x->num_transaction_sizes; ++j)
      if (x->transaction_bytes[j] != y->transaction_bytes[j])
        return 0;
  }
  for (size_t i = 0; i < a->num_accelerators; ++i)
    if (!same_string(a->accelerators[i].kind, b->accelerators[i].kind) ||
        a->accelerators[i].cycles_per_use !=
            b->accelerators[i].cycles_per_use ||
        !same_string(a->accelerators[i].suggestion,
                     b->accelerators[i].suggestion))
      return 0;
  const clara_nic_backend *x = &a->backend, *y = &b->backend;
  if (!same_string(x->triple, y->triple) || !same_string(x->cpu, y->cpu) ||
      !same_string(x->features, y->features) ||
      !same_string(x->pipeline, y->pipeline) ||
      x->num_llc_flags != y->num_llc_flags ||
      x->access_merging != y->access_merging ||
      x->misaligned_accesses != y->misaligned_accesses)
    return 0;
  for (size_t i = 0; i < x->num_llc_flags; ++i)
    if (!same_string(x->llc_flags[i], y->llc_flags[i]))
      return 0;
  return 1;
}

/* Writes, reads back and checks equality, then checks that writing the copy
 * gives the same text. */
static void check_round_trip(const clara_nic *nic) {
  char *text = write_to_string(nic);
  CLARA_CHECK(text != NULL);
  if (!text)
    return;
  char *message = NULL;
  clara_nic *copy = load_string(text, &message);
  if (!copy)
    fprintf(stderr, "re-reading failed: %s\n--- written:\n%s---\n", message,
            text);
  CLARA_CHECK(copy != NULL);
  clara_dispose_message(message);
  if (copy) {
    CLARA_CHECK(same_nic(nic, copy));
    char *again = write_to_string(copy);
    CLARA_CHECK(again && !strcmp(text, again));
    free(again);
  }
  clara_nic_dispose(copy);
  free(text);
}

/*===- Shipped profiles --------------------------------------------------===*/

static void test_agilio_cx_figures(void) {
  clara_nic *nic = load_shipped(CLARA_DEFAULT_NIC);
  CLARA_CHECK(nic != NULL);
  if (!nic)
    return;
  CLARA_CHECK_STR(nic->name, "agilio-cx");
  CLARA_CHECK_EQ_INT(nic->cores, 60);
  CLARA_CHECK_EQ_INT(nic->islands, 5);
  CLARA_CHECK_EQ_INT(nic->threads_per_core, 8);
  CLARA_CHECK_NEAR(nic->clock_mhz, 1200, 0);
  CLARA_CHECK_EQ_INT(nic->num_levels, 5);
  CLARA_CHECK_STR(nic->levels[0].name, "LMEM");

  const clara_nic_level *lmem = clara_nic_find_level(nic, "LMEM");
  const clara_nic_level *cls = clara_nic_find_level(nic, "CLS");
  const clara_nic_level *ctm = clara_nic_find_level(nic, "CTM");
  const clara_nic_level *imem = clara_nic_find_level(nic, "IMEM");
  const clara_nic_level *emem = clara_nic_find_level(nic, "EMEM");
  CLARA_CHECK(lmem && cls && ctm && imem && emem);
  CLARA_CHECK(clara_nic_find_level(nic, "DRAM") == NULL);
  if (lmem && cls && ctm && imem && emem) {
    CLARA_CHECK_EQ_INT(lmem->scope, CLARA_SCOPE_CORE);
    CLARA_CHECK_EQ_INT(lmem->capacity_bytes, 4096);
    CLARA_CHECK_EQ_INT(cls->scope, CLARA_SCOPE_ISLAND);
    CLARA_CHECK_EQ_INT(ctm->scope, CLARA_SCOPE_ISLAND);
    CLARA_CHECK_NEAR(ctm->read_cycles, 70, 0);
    CLARA_CHECK_EQ_INT(imem->scope, CLARA_SCOPE_CHIP);
    CLARA_CHECK_EQ_INT(imem->capacity_bytes, 4u << 20);
    CLARA_CHECK_NEAR(imem->read_cycles, 122, 0);
    CLARA_CHECK_NEAR(imem->bandwidth_accesses_per_sec, 1.1e9, 0);
    CLARA_CHECK_EQ_INT(imem->cache_bytes, 0);
    CLARA_CHECK_EQ_INT(imem->num_transaction_sizes, 5);
    CLARA_CHECK_EQ_INT(imem->transaction_bytes[4], 64);
    CLARA_CHECK_EQ_INT(emem->capacity_bytes, 2ull << 30);
    CLARA_CHECK_NEAR(emem->read_cycles, 336, 0);
    CLARA_CHECK_NEAR(emem->write_cycles, 290, 0);
    CLARA_CHECK_EQ_INT(emem->cache_bytes, 3u << 20);
    CLARA_CHECK_NEAR(emem->cache_read_cycles, 200, 0);
    CLARA_CHECK_NEAR(emem->bandwidth_accesses_per_sec, 0, 0);
    /* Faster levels are listed first. */
    CLARA_CHECK(lmem->read_cycles < cls->read_cycles &&
                cls->read_cycles < ctm->read_cycles &&
                ctm->read_cycles < imem->read_cycles &&
                imem->read_cycles < emem->read_cycles);
  }

  CLARA_CHECK_EQ_INT(nic->num_accelerators, 6);
  const clara_nic_accelerator *crc = clara_nic_find_accelerator(nic, "crc");
  CLARA_CHECK(crc != NULL);
  if (crc) {
    CLARA_CHECK_NEAR(crc->cycles_per_use, 28, 0);
    CLARA_CHECK(strstr(crc->suggestion, "CRC unit") != NULL);
  }
  const clara_nic_accelerator *checksum =
      clara_nic_find_accelerator(nic, "checksum");
  CLARA_CHECK(checksum && checksum->cycles_per_use == 300);
  CLARA_CHECK(clara_nic_find_accelerator(nic, "lpm") != NULL);
  CLARA_CHECK(clara_nic_find_accelerator(nic, "flow-cache") != NULL);
  CLARA_CHECK(clara_nic_find_accelerator(nic, "regex") == NULL);

  CLARA_CHECK_STR(nic->backend.triple, "bpfel");
  CLARA_CHECK_STR(nic->backend.cpu, "v3");
  CLARA_CHECK_STR(nic->backend.features, "");
  CLARA_CHECK(strncmp(nic->backend.pipeline, "lower-invoke,", 13) == 0);
  /* -O2 without tail merging or tail duplication, also not during block
   * placement (models/README.md). */
  CLARA_CHECK_EQ_INT(nic->backend.num_llc_flags, 5);
  if (nic->backend.num_llc_flags == 5) {
    CLARA_CHECK_STR(nic->backend.llc_flags[0], "-O2");
    CLARA_CHECK_STR(nic->backend.llc_flags[1], "-enable-tail-merge=false");
    CLARA_CHECK_STR(nic->backend.llc_flags[3], "-disable-early-taildup");
    CLARA_CHECK_STR(nic->backend.llc_flags[4], "-tail-dup-placement=false");
  }
  CLARA_CHECK_EQ_INT(nic->backend.access_merging,
                     CLARA_NIC_MERGE_CONSTANT_STORES);
  CLARA_CHECK_EQ_INT(nic->backend.misaligned_accesses,
                     CLARA_NIC_MISALIGNED_SPLIT);
  CLARA_CHECK(strstr(nic->path, "models/nic/agilio-cx.yaml") != NULL);
  clara_nic_dispose(nic);
}

static void test_other_profiles_figures(void) {
  clara_nic *bf2 = load_shipped("bluefield2");
  CLARA_CHECK(bf2 != NULL);
  if (bf2) {
    CLARA_CHECK_EQ_INT(bf2->cores, 8);
    CLARA_CHECK_EQ_INT(bf2->islands, 4);
    CLARA_CHECK_NEAR(bf2->clock_mhz, 2500, 0);
    const clara_nic_level *dram = clara_nic_find_level(bf2, "DRAM");
    CLARA_CHECK(dram && dram->scope == CLARA_SCOPE_CHIP &&
                dram->cache_bytes == 6u << 20);
    CLARA_CHECK_STR(bf2->backend.triple, "aarch64-unknown-linux-gnu");
    CLARA_CHECK_STR(bf2->backend.cpu, "cortex-a72");
    CLARA_CHECK_EQ_INT(bf2->backend.misaligned_accesses,
                       CLARA_NIC_MISALIGNED_NATIVE);
    CLARA_CHECK_EQ_INT(bf2->backend.access_merging,
                       CLARA_NIC_MERGE_CONSTANT_STORES |
                           CLARA_NIC_MERGE_MISALIGNED | CLARA_NIC_MERGE_PAIRS |
                           CLARA_NIC_MERGE_COMBINED_LOADS |
                           CLARA_NIC_MERGE_LOADED_VALUES);
    CLARA_CHECK(clara_nic_find_accelerator(bf2, "lpm") == NULL);
  }
  clara_nic_dispose(bf2);

  clara_nic *dpa = load_shipped("bluefield3-dpa");
  CLARA_CHECK(dpa != NULL);
  if (dpa) {
    CLARA_CHECK_EQ_INT(dpa->cores, 16);
    CLARA_CHECK_EQ_INT(dpa->threads_per_core, 16);
    CLARA_CHECK_EQ_INT(dpa->islands, 0);
    CLARA_CHECK_NEAR(dpa->clock_mhz, 1800, 0);
    const clara_nic_level *l1 = clara_nic_find_level(dpa, "L1D");
    CLARA_CHECK(l1 && l1->capacity_bytes == 1024);
    CLARA_CHECK_STR(dpa->backend.triple, "riscv64-unknown-elf");
    CLARA_CHECK_STR(dpa->backend.features, "+m,+a,+c");
    CLARA_CHECK_EQ_INT(dpa->backend.access_merging,
                       CLARA_NIC_MERGE_CONSTANT_STORES);
    CLARA_CHECK(clara_nic_find_accelerator(dpa, "crc") == NULL);
  }
  clara_nic_dispose(dpa);

  clara_nic *octeon = load_shipped("octeon");
  CLARA_CHECK(octeon != NULL);
  if (octeon) {
    CLARA_CHECK_EQ_INT(octeon->cores, 16);
    CLARA_CHECK_NEAR(octeon->clock_mhz, 1500, 0);
    CLARA_CHECK_STR(octeon->backend.triple, "mips64-unknown-linux-gnuabi64");
    CLARA_CHECK_STR(octeon->backend.cpu, "octeon");
    CLARA_CHECK_EQ_INT(octeon->backend.misaligned_accesses,
                       CLARA_NIC_MISALIGNED_PAIR);
    CLARA_CHECK_EQ_INT(octeon->backend.access_merging,
                       CLARA_NIC_MERGE_CONSTANT_STORES |
                           CLARA_NIC_MERGE_COMBINED_LOADS_SPLIT |
                           CLARA_NIC_MERGE_LOADED_VALUES);
    CLARA_CHECK(clara_nic_find_accelerator(octeon, "crypto") != NULL);
  }
  clara_nic_dispose(octeon);
}

/* Invariants every shipped profile keeps beyond what the reader enforces. */
static void test_shipped_profiles_are_consistent(void) {
  for (size_t i = 0; i < sizeof(shipped) / sizeof(shipped[0]); ++i) {
    clara_nic *nic = load_shipped(shipped[i]);
    CLARA_CHECK(nic != NULL);
    if (!nic)
      continue;
    CLARA_CHECK_STR(nic->name, shipped[i]);
    CLARA_CHECK(*nic->description != '\0');
    CLARA_CHECK(
        strstr(nic->backend.pipeline, "instcombine<no-verify-fixpoint>"));
    for (size_t j = 0; j < nic->num_levels; ++j) {
      const clara_nic_level *level = &nic->levels[j];
      CLARA_CHECK(level->write_cycles > 0 && level->atomic_cycles > 0);
      if (level->cache_bytes)
        CLARA_CHECK(level->cache_read_cycles < level->read_cycles &&
                    level->cache_bytes < level->capacity_bytes);
      if (j)
        CLARA_CHECK(nic->levels[j - 1].read_cycles < level->read_cycles);
    }
    clara_nic_dispose(nic);
  }
}

/*===- Round trips -------------------------------------------------------===*/

static void test_shipped_profiles_round_trip(void) {
  for (size_t i = 0; i < sizeof(shipped) / sizeof(shipped[0]); ++i) {
    clara_nic *nic = load_shipped(shipped[i]);
    CLARA_CHECK(nic != NULL);
    if (nic)
      check_round_trip(nic);
    clara_nic_dispose(nic);
  }
}

/* Strings that YAML would otherwise read as null, numbers, comments, maps or
 * several lines must come back as written. */
static void test_awkward_strings_round_trip(void) {
  char *message = NULL;
  clara_nic *nic = load_string("clara-nic: 1\n"
                               "name: x\n"
                               "cores: 1\n"
                               "clock_mhz: 0.5\n"
                               "memory:\n"
                               "  - {name: M, scope: chip, capacity_bytes: 1,\n"
                               "     read_cycles: 1e-3, write_cycles: 0.1,\n"
                               "     atomic_cycles: 123456789.125,\n"
                               "     transaction_bytes: [1]}\n"
                               "accelerators:\n"
                               "  - kind: crc\n"
                               "    cycles_per_use: 1\n"
                               "    suggestion: s\n"
                               "backend: {triple: t, cpu: c, pipeline: p}\n",
                               &message);
  CLARA_CHECK(nic != NULL);
  if (!nic) {
    fprintf(stderr, "%s\n", message);
    clara_dispose_message(message);
    return;
  }
  const char *texts[] = {"null",
                         "~",
                         "",
                         "123",
                         "1.5e3",
                         "true",
                         "a: b # c",
                         "- item",
                         "'quoted' \"double\"",
                         "two\nlines\n",
                         "  padded  ",
                         "tab\there",
                         "unicode \xc3\xa9\xe2\x82\xac",
                         "[1, 2]",
                         "{a: 1}",
                         "%percent",
                         "@at",
                         "`tick",
                         "&anchor",
                         "*alias",
                         "!tag",
                         "|",
                         ">",
                         "#hash",
                         "x" /* plain */};
  char *old_description = nic->description;
  char *old_suggestion = nic->accelerators[0].suggestion;
  char *old_features = nic->backend.features;
  for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); ++i) {
    nic->description = (char *)texts[i];
    nic->accelerators[0].suggestion = (char *)texts[(i + 1) % 25];
    nic->backend.features = (char *)texts[(i + 2) % 25];
    if (!*nic->accelerators[0].suggestion)
      nic->accelerators[0].suggestion = (char *)"nonempty";
    check_round_trip(nic);
  }
  nic->description = old_description;
  nic->accelerators[0].suggestion = old_suggestion;
  nic->backend.features = old_features;
  clara_nic_dispose(nic);
}

/*===- Resolving -clara-nic ----------------------------------------------===*/

static void test_resolve(void) {
  char *path = NULL, *message = NULL;
  CLARA_CHECK_EQ_INT(clara_nic_resolve("agilio-cx", NIC_DIR, &path, &message),
                     CLARA_OK);
  CLARA_CHECK_STR(path, NIC_DIR "/agilio-cx.yaml");
  clara_dispose_message(path);

  /* Paths are taken as they are, existing or not. */
  CLARA_CHECK_EQ_INT(clara_nic_resolve("dir/x", NIC_DIR, &path, &message),
                     CLARA_OK);
  CLARA_CHECK_STR(path, "dir/x");
  clara_dispose_message(path);
  CLARA_CHECK_EQ_INT(clara_nic_resolve("mine.yaml", NULL, &path, &message),
                     CLARA_OK);
  CLARA_CHECK_STR(path, "mine.yaml");
  clara_dispose_message(path);

  CLARA_CHECK_EQ_INT(clara_nic_resolve("agilio", NIC_DIR, &path, &message),
                     CLARA_ERROR);
  CLARA_CHECK(path == NULL);
  CLARA_CHECK_STR(message, "unknown NIC 'agilio' (profiles in " NIC_DIR
                           ": agilio-cx, bluefield2, bluefield3-dpa, octeon)");
  clara_dispose_message(message);

  message = NULL;
  CLARA_CHECK_EQ_INT(
      clara_nic_resolve("agilio", "/nonexistent", &path, &message),
      CLARA_ERROR);
  CLARA_CHECK(message && strstr(message, "cannot list profiles in "
                                         "/nonexistent"));
  clara_dispose_message(message);

  message = NULL;
  CLARA_CHECK_EQ_INT(clara_nic_resolve("", NIC_DIR, &path, &message),
                     CLARA_ERROR);
  CLARA_CHECK(message && strstr(message, "empty NIC name"));
  clara_dispose_message(message);

  message = NULL;
  CLARA_CHECK_EQ_INT(clara_nic_resolve("agilio-cx", NULL, &path, &message),
                     CLARA_ERROR);
  CLARA_CHECK(message && strstr(message, "no NIC profile directory"));
  clara_dispose_message(message);
}

static void test_load_file_errors(void) {
  clara_nic *nic = (clara_nic *)&nic; /* must be reset to NULL */
  char *message = NULL;
  CLARA_CHECK_EQ_INT(clara_nic_load_file("/nonexistent/x.yaml", &nic, &message),
                     CLARA_ERROR);
  CLARA_CHECK(nic == NULL);
  CLARA_CHECK_STR(message, "/nonexistent/x.yaml: cannot open NIC profile: No "
                           "such file or directory");
  clara_dispose_message(message);

  message = NULL;
  CLARA_CHECK_EQ_INT(clara_nic_load_file(NIC_DIR, &nic, &message), CLARA_ERROR);
  CLARA_CHECK(message && strstr(message, NIC_DIR ": cannot read NIC profile"));
  clara_dispose_message(message);

  /* The bad inputs for the lit tests are bad for the reason their name
   * says, and the message names the file. */
  static const struct {
    const char *file, *problem;
  } inputs[] = {
      {"malformed.yaml",
       ":5: invalid YAML: did not find expected ',' or ']' "
       "(column 10, while parsing a flow sequence on line 4)"},
      {"unknown-key.yaml", ":4: unknown key 'coers'"},
      {"zero-capacity.yaml",
       ":9: memory[0].capacity_bytes must be a positive integer, got \"0\""},
      {"missing-version.yaml", ":2: missing 'clara-nic: 1' version field"},
      {"future-version.yaml", ":2: unsupported clara-nic version \"2\""},
      {"string-latency.yaml",
       ":10: memory[0].read_cycles must be a positive number, got \"fast\""},
      {"no-chip-level.yaml", ":7: memory has no level with scope chip"},
      {"duplicate-level.yaml",
       ":14: memory[1].name: duplicate memory level name 'SRAM'"},
      {"bad-scope.yaml",
       ":8: memory[0].scope must be one of core, island, chip, got "
       "\"cluster\""},
      {"empty.yaml", ":1: empty file"},
  };
  for (size_t i = 0; i < sizeof(inputs) / sizeof(inputs[0]); ++i) {
    char path[512];
    snprintf(path, sizeof(path), "%s/test/nic/inputs/%s", CLARA_SOURCE_DIR,
             inputs[i].file);
    message = NULL;
    CLARA_CHECK_EQ_INT(clara_nic_load_file(path, &nic, &message), CLARA_ERROR);
    int ok = message && !strncmp(message, path, strlen(path)) &&
             strstr(message + strlen(path), inputs[i].problem) ==
                 message + strlen(path);
    if (!ok)
      fprintf(stderr, "%s: expected \"%s\", got \"%s\"\n", inputs[i].file,
              inputs[i].problem, message ? message : "(no message)");
    CLARA_CHECK(ok);
    clara_dispose_message(message);
  }
}

/*===- Validation: one test per kind of bad profile ----------------------===*/

/* A valid profile; each test below replaces one line to break it. */
static const char *const valid_profile =
    "clara-nic: 1\n"                  /* 1 */
    "name: test\n"                    /* 2 */
    "cores: 4\n"                      /* 3 */
    "islands: 2\n"                    /* 4 */
    "clock_mhz: 1000\n"               /* 5 */
    "memory:\n"                       /* 6 */
    "  - name: LOCAL\n"               /* 7 */
    "    scope: core\n"               /* 8 */
    "    capacity_bytes: 1024\n"      /* 9 */
    "    read_cycles: 2\n"            /* 10 */
    "    write_cycles: 2\n"           /* 11 */
    "    atomic_cycles: 4\n"          /* 12 */
    "    transaction_bytes: [4]\n"    /* 13 */
    "  - name: SHARED\n"              /* 14 */
    "    scope: chip\n"               /* 15 */
    "    capacity_bytes: 65536\n"     /* 16 */
    "    read_cycles: 100\n"          /* 17 */
    "    write_cycles: 100\n"         /* 18 */
    "    atomic_cycles: 150\n"        /* 19 */
    "    transaction_bytes: [4, 8]\n" /* 20 */
    "backend:\n"                      /* 21 */
    "  triple: bpfel\n"               /* 22 */
    "  cpu: v3\n"                     /* 23 */
    "  pipeline: sroa\n";             /* 24 */

/* valid_profile with line `line` (1-based) replaced by `text` (which may hold
 * several lines, or be NULL to delete the line). The caller frees it. */
static char *replace_line(int line, const char *text) {
  const char *start = valid_profile;
  for (int i = 1; i < line && start; ++i) {
    start = strchr(start, '\n');
    if (start)
      ++start;
  }
  if (!start)
    return NULL;
  const char *end = strchr(start, '\n');
  end = end ? end + 1 : start + strlen(start);
  size_t prefix = (size_t)(start - valid_profile);
  size_t middle = text ? strlen(text) + 1 : 0;
  char *result = malloc(prefix + middle + strlen(end) + 1);
  memcpy(result, valid_profile, prefix);
  if (text) {
    memcpy(result + prefix, text, middle - 1);
    result[prefix + middle - 1] = '\n';
  }
  strcpy(result + prefix + middle, end);
  return result;
}

static void expect_message(const char *text, const char *expected, int whole) {
  char *message = NULL;
  clara_nic *nic = (clara_nic *)&message; /* must be reset to NULL */
  int status =
      clara_nic_load_buffer(text, strlen(text), "t.yaml", &nic, &message);
  CLARA_CHECK_EQ_INT(status, CLARA_ERROR);
  CLARA_CHECK(nic == NULL);
  int ok = message && (whole ? !strcmp(message, expected)
                             : !strncmp(message, expected, strlen(expected)));
  if (!ok)
    fprintf(stderr, "expected%s \"%s\"\n     got \"%s\"\n",
            whole ? "" : " a message starting", expected,
            message ? message : "(no message)");
  CLARA_CHECK(ok);
  clara_dispose_message(message);
  if (status == CLARA_OK && nic != (clara_nic *)&message)
    clara_nic_dispose(nic);
}

/* Replaces line `line` of the valid profile and expects exactly `expected`. */
static void expect_error(int line, const char *text, const char *expected) {
  char *profile = replace_line(line, text);
  expect_message(profile, expected, 1);
  free(profile);
}

static void expect_error_prefix(int line, const char *text,
                                const char *expected) {
  char *profile = replace_line(line, text);
  expect_message(profile, expected, 0);
  free(profile);
}

static void test_write_errors(void) {
  char *message = NULL;
  clara_nic *nic = load_string(valid_profile, &message);
  CLARA_CHECK(nic != NULL);
  if (!nic)
    return;

  /* A stream that cannot be written to. */
  FILE *read_only = fopen("/dev/null", "r");
  CLARA_CHECK(read_only != NULL);
  if (read_only) {
    CLARA_CHECK_EQ_INT(clara_nic_write(nic, read_only, &message), CLARA_ERROR);
    CLARA_CHECK_STR(message, "cannot write NIC profile 'test': write error");
    clara_dispose_message(message);
    fclose(read_only);
  }

  /* A profile built in code with a string that is not UTF-8. */
  FILE *sink = fopen("/dev/null", "w");
  char *description = nic->description;
  nic->description = (char *)"caf\xe9";
  message = NULL;
  CLARA_CHECK_EQ_INT(clara_nic_write(nic, sink, &message), CLARA_ERROR);
  CLARA_CHECK_STR(message, "cannot write NIC profile 'test': a string is not "
                           "valid UTF-8 (or memory ran out)");
  clara_dispose_message(message);
  nic->description = description;

  /* Missing strings are written as "" rather than crashing. */
  char *triple = nic->backend.triple;
  nic->backend.triple = NULL;
  CLARA_CHECK_EQ_INT(clara_nic_write(nic, sink, NULL), CLARA_OK);
  nic->backend.triple = triple;

  message = NULL;
  CLARA_CHECK_EQ_INT(clara_nic_write(NULL, sink, &message), CLARA_ERROR);
  CLARA_CHECK(message != NULL);
  clara_dispose_message(message);
  fclose(sink);
  clara_nic_dispose(nic);
}

static void test_valid_profile_loads(void) {
  char *message = NULL;
  clara_nic *nic = load_string(valid_profile, &message);
  CLARA_CHECK(nic != NULL);
  if (!nic)
    fprintf(stderr, "%s\n", message);
  clara_dispose_message(message);
  if (nic) {
    CLARA_CHECK_STR(nic->path, "t.yaml");
    CLARA_CHECK_STR(nic->description, "");
    CLARA_CHECK_STR(nic->backend.features, "");
    CLARA_CHECK_EQ_INT(nic->threads_per_core, 1);
    CLARA_CHECK_EQ_INT(nic->num_accelerators, 0);
    CLARA_CHECK_EQ_INT(nic->backend.num_llc_flags, 0);
    CLARA_CHECK_EQ_INT(nic->backend.access_merging, 0);
    CLARA_CHECK_EQ_INT(nic->backend.misaligned_accesses,
                       CLARA_NIC_MISALIGNED_NATIVE);
    check_round_trip(nic);
  }
  clara_nic_dispose(nic);

  /* Optional fields given as null are absent; comments are fine. */
  char *profile = replace_line(4, "islands: ~  # none\naccelerators:\n"
                                  "threads_per_core: null");
  nic = load_string(profile, &message);
  CLARA_CHECK(nic && nic->islands == 0 && nic->num_accelerators == 0 &&
              nic->threads_per_core == 1);
  clara_nic_dispose(nic);
  free(profile);

  /* A buffer without a name. */
  nic = NULL;
  CLARA_CHECK_EQ_INT(clara_nic_load_buffer(valid_profile, strlen(valid_profile),
                                           NULL, &nic, NULL),
                     CLARA_OK);
  CLARA_CHECK(nic && nic->path == NULL);
  clara_nic_dispose(nic);
}

static void test_error_version_missing(void) {
  expect_error(1, "# no version",
               "t.yaml:2: missing 'clara-nic: 1' version field (is this a "
               "Clara NIC profile?)");
}

static void test_error_version_unsupported(void) {
  expect_error(1, "clara-nic: 2",
               "t.yaml:1: unsupported clara-nic version \"2\" (this Clara "
               "reads version 1)");
  expect_error(1, "clara-nic: '1'",
               "t.yaml:1: unsupported clara-nic version \"1\" (this Clara "
               "reads version 1)");
}

static void test_error_unknown_key(void) {
  expect_error(3, "cores: 4\nspeed: 9",
               "t.yaml:4: unknown key 'speed' (expected one of: clara-nic, "
               "name, description, cores, threads_per_core, islands, "
               "clock_mhz, memory, accelerators, backend)");
  expect_error_prefix(9, "    capacity: 1024",
                      "t.yaml:9: unknown key 'capacity' in memory[0] "
                      "(expected one of: name, scope, capacity_bytes,");
  expect_error_prefix(24, "  pipeline: sroa\n  flags: [-O2]",
                      "t.yaml:25: unknown key 'flags' in backend");
}

static void test_error_duplicate_key(void) {
  expect_error(5, "clock_mhz: 1000\ncores: 8",
               "t.yaml:6: duplicate key 'cores' (first given on line 3)");
  expect_error(17, "    read_cycles: 100\n    read_cycles: 90",
               "t.yaml:18: duplicate key 'memory[1].read_cycles' (first given "
               "on line 17)");
}

static void test_error_missing_field(void) {
  expect_error(3, NULL, "t.yaml:1: missing required field 'cores'");
  expect_error(15, NULL,
               "t.yaml:14: memory[1] is missing required field 'scope'");
  expect_error(23, NULL, "t.yaml:22: backend is missing required field 'cpu'");
}

static void test_error_wrong_type(void) {
  expect_error(3, "cores: many",
               "t.yaml:3: cores must be a positive integer, got \"many\"");
  expect_error(3, "cores: \"4\"",
               "t.yaml:3: cores must be a positive integer, got the quoted "
               "string \"4\"");
  expect_error(3, "cores: 4.5",
               "t.yaml:3: cores must be a positive integer, got \"4.5\"");
  expect_error(3, "cores: [4]",
               "t.yaml:3: cores must be a positive integer, got a list");
  expect_error(
      3, "cores:", "t.yaml:3: cores must be a positive integer, got null");
  expect_error(10, "    read_cycles: fast",
               "t.yaml:10: memory[0].read_cycles must be a positive number, "
               "got \"fast\"");
  expect_error(10, "    read_cycles: .inf",
               "t.yaml:10: memory[0].read_cycles must be a positive number, "
               "got \".inf\"");
  expect_error(2, "name: {first: a}",
               "t.yaml:2: name must be a non-empty string, got a map");
  expect_error(22, "  triple:",
               "t.yaml:22: backend.triple must be a non-empty string, got "
               "null");
  expect_error(24, "  pipeline: \"\"",
               "t.yaml:24: backend.pipeline must be a non-empty string, got "
               "\"\"");
  expect_error(24, "  pipeline: sroa\n  llc_flags: -O2",
               "t.yaml:25: backend.llc_flags must be a list, got \"-O2\"");
  expect_error(24, "  pipeline: sroa\n  access_merging: pairs",
               "t.yaml:25: backend.access_merging must be a list, got "
               "\"pairs\"");
  expect_error(24, "  pipeline: sroa\n  access_merging: [pairs, ldp]",
               "t.yaml:25: backend.access_merging[1] must be one of "
               "constant-stores, misaligned-stores, pairs, combined-loads, "
               "combined-loads-split, loaded-value-stores, got 'ldp'");
  expect_error(24, "  pipeline: sroa\n  misaligned_accesses: bytes",
               "t.yaml:25: backend.misaligned_accesses must be one of "
               "native, split, pair, got 'bytes'");
  expect_error(24, "  pipeline: sroa\n  access_merging: [pairs, pairs]",
               "t.yaml:25: backend.access_merging[1]: 'pairs' is listed "
               "twice");
}

static void test_error_list_versus_map(void) {
  expect_message("clara-nic: 1\nname: t\ncores: 1\nclock_mhz: 1\n"
                 "memory: {name: M}\nbackend: {triple: t, cpu: c, pipeline: "
                 "p}\n",
                 "t.yaml:5: memory must be a list, got a map", 1);
  expect_message("clara-nic: 1\nname: t\ncores: 1\nclock_mhz: 1\n"
                 "memory:\n  - [M, chip]\nbackend: {triple: t}\n",
                 "t.yaml:6: memory[0] must be a map of 'key: value' lines, "
                 "got a list",
                 1);
  expect_error(21, "backend: [bpfel, v3, sroa]\nunused:",
               "t.yaml:22: unknown key 'unused' (expected one of: clara-nic, "
               "name, description, cores, threads_per_core, islands, "
               "clock_mhz, memory, accelerators, backend)");
  expect_message("clara-nic: 1\nname: t\ncores: 1\nclock_mhz: 1\n"
                 "memory:\n  - {name: M, scope: chip, capacity_bytes: 1,\n"
                 "     read_cycles: 1, write_cycles: 1, atomic_cycles: 1,\n"
                 "     transaction_bytes: [1]}\nbackend: [bpfel, v3]\n",
                 "t.yaml:9: backend must be a map of 'key: value' lines, got "
                 "a list",
                 1);
  expect_message("- clara-nic: 1\n",
                 "t.yaml:1: the profile must be a map of 'key: value' lines, "
                 "got a list",
                 1);
}

static void test_error_capacity_not_positive(void) {
  expect_error(16, "    capacity_bytes: -4",
               "t.yaml:16: memory[1].capacity_bytes must be a positive "
               "integer, got \"-4\"");
  expect_error(9, "    capacity_bytes: 0",
               "t.yaml:9: memory[0].capacity_bytes must be a positive "
               "integer, got \"0\"");
  expect_error(9, "    capacity_bytes: 99999999999999999999",
               "t.yaml:9: memory[0].capacity_bytes must be at most "
               "18446744073709551615, got \"99999999999999999999\"");
  /* YAML 1.1 reads a leading zero as octal; refuse rather than guess. */
  expect_error(9, "    capacity_bytes: 010",
               "t.yaml:9: memory[0].capacity_bytes must be a positive "
               "integer, got \"010\"");
}

static void test_error_latency_not_positive(void) {
  expect_error(10, "    read_cycles: 0",
               "t.yaml:10: memory[0].read_cycles must be a positive number, "
               "got \"0\"");
  expect_error(18, "    write_cycles: -1.5",
               "t.yaml:18: memory[1].write_cycles must be a positive number, "
               "got \"-1.5\"");
  expect_error(12, "    atomic_cycles: 0.0",
               "t.yaml:12: memory[0].atomic_cycles must be a positive number, "
               "got \"0.0\"");
  expect_error(5, "clock_mhz: 1e999",
               "t.yaml:5: clock_mhz is out of range, got \"1e999\"");
}

static void test_error_cores_not_positive(void) {
  expect_error(3, "cores: 0",
               "t.yaml:3: cores must be a positive integer, got \"0\"");
  expect_error(3, "cores: 4294967296",
               "t.yaml:3: cores must be at most 4294967295, got "
               "\"4294967296\"");
  expect_error(4, "islands: 3",
               "t.yaml:4: cores (4) must be a multiple of islands (3)");
}

static void test_error_empty_memory(void) {
  expect_message("clara-nic: 1\nname: t\ncores: 1\nclock_mhz: 1\n"
                 "memory: []\nbackend: {triple: t, cpu: c, pipeline: p}\n",
                 "t.yaml:5: memory must list at least one level", 1);
  expect_message("clara-nic: 1\nname: t\ncores: 1\nclock_mhz: 1\n"
                 "memory:\nbackend: {triple: t, cpu: c, pipeline: p}\n",
                 "t.yaml:5: memory must be a list, got null", 1);
}

static void test_error_duplicate_level(void) {
  expect_error(14, "  - name: LOCAL",
               "t.yaml:14: memory[1].name: duplicate memory level name "
               "'LOCAL' (also memory[0])");
}

static void test_error_level_name_not_a_word(void) {
  expect_error(14, "  - name: ON CHIP",
               "t.yaml:14: memory[1].name must consist of letters, digits "
               "and '_' (it names remark arguments), got \"ON CHIP\"");
  expect_error(2, "name: ../../etc",
               "t.yaml:2: name must consist of letters, digits, '.', '_' and "
               "'-', got \"../../etc\"");
}

static void test_error_scope(void) {
  expect_error(15, "    scope: cluster",
               "t.yaml:15: memory[1].scope must be one of core, island, chip, "
               "got \"cluster\"");
  expect_error(15, "    scope: core",
               "t.yaml:6: memory has no level with scope chip, so state "
               "shared by all cores could not be placed");
  /* island scope needs islands. */
  expect_message("clara-nic: 1\nname: t\ncores: 1\nclock_mhz: 1\n"
                 "memory:\n  - {name: M, scope: island, capacity_bytes: 1,\n"
                 "     read_cycles: 1, write_cycles: 1, atomic_cycles: 1,\n"
                 "     transaction_bytes: [1]}\n"
                 "backend: {triple: t, cpu: c, pipeline: p}\n",
                 "t.yaml:6: memory[0].scope is island but the profile "
                 "declares no 'islands'",
                 1);
}

static void test_error_transaction_sizes(void) {
  expect_error(20, "    transaction_bytes: [8, 4]",
               "t.yaml:20: memory[1].transaction_bytes must list distinct "
               "sizes in increasing order, got 4 after 8");
  expect_error(20, "    transaction_bytes: []",
               "t.yaml:20: memory[1].transaction_bytes must list at least one "
               "access size");
  expect_error(20, "    transaction_bytes: [4, -8]",
               "t.yaml:20: memory[1].transaction_bytes[1] must be a positive "
               "integer, got \"-8\"");
  expect_error(20, "    transaction_bytes: 4",
               "t.yaml:20: memory[1].transaction_bytes must be a list, got "
               "\"4\"");
}

static void test_error_cache(void) {
  expect_error(20, "    transaction_bytes: [4]\n    cache: {bytes: 64}",
               "t.yaml:21: memory[1].cache is missing required field "
               "'read_cycles'");
  expect_error(20,
               "    transaction_bytes: [4]\n"
               "    cache: {bytes: 0, read_cycles: 1, write_cycles: 1}",
               "t.yaml:21: memory[1].cache.bytes must be a positive integer, "
               "got \"0\"");
  expect_error(20, "    transaction_bytes: [4]\n    cache: 64",
               "t.yaml:21: memory[1].cache must be a map of 'key: value' "
               "lines, got \"64\"");
  expect_error(20,
               "    transaction_bytes: [4]\n"
               "    bandwidth_accesses_per_sec: -1e9",
               "t.yaml:21: memory[1].bandwidth_accesses_per_sec must be a "
               "positive number, got \"-1e9\"");
}

static void test_error_accelerators(void) {
  expect_error(21,
               "accelerators:\n  - {kind: regex, cycles_per_use: 1, "
               "suggestion: s}\nbackend:",
               "t.yaml:22: accelerators[0].kind must be one of crc, lpm, "
               "hash, crypto, checksum, flow-cache, got \"regex\"");
  expect_error(21,
               "accelerators:\n  - {kind: crc, cycles_per_use: 1, "
               "suggestion: s}\n  - {kind: crc, cycles_per_use: 2, "
               "suggestion: t}\nbackend:",
               "t.yaml:23: accelerators[1].kind: duplicate accelerator kind "
               "'crc' (also accelerators[0])");
  expect_error(21,
               "accelerators:\n  - {kind: crc, cycles_per_use: 0, "
               "suggestion: s}\nbackend:",
               "t.yaml:22: accelerators[0].cycles_per_use must be a positive "
               "number, got \"0\"");
  expect_error(21,
               "accelerators:\n  - {kind: crc, cycles_per_use: 1}\nbackend:",
               "t.yaml:22: accelerators[0] is missing required field "
               "'suggestion'");
  expect_error(21, "accelerators: {crc: 1}\nbackend:",
               "t.yaml:21: accelerators must be a list, got a map");
}

static void test_error_invalid_yaml(void) {
  expect_error(3, "cores: [4",
               "t.yaml:4: invalid YAML: did not find expected ',' or ']' "
               "(column 8, while parsing a flow sequence on line 3)");
  expect_error(3, "  cores: 4",
               "t.yaml:3: invalid YAML: mapping values are not allowed in "
               "this context (column 8)");
  expect_error(3, "\tcores: 4",
               "t.yaml:3: invalid YAML: found a tab character that violates "
               "indentation (column 1, while scanning a plain scalar on line "
               "2)");
  expect_error(3, "cores: \xff",
               "t.yaml:3: invalid YAML: invalid leading UTF-8 octet");
  expect_error(3, "cores: *nothing",
               "t.yaml:3: invalid YAML: found undefined alias (column 8)");
  expect_message("", "t.yaml:1: empty file; expected a 'clara-nic: 1' profile",
                 1);
  expect_message("# only a comment\n",
                 "t.yaml:1: empty file; expected a 'clara-nic: 1' profile", 1);
}

static void test_error_two_documents(void) {
  expect_error(24, "  pipeline: sroa\n---\nclara-nic: 1",
               "t.yaml:25: a second YAML document starts here; a NIC profile "
               "is one document");
}

static void test_error_key_not_a_word(void) {
  expect_error(3, "[cores]: 4",
               "t.yaml:3: keys must be words, got a list as a key in the "
               "profile");
}

static void test_error_nul_in_string(void) {
  expect_error(2, "name: \"te\\0st\"",
               "t.yaml:2: name contains a NUL "
               "character");
}

int main(void) {
  CLARA_RUN(test_agilio_cx_figures);
  CLARA_RUN(test_other_profiles_figures);
  CLARA_RUN(test_shipped_profiles_are_consistent);
  CLARA_RUN(test_shipped_profiles_round_trip);
  CLARA_RUN(test_awkward_strings_round_trip);
  CLARA_RUN(test_write_errors);
  CLARA_RUN(test_resolve);
  CLARA_RUN(test_load_file_errors);
  CLARA_RUN(test_valid_profile_loads);
  CLARA_RUN(test_error_version_missing);
  CLARA_RUN(test_error_version_unsupported);
  CLARA_RUN(test_error_unknown_key);
  CLARA_RUN(test_error_duplicate_key);
  CLARA_RUN(test_error_missing_field);
  CLARA_RUN(test_error_wrong_type);
  CLARA_RUN(test_error_list_versus_map);
  CLARA_RUN(test_error_capacity_not_positive);
  CLARA_RUN(test_error_latency_not_positive);
  CLARA_RUN(test_error_cores_not_positive);
  CLARA_RUN(test_error_empty_memory);
  CLARA_RUN(test_error_duplicate_level);
  CLARA_RUN(test_error_level_name_not_a_word);
  CLARA_RUN(test_error_scope);
  CLARA_RUN(test_error_transaction_sizes);
  CLARA_RUN(test_error_cache);
  CLARA_RUN(test_error_accelerators);
  CLARA_RUN(test_error_invalid_yaml);
  CLARA_RUN(test_error_two_documents);
  CLARA_RUN(test_error_key_not_a_word);
  CLARA_RUN(test_error_nul_in_string);
  CLARA_TEST_EXIT();
}
