// Linux APIs that `import Glibc` does not expose to Swift.
#ifndef CLINUX_SHIM_H
#define CLINUX_SHIM_H

#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>

// accept4(2) is declared only under _GNU_SOURCE, which would make these
// headers disagree with Glibc's module; declare the one prototype instead.
extern int accept4(int fd, struct sockaddr *addr, socklen_t *len, int flags);

/// accept4 without variadic or macro trouble for Swift.
static inline int clinux_accept4(int fd, struct sockaddr *addr, socklen_t *len, int flags) {
    return accept4(fd, addr, len, flags);
}

#include <pthread.h>

// pthread_setname_np(3) is likewise a GNU extension.
extern int pthread_setname_np(pthread_t thread, const char *name);

/// Names the calling thread (at most 15 bytes are kept), for top -H, ps -L and debuggers.
static inline void clinux_set_thread_name(const char *name) {
    pthread_setname_np(pthread_self(), name);
}

#endif
