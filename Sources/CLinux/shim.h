#ifndef OUTREACH_CLINUX_SHIM_H
#define OUTREACH_CLINUX_SHIM_H

// Linux interfaces the Glibc module does not export: epoll and eventfd,
// which the RPC event loops are built on, and two GNU extensions.
#include <pthread.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>

// GNU extensions, declared here because the Glibc module is built without
// _GNU_SOURCE.
extern int accept4(int fd, struct sockaddr *address, socklen_t *length, int flags);
extern int pthread_setname_np(pthread_t thread, const char *name);

/// Accepts a connection with flags (SOCK_NONBLOCK, SOCK_CLOEXEC) in one call.
static inline int clinux_accept4(int fd, int flags) {
  return accept4(fd, 0, 0, flags);
}

/// Names the calling thread (at most 15 bytes are kept by the kernel).
static inline int clinux_set_thread_name(const char *name) {
  return pthread_setname_np(pthread_self(), name);
}

#endif
