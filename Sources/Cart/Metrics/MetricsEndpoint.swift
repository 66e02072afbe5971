import HTTP
import Idempotency

/// `GET /metrics` in the Prometheus text exposition format (version 0.0.4).
struct MetricsEndpoint<Store: CartStore>: Sendable {
    let requests: RequestMetrics
    let idempotency: IdempotencyGuard<Store>
    let store: Store
    let accelerator: RedisKeyAccelerator?

    func handle(_ request: Request, _ context: RequestContext, _ responder: Responder) {
        var text = ""
        func family(_ name: String, _ type: String, _ help: String) {
            text += "# HELP \(name) \(help)\n# TYPE \(name) \(type)\n"
        }
        let requestSeries = requests.snapshot
        family("cartd_requests_total", "counter", "Requests answered, by method, route and status.")
        for (series, counts) in requestSeries.sorted(by: { "\($0.key)" < "\($1.key)" }) {
            text += "cartd_requests_total{method=\"\(series.method)\",route=\"\(series.route)\",status=\"\(series.status)\"} \(counts.count)\n"
        }
        family(
            "cartd_request_duration_seconds", "histogram",
            "Time from routing a request to handing its response to the connection, by method, route and status class.")
        text += Self.durationSeries(requestSeries)
        family("cartd_idempotent_replays_total", "counter", "Completed keys answered with their stored response.")
        text += "cartd_idempotent_replays_total \(idempotency.metrics.replays)\n"
        family("cartd_idempotency_conflicts_total", "counter", "409 answers for keys still in progress.")
        text += "cartd_idempotency_conflicts_total \(idempotency.metrics.conflicts)\n"
        family("cartd_idempotency_mismatches_total", "counter", "422 answers for keys reused with another request.")
        text += "cartd_idempotency_mismatches_total \(idempotency.metrics.mismatches)\n"
        family("cartd_keys_in_flight", "gauge", "Keys this process is running right now.")
        text += "cartd_keys_in_flight \(idempotency.keysInFlight)\n"
        let writes = store.statistics
        family("cartd_store_commit_duration_seconds", "histogram", "Time from BEGIN to COMMIT of each committed write batch.")
        text += writes.commitDurations.exposition("cartd_store_commit_duration_seconds", labels: "")
        family("cartd_store_batch_jobs_total", "counter", "Writes committed in batches (jobs / batches = mean batch size).")
        text += "cartd_store_batch_jobs_total \(writes.jobs)\n"
        family("cartd_store_failed_batches_total", "counter", "Write batches that could not commit.")
        text += "cartd_store_failed_batches_total \(writes.failedBatches)\n"
        family("cartd_store_failed_jobs_total", "counter", "Writes that did not commit: with a failed batch, or alone (answered 5xx).")
        text += "cartd_store_failed_jobs_total \(writes.failedJobs)\n"
        family("cartd_store_retried_batches_total", "counter", "Write batches rolled back and run again one write at a time.")
        text += "cartd_store_retried_batches_total \(writes.retriedBatches)\n"
        family("cartd_store_reads_total", "counter", "Reads on the store's read path (GETs and key look-ups).")
        text += "cartd_store_reads_total \(writes.reads)\n"
        if let accelerator { text += Self.redisFamilies(accelerator) }
        responder.respond(
            Response(status: .ok, headers: ["content-type": "text/plain; version=0.0.4; charset=utf-8"], body: Array(text.utf8)))
    }
}

extension MetricsEndpoint {
    /// The request histograms: the series of each method and route added up by status class.
    static func durationSeries(_ series: [RequestMetrics.Series: HistogramSnapshot]) -> String {
        var byClass: [String: HistogramSnapshot] = [:]
        for (series, counts) in series {
            byClass["method=\"\(series.method)\",route=\"\(series.route)\",status_class=\"\(series.statusClass)\"", default: HistogramSnapshot()]
                .merge(counts)
        }
        return byClass.sorted { $0.key < $1.key }.map { $0.value.exposition("cartd_request_duration_seconds", labels: $0.key) }.joined()
    }
}
