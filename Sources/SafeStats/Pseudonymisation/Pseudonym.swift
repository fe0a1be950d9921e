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

    /// Calls `body` with the 32 hex digits, built on the stack.
    func withHexDigits<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 32) { out in
            writeHexDigits(to: out)
            return body(UnsafeBufferPointer(out))
        }
    }

    /// Writes the 32 hex digits to the start of `out`.
    @inline(__always)
    func writeHexDigits(to out: UnsafeMutableBufferPointer<UInt8>) {
        let raw = UnsafeMutableRawPointer(out.baseAddress!)
        raw.storeBytes(of: Self.hex(UInt32(truncatingIfNeeded: high >> 32)).littleEndian, toByteOffset: 0, as: UInt64.self)
        raw.storeBytes(of: Self.hex(UInt32(truncatingIfNeeded: high)).littleEndian, toByteOffset: 8, as: UInt64.self)
        raw.storeBytes(of: Self.hex(UInt32(truncatingIfNeeded: low >> 32)).littleEndian, toByteOffset: 16, as: UInt64.self)
        raw.storeBytes(of: Self.hex(UInt32(truncatingIfNeeded: low)).littleEndian, toByteOffset: 24, as: UInt64.self)
    }

    /// The eight lower-case hex digits of `v`, most significant first, as the bytes of a word
    /// from its least significant byte: each nibble is spread to a byte of its own, then turned into its digit
    /// in all eight bytes at once.
    @inline(__always)
    private static func hex(_ v: UInt32) -> UInt64 {
        // Nibble i from the top goes to byte i.
        var x = UInt64(v.byteSwapped)
        x = (x | (x << 16)) & 0x0000_FFFF_0000_FFFF
        x = (x | (x << 8)) & 0x00FF_00FF_00FF_00FF
        x = ((x & 0x000F_000F_000F_000F) << 8) | ((x >> 4) & 0x000F_000F_000F_000F)
        // 10...15 become a...f: add '0', and 'a' - '0' - 10 more where the nibble is above 9.
        let above9 = ((x &+ 0x0606_0606_0606_0606) >> 4) & 0x0101_0101_0101_0101
        return x &+ 0x3030_3030_3030_3030 &+ above9 &* 39
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

extension Pseudonym: TextCodable {
    public static func decoded(_ text: String) -> Pseudonym? { Pseudonym(hex: text) }
    public static let codingRule = "not a pseudonym (32 hex digits)"
}
