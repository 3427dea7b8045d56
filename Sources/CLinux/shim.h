#ifndef OUTREACH_CLINUX_SHIM_H
#define OUTREACH_CLINUX_SHIM_H

// Linux interfaces the Glibc module does not export: epoll and eventfd,
// which the RPC event loops are built on, two GNU extensions, and a signal
// handler that must be C to be safe to run inside a signal.
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

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

/// Where the stop-signal handler writes each signal's number; -1 while no
/// handler is installed. One process-wide copy: only one Swift file uses it.
static int clinux_stop_signal_fd = -1;

static void clinux_stop_signal_handler(int signal) {
  int saved = errno;
  unsigned char number = (unsigned char)signal;
  if (clinux_stop_signal_fd >= 0) {
    ssize_t written = write(clinux_stop_signal_fd, &number, 1);
    (void)written;
  }
  errno = saved;
}

/// Catches SIGTERM and SIGINT from this call on, on whichever thread they
/// land: the handler writes each signal's number as one byte to `fd`, the
/// write end of a pipe. Returns 0, or -1 with errno set.
static inline int clinux_catch_stop_signals(int fd) {
  clinux_stop_signal_fd = fd;
  struct sigaction action;
  memset(&action, 0, sizeof action);
  action.sa_handler = clinux_stop_signal_handler;
  sigemptyset(&action.sa_mask);
  action.sa_flags = SA_RESTART;
  if (sigaction(SIGTERM, &action, 0) != 0) return -1;
  if (sigaction(SIGINT, &action, 0) != 0) return -1;
  return 0;
}

/// Lets SIGTERM and SIGINT reach the calling thread, whatever mask the
/// process inherited: a parent that blocked them would otherwise keep every
/// stop request pending for good.
static inline void clinux_unblock_stop_signals(void) {
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  pthread_sigmask(SIG_UNBLOCK, &signals, 0);
}

/// Gives SIGTERM and SIGINT back their default action.
static inline void clinux_release_stop_signals(void) {
  signal(SIGTERM, SIG_DFL);
  signal(SIGINT, SIG_DFL);
  clinux_stop_signal_fd = -1;
}

#endif
