import Synchronization

/// Durations counted into fixed buckets from 100 µs to 5 s, lock-free: recording is a
/// few relaxed atomic adds and allocates nothing. Readers may see a recording half done
/// (its bucket but not yet its sum); the scrape after it sees all of it.
final class LatencyHistogram: Sendable {
    /// Upper bounds of the finite buckets, in nanoseconds.
    static let upperBounds: [UInt64] = [
        100_000, 250_000, 500_000, 1_000_000, 2_500_000, 5_000_000, 10_000_000, 25_000_000, 50_000_000, 100_000_000,
        250_000_000, 500_000_000, 1_000_000_000, 2_500_000_000, 5_000_000_000,
    ]
    /// The same bounds in seconds, as exposed (`le`); the last bucket is `+Inf`.
    static let labels = [
        "0.0001", "0.00025", "0.0005", "0.001", "0.0025", "0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "1", "2.5", "5", "+Inf",
    ]
    /// The finite buckets and +Inf.
    static let bucketCount = 16

    /// Observations per bucket, not cumulative (index 15 is beyond 5 s).
    private let buckets: InlineArray<16, Atomic<UInt64>>
    private let sumNanoseconds = Atomic<UInt64>(0)

    init() { buckets = InlineArray { _ in Atomic<UInt64>(0) } }

    func record(nanoseconds: UInt64) {
        let bounds = Self.upperBounds
        var index = 0
        while index < bounds.count && nanoseconds > bounds[index] { index += 1 }
        buckets[index].add(1, ordering: .relaxed)
        sumNanoseconds.add(nanoseconds, ordering: .relaxed)
    }

    var snapshot: HistogramSnapshot {
        var snapshot = HistogramSnapshot()
        for index in 0..<Self.bucketCount { snapshot.buckets[index] = buckets[index].load(ordering: .relaxed) }
        snapshot.sumNanoseconds = sumNanoseconds.load(ordering: .relaxed)
        return snapshot
    }
}

/// A `LatencyHistogram`'s counts at one moment; snapshots of several series add up (`merge`).
public struct HistogramSnapshot: Sendable, Equatable {
    /// Observations per bucket of `LatencyHistogram.upperBounds`, not cumulative; the last is beyond 5 s.
    public internal(set) var buckets = [UInt64](repeating: 0, count: LatencyHistogram.bucketCount)
    /// The observations' total.
    public internal(set) var sumNanoseconds: UInt64 = 0

    public init() {}

    public var count: UInt64 { buckets.reduce(0, &+) }

    mutating func merge(_ other: HistogramSnapshot) {
        for index in buckets.indices { buckets[index] &+= other.buckets[index] }
        sumNanoseconds &+= other.sumNanoseconds
    }

    /// The `_bucket` (cumulative, `le`), `_sum` (seconds) and `_count` lines of the series
    /// `name{labels}`; `labels` is `key="value",...` or empty.
    func exposition(_ name: String, labels: String) -> String {
        let separator = labels.isEmpty ? "" : ","
        var text = ""
        var cumulative: UInt64 = 0
        for index in 0..<LatencyHistogram.bucketCount {
            cumulative &+= buckets[index]
            text += "\(name)_bucket{\(labels)\(separator)le=\"\(LatencyHistogram.labels[index])\"} \(cumulative)\n"
        }
        let braces = labels.isEmpty ? "" : "{\(labels)}"
        text += "\(name)_sum\(braces) \(Double(sumNanoseconds) / 1e9)\n"
        text += "\(name)_count\(braces) \(cumulative)\n"
        return text
    }
}
