internal import CSodium

/// Standard base64 (with padding) through libsodium, so secrets never pass through an ordinary buffer.
extension SecureBytes {
    /// Decodes base64 text of exactly `length` bytes into secure memory; nil if it is not that.
    static func fromBase64(_ text: String, length: Int) -> SecureBytes? {
        Sodium.ensureReady()
        var ok = false
        let bytes = SecureBytes(count: length) { out in
            var binLength = 0
            let rc = text.utf8CString.withUnsafeBufferPointer { b64 in
                sodium_base642bin(out.cBytes, out.count, b64.baseAddress!, b64.count - 1, nil, &binLength, nil,
                                  sodium_base64_VARIANT_ORIGINAL)
            }
            ok = rc == 0 && binLength == length
        }
        return ok ? bytes : nil
    }

    /// The secret as base64 text (for writing it into a key file).
    func base64() -> String {
        withUnsafeBytes { Base64.encode($0) }
    }
}

/// Base64 of public bytes.
enum Base64 {
    static func encode(_ bytes: UnsafeRawBufferPointer) -> String {
        Sodium.ensureReady()
        let size = sodium_base64_encoded_len(bytes.count, sodium_base64_VARIANT_ORIGINAL)
        var out = [CChar](repeating: 0, count: size)
        _ = sodium_bin2base64(&out, size, bytes.cBytes, bytes.count, sodium_base64_VARIANT_ORIGINAL)
        let text = String(decoding: out.prefix(size - 1).map { UInt8(bitPattern: $0) }, as: UTF8.self)
        sodium_memzero(&out, size)
        return text
    }

    static func encode(_ bytes: [UInt8]) -> String {
        bytes.withUnsafeBytes { encode($0) }
    }

    /// Decodes standard base64; nil if malformed.
    static func decode(_ text: String) -> [UInt8]? {
        Sodium.ensureReady()
        var out = [UInt8](repeating: 0, count: text.utf8.count)
        var length = 0
        let rc = text.utf8CString.withUnsafeBufferPointer { b64 in
            sodium_base642bin(&out, out.count, b64.baseAddress!, b64.count - 1, nil, &length, nil,
                              sodium_base64_VARIANT_ORIGINAL)
        }
        guard rc == 0 else { return nil }
        return Array(out[0..<length])
    }
}
