/*
 * The idempotency-key protocol of cartd as a Promela model, for spin (scripts/model-check.sh).
 *
 * What is modelled (Sources/Idempotency/KeyProtocol.swift, GuardedAttempt.swift, KeyDecision.swift,
 * and the stores' SQL in Sources/Cart/Store/{SQLite,PostgreSQL}/*KeySQL.swift):
 *  - N instances, each serving one client that sends the same request with the same key and
 *    retries it (after a 409, a 5xx, or a crash of the instance) until it gets a 2xx;
 *  - the store holds one record for the key and decides every step atomically (one write
 *    transaction, serialised per key): the one-step path `execute` (side effect plus unique insert
 *    of the completed record, or completion in the place of an expired lease), and the two-step path
 *    `claim` (new fencing token from a sequence, insert or take over) then `complete` (fenced by the
 *    token, the side effect in the same transaction), `release` after a failed operation;
 *  - the store's clock, as events: a claim's lease runs out (always possible once its holder lost
 *    its memory; at most MAXSLOW times while the holder is alive and merely slow), a completed
 *    record's time to live runs out (a new epoch of the key begins: it may legitimately run again);
 *  - the TTL sweep: deletes completed records whose time to live is over and claims whose lease is
 *    over (more eagerly than the stores do, which only widens what is checked);
 *  - a crash of an instance at any point between store steps, losing its token and its lock (at most
 *    MAXCRASH crashes); the store's steps themselves are transactions, so a crash inside one is a
 *    rollback, which is the same as crashing before it;
 *  - the optional Redis accelerator: a lock (SET NX PX, compare-and-delete) and a replay cache
 *    filled after commit; both may vanish at any time (expiry, FLUSHALL, restart), and any Redis
 *    call may fail, in which case the store decides alone.
 * Not modelled: the in-process in-flight table (a per-instance fast path in front of the same
 * store steps; each instance here serves one request at a time), fingerprint mismatches (422,
 * decided from the record's fingerprint by the same atomic steps), response bodies beyond their identity.
 *
 * Safety (assertions): at most one side effect is committed per key and epoch; every replay, from
 * the store or from the cache, answers the response of the attempt that committed; a completion
 * whose token no longer holds the claim never commits.
 * Liveness (-DLIVE, with weak fairness: pan -a -f): every client eventually gets its 2xx, also when
 * the owner of the claim crashed (its lease runs out, a retry takes it over or finds it completed).
 *
 * Bug variants, each of which spin must refute:
 *  -DBUG_NO_FENCE     complete does not check that its token still holds the claim
 *  -DBUG_TRUST_REDIS  an attempt holding the Redis lock writes its result without the store's claim
 *  -DBUG_SWEEP_LIVE   the sweep deletes records whose time to live (or lease) is not over
 *  -DBUG_CACHE_EARLY  the replay cache is filled before the commit instead of after it
 *  -DBUG_LEASE_FOREVER  (liveness) a claim whose holder crashed never lapses: nobody can take it over
 */

#ifndef N
#define N 2
#endif
#ifndef MAXCRASH
#define MAXCRASH 1
#endif
#ifndef MAXSLOW
#define MAXSLOW 1
#endif
#ifndef MAXFAIL
#define MAXFAIL 1
#endif
#ifndef MAXEPOCH
#define MAXEPOCH 1
#endif

mtype = { NONE, INPROG, DONE };
/* An attempt's result. */
#define RAN 1
#define REPLAYED 2
#define BUSY 3      /* 409 or 503: the client retries */
#define FAILED 4    /* the operation failed after a claim: release, then 5xx */

/* The store: the key's record, changed only inside atomic steps. */
mtype recState = NONE;
byte recToken;       /* fencing token of an in-progress claim */
byte recResp;        /* response stored with a completed record */
bool leaseOver;      /* the store's clock passed the claim's lease_until */
bool ttlOver;        /* the store's clock passed the completed record's expires_at */
byte seq;            /* the token sequence */

/* Redis: never trusted. */
byte redisLock;      /* 0, or the holder's instance number + 1 */
byte cacheResp;      /* 0, or a cached response */
byte cacheEpoch;     /* the epoch whose commit the cached response is */

/* Ghost state, for the properties. */
byte epoch;                   /* how many times the completed record's time to live ran out */
byte commits[MAXEPOCH + 1];   /* side effects committed per epoch */
byte committed[MAXEPOCH + 1]; /* the response committed in each epoch */
byte heldBy;                  /* instance + 1 whose memory holds recToken, 0 if none (crashed, finished) */
byte crashes, slow, fails;
byte answered;                /* clients that got their 2xx */

/* A side effect and its completed record, committed together by one store transaction. */
#define COMMIT(resp) \
    commits[epoch]++; \
    assert(commits[epoch] <= 1); \
    committed[epoch] = resp; \
    myEpoch = epoch; \
    recState = DONE; recResp = resp; ttlOver = false; heldBy = 0

/* A replay from the store's record. */
#define REPLAY_RECORD \
    assert(recResp == committed[epoch]); \
    myEpoch = epoch; myResp = recResp

/* A crash between steps: the instance restarts with an empty memory. */
#define CRASH \
    if \
    :: crashes < MAXCRASH -> crashes++; goto crashed \
    :: true -> skip \
    fi

#ifdef BUG_NO_FENCE
#define FENCE true
#else
#define FENCE (recToken == tok)
#endif

#define FREE (recState == NONE || (recState == DONE && ttlOver))

proctype Instance(byte me) {
    byte tok;        /* this attempt's fencing token (two-step path), 0 when none */
    bool haveLock;   /* this attempt holds the Redis lock */
    bool redis;      /* this attempt uses Redis (configured and answering) */
    byte r;
    byte myEpoch;
    byte myResp;

attempt:
    tok = 0; haveLock = false; r = 0; myEpoch = 0; myResp = 0;
    if
    :: redis = true
    :: redis = false   /* no accelerator, or Redis down: the store decides alone */
    fi;
    if
    :: redis ->
        /* The replay cache first: a hit answers without the store. */
        atomic {
            if
            :: cacheResp != 0 -> assert(cacheResp == committed[cacheEpoch]); r = REPLAYED
            :: else -> skip
            fi
        }
        if :: r == REPLAYED -> goto finish :: else -> skip fi;
        CRASH;
        /* SET NX PX: held elsewhere is a 409 without store access; a failed call goes on to the store. */
        atomic {
            if
            :: redisLock == 0 -> redisLock = me; haveLock = true
            :: redisLock != 0 -> r = BUSY
            :: true -> skip
            fi
        }
        if :: r == BUSY -> goto finish :: else -> skip fi;
#ifdef BUG_CACHE_EARLY
        atomic { cacheResp = me; cacheEpoch = epoch };
#endif
        CRASH;
#ifdef BUG_TRUST_REDIS
        if
        :: haveLock -> atomic { COMMIT(me); r = RAN }; goto finish
        :: else -> skip
        fi;
#endif
    :: else -> skip
    fi;

    /* The store's read path: a live record answers (replay, or 409 while a lease runs). */
    atomic {
        if
        :: recState == DONE && !ttlOver -> REPLAY_RECORD; r = REPLAYED
        :: recState == INPROG && !leaseOver -> r = BUSY
        :: else -> skip
        fi
    }
    if :: r != 0 -> goto finish :: else -> skip fi;
    CRASH;

    if
    :: goto oneStep
    :: goto twoStep
    fi;

oneStep:
    /* execute: side effect, then insert the completed record; the transaction decides. */
    atomic {
        if
        :: FREE -> COMMIT(me); r = RAN
        :: recState == INPROG && leaseOver -> COMMIT(me); r = RAN   /* completes in the place of the lapsed claim */
        :: recState == INPROG && !leaseOver -> r = BUSY
        :: recState == DONE && !ttlOver -> REPLAY_RECORD; r = REPLAYED
        :: fails < MAXFAIL -> fails++; r = BUSY                     /* the operation failed: rolled back, 5xx */
        fi
    }
    goto finish;

twoStep:
    /* claim: a new token, then insert the claim or take over a lapsed one. */
    atomic {
        seq++; tok = seq;
        if
        :: FREE -> recState = INPROG; recToken = tok; leaseOver = false; heldBy = me
        :: recState == INPROG && leaseOver -> recToken = tok; leaseOver = false; heldBy = me
        :: recState == INPROG && !leaseOver -> r = BUSY; tok = 0
        :: recState == DONE && !ttlOver -> REPLAY_RECORD; r = REPLAYED; tok = 0
        fi
    }
    if :: tok == 0 -> goto finish :: else -> skip fi;
    CRASH;   /* the wait outside any transaction: a crash, or slowness (the lease may lapse meanwhile) */
    /* complete: only if the token still holds the claim; the side effect in the same transaction. */
    atomic {
        if
        :: recState == INPROG && FENCE ->
            if
            :: assert(recToken == tok); COMMIT(me); r = RAN
            :: fails < MAXFAIL -> fails++; r = FAILED   /* the operation failed: rolled back */
            fi
        :: else ->
            /* fenced out: nothing written; answers what a new request would get */
            if
            :: recState == DONE && !ttlOver -> REPLAY_RECORD; r = REPLAYED
            :: else -> r = BUSY
            fi
        fi
    }
    if
    :: r == FAILED ->
        CRASH;
        atomic {
            if
            :: recState == INPROG && recToken == tok -> recState = NONE; heldBy = 0
            :: else -> skip
            fi
        }
        r = BUSY
    :: else -> skip
    fi;

finish:
    /* Fill the cache after a commit or a replay from the store, then unlock (compare-and-delete), then answer. */
    if
    :: redis && (r == RAN || (r == REPLAYED && myResp != 0)) ->
        atomic {
            if
            :: r == RAN -> cacheResp = me; cacheEpoch = myEpoch
            :: r == REPLAYED -> cacheResp = myResp; cacheEpoch = myEpoch
            :: true -> skip   /* the cache write failed */
            fi
        }
    :: else -> skip
    fi;
    atomic {
        if
        :: haveLock && redisLock == me -> redisLock = 0
        :: else -> skip
        fi;
        haveLock = false
    }
    if
    :: r == RAN || r == REPLAYED -> answered++; goto end
    :: else -> goto attempt   /* the client retries */
    fi;

crashed:
    atomic { if :: heldBy == me -> heldBy = 0 :: else -> skip fi }
    goto attempt;   /* the instance restarts; the client's retry arrives (its Redis lock, if any, stays until it expires) */
end:
    skip
}

/* The store's clock for leases: a claim whose holder lost its memory always lapses eventually. */
proctype LeaseClock() {
end:
    do
#ifndef BUG_LEASE_FOREVER
    :: atomic { recState == INPROG && !leaseOver && heldBy == 0 -> leaseOver = true }
#endif
    :: atomic { recState == INPROG && !leaseOver && heldBy != 0 && slow < MAXSLOW -> slow++; leaseOver = true }
    od
}

/* The store's clock for times to live: a completed record expires, and the key begins a new epoch. */
proctype TTLClock() {
end:
    do
    :: atomic { recState == DONE && !ttlOver && epoch < MAXEPOCH -> ttlOver = true; epoch++ }
    od
}

/* The periodic sweep of expired records. */
proctype Sweeper() {
end:
    do
    :: atomic { recState == DONE && ttlOver -> recState = NONE }
    :: atomic { recState == INPROG && leaseOver -> recState = NONE; heldBy = 0 }
#ifdef BUG_SWEEP_LIVE
    :: atomic { recState != NONE && !ttlOver && !leaseOver -> recState = NONE; heldBy = 0 }
#endif
    od
}

/* Redis loses keys at any time: lock expiry, eviction, FLUSHALL, restart. */
proctype RedisChaos() {
end:
    do
    :: atomic { redisLock != 0 -> redisLock = 0 }
    :: atomic { cacheResp != 0 -> cacheResp = 0 }
    od
}

init {
    atomic {
        byte i = 1;
        do
        :: i <= N -> run Instance(i); i++
        :: else -> break
        od;
        run LeaseClock();
        run TTLClock();
        run Sweeper();
        run RedisChaos()
    }
}

#ifdef LIVE
ltl eventually_answered { <> (answered == N) }
#endif
