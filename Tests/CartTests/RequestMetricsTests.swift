import Testing

@testable import Cart

/// Series are told apart by their labels, not by their hash (which looks at the labels' lengths):
/// labels of equal length stay separate series, and equal labels count into one.
@Test func requestMetrics_KeepsSeriesApart_WhenLabelsHaveEqualLengths() {
    let metrics = RequestMetrics()
    let series: [(method: String, route: String, status: Int)] = [
        ("GET", "/cart", 200), ("GET", "/cars", 200), ("PUT", "/cart", 200), ("GET", "/cart", 201), ("GET", "/cart", 404),
    ]
    for (round, labels) in series.enumerated() {
        for _ in 0...round { metrics.record(method: labels.method, route: labels.route, status: labels.status, nanoseconds: 1_000) }
    }
    let snapshot = metrics.snapshot
    #expect(snapshot.count == series.count)
    for (round, labels) in series.enumerated() {
        let key = RequestMetrics.Series(method: labels.method, route: labels.route, status: labels.status)
        #expect(snapshot[key]?.count == UInt64(round + 1), "\(labels)")
    }
}
