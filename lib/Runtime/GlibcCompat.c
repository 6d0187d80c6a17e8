/* GlibcCompat.c - keeps the wheel's core within glibc 2.35.
 *
 * libstdc++.a of Debian 12 (built against glibc 2.36) calls arc4random for
 * std::random_device; this definition, hidden in libarcdsl-core.so, takes
 * that call instead of glibc's (2.36), so that the core loads on Ubuntu
 * 22.04 (glibc 2.35). getrandom is glibc 2.25. Linked into the wheel's core
 * only (cmake/ArcDslCore.cmake). */
#include <stdint.h>
#include <sys/random.h>

__attribute__((visibility("hidden"))) uint32_t arc4random(void) {
  uint32_t value;
  while (getrandom(&value, sizeof value, 0) != (ssize_t)sizeof value) {
  }
  return value;
}
