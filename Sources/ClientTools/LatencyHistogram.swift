/// Latencies in a histogram of bounded size: log-linear buckets, as HDR
/// histograms use, so every recorded value is kept within 1/128 of itself
/// (under 0.8 %) however many values there are.
///
/// Values below 256 ns get a bucket each. Above, each power of two is cut
/// into 128 equal buckets. Values up to 2^40 ns (about 18 minutes) fit in
/// 4,224 counters; larger ones count in the last bucket. Workers keep one
/// histogram each and ``merge(_:)`` them at the end.
public struct LatencyHistogram: Sendable {
  /// Buckets per power of two: the precision.
  private static let subBucketBits = 7
  private static let subBuckets = 1 << subBucketBits
  /// The largest power of two covered.
  private static let maxBits = 40
  private static let bucketCount = 2 * subBuckets + (maxBits - subBucketBits - 1) * subBuckets

  private var counts: [UInt64]
  /// How many values were recorded.
  public private(set) var count: UInt64 = 0
  /// The smallest and largest values, exactly.
  public private(set) var minimum: UInt64 = .max
  public private(set) var maximum: UInt64 = 0
  /// The sum of all values, for the mean.
  private var sum: Double = 0

  /// An empty histogram.
  public init() {
    counts = Array(repeating: 0, count: Self.bucketCount)
  }

  /// Records one latency in nanoseconds.
  @inlinable
  public mutating func record(nanoseconds value: UInt64) {
    recordValue(value)
  }

  /// Records one latency.
  public mutating func record(_ duration: Duration) {
    let (seconds, attoseconds) = duration.components
    let nanoseconds = max(0, seconds) * 1_000_000_000 + attoseconds / 1_000_000_000
    recordValue(UInt64(max(0, nanoseconds)))
  }

  @usableFromInline
  mutating func recordValue(_ value: UInt64) {
    counts[Self.index(of: value)] &+= 1
    count &+= 1
    minimum = min(minimum, value)
    maximum = max(maximum, value)
    sum += Double(value)
  }

  /// Adds another histogram's values to this one.
  public mutating func merge(_ other: LatencyHistogram) {
    for index in counts.indices {
      counts[index] &+= other.counts[index]
    }
    count += other.count
    minimum = min(minimum, other.minimum)
    maximum = max(maximum, other.maximum)
    sum += other.sum
  }

  /// The mean in nanoseconds; 0 when empty.
  public var mean: Double { count == 0 ? 0 : sum / Double(count) }

  /// The value at or below which `fraction` (0...1) of the values lie, in
  /// nanoseconds: the upper end of the bucket holding that rank, never
  /// above the largest value recorded. 0 when empty.
  public func percentile(_ fraction: Double) -> UInt64 {
    guard count > 0 else { return 0 }
    let rank = max(1, UInt64((fraction * Double(count)).rounded(.up)))
    var seen: UInt64 = 0
    for (index, bucketCount) in counts.enumerated() where bucketCount > 0 {
      seen += bucketCount
      if seen >= rank {
        return min(Self.upperBound(of: index), maximum)
      }
    }
    return maximum
  }

  /// The bucket of a value.
  @usableFromInline
  static func index(of value: UInt64) -> Int {
    if value < UInt64(2 * subBuckets) { return Int(value) }
    let highestBit = 63 - value.leadingZeroBitCount
    guard highestBit < maxBits else { return bucketCount - 1 }
    let shift = highestBit - subBucketBits
    let top = Int(value >> UInt64(shift))  // in subBuckets..<2*subBuckets
    return 2 * subBuckets + (shift - 1) * subBuckets + (top - subBuckets)
  }

  /// The largest value that falls in bucket `index`.
  static func upperBound(of index: Int) -> UInt64 {
    if index < 2 * subBuckets { return UInt64(index) }
    let shift = (index - 2 * subBuckets) / subBuckets + 1
    let top = UInt64((index - 2 * subBuckets) % subBuckets + subBuckets)
    return ((top + 1) << UInt64(shift)) - 1
  }
}
