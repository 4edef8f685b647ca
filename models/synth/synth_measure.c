/*===- models/synth/synth_measure.c - compile and count opcodes -*- C -*-===*\
 *
 * Per-packet functions, as in the real Click statistics
 * (../shared/data/click-stats/README.md): method bodies named
 * simple_action, push, pull or smaction of the NF's own classes (not
 * framework classes such as Packet::push or Element::Port::push, recognised
 * by core/framework.h), plus Element::checked_output_push, which the real
 * statistics count too. "Helpers" are the NF's own (non-framework) defined
 * functions reachable from those by direct calls.
 *
\*===----------------------------------------------------------------------===*/
#define _GNU_SOURCE
#include "synth_measure.h"

#include "error.h"
#include "framework.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <llvm-c/BitReader.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;
/* From the C++ runtime (libstdc++/libc++abi), which libLLVM links. */
char *__cxa_demangle(const char *mangled, char *out, size_t *length,
                     int *status);

static int fail(char **msg, const char *fmt, const char *a, const char *b) {
  char buf[1024];
  snprintf(buf, sizeof buf, fmt, a, b);
  if (msg)
    *msg = strdup(buf);
  return -1;
}

int syn_measurement_init(syn_measurement *m) {
  memset(m, 0, sizeof *m);
  m->entry_ops = clara_histogram_create();
  m->helper_ops = clara_histogram_create();
  m->entry_blocks = clara_histogram_create();
  m->all_blocks = clara_histogram_create();
  if (!m->entry_ops || !m->helper_ops || !m->entry_blocks || !m->all_blocks) {
    syn_measurement_dispose(m);
    return -1;
  }
  return 0;
}

void syn_measurement_dispose(syn_measurement *m) {
  clara_histogram_dispose(m->entry_ops);
  clara_histogram_dispose(m->helper_ops);
  clara_histogram_dispose(m->entry_blocks);
  clara_histogram_dispose(m->all_blocks);
  memset(m, 0, sizeof *m);
}

static int cmp_str(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

static int push_path(char ***paths, int *n, const char *p) {
  char **np = realloc(*paths, (size_t)(*n + 1) * sizeof *np);
  if (!np)
    return -1;
  *paths = np;
  if (!(np[*n] = strdup(p)))
    return -1;
  (*n)++;
  return 0;
}

int syn_list_sources(const char *path, char ***paths, int *npaths, char **msg) {
  struct stat st;
  if (stat(path, &st))
    return fail(msg, "cannot read '%s': %s", path, strerror(errno));
  if (!S_ISDIR(st.st_mode))
    return push_path(paths, npaths, path)
               ? fail(msg, "out of memory%s%s", "", "")
               : 0;
  DIR *d = opendir(path);
  if (!d)
    return fail(msg, "cannot read directory '%s': %s", path, strerror(errno));
  int first = *npaths;
  struct dirent *e;
  while ((e = readdir(d))) {
    size_t len = strlen(e->d_name);
    if (len > 3 && (strcmp(e->d_name + len - 3, ".cc") == 0 ||
                    strcmp(e->d_name + len - 3, ".bc") == 0)) {
      char full[4096];
      snprintf(full, sizeof full, "%s/%s", path, e->d_name);
      if (push_path(paths, npaths, full)) {
        closedir(d);
        return fail(msg, "out of memory%s%s", "", "");
      }
    }
  }
  closedir(d);
  qsort(*paths + first, (size_t)(*npaths - first), sizeof(char *), cmp_str);
  if (*npaths == first)
    return fail(msg, "no .cc or .bc files in '%s'%s", path, "");
  return 0;
}

/* --- classification ------------------------------------------------------ */

/* 1 when fn is a per-packet entry point (see the file comment). */
static int is_entry(const char *mangled) {
  char *dem = __cxa_demangle(mangled, NULL, NULL, NULL);
  if (!dem)
    return 0;
  char q[512];
  clara_qualified_name(dem, q, sizeof q);
  const char *method = strrchr(q, ':');
  method = method ? method + 1 : q;
  int entry = 0;
  if (strcmp(q, "Element::checked_output_push") == 0)
    entry = 1;
  else if (clara_is_entry_method(method) && method != q &&
           clara_framework_classify(dem) == CLARA_FRAMEWORK_NONE)
    entry = 1;
  free(dem);
  return entry;
}

static int is_own_code(const char *mangled) {
  if (strncmp(mangled, "llvm.", 5) == 0)
    return 0;
  char *dem = __cxa_demangle(mangled, NULL, NULL, NULL);
  int own =
      clara_framework_classify(dem ? dem : mangled) == CLARA_FRAMEWORK_NONE &&
      strncmp(mangled, "_Z", 2) == 0; /* libc (ntohs, memset) is not */
  free(dem);
  return own;
}

static int add_module(LLVMModuleRef mod, syn_measurement *m,
                      clara_histogram *file_ops) {
  /* Mark entries, then the own helpers reachable from them (worklist). */
  size_t nfn = 0;
  for (LLVMValueRef f = LLVMGetFirstFunction(mod); f;
       f = LLVMGetNextFunction(f))
    nfn++;
  LLVMValueRef *fns = calloc(nfn ? nfn : 1, sizeof *fns);
  char *mark = calloc(nfn ? nfn : 1, 1); /* 1 entry, 2 helper */
  size_t *work = calloc(nfn ? nfn : 1, sizeof *work);
  if (!fns || !mark || !work) {
    free(fns);
    free(mark);
    free(work);
    return -1;
  }
  size_t i = 0, nwork = 0;
  for (LLVMValueRef f = LLVMGetFirstFunction(mod); f;
       f = LLVMGetNextFunction(f), i++) {
    fns[i] = f;
    if (!LLVMIsDeclaration(f) && is_entry(LLVMGetValueName(f))) {
      mark[i] = 1;
      work[nwork++] = i;
    }
  }
  while (nwork) {
    LLVMValueRef f = fns[work[--nwork]];
    for (LLVMBasicBlockRef bb = LLVMGetFirstBasicBlock(f); bb;
         bb = LLVMGetNextBasicBlock(bb))
      for (LLVMValueRef in = LLVMGetFirstInstruction(bb); in;
           in = LLVMGetNextInstruction(in)) {
        LLVMOpcode op = LLVMGetInstructionOpcode(in);
        if (op != LLVMCall && op != LLVMInvoke)
          continue;
        LLVMValueRef callee = LLVMGetCalledValue(in);
        if (!callee || !LLVMIsAFunction(callee) || LLVMIsDeclaration(callee))
          continue;
        for (size_t k = 0; k < nfn; k++)
          if (fns[k] == callee && !mark[k] &&
              is_own_code(LLVMGetValueName(callee))) {
            mark[k] = 2;
            work[nwork++] = k;
          }
      }
  }
  int status = 0;
  for (i = 0; i < nfn && !status; i++) {
    if (!mark[i])
      continue;
    char *msg = 0;
    if (mark[i] == 1) {
      m->entries++;
      if (clara_histogram_add_function(m->entry_ops, m->entry_blocks, fns[i],
                                       &msg) ||
          (file_ops &&
           clara_histogram_add_function(file_ops, NULL, fns[i], &msg)))
        status = -1;
    } else
      m->helpers++;
    if (!status && clara_histogram_add_function(m->helper_ops, m->all_blocks,
                                                fns[i], &msg))
      status = -1;
    clara_dispose_message(msg);
  }
  free(fns);
  free(mark);
  free(work);
  return status;
}

static int read_bitcode(const char *path, syn_measurement *m,
                        clara_histogram *file_ops) {
  LLVMMemoryBufferRef buf;
  char *err = 0;
  if (LLVMCreateMemoryBufferWithContentsOfFile(path, &buf, &err)) {
    LLVMDisposeMessage(err);
    return -1;
  }
  LLVMContextRef ctx = LLVMContextCreate();
  LLVMModuleRef mod;
  int status = -1;
  if (!LLVMParseBitcodeInContext2(ctx, buf, &mod)) {
    status = add_module(mod, m, file_ops);
    LLVMDisposeModule(mod);
  }
  LLVMDisposeMemoryBuffer(buf);
  LLVMContextDispose(ctx);
  return status;
}

/* --- parallel compilation ------------------------------------------------ */

static pid_t spawn_compile(const syn_measure_options *o, const char *src,
                           const char *bc, const char *errfile) {
  char inc[4200];
  snprintf(inc, sizeof inc, "-I%s", o->include);
  char *argv[] = {(char *)o->clangxx,
                  "-std=c++17",
                  "-O0",
                  "-Xclang",
                  "-disable-O0-optnone",
                  "-fno-discard-value-names",
                  "-emit-llvm",
                  "-c",
                  "-Wall",
                  "-Wextra",
                  inc,
                  (char *)src,
                  "-o",
                  (char *)bc,
                  NULL};
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_addopen(&fa, 2, errfile,
                                   O_WRONLY | O_CREAT | O_TRUNC, 0644);
  pid_t pid;
  int rc = posix_spawn(&pid, o->clangxx, &fa, NULL, argv, environ);
  posix_spawn_file_actions_destroy(&fa);
  return rc ? -1 : pid;
}

static long file_size(const char *path) {
  struct stat st;
  return stat(path, &st) ? -1 : (long)st.st_size;
}

int syn_measure_files(const syn_measure_options *o, char **paths, int npaths,
                      syn_measurement *m, char **msg) {
  char tmpl[] = "/tmp/clara-synth-XXXXXX";
  if (!mkdtemp(tmpl))
    return fail(msg, "cannot create a temporary directory: %s%s",
                strerror(errno), "");
  int jobs = o->jobs > 0 ? o->jobs : 1;
  pid_t *pids = calloc((size_t)jobs, sizeof *pids);
  int *slot_file = calloc((size_t)jobs, sizeof *slot_file);
  if (!pids || !slot_file) {
    free(pids);
    free(slot_file);
    rmdir(tmpl);
    return fail(msg, "out of memory%s%s", "", "");
  }
  int next = 0, running = 0, status = 0, done = 0;
  char bc[4200], errf[4200];
  while ((next < npaths || running) && !status) {
    /* Start jobs. */
    while (next < npaths && running < jobs) {
      const char *p = paths[next];
      size_t len = strlen(p);
      m->files++;
      if (len > 3 && strcmp(p + len - 3, ".bc") == 0) {
        if (read_bitcode(p, m, m->per_file ? m->per_file[next] : NULL) == 0)
          m->compiled++;
        else if (!m->first_failure[0])
          snprintf(m->first_failure, sizeof m->first_failure,
                   "%s: not readable bitcode", p);
        next++;
        done++;
        continue;
      }
      int s = 0;
      while (pids[s])
        s++;
      snprintf(bc, sizeof bc, "%s/%d.bc", tmpl, next);
      snprintf(errf, sizeof errf, "%s/%d.err", tmpl, next);
      pid_t pid = spawn_compile(o, p, bc, errf);
      if (pid < 0) {
        status = fail(msg, "cannot run '%s'%s", o->clangxx, "");
        break;
      }
      pids[s] = pid;
      slot_file[s] = next;
      next++;
      running++;
    }
    if (!running)
      continue;
    int ws;
    pid_t pid = wait(&ws);
    if (pid < 0)
      break;
    for (int s = 0; s < jobs; s++) {
      if (pids[s] != pid)
        continue;
      pids[s] = 0;
      running--;
      done++;
      int f = slot_file[s];
      snprintf(bc, sizeof bc, "%s/%d.bc", tmpl, f);
      snprintf(errf, sizeof errf, "%s/%d.err", tmpl, f);
      int ok = WIFEXITED(ws) && WEXITSTATUS(ws) == 0;
      if (file_size(errf) > 0) {
        m->warned++;
        if (!m->first_failure[0]) {
          FILE *e = fopen(errf, "r");
          char line[400] = "";
          if (e) {
            if (!fgets(line, sizeof line, e))
              line[0] = 0;
            fclose(e);
          }
          line[strcspn(line, "\n")] = 0;
          snprintf(m->first_failure, sizeof m->first_failure, "%s", line);
        }
      }
      if (ok && read_bitcode(bc, m, m->per_file ? m->per_file[f] : NULL) == 0)
        m->compiled++;
      unlink(bc);
      unlink(errf);
    }
    if (!o->quiet && done % 500 == 0)
      fprintf(stderr, "clara-synth-fidelity: %d/%d compiled\n", done, npaths);
  }
  /* On a setup error, reap what still runs. */
  while (running > 0 && wait(NULL) > 0)
    running--;
  free(pids);
  free(slot_file);
  DIR *d = opendir(tmpl);
  if (d) {
    struct dirent *e;
    while ((e = readdir(d)))
      if (e->d_name[0] != '.') {
        snprintf(bc, sizeof bc, "%s/%s", tmpl, e->d_name);
        unlink(bc);
      }
    closedir(d);
  }
  rmdir(tmpl);
  return status;
}
