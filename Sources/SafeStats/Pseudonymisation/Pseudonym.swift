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
        String(decoding: hexDigits, as: UTF8.self)
    }

    /// The 32 hex digits as ASCII bytes.
    var hexDigits: [UInt8] {
        let digits: StaticString = "0123456789abcdef"
        var out = [UInt8](repeating: 0, count: 32)
        digits.withUTF8Buffer { d in
            for (w, word) in [high, low].enumerated() {
                for i in 0..<16 {
                    out[w * 16 + i] = d[Int((word >> UInt64(60 - 4 * i)) & 15)]
                }
            }
        }
        return out
    }
}
