/*===- core/kmeans.c - k-means clustering with automatic k ----------------===*
 *
 * See kmeans.h. Everything a call needs (generator state, work arrays) lives
 * in that call; ties are broken by the lower index so results depend only on
 * the input and the seed.
 *
 *===----------------------------------------------------------------------===*/
#include "kmeans.h"

#include "error.h"

#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* splitmix64 (Steele, Lea & Flood, 2014): tiny, full-period, good enough to
 * pick seeds, and identical everywhere, unlike rand(). */
typedef struct {
  uint64_t state;
} splitmix64;

static uint64_t splitmix64_next(splitmix64 *g) {
  uint64_t z = (g->state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

/* A double uniform in [0, 1), from the top 53 bits. */
static double splitmix64_unit(splitmix64 *g) {
  return (double)(splitmix64_next(g) >> 11) * 0x1.0p-53;
}

static double squared_distance(const double *a, const double *b, size_t dim) {
  double sum = 0;
  for (size_t d = 0; d < dim; ++d) {
    double diff = a[d] - b[d];
    sum += diff * diff;
  }
  return sum;
}

void clara_kmeans_default_options(clara_kmeans_options *options) {
  options->seed = 0x636c617261ULL;
  options->k_min = 1;
  options->k_max = 0;
  options->restarts = 10;
  options->max_iterations = 100;
  options->min_silhouette = 0.25;
}

void clara_kmeans_dispose(clara_kmeans_result *result) {
  if (!result)
    return;
  free(result->assignment);
  free(result->centroids);
  free(result);
}

/* Work arrays shared by all runs of one clara_kmeans_cluster() call. */
typedef struct {
  const double *points;
  size_t n, dim;
  double *centroids;    /* k_max * dim */
  double *min_distance; /* n: D(x)^2 during seeding */
  size_t *assignment;   /* n */
  size_t *counts;       /* k_max */
  double *best_centroids;
  size_t *best_assignment;
} workspace;

/* k-means++: the first centre is a uniformly chosen point, each next one a
 * point chosen with probability proportional to its squared distance to the
 * nearest centre so far. The caller guarantees k <= the number of distinct
 * points, so the total weight stays positive until k centres exist. */
static void seed_centroids(workspace *w, size_t k, splitmix64 *g) {
  size_t n = w->n, dim = w->dim;
  size_t first = (size_t)(splitmix64_unit(g) * (double)n);
  if (first >= n)
    first = n - 1;
  memcpy(w->centroids, w->points + first * dim, dim * sizeof(double));
  for (size_t i = 0; i < n; ++i)
    w->min_distance[i] =
        squared_distance(w->points + i * dim, w->centroids, dim);
  for (size_t c = 1; c < k; ++c) {
    double total = 0;
    for (size_t i = 0; i < n; ++i)
      total += w->min_distance[i];
    double target = splitmix64_unit(g) * total;
    size_t chosen = n;
    double running = 0;
    for (size_t i = 0; i < n; ++i) {
      if (w->min_distance[i] <= 0)
        continue;
      chosen = i; /* the last positive one, if rounding runs past total */
      running += w->min_distance[i];
      if (running > target)
        break;
    }
    if (chosen == n)
      chosen = first; /* no positive weight left: only duplicates remain */
    double *centre = w->centroids + c * dim;
    memcpy(centre, w->points + chosen * dim, dim * sizeof(double));
    for (size_t i = 0; i < n; ++i) {
      double d = squared_distance(w->points + i * dim, centre, dim);
      if (d < w->min_distance[i])
        w->min_distance[i] = d;
    }
  }
}

static size_t nearest_centroid(const workspace *w, size_t k, const double *x,
                               double *out_distance) {
  size_t best = 0;
  double best_distance = DBL_MAX;
  for (size_t c = 0; c < k; ++c) {
    double d = squared_distance(x, w->centroids + c * w->dim, w->dim);
    if (d < best_distance) {
      best_distance = d;
      best = c;
    }
  }
  *out_distance = best_distance;
  return best;
}

/* Lloyd's iterations from the seeded centroids; returns the inertia. An
 * emptied cluster takes the point farthest from its own centroid, which is
 * always possible while k <= the number of distinct points. */
static double lloyd(workspace *w, size_t k, unsigned max_iterations) {
  size_t n = w->n, dim = w->dim;
  for (size_t i = 0; i < n; ++i)
    w->assignment[i] = SIZE_MAX;
  double inertia = 0;
  for (unsigned iteration = 0; iteration < max_iterations; ++iteration) {
    int changed = 0;
    inertia = 0;
    for (size_t i = 0; i < n; ++i) {
      double d;
      size_t c = nearest_centroid(w, k, w->points + i * dim, &d);
      inertia += d;
      if (c != w->assignment[i]) {
        w->assignment[i] = c;
        changed = 1;
      }
    }
    if (!changed)
      break;
    memset(w->counts, 0, k * sizeof(size_t));
    memset(w->centroids, 0, k * dim * sizeof(double));
    for (size_t i = 0; i < n; ++i) {
      size_t c = w->assignment[i];
      ++w->counts[c];
      for (size_t d = 0; d < dim; ++d)
        w->centroids[c * dim + d] += w->points[i * dim + d];
    }
    for (size_t c = 0; c < k; ++c) {
      if (w->counts[c] == 0)
        continue;
      for (size_t d = 0; d < dim; ++d)
        w->centroids[c * dim + d] /= (double)w->counts[c];
    }
    for (size_t c = 0; c < k; ++c) {
      if (w->counts[c] != 0)
        continue;
      /* Farthest point from its centroid among clusters with two or more
       * points (moving a singleton would just empty another cluster). */
      size_t far = SIZE_MAX;
      double far_distance = -1;
      for (size_t i = 0; i < n; ++i) {
        size_t own = w->assignment[i];
        if (w->counts[own] < 2)
          continue;
        double d = squared_distance(w->points + i * dim,
                                    w->centroids + own * dim, dim);
        if (d > far_distance) {
          far_distance = d;
          far = i;
        }
      }
      if (far == SIZE_MAX)
        continue;
      --w->counts[w->assignment[far]];
      w->assignment[far] = c;
      w->counts[c] = 1;
      memcpy(w->centroids + c * dim, w->points + far * dim,
             dim * sizeof(double));
    }
  }
  /* The loop may stop on max_iterations with centroids one step ahead of the
   * assignment; report the inertia of the assignment against them. */
  inertia = 0;
  for (size_t i = 0; i < n; ++i)
    inertia += squared_distance(w->points + i * dim,
                                w->centroids + w->assignment[i] * dim, dim);
  return inertia;
}

/* Renumbers clusters by their first point, so equal partitions get equal
 * labels, and recomputes centroids as the means of the renumbered clusters. */
static void canonicalise(const double *points, size_t n, size_t dim, size_t k,
                         size_t *assignment, double *centroids,
                         size_t *scratch) {
  for (size_t c = 0; c < k; ++c)
    scratch[c] = SIZE_MAX;
  size_t next = 0;
  for (size_t i = 0; i < n; ++i) {
    size_t c = assignment[i];
    if (scratch[c] == SIZE_MAX)
      scratch[c] = next++;
    assignment[i] = scratch[c];
  }
  memset(centroids, 0, k * dim * sizeof(double));
  memset(scratch, 0, k * sizeof(size_t));
  for (size_t i = 0; i < n; ++i) {
    ++scratch[assignment[i]];
    for (size_t d = 0; d < dim; ++d)
      centroids[assignment[i] * dim + d] += points[i * dim + d];
  }
  for (size_t c = 0; c < k; ++c)
    for (size_t d = 0; d < dim && scratch[c]; ++d)
      centroids[c * dim + d] /= (double)scratch[c];
}

/* Best of `restarts` seedings for a fixed k, left in best_assignment and
 * best_centroids; returns its inertia. */
static double best_of_restarts(workspace *w, size_t k,
                               const clara_kmeans_options *options,
                               splitmix64 *g) {
  double best = DBL_MAX;
  for (unsigned r = 0; r < options->restarts; ++r) {
    seed_centroids(w, k, g);
    double inertia = lloyd(w, k, options->max_iterations);
    if (inertia < best) {
      best = inertia;
      memcpy(w->best_assignment, w->assignment, w->n * sizeof(size_t));
      memcpy(w->best_centroids, w->centroids, k * w->dim * sizeof(double));
    }
  }
  return best;
}

/* The silhouette from a distance function: `distances` is an n x n matrix,
 * or NULL to compute distances from the points on the fly. */
static double silhouette(const double *points, size_t n, size_t dim,
                         const double *distances, const size_t *assignment,
                         size_t k, size_t *sizes, double *sums) {
  memset(sizes, 0, k * sizeof(size_t));
  size_t non_empty = 0;
  for (size_t i = 0; i < n; ++i)
    if (sizes[assignment[i]]++ == 0)
      ++non_empty;
  if (non_empty < 2)
    return 0;
  double total = 0;
  for (size_t i = 0; i < n; ++i) {
    size_t own = assignment[i];
    if (sizes[own] < 2)
      continue; /* a singleton's silhouette is 0 by convention */
    memset(sums, 0, k * sizeof(double));
    for (size_t j = 0; j < n; ++j) {
      if (j == i)
        continue;
      sums[assignment[j]] +=
          distances
              ? distances[i * n + j]
              : sqrt(squared_distance(points + i * dim, points + j * dim, dim));
    }
    double a = sums[own] / (double)(sizes[own] - 1);
    double b = DBL_MAX;
    for (size_t c = 0; c < k; ++c)
      if (c != own && sizes[c] && sums[c] / (double)sizes[c] < b)
        b = sums[c] / (double)sizes[c];
    double m = a > b ? a : b;
    if (m > 0)
      total += (b - a) / m;
  }
  return total / (double)n;
}

double clara_kmeans_silhouette(const double *points, size_t n, size_t dim,
                               const size_t *assignment, size_t k) {
  if (n < 2 || k < 2)
    return 0;
  size_t *sizes = malloc(k * sizeof(size_t));
  double *sums = malloc(k * sizeof(double));
  double value = 0;
  if (sizes && sums)
    value = silhouette(points, n, dim, NULL, assignment, k, sizes, sums);
  free(sizes);
  free(sums);
  return value;
}

static size_t count_distinct(const double *points, size_t n, size_t dim) {
  size_t distinct = 0;
  for (size_t i = 0; i < n; ++i) {
    size_t j = 0;
    while (j < i &&
           squared_distance(points + i * dim, points + j * dim, dim) != 0)
      ++j;
    if (j == i)
      ++distinct;
  }
  return distinct;
}

int clara_kmeans_cluster(const double *points, size_t n, size_t dim,
                         const clara_kmeans_options *options,
                         clara_kmeans_result **out_result, char **out_message) {
  *out_result = NULL;
  if (!options)
    return clara_error(out_message, "k-means: no options given");
  if (options->restarts < 1 || options->max_iterations < 1)
    return clara_error(out_message,
                       "k-means: restarts and max_iterations must be >= 1");
  if (options->k_max && options->k_min > options->k_max)
    return clara_error(out_message, "k-means: k_min %zu exceeds k_max %zu",
                       options->k_min, options->k_max);
  if (n && (!points || dim == 0))
    return clara_error(out_message, "k-means: points need at least one "
                                    "dimension");
  for (size_t i = 0; i < n * dim; ++i)
    if (!isfinite(points[i]))
      return clara_error(out_message,
                         "k-means: coordinate %zu of point %zu is not finite",
                         i % dim, i / dim);

  clara_kmeans_result *result = calloc(1, sizeof *result);
  if (!result)
    return clara_error(out_message, "k-means: out of memory");
  result->num_points = n;
  result->dim = dim;
  if (n == 0) {
    *out_result = result;
    return CLARA_OK;
  }

  /* Clamp the range to what the points can support. */
  size_t distinct = count_distinct(points, n, dim);
  size_t k_max = options->k_max ? options->k_max : n;
  if (k_max > distinct)
    k_max = distinct;
  size_t k_min = options->k_min < 1 ? 1 : options->k_min;
  if (k_min > k_max)
    k_min = k_max;

  workspace w = {.points = points, .n = n, .dim = dim};
  w.centroids = malloc(k_max * dim * sizeof(double));
  w.best_centroids = malloc(k_max * dim * sizeof(double));
  w.min_distance = malloc(n * sizeof(double));
  w.assignment = malloc(n * sizeof(size_t));
  w.best_assignment = malloc(n * sizeof(size_t));
  w.counts = malloc((k_max > n ? k_max : n) * sizeof(size_t));
  result->assignment = malloc(n * sizeof(size_t));
  result->centroids = malloc(k_max * dim * sizeof(double));
  /* Distances for the silhouettes of every candidate k, computed once. */
  double *distances = malloc(n * n * sizeof(double));
  double *sums = malloc(k_max * sizeof(double));
  size_t *sizes = malloc(k_max * sizeof(size_t));
  int status = CLARA_OK;
  if (!w.centroids || !w.best_centroids || !w.min_distance || !w.assignment ||
      !w.best_assignment || !w.counts || !result->assignment ||
      !result->centroids || !distances || !sums || !sizes) {
    status = clara_error(out_message, "k-means: out of memory");
    goto done;
  }
  for (size_t i = 0; i < n; ++i)
    for (size_t j = 0; j < n; ++j)
      distances[i * n + j] =
          sqrt(squared_distance(points + i * dim, points + j * dim, dim));

  /* Every k gets its own generator stream derived from the seed, so the
   * answer for one k does not depend on which other k were tried. */
  double best_silhouette = -DBL_MAX;
  size_t best_k = 0;
  for (size_t k = k_min; k <= k_max; ++k) {
    splitmix64 g = {options->seed ^ (0xd1b54a32d192ed03ULL * (uint64_t)k)};
    double inertia = best_of_restarts(&w, k, options, &g);
    canonicalise(points, n, dim, k, w.best_assignment, w.best_centroids,
                 w.counts);
    double mean_silhouette = silhouette(points, n, dim, distances,
                                        w.best_assignment, k, sizes, sums);
    /* One cluster has no silhouette: it stands unless a k >= 2 shows
     * structure. A fixed k (k_min == k_max) is taken as is. */
    double score = mean_silhouette;
    if (k == 1)
      score = options->min_silhouette;
    else if (k_min <= 1 && mean_silhouette <= options->min_silhouette)
      score = -DBL_MAX / 2;
    if (best_k == 0 || score > best_silhouette + 1e-12) {
      best_silhouette = score;
      best_k = k;
      result->k = k;
      result->inertia = inertia;
      result->silhouette = mean_silhouette;
      memcpy(result->assignment, w.best_assignment, n * sizeof(size_t));
      memcpy(result->centroids, w.best_centroids, k * dim * sizeof(double));
    }
  }
  /* Inertia of the canonical centroids (equal to Lloyd's up to rounding). */
  result->inertia = 0;
  for (size_t i = 0; i < n; ++i)
    result->inertia += squared_distance(
        points + i * dim, result->centroids + result->assignment[i] * dim, dim);

done:
  free(distances);
  free(sums);
  free(sizes);
  free(w.centroids);
  free(w.best_centroids);
  free(w.min_distance);
  free(w.assignment);
  free(w.best_assignment);
  free(w.counts);
  if (status != CLARA_OK) {
    clara_kmeans_dispose(result);
    return status;
  }
  *out_result = result;
  return CLARA_OK;
}
