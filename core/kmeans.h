/*===- core/kmeans.h - k-means clustering with automatic k ----------------===*
 *
 * Euclidean k-means for clara-pack-vars (the paper's §4.4 clusters state
 * variables by their access vectors "by a traditional K-means algorithm").
 * Seeding is k-means++ (Arthur & Vassilvitskii, 2007) driven by a small
 * splitmix64 generator owned by each call, so a seed gives the same answer on
 * every run and platform; Lloyd iterations refine it; several restarts keep
 * the one with the least inertia. The number of clusters is chosen in
 * [k_min, k_max] by the mean silhouette (Rousseeuw, 1987), or fixed when
 * k_min == k_max.
 *
 * Degenerate inputs are answered, not rejected: k is clamped to the number of
 * distinct points (so n < k and duplicate points are fine), zero vectors are
 * ordinary points, and n == 0 gives an empty clustering. Memory grows with
 * n^2 (the distance matrix of the silhouettes): meant for the tens to
 * hundreds of state variables of an NF.
 *
 *===----------------------------------------------------------------------===*/
#ifndef CLARA_CORE_KMEANS_H
#define CLARA_CORE_KMEANS_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* How to cluster. Fill with clara_kmeans_default_options() first. */
typedef struct {
  uint64_t seed;           /* seeds the k-means++ choices of every restart */
  size_t k_min, k_max;     /* candidate k; k_max == 0 means n */
  unsigned restarts;       /* seedings per k; the least inertia wins (>= 1) */
  unsigned max_iterations; /* Lloyd iterations per seeding (>= 1) */
  /* When k_min <= 1, one cluster is chosen unless some k >= 2 exceeds this
   * mean silhouette. 0.25 is where Kaufman & Rousseeuw's scale ends "no
   * substantial structure". */
  double min_silhouette;
} clara_kmeans_options;

/* A clustering. Owned by the caller, freed with clara_kmeans_dispose(). */
typedef struct {
  size_t num_points, dim, k;
  /* Cluster of each point (num_points entries). Clusters are numbered in the
   * order of their first point: point 0 is in cluster 0, and so on. */
  size_t *assignment;
  double *centroids; /* k rows of dim values, row-major */
  double inertia;    /* sum of squared distances to the own centroid */
  double silhouette; /* mean silhouette of this clustering; 0 when k < 2 */
} clara_kmeans_result;

/* Fills `options` with the defaults: seed 0x636c617261 ("clara"), k in
 * [1, n], 10 restarts, 100 iterations, min_silhouette 0.25. */
void clara_kmeans_default_options(clara_kmeans_options *options);

/* Clusters `num_points` points of `dim` doubles each (row-major at
 * `points`). k is chosen as documented on clara_kmeans_options. On success
 * stores a new result in *out_result; fails only on invalid options,
 * non-finite coordinates or memory exhaustion. */
int clara_kmeans_cluster(const double *points, size_t num_points, size_t dim,
                         const clara_kmeans_options *options,
                         clara_kmeans_result **out_result, char **out_message);

/* The mean silhouette of an assignment of `num_points` points to clusters
 * 0..k-1: for each point, (b - a) / max(a, b) with a its mean distance to
 * its own cluster and b the least mean distance to another cluster; points
 * alone in their cluster count 0, and so does any assignment with fewer than
 * two non-empty clusters. Returns 0 when memory runs out. */
double clara_kmeans_silhouette(const double *points, size_t num_points,
                               size_t dim, const size_t *assignment, size_t k);

/* Frees a result. NULL is fine. */
void clara_kmeans_dispose(clara_kmeans_result *result);

#ifdef __cplusplus
}
#endif

#endif
