/*===- test/unit/kmeans_test.c - k-means with automatic k -----------------===*/
#include "clara_test.h"
#include "error.h"
#include "kmeans.h"

#include <stdlib.h>

/* Points i and j are in the same cluster exactly when group[i] == group[j]. */
static int same_partition(const clara_kmeans_result *r, const int *group) {
  for (size_t i = 0; i < r->num_points; ++i)
    for (size_t j = 0; j < r->num_points; ++j)
      if ((r->assignment[i] == r->assignment[j]) != (group[i] == group[j]))
        return 0;
  return 1;
}

/* Three well separated groups in the plane: k = 3 by silhouette. */
static void test_obvious_clusters(void) {
  const double points[] = {0,  0,  0.2, 0.1, 0.1, 0.3, 10, 10,  10.2,
                           10, 10, 9.7, 0,   10,  0.3, 10, 0.1, 9.8};
  const int group[] = {0, 0, 0, 1, 1, 1, 2, 2, 2};
  clara_kmeans_options options;
  clara_kmeans_default_options(&options);
  clara_kmeans_result *r = NULL;
  CLARA_CHECK_EQ_INT(clara_kmeans_cluster(points, 9, 2, &options, &r, NULL),
                     CLARA_OK);
  if (!r)
    return;
  CLARA_CHECK_EQ_INT(r->k, 3);
  CLARA_CHECK(same_partition(r, group));
  /* Clusters are numbered by their first point. */
  CLARA_CHECK_EQ_INT(r->assignment[0], 0);
  CLARA_CHECK_EQ_INT(r->assignment[3], 1);
  CLARA_CHECK_EQ_INT(r->assignment[6], 2);
  CLARA_CHECK_NEAR(r->centroids[2 * 1 + 0], (10 + 10.2 + 10) / 3, 1e-12);
  CLARA_CHECK(r->silhouette > 0.9);
  clara_kmeans_dispose(r);
}

/* Access vectors as clara-pack-vars builds them (shares of each variable's
 * accesses per block): sport/dport used by block 0, iss/state by block 1,
 * a counter split over blocks 2 and 3, and two variables of block 4. */
static void test_access_vectors(void) {
  const double vectors[] = {
      1, 0,   0,   0,   0, /* sport */
      0, 1,   0,   0,   0, /* iss */
      0, 0,   0.5, 0.5, 0, /* counter */
      1, 0,   0,   0,   0, /* dport */
      0, 0.9, 0.1, 0,   0, /* state */
      0, 0,   0,   0,   1, /* good */
      0, 0,   0,   0,   1, /* bad */
      0, 0,   0.4, 0.6, 0, /* counter2 */
  };
  const int group[] = {0, 1, 2, 0, 1, 3, 3, 2};
  clara_kmeans_options options;
  clara_kmeans_default_options(&options);
  clara_kmeans_result *r = NULL;
  CLARA_CHECK_EQ_INT(clara_kmeans_cluster(vectors, 8, 5, &options, &r, NULL),
                     CLARA_OK);
  if (!r)
    return;
  CLARA_CHECK_EQ_INT(r->k, 4);
  CLARA_CHECK(same_partition(r, group));
  clara_kmeans_dispose(r);
}

static void test_silhouette_by_hand(void) {
  /* 1-D points 0, 1, 10, 11 in {0, 1} and {10, 11}: s = 9.5/10.5 for the
   * outer points, 8.5/9.5 for the inner ones. */
  const double points[] = {0, 1, 10, 11};
  const size_t assignment[] = {0, 0, 1, 1};
  double expected = (2 * 9.5 / 10.5 + 2 * 8.5 / 9.5) / 4;
  CLARA_CHECK_NEAR(clara_kmeans_silhouette(points, 4, 1, assignment, 2),
                   expected, 1e-12);
  /* A singleton counts 0: {0}, {1, 10, 11}. */
  const size_t other[] = {0, 1, 1, 1};
  double s1 = (1 - 9.5) / 9.5;  /* own mean (9 + 10) / 2, other 1 */
  double s10 = (10 - 5.0) / 10; /* own mean (9 + 1) / 2, other 10 */
  double s11 = (11 - 5.5) / 11; /* own mean (10 + 1) / 2, other 11 */
  CLARA_CHECK_NEAR(clara_kmeans_silhouette(points, 4, 1, other, 2),
                   (0 + s1 + s10 + s11) / 4, 1e-12);
  CLARA_CHECK_NEAR(clara_kmeans_silhouette(points, 4, 1, assignment, 1), 0, 0);
  clara_kmeans_options options;
  clara_kmeans_default_options(&options);
  options.k_min = options.k_max = 2;
  clara_kmeans_result *r = NULL;
  CLARA_CHECK_EQ_INT(clara_kmeans_cluster(points, 4, 1, &options, &r, NULL),
                     CLARA_OK);
  if (r) {
    CLARA_CHECK_NEAR(r->inertia, 4 * 0.25, 1e-12);
    CLARA_CHECK_NEAR(r->silhouette, expected, 1e-12);
  }
  clara_kmeans_dispose(r);
}

static void test_deterministic(void) {
  double points[200];
  uint64_t state = 99;
  for (int i = 0; i < 200; ++i) {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    points[i] = (double)(state >> 40) / (double)(1 << 24);
  }
  clara_kmeans_options options;
  clara_kmeans_default_options(&options);
  options.k_max = 8;
  clara_kmeans_result *a = NULL, *b = NULL, *c = NULL;
  CLARA_CHECK_EQ_INT(clara_kmeans_cluster(points, 50, 4, &options, &a, NULL),
                     CLARA_OK);
  CLARA_CHECK_EQ_INT(clara_kmeans_cluster(points, 50, 4, &options, &b, NULL),
                     CLARA_OK);
  options.seed = 12345;
  options.restarts = 1;
  options.k_min = options.k_max = 6;
  CLARA_CHECK_EQ_INT(clara_kmeans_cluster(points, 50, 4, &options, &c, NULL),
                     CLARA_OK);
  if (a && b && c) {
    CLARA_CHECK_EQ_INT(a->k, b->k);
    CLARA_CHECK(memcmp(a->assignment, b->assignment, 50 * sizeof(size_t)) == 0);
    CLARA_CHECK(a->inertia == b->inertia);
    CLARA_CHECK_EQ_INT(c->k, 6);
    /* Lloyd's answer is a local optimum: every point is nearest its own
     * centroid. */
    for (size_t i = 0; i < 50; ++i) {
      double own = 0, best = INFINITY;
      for (size_t cl = 0; cl < c->k; ++cl) {
        double d = 0;
        for (size_t x = 0; x < 4; ++x) {
          double diff = points[i * 4 + x] - c->centroids[cl * 4 + x];
          d += diff * diff;
        }
        if (cl == c->assignment[i])
          own = d;
        if (d < best)
          best = d;
      }
      CLARA_CHECK(own <= best + 1e-12);
    }
  }
  clara_kmeans_dispose(a);
  clara_kmeans_dispose(b);
  clara_kmeans_dispose(c);
}

static void test_degenerate(void) {
  clara_kmeans_options options;
  clara_kmeans_default_options(&options);
  clara_kmeans_result *r = NULL;
  /* n < k: a fixed k of 5 on 3 points gives 3 clusters. */
  const double three[] = {0, 1, 5};
  options.k_min = options.k_max = 5;
  CLARA_CHECK_EQ_INT(clara_kmeans_cluster(three, 3, 1, &options, &r, NULL),
                     CLARA_OK);
  if (r) {
    CLARA_CHECK_EQ_INT(r->k, 3);
    CLARA_CHECK_NEAR(r->inertia, 0, 0);
  }
  clara_kmeans_dispose(r);
  /* Duplicates only: one cluster, whatever k asks for. */
  const double same[] = {2, 2, 2, 2, 2, 2, 2, 2};
  options.k_min = 2;
  options.k_max = 4;
  CLARA_CHECK_EQ_INT(clara_kmeans_cluster(same, 4, 2, &options, &r, NULL),
                     CLARA_OK);
  if (r)
    CLARA_CHECK_EQ_INT(r->k, 1);
  clara_kmeans_dispose(r);
  /* Zero vectors are points like any other and cluster together; a
   * duplicate-heavy set keeps the duplicates together. */
  const double zeros[] = {0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 1};
  const int group[] = {0, 1, 0, 1, 0, 2, 2};
  clara_kmeans_default_options(&options);
  CLARA_CHECK_EQ_INT(clara_kmeans_cluster(zeros, 7, 2, &options, &r, NULL),
                     CLARA_OK);
  if (r) {
    CLARA_CHECK_EQ_INT(r->k, 3);
    CLARA_CHECK(same_partition(r, group));
  }
  clara_kmeans_dispose(r);
  /* No points: an empty answer. */
  CLARA_CHECK_EQ_INT(clara_kmeans_cluster(NULL, 0, 3, &options, &r, NULL),
                     CLARA_OK);
  if (r) {
    CLARA_CHECK_EQ_INT(r->k, 0);
    CLARA_CHECK_EQ_INT(r->num_points, 0);
  }
  clara_kmeans_dispose(r);
  /* One point. */
  CLARA_CHECK_EQ_INT(clara_kmeans_cluster(three, 1, 1, &options, &r, NULL),
                     CLARA_OK);
  if (r)
    CLARA_CHECK_EQ_INT(r->k, 1);
  clara_kmeans_dispose(r);
}

/* k = 1 unless a k >= 2 clears min_silhouette. */
static void test_one_cluster_threshold(void) {
  const double points[] = {0, 1, 10, 11};
  clara_kmeans_options options;
  clara_kmeans_default_options(&options);
  clara_kmeans_result *r = NULL;
  CLARA_CHECK_EQ_INT(clara_kmeans_cluster(points, 4, 1, &options, &r, NULL),
                     CLARA_OK);
  if (r)
    CLARA_CHECK_EQ_INT(r->k, 2);
  clara_kmeans_dispose(r);
  options.min_silhouette = 0.95; /* above the 0.90 of k = 2 */
  CLARA_CHECK_EQ_INT(clara_kmeans_cluster(points, 4, 1, &options, &r, NULL),
                     CLARA_OK);
  if (r) {
    CLARA_CHECK_EQ_INT(r->k, 1);
    CLARA_CHECK_NEAR(r->silhouette, 0, 0);
    CLARA_CHECK_NEAR(r->centroids[0], 5.5, 1e-12);
  }
  clara_kmeans_dispose(r);
  /* Without k = 1 among the candidates the threshold does not apply. */
  options.k_min = 2;
  CLARA_CHECK_EQ_INT(clara_kmeans_cluster(points, 4, 1, &options, &r, NULL),
                     CLARA_OK);
  if (r)
    CLARA_CHECK_EQ_INT(r->k, 2);
  clara_kmeans_dispose(r);
}

static void test_invalid(void) {
  clara_kmeans_options options;
  clara_kmeans_default_options(&options);
  clara_kmeans_result *r = (clara_kmeans_result *)&r;
  char *message = NULL;
  const double bad[] = {0, NAN, 1, 1};
  CLARA_CHECK_EQ_INT(clara_kmeans_cluster(bad, 2, 2, &options, &r, &message),
                     CLARA_ERROR);
  CLARA_CHECK(r == NULL);
  CLARA_CHECK(message && strstr(message, "point 0"));
  clara_dispose_message(message);
  const double good[] = {0, 1};
  options.k_min = 3;
  options.k_max = 2;
  CLARA_CHECK_EQ_INT(clara_kmeans_cluster(good, 2, 1, &options, &r, NULL),
                     CLARA_ERROR);
  clara_kmeans_default_options(&options);
  options.restarts = 0;
  CLARA_CHECK_EQ_INT(clara_kmeans_cluster(good, 2, 1, &options, &r, NULL),
                     CLARA_ERROR);
}

int main(void) {
  CLARA_RUN(test_obvious_clusters);
  CLARA_RUN(test_access_vectors);
  CLARA_RUN(test_silhouette_by_hand);
  CLARA_RUN(test_deterministic);
  CLARA_RUN(test_degenerate);
  CLARA_RUN(test_one_cluster_threshold);
  CLARA_RUN(test_invalid);
  CLARA_TEST_EXIT();
}
