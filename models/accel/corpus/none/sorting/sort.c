/* Sorting and searching over flat arrays. Label: none. */
#include <stdint.h>

void insertion_sort(uint32_t *a, int n) {
  for (int i = 1; i < n; i++) {
    uint32_t v = a[i];
    int j = i - 1;
    while (j >= 0 && a[j] > v) {
      a[j + 1] = a[j];
      j--;
    }
    a[j + 1] = v;
  }
}

int bsearch_exact(const int *a, int n, int key) {
  int lo = 0, hi = n - 1;
  while (lo <= hi) {
    int mid = (lo + hi) / 2;
    if (a[mid] == key)
      return mid;
    if (a[mid] < key)
      lo = mid + 1;
    else
      hi = mid - 1;
  }
  return -1;
}

/* Radix sort on 8-bit digits of 32-bit keys. */
void radix_sort(uint32_t *a, uint32_t *tmp, int n) {
  for (int shift = 0; shift < 32; shift += 8) {
    int cnt[257] = {0};
    for (int i = 0; i < n; i++)
      cnt[((a[i] >> shift) & 0xff) + 1]++;
    for (int i = 0; i < 256; i++)
      cnt[i + 1] += cnt[i];
    for (int i = 0; i < n; i++)
      tmp[cnt[(a[i] >> shift) & 0xff]++] = a[i];
    for (int i = 0; i < n; i++)
      a[i] = tmp[i];
  }
}

/* Heap sift-down of a timer heap. */
struct timer { uint64_t when; int id; };

void sift_down(struct timer *h, int n, int i) {
  for (;;) {
    int l = 2 * i + 1, r = l + 1, m = i;
    if (l < n && h[l].when < h[m].when) m = l;
    if (r < n && h[r].when < h[m].when) m = r;
    if (m == i) break;
    struct timer t = h[i]; h[i] = h[m]; h[m] = t;
    i = m;
  }
}

/* Walk a linked list of timers and fire expired ones. */
struct tnode { struct tnode *next; uint64_t when; void (*cb)(int); int arg; };

int fire_expired(struct tnode **head, uint64_t now) {
  int fired = 0;
  struct tnode **pp = head;
  while (*pp) {
    struct tnode *t = *pp;
    if (t->when <= now) {
      *pp = t->next;
      t->cb(t->arg);
      fired++;
    } else {
      pp = &t->next;
    }
  }
  return fired;
}
