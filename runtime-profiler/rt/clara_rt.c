/*===- runtime-profiler/rt/clara_rt.c - libclara_rt: run-time counters -----===*
 *
 * See clara_rt.h. Counters: in per-thread mode every thread that runs NF
 * code owns a thread_local array of the instrumented module and attaches it
 * here on first use; the dump sums the live arrays and the totals of threads
 * that exited (folded in by a pthread key destructor). Reading another
 * thread's live counters races benignly with its increments: aligned 64-bit
 * loads see an old or a new value, never a torn one, on the 64-bit targets
 * Clara runs on. SIGUSR1 only posts a semaphore (async-signal-safe); a
 * dumper thread writes the YAML.
 *
 * This is a run-time library: its state is process-global by nature.
 *
 *===----------------------------------------------------------------------===*/
#include "clara_rt.h"

#include "error.h"
#include "profile.h"

#include <pthread.h>
#include <semaphore.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
  char *function, *block;
  uint32_t index;
} rt_block;

typedef struct {
  char *name;
  uint64_t bytes;
  const void *containers[4]; /* bound container addresses */
  unsigned num_containers;
} rt_object;

typedef struct {
  uint32_t counter, object;
  uint64_t loads, stores, atomics;
} rt_access;

typedef struct rt_thread rt_thread;

typedef struct {
  char id[17];
  size_t num_blocks, num_objects, num_accesses;
  rt_block *blocks;
  rt_object *objects;
  rt_access *accesses;
  uint64_t *shared;  /* atomic mode */
  uint64_t *retired; /* per-thread mode: sums of exited threads */
  rt_thread *threads;
} rt_module;

struct rt_thread {
  rt_module *module;
  uint64_t *counters;
  rt_thread *next_in_module;
  rt_thread *next_in_thread;
};

#define MAX_MODULES 16
#define OCCUPANCY_SLOTS 4096

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static rt_module *modules[MAX_MODULES];
static int num_modules;
static _Atomic uint64_t packets;
static pthread_key_t thread_key;
static int initialised;
static sem_t dump_request;

/* Peak occupancy per container address (open addressing, never shrinks). */
static const void *occupancy_keys[OCCUPANCY_SLOTS];
static uint64_t occupancy_peaks[OCCUPANCY_SLOTS];
static int occupancy_full_warned;

static char *copy_range(const char *s, size_t n) {
  char *c = malloc(n + 1);
  if (c) {
    memcpy(c, s, n);
    c[n] = 0;
  }
  return c;
}

/* Splits `line` at tabs into at most max fields (pointers into a copy). */
static int split(char *line, char **fields, int max) {
  int n = 0;
  char *s = line;
  while (n < max) {
    fields[n++] = s;
    char *tab = strchr(s, '\t');
    if (!tab)
      break;
    *tab = 0;
    s = tab + 1;
  }
  return n;
}

static void free_module(rt_module *m) {
  if (!m)
    return;
  for (size_t i = 0; i < m->num_blocks; ++i) {
    free(m->blocks[i].function);
    free(m->blocks[i].block);
  }
  for (size_t i = 0; i < m->num_objects; ++i)
    free(m->objects[i].name);
  free(m->blocks);
  free(m->objects);
  free(m->accesses);
  free(m->retired);
  free(m);
}

static int grow(void **p, size_t n, size_t size) {
  /* Grows to a power of two when n reaches one. */
  if (n && (n & (n - 1)))
    return 0;
  void *q = realloc(*p, (n ? n * 2 : 16) * size);
  if (!q)
    return -1;
  *p = q;
  return 0;
}

static rt_module *parse_descriptor(const char *descriptor) {
  rt_module *m = calloc(1, sizeof *m);
  if (!m)
    return NULL;
  int ok = strncmp(descriptor, "clara-rt 1\n", 11) == 0;
  const char *s = ok ? descriptor + 11 : descriptor;
  while (ok && *s) {
    const char *end = strchr(s, '\n');
    if (!end)
      end = s + strlen(s);
    char *line = copy_range(s, (size_t)(end - s));
    char *f[6];
    int n = line ? split(line, f, 6) : 0;
    if (!line) {
      ok = 0;
    } else if (strncmp(line, "module ", 7) == 0 && strlen(line) == 23) {
      memcpy(m->id, line + 7, 17);
    } else if (n == 4 && strcmp(f[0], "B") == 0) {
      ok = grow((void **)&m->blocks, m->num_blocks, sizeof *m->blocks) == 0;
      if (ok) {
        rt_block *b = &m->blocks[m->num_blocks++];
        b->function = strdup(f[1]);
        b->block = strdup(f[2]);
        b->index = (uint32_t)strtoul(f[3], NULL, 10);
      }
    } else if (n == 3 && strcmp(f[0], "O") == 0) {
      ok = grow((void **)&m->objects, m->num_objects, sizeof *m->objects) == 0;
      if (ok) {
        rt_object *o = &m->objects[m->num_objects++];
        memset(o, 0, sizeof *o);
        o->name = strdup(f[1]);
        o->bytes = strtoull(f[2], NULL, 10);
      }
    } else if (n == 6 && strcmp(f[0], "A") == 0) {
      ok = grow((void **)&m->accesses, m->num_accesses, sizeof *m->accesses) ==
           0;
      if (ok) {
        rt_access *a = &m->accesses[m->num_accesses++];
        a->counter = (uint32_t)strtoul(f[1], NULL, 10);
        a->object = (uint32_t)strtoul(f[2], NULL, 10);
        a->loads = strtoull(f[3], NULL, 10);
        a->stores = strtoull(f[4], NULL, 10);
        a->atomics = strtoull(f[5], NULL, 10);
      }
    } else {
      ok = 0;
    }
    free(line);
    s = *end ? end + 1 : end;
  }
  for (size_t i = 0; ok && i < m->num_accesses; ++i)
    ok = m->accesses[i].counter < m->num_blocks &&
         m->accesses[i].object < m->num_objects;
  if (ok && !m->id[0])
    ok = 0;
  if (ok) {
    m->retired = calloc(m->num_blocks + 1, sizeof *m->retired);
    ok = m->retired != NULL;
  }
  if (!ok) {
    free_module(m);
    return NULL;
  }
  return m;
}

/* Folds an exiting thread's counters into its modules' retired sums. */
static void thread_exit(void *value) {
  pthread_mutex_lock(&lock);
  for (rt_thread *t = value, *next; t; t = next) {
    next = t->next_in_thread;
    rt_module *m = t->module;
    for (size_t i = 0; i < m->num_blocks; ++i)
      m->retired[i] += t->counters[i];
    for (rt_thread **p = &m->threads; *p; p = &(*p)->next_in_module)
      if (*p == t) {
        *p = t->next_in_module;
        break;
      }
    free(t);
  }
  pthread_mutex_unlock(&lock);
}

static void at_exit(void) {
  if (num_modules)
    clara_rt_dump();
}

static void on_sigusr1(int sig) {
  (void)sig;
  sem_post(&dump_request);
}

static void *dumper(void *arg) {
  (void)arg;
  for (;;) {
    if (sem_wait(&dump_request) == 0)
      clara_rt_dump();
  }
  return NULL;
}

/* Called with the lock held, once. */
static void initialise(void) {
  initialised = 1;
  pthread_key_create(&thread_key, thread_exit);
  atexit(at_exit);
  /* Do not take SIGUSR1 from a program that handles it itself. */
  struct sigaction old;
  if (sigaction(SIGUSR1, NULL, &old) == 0 && old.sa_handler == SIG_DFL &&
      !(old.sa_flags & SA_SIGINFO) && sem_init(&dump_request, 0, 0) == 0) {
    pthread_t thread;
    sigset_t all, saved;
    sigfillset(&all);
    /* The dumper thread never takes the signal itself. */
    pthread_sigmask(SIG_SETMASK, &all, &saved);
    int started = pthread_create(&thread, NULL, dumper, NULL) == 0;
    pthread_sigmask(SIG_SETMASK, &saved, NULL);
    if (started) {
      pthread_detach(thread);
      struct sigaction sa;
      memset(&sa, 0, sizeof sa);
      sa.sa_handler = on_sigusr1;
      sigemptyset(&sa.sa_mask);
      sa.sa_flags = SA_RESTART;
      sigaction(SIGUSR1, &sa, NULL);
    }
  }
}

void *clara_rt_register(const char *descriptor, uint64_t *shared_counters) {
  rt_module *m = parse_descriptor(descriptor);
  if (!m) {
    fprintf(stderr, "libclara_rt: malformed module descriptor (built by "
                    "another version of clara-instrument?); not profiled\n");
    return NULL;
  }
  m->shared = shared_counters;
  pthread_mutex_lock(&lock);
  if (!initialised)
    initialise();
  if (num_modules == MAX_MODULES) {
    pthread_mutex_unlock(&lock);
    fprintf(stderr,
            "libclara_rt: more than %d instrumented modules; module "
            "%s is not profiled\n",
            MAX_MODULES, m->id);
    free_module(m);
    return NULL;
  }
  modules[num_modules++] = m;
  pthread_mutex_unlock(&lock);
  return m;
}

void clara_rt_attach_thread(void *handle, uint64_t *counters,
                            uint8_t *attached) {
  rt_module *m = handle;
  if (!m)
    return;
  rt_thread *t = calloc(1, sizeof *t);
  if (!t)
    return;
  t->module = m;
  t->counters = counters;
  pthread_mutex_lock(&lock);
  t->next_in_module = m->threads;
  m->threads = t;
  t->next_in_thread = pthread_getspecific(thread_key);
  pthread_setspecific(thread_key, t);
  pthread_mutex_unlock(&lock);
  *attached = 1;
}

void clara_rt_bind_container(void *handle, uint32_t object,
                             const void *container) {
  rt_module *m = handle;
  if (!m || object >= m->num_objects)
    return;
  rt_object *o = &m->objects[object];
  /* Fast path without the lock: already bound (bindings are only added). */
  unsigned n = __atomic_load_n(&o->num_containers, __ATOMIC_ACQUIRE);
  for (unsigned i = 0; i < n; ++i)
    if (o->containers[i] == container)
      return;
  pthread_mutex_lock(&lock);
  unsigned i = 0;
  while (i < o->num_containers && o->containers[i] != container)
    ++i;
  if (i == o->num_containers && i < 4) {
    o->containers[i] = container;
    __atomic_store_n(&o->num_containers, i + 1, __ATOMIC_RELEASE);
  }
  pthread_mutex_unlock(&lock);
}

static size_t occupancy_slot(const void *container) {
  uintptr_t h = (uintptr_t)container;
  h ^= h >> 17;
  h *= 0x9e3779b97f4a7c15ULL;
  return (size_t)(h >> 20) & (OCCUPANCY_SLOTS - 1);
}

void clara_rt_container_grow(const void *container, size_t entries) {
  pthread_mutex_lock(&lock);
  size_t s = occupancy_slot(container);
  for (size_t probe = 0; probe < OCCUPANCY_SLOTS; ++probe) {
    size_t k = (s + probe) & (OCCUPANCY_SLOTS - 1);
    if (occupancy_keys[k] == container || !occupancy_keys[k]) {
      occupancy_keys[k] = container;
      if (entries > occupancy_peaks[k])
        occupancy_peaks[k] = entries;
      pthread_mutex_unlock(&lock);
      return;
    }
  }
  if (!occupancy_full_warned) {
    occupancy_full_warned = 1;
    fprintf(stderr,
            "libclara_rt: more than %d containers; further peaks "
            "are not recorded\n",
            OCCUPANCY_SLOTS);
  }
  pthread_mutex_unlock(&lock);
}

static uint64_t peak_of(const void *container) {
  size_t s = occupancy_slot(container);
  for (size_t probe = 0; probe < OCCUPANCY_SLOTS; ++probe) {
    size_t k = (s + probe) & (OCCUPANCY_SLOTS - 1);
    if (occupancy_keys[k] == container)
      return occupancy_peaks[k];
    if (!occupancy_keys[k])
      return 0;
  }
  return 0;
}

void clara_rt_add_packets(uint64_t n) {
  atomic_fetch_add_explicit(&packets, n, memory_order_relaxed);
}

int clara_rt_num_modules(void) {
  pthread_mutex_lock(&lock);
  int n = num_modules;
  pthread_mutex_unlock(&lock);
  return n;
}

/* The profile of module m now; called with the lock held. */
static clara_profile *snapshot(rt_module *m, char **message) {
  clara_profile *p = clara_profile_create(m->id);
  uint64_t *counts = calloc(m->num_blocks + 1, sizeof *counts);
  if (!p || !counts) {
    clara_profile_dispose(p);
    free(counts);
    clara_error(message, "out of memory");
    return NULL;
  }
  p->packets = atomic_load_explicit(&packets, memory_order_relaxed);
  for (size_t i = 0; i < m->num_blocks; ++i) {
    if (m->shared)
      counts[i] = __atomic_load_n(&m->shared[i], __ATOMIC_RELAXED);
    else {
      counts[i] = m->retired[i];
      for (rt_thread *t = m->threads; t; t = t->next_in_module)
        counts[i] += __atomic_load_n(&t->counters[i], __ATOMIC_RELAXED);
    }
  }
  int status = CLARA_OK;
  for (size_t i = 0; i < m->num_blocks && status == CLARA_OK; ++i)
    status =
        clara_profile_add_block(p, m->blocks[i].function, m->blocks[i].block,
                                m->blocks[i].index, counts[i], message);
  for (size_t i = 0; i < m->num_objects && status == CLARA_OK; ++i) {
    rt_object *o = &m->objects[i];
    uint64_t peak = 0;
    for (unsigned k = 0; k < o->num_containers; ++k) {
      uint64_t q = peak_of(o->containers[k]);
      peak = q > peak ? q : peak;
    }
    status = clara_profile_add_object(p, o->name, o->bytes, peak, message);
  }
  for (size_t i = 0; i < m->num_accesses && status == CLARA_OK; ++i) {
    rt_access *a = &m->accesses[i];
    uint64_t c = counts[a->counter];
    status = clara_profile_add_access(p, m->blocks[a->counter].function,
                                      m->blocks[a->counter].index,
                                      m->objects[a->object].name, c * a->loads,
                                      c * a->stores, c * a->atomics, message);
  }
  free(counts);
  if (status != CLARA_OK) {
    clara_profile_dispose(p);
    return NULL;
  }
  return p;
}

static int dump_module(int k, const char *path) {
  char *message = NULL;
  pthread_mutex_lock(&lock);
  clara_profile *p = snapshot(modules[k], &message);
  pthread_mutex_unlock(&lock);
  int status = p ? clara_profile_write(p, path, &message) : CLARA_ERROR;
  clara_profile_dispose(p);
  if (status != CLARA_OK) {
    fprintf(stderr, "libclara_rt: %s\n", message ? message : "dump failed");
    clara_dispose_message(message);
    return -1;
  }
  return 0;
}

int clara_rt_dump_to(const char *path) {
  if (clara_rt_num_modules() == 0) {
    fprintf(stderr,
            "libclara_rt: no instrumented module is loaded; nothing "
            "to write to %s\n",
            path);
    return -1;
  }
  return dump_module(0, path);
}

int clara_rt_dump(void) {
  const char *path = getenv("CLARA_PROFILE");
  if (!path || !*path)
    path = "clara.profile.yaml";
  int n = clara_rt_num_modules(), status = 0;
  if (n == 0)
    return clara_rt_dump_to(path);
  for (int k = 0; k < n; ++k) {
    if (k == 0) {
      status |= dump_module(0, path);
      continue;
    }
    size_t len = strlen(path) + 32;
    char *other = malloc(len);
    if (!other)
      return -1;
    snprintf(other, len, "%s.%s.yaml", path, modules[k]->id);
    status |= dump_module(k, other);
    free(other);
  }
  return status ? -1 : 0;
}
