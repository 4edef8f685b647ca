/*===- core/error.h - Clara's error convention ----------------------------===*
 *
 * Every fallible function in core/ returns an int: CLARA_OK (0) on success,
 * CLARA_ERROR otherwise, and when it fails and the caller passed a non-NULL
 * `char **out_message`, stores there one human-readable sentence naming the
 * file (or input) and what is wrong. The caller frees it with
 * clara_dispose_message(). Nothing in core/ prints or exits.
 *
 *===----------------------------------------------------------------------===*/
#ifndef CLARA_CORE_ERROR_H
#define CLARA_CORE_ERROR_H

#ifdef __cplusplus
extern "C" {
#endif

enum { CLARA_OK = 0, CLARA_ERROR = 1 };

/* Stores a printf-style message in *out_message (if out_message is not NULL)
 * and returns CLARA_ERROR, so callers can write `return clara_error(...)`. */
int clara_error(char **out_message, const char *format, ...)
    __attribute__((format(printf, 2, 3)));

/* Frees a message returned through an out_message parameter. NULL is fine. */
void clara_dispose_message(char *message);

#ifdef __cplusplus
}
#endif

#endif
