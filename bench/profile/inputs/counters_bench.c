/* bench/profile/inputs/counters_bench.c - per-thread vs relaxed-atomic
 * counters.
 *
 *   counters_bench [THREADS] [INCREMENTS]
 *
 * Each thread walks a 64-block "NF" INCREMENTS times, incrementing one
 * counter per block as clara-instrument's two modes do: a thread_local
 * array with plain increments, or one shared array with relaxed atomic
 * increments. Prints ns per increment for each and checks the totals. */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#define BLOCKS 64
static _Thread_local uint64_t local_counters[BLOCKS];
static uint64_t shared_counters[BLOCKS];
static uint64_t totals[BLOCKS];
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static long iterations;

static void *per_thread(void *arg) {
  (void)arg;
  uint64_t *volatile c = local_counters; /* as in a .so: address not folded */
  for (long i = 0; i < iterations; ++i)
    for (int b = 0; b < BLOCKS; ++b) {
      c[b] = c[b] + 1;
      __asm__ volatile("" ::: "memory"); /* one increment per block run */
    }
  pthread_mutex_lock(&lock);
  for (int b = 0; b < BLOCKS; ++b)
    totals[b] += local_counters[b];
  pthread_mutex_unlock(&lock);
  return NULL;
}

static void *atomic_mode(void *arg) {
  (void)arg;
  for (long i = 0; i < iterations; ++i)
    for (int b = 0; b < BLOCKS; ++b) {
      __atomic_fetch_add(&shared_counters[b], 1, __ATOMIC_RELAXED);
      __asm__ volatile("" ::: "memory");
    }
  return NULL;
}

static double run(void *(*f)(void *), int threads) {
  pthread_t t[64];
  struct timespec a, b;
  clock_gettime(CLOCK_MONOTONIC, &a);
  for (int i = 0; i < threads; ++i)
    pthread_create(&t[i], NULL, f, NULL);
  for (int i = 0; i < threads; ++i)
    pthread_join(t[i], NULL);
  clock_gettime(CLOCK_MONOTONIC, &b);
  double ns = (b.tv_sec - a.tv_sec) * 1e9 + (b.tv_nsec - a.tv_nsec);
  return ns / ((double)iterations * BLOCKS); /* wall ns per increment/thread */
}

int main(int argc, char **argv) {
  int threads = argc > 1 ? atoi(argv[1]) : 2;
  iterations = argc > 2 ? atol(argv[2]) : 2000000;
  if (threads < 1 || threads > 64 || iterations < 1) {
    fprintf(stderr, "usage: counters_bench [THREADS 1-64] [INCREMENTS]\n");
    return 2;
  }
  double p = run(per_thread, threads), s = run(atomic_mode, threads);
  uint64_t expect = (uint64_t)threads * (uint64_t)iterations;
  int ok = 1;
  for (int b = 0; b < BLOCKS; ++b)
    ok &= totals[b] == expect && shared_counters[b] == expect;
  printf("threads %d: per-thread %.2f ns/increment, atomic %.2f "
         "ns/increment (wall time per thread's increment), totals %s\n",
         threads, p, s, ok ? "exact" : "WRONG");
  return ok ? 0 : 1;
}
