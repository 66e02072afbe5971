// The parts of hiredis.h (0.14, the blocking API) that Swift cannot use directly.
#ifndef CHIREDIS_SHIM_H
#define CHIREDIS_SHIM_H

#include <errno.h>
#include <hiredis/hiredis.h>

/// REDIS_ERR is `-1` and the error kinds are macros; named constants import reliably.
static const int CHIREDIS_OK = REDIS_OK;
static const int CHIREDIS_ERR = REDIS_ERR;
static const int CHIREDIS_ERR_IO = REDIS_ERR_IO;
static const int CHIREDIS_ERR_EOF = REDIS_ERR_EOF;
static const int CHIREDIS_ERR_PROTOCOL = REDIS_ERR_PROTOCOL;
static const int CHIREDIS_ERR_OOM = REDIS_ERR_OOM;
static const int CHIREDIS_ERR_OTHER = REDIS_ERR_OTHER;

/// `errstr` is a `char[128]`, which Swift imports as a tuple.
static inline const char *chiredis_error_message(const redisContext *c) { return c->errstr; }

/// redisCommandArgv, also returning errno as hiredis left it. A socket timeout
/// (SO_RCVTIMEO/SO_SNDTIMEO) is reported as REDIS_ERR_IO with errno EAGAIN;
/// errno is captured here, before any Swift code can overwrite it.
static inline redisReply *chiredis_command_argv(redisContext *c, int argc, const char **argv,
                                                const size_t *argvlen, int *error_number) {
    errno = 0;
    void *reply = redisCommandArgv(c, argc, argv, argvlen);
    *error_number = errno;
    return (redisReply *)reply;
}

/// redisGetReply (flushes the pipeline, then reads one reply), with errno as above.
static inline int chiredis_get_reply(redisContext *c, redisReply **reply, int *error_number) {
    void *raw = NULL;
    errno = 0;
    int status = redisGetReply(c, &raw);
    *error_number = errno;
    *reply = (redisReply *)raw;
    return status;
}

#endif
