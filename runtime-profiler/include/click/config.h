/* click/config.h - configuration macros of Clara's Click-compatible framework
 *
 * Part of Clara. Mirrors the role and macro names of the Click modular
 * router's <click/config.h> for a userlevel build (kohler/click), but is
 * Clara's own code: no Click source was copied. Plain C so that the
 * <clicknet/...> headers can include it from C too.
 */
#ifndef CLICK_CONFIG_H
#define CLICK_CONFIG_H

#define CLICK_USERLEVEL 1
#define CLICK_CLARA 1 /* this is Clara's reverse-ported framework */
#define CLICK_VERSION "2.1-clara"

#define HAVE_INT64_TYPES 1
#define HAVE_NANOTIMESTAMP_ENABLED 1
#define TIMESTAMP_NANOSEC 1

#define CLICK_LITTLE_ENDIAN 1234
#define CLICK_BIG_ENDIAN 4321
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
#define CLICK_BYTE_ORDER CLICK_BIG_ENDIAN
#else
#define CLICK_BYTE_ORDER CLICK_LITTLE_ENDIAN
#endif

/* Userlevel Click puts everything in the global namespace. */
#ifdef __cplusplus
#define CLICK_DECLS
#define CLICK_ENDDECLS
#define CLICK_USING_DECLS
#define CLICK_NAME(name) ::name
#define CLICK_CXX_PROTECT
#define CLICK_CXX_UNPROTECT
#endif

#define CLICK_DEPRECATED __attribute__((deprecated))
#define CLICK_WARN_UNUSED_RESULT __attribute__((warn_unused_result))
#define CLICK_SIZE_PACKED_ATTRIBUTE __attribute__((packed))
#define CLICK_COLD __attribute__((cold))
#define CLICK_ALWAYS_INLINE
#define CLICK_ENDIAN_TO_LITTLE_ENDIAN

/* Markers read by Click's build tools; they compile to nothing here unless
 * CLARA_ELEMENT_REGISTRY is defined, in which case EXPORT_ELEMENT(C)
 * registers a factory for C++ class C with Clara's host driver (see
 * <click/clara.hh>). */
#define ELEMENT_REQUIRES(x)
#define ELEMENT_PROVIDES(x)
#define ELEMENT_HEADER(x)
#define ELEMENT_LIBS(x)
#define ELEMENT_MT_SAFE(x)
#if defined(__cplusplus) && defined(CLARA_ELEMENT_REGISTRY)
#define EXPORT_ELEMENT(x)                                                      \
  static ClaraElementRegistrar clara_element_registrar_##x(                    \
      #x, []() -> Element * { return new x; });
#else
#define EXPORT_ELEMENT(x)
#endif

#endif /* CLICK_CONFIG_H */
