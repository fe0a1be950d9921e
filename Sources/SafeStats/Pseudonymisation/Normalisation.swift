import Foundation

/// Normalisation v1 of the values that pseudonyms are computed from (DESIGN.md, "Pseudonymisation").
///
/// - Text: Unicode NFKC, then leading and trailing white space (Unicode `White_Space`) removed and
///   every inner run of it replaced by one space.
/// - Names: text, then `İ` (U+0130) and `ı` (U+0131) replaced by `I`, then Unicode's
///   locale-independent full upper-casing (so `i` → `I` as well).
/// - National ids and passport numbers: names' rules, then every white space character, `-`, `.`,
///   `/` and the Unicode dashes U+2010–U+2015, U+2212 removed.
/// - Case and record ids: NFKC and trimmed only.
public enum Normalisation {
    /// Recorded in every output.
    public static let version = "v1"

    /// NFKC; white space trimmed and collapsed.
    public static func text(_ s: String) -> String {
        collapseWhiteSpace(nfkc(s))
    }

    /// A personal name: text, then upper case with Turkish/Azerbaijani dotted and dotless i as `I`.
    public static func name(_ s: String) -> String {
        upper(text(s))
    }

    /// A national id or passport number: a name without white space, dashes, dots or slashes.
    public static func identifier(_ s: String) -> String {
        var bytes: [UInt8] = []
        appendIdentifier(s, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends the UTF-8 of `identifier(s)` to `bytes`. ASCII and the full-width forms of ASCII
    /// (U+FF01–U+FF5E, which NFKC maps to U+0021–U+007E, as some forms type digits) go byte by
    /// byte, without strings; anything else through `appendIdentifierByScalars`.
    static func appendIdentifier(_ s: String, to bytes: inout [UInt8]) {
        var s = s
        let start = bytes.count
        let done = s.withUTF8 { u in
            var i = 0
            while i < u.count {
                var b = u[i]
                if b < 0x80 {
                    i += 1
                } else {
                    // A full-width form is EF BC 81–BF or EF BD 80–9E.
                    guard b == 0xEF, i + 2 < u.count, u[i + 1] == 0xBC || u[i + 1] == 0xBD else { return false }
                    let scalar = 0xF000 | (UInt32(u[i + 1] & 0x3F) << 6) | UInt32(u[i + 2] & 0x3F)
                    guard (0xFF01...0xFF5E).contains(scalar) else { return false }
                    b = UInt8(scalar - 0xFEE0)
                    i += 3
                }
                if !(b == 0x2D || b == 0x2E || b == 0x2F || b == 0x20 || (b >= 0x09 && b <= 0x0D)) {
                    bytes.append(b >= 0x61 && b <= 0x7A ? b - 0x20 : b)
                }
            }
            return true
        }
        if done { return }
        bytes.removeSubrange(start...)
        appendIdentifierByScalars(s, to: &bytes)
    }

    /// `appendIdentifier` for any text, scalar by scalar: the definition the fast path agrees with.
    static func appendIdentifierByScalars(_ s: String, to bytes: inout [UInt8]) {
        var scalars = String.UnicodeScalarView()
        for u in name(s).unicodeScalars where !isIdentifierSeparator(u) { scalars.append(u) }
        bytes.append(contentsOf: String(scalars).utf8)
    }

    /// A case or record id: NFKC, trimmed.
    public static func reference(_ s: String) -> String {
        if isPlainASCII(s) { return s }
        let n = nfkc(s)
        let scalars = n.unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let last = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        if first == scalars.startIndex && last == scalars.index(before: scalars.endIndex) { return n }
        return String(scalars[first...last])
    }

    static func nfkc(_ s: String) -> String {
        if isASCII(s) { return s }  // ASCII is its own NFKC
        return s.precomposedStringWithCompatibilityMapping
    }

    static func isASCII(_ s: String) -> Bool {
        var s = s
        return s.withUTF8 { u in
            var high: UInt8 = 0
            for b in u { high |= b }
            return high < 0x80
        }
    }

    /// ASCII without white space anywhere except single inner spaces: unchanged by `text`.
    static func isPlainASCII(_ s: String) -> Bool {
        var s = s
        return s.withUTF8 { u in
            guard let first = u.first, let last = u.last, first != 0x20, last != 0x20 else { return u.isEmpty }
            var previousSpace = false
            for b in u {
                if b >= 0x80 || (b >= 0x09 && b <= 0x0D) || (b == 0x20 && previousSpace) { return false }
                previousSpace = b == 0x20
            }
            return true
        }
    }

    static func collapseWhiteSpace(_ s: String) -> String {
        if isPlainASCII(s) { return s }
        var out = String.UnicodeScalarView()
        var pendingSpace = false
        var changed = false
        for u in s.unicodeScalars {
            if u.properties.isWhitespace {
                pendingSpace = true
                if u != " " { changed = true }
                continue
            }
            if pendingSpace {
                if !out.isEmpty { out.append(" ") }
                pendingSpace = false
            }
            out.append(u)
        }
        if !changed, out.count == s.unicodeScalars.count { return s }
        return String(out)
    }

    static func upper(_ s: String) -> String {
        if isASCII(s) {
            return String(decoding: s.utf8.map { $0 >= 0x61 && $0 <= 0x7A ? $0 - 0x20 : $0 }, as: UTF8.self)
        }
        var mapped = String.UnicodeScalarView()
        for u in s.unicodeScalars {
            mapped.append(u == "\u{130}" || u == "\u{131}" ? "I" : u)
        }
        return String(mapped).uppercased()
    }

    static func isIdentifierSeparator(_ u: Unicode.Scalar) -> Bool {
        switch u.value {
        case 0x2D, 0x2E, 0x2F, 0x2010...0x2015, 0x2212: return true
        default: return u.properties.isWhitespace
        }
    }
}
