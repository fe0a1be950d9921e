import Foundation
import Testing
@testable import SafeStats

@Suite struct CryptoTests {
    @Test func hmacSHA256MatchesRFC4231TestCase2() {
        // RFC 4231, test case 2: key "Jefe", data "what do ya want for nothing?".
        let key = SecureBytes(count: 4) { $0.copyBytes(from: Array("Jefe".utf8)) }
        let hmac = HMACSHA256(key: key)
        var message = "what do ya want for nothing?"
        let (high, low) = message.withUTF8 { hmac.truncated128(UnsafeRawBufferPointer($0)) }
        #expect(String(high, radix: 16) + String(low, radix: 16) == "5bdcc146bf60754e6a042426089575c7")
        // A copy for another thread computes the same.
        let copy = HMACSHA256(copying: hmac)
        let again = message.withUTF8 { copy.truncated128(UnsafeRawBufferPointer($0)) }
        #expect(again == (high, low))
    }

    @Test func passwordBoxRoundTripAndWrongPassphrase() throws {
        let secret = SecureBytes.random(count: 32)
        let sealed = try PasswordBox.seal(secret, passphrase: Passphrase("pw").bytes, opslimit: 1, memlimit: 8192)
        #expect(try PasswordBox.open(sealed, passphrase: Passphrase("pw").bytes).constantTimeEquals(secret))
        #expect(throws: CryptoFailure.authenticationFailed) { try PasswordBox.open(sealed, passphrase: Passphrase("pX").bytes) }
        var tampered = sealed
        tampered.ciphertext[0] ^= 1
        #expect(throws: CryptoFailure.authenticationFailed) { try PasswordBox.open(tampered, passphrase: Passphrase("pw").bytes) }
        var greedy = sealed
        greedy.memlimit = 1 << 40
        #expect(throws: CryptoFailure.malformed) { try PasswordBox.open(greedy, passphrase: Passphrase("pw").bytes) }
    }

    @Test func base64RoundTrip() {
        let bytes: [UInt8] = Array(0...40)
        let text = Base64.encode(bytes)
        #expect(text == Data(bytes).base64EncodedString())
        #expect(Base64.decode(text) == bytes)
        #expect(Base64.decode("not base64!") == nil)
    }
}
