/// A pseudonym: the first 16 bytes of an HMAC-SHA-256, shown as 32 lower-case hex digits.
/// Ordered as its hex text is.
public struct Pseudonym: Hashable, Comparable, Sendable, CustomStringConvertible {
    let high: UInt64
    let low: UInt64

    init(high: UInt64, low: UInt64) {
        self.high = high
        self.low = low
    }

    public static func < (a: Pseudonym, b: Pseudonym) -> Bool {
        (a.high, a.low) < (b.high, b.low)
    }

    /// 32 lower-case hex digits.
    public var description: String {
        var bytes = [UInt8]()
        bytes.reserveCapacity(16)
        for word in [high, low] {
            for shift in stride(from: 56, through: 0, by: -8) { bytes.append(UInt8(truncatingIfNeeded: word >> UInt64(shift))) }
        }
        return Hex.encode(bytes)
    }
}
