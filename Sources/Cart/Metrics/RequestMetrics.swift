import HTTP

/// Requests answered and how long they took, by method, route and status: one
/// `LatencyHistogram` per series. Labels come from `RequestObserver`, so they are
/// bounded: a route pattern (`/cart/items/{id}`) or `unmatched`, never a raw path.
///
/// Recording takes a short lock to find the series (a dictionary look-up; the
/// series is made the first time only), then counts into it without the lock.
final class RequestMetrics: Sendable {
    struct Series: Hashable, Sendable {
        let method: String
        let route: String
        let status: Int

        /// Hashes the labels' lengths and the status, not their text: the series are few and their
        /// labels distinct, and hashing two strings per request cost more than the rest of recording.
        /// Equal series have equal lengths, so equal hashes; `==` still compares the labels.
        func hash(into hasher: inout Hasher) {
            hasher.combine(method.utf8.count &<< 32 | route.utf8.count &<< 12 | status)
        }

        /// `2xx` for 201: the histogram's `status_class`.
        var statusClass: String {
            switch status / 100 {
            case 1: "1xx"
            case 2: "2xx"
            case 3: "3xx"
            case 4: "4xx"
            default: "5xx"
            }
        }
    }

    private let series = Locked<[Series: LatencyHistogram]>([:])

    func record(method: String, route: String, status: Int, nanoseconds: UInt64) {
        let key = Series(method: method, route: route, status: status)
        let histogram = series.withLock { table in
            if let found = table[key] { return found }
            let made = LatencyHistogram()
            table[key] = made
            return made
        }
        histogram.record(nanoseconds: nanoseconds)
    }

    /// Every series seen so far; a series' count is its number of requests.
    var snapshot: [Series: HistogramSnapshot] {
        series.withLock { $0 }.mapValues(\.snapshot)
    }
}
