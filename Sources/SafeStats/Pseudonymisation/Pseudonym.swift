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
        withHexDigits { String(decoding: $0, as: UTF8.self) }
    }

    /// The 32 hex digits as ASCII bytes.
    var hexDigits: [UInt8] {
        withHexDigits { Array($0) }
    }

    /// Calls `body` with the 32 hex digits, built on the stack.
    func withHexDigits<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 32) { out in
            let digits: StaticString = "0123456789abcdef"
            digits.withUTF8Buffer { d in
                for i in 0..<16 {
                    out[i] = d[Int((high >> UInt64(60 - 4 * i)) & 15)]
                    out[16 + i] = d[Int((low >> UInt64(60 - 4 * i)) & 15)]
                }
            }
            return body(UnsafeBufferPointer(out))
        }
    }
}

extension Pseudonym {
    /// The pseudonym written as `hex`: exactly 32 lower-case hex digits; nil otherwise.
    init?(hex: String) {
        var hex = hex
        guard let words = hex.withUTF8({ digits -> (UInt64, UInt64)? in
            guard digits.count == 32 else { return nil }
            var high: UInt64 = 0, low: UInt64 = 0
            for (i, d) in digits.enumerated() {
                let v: UInt8
                switch d {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): v = d - UInt8(ascii: "0")
                case UInt8(ascii: "a")...UInt8(ascii: "f"): v = d - UInt8(ascii: "a") + 10
                default: return nil
                }
                if i < 16 { high = high << 4 | UInt64(v) } else { low = low << 4 | UInt64(v) }
            }
            return (high, low)
        }) else { return nil }
        self.init(high: words.0, low: words.1)
    }
}
