extension MetricsEndpoint {
    /// The Redis accelerator's counters, in the exposition format.
    static func redisFamilies(_ accelerator: RedisKeyAccelerator) -> String {
        let counters = accelerator.counters
        let families: [(String, String, String, Int)] = [
            ("cartd_redis_cache_hits_total", "counter", "Replays answered from the Redis cache, without the store.", counters.hits),
            ("cartd_redis_cache_misses_total", "counter", "Cache look-ups that found nothing usable and went on to the store.", counters.misses),
            ("cartd_redis_locks_acquired_total", "counter", "In-flight locks taken in Redis.", counters.locksAcquired),
            ("cartd_redis_locks_contended_total", "counter", "In-flight locks found held by another attempt (409 or a wait, no transaction).", counters.locksContended),
            ("cartd_redis_errors_total", "counter", "Redis calls that failed and fell through to the store.", counters.errors),
            ("cartd_redis_up", "gauge", "1 while Redis answers, 0 while it does not.", accelerator.isHealthy ? 1 : 0),
        ]
        var text = ""
        for (name, type, help, value) in families {
            text += "# HELP \(name) \(help)\n# TYPE \(name) \(type)\n\(name) \(value)\n"
        }
        return text
    }
}
