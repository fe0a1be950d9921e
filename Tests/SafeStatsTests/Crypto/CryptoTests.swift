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

    @Test func sha256MatchesFIPS180Vectors() {
        // FIPS 180-2, appendix B: "abc", and the 448-bit message that needs a second padding block.
        #expect(SHA256.hex(Data("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        let twoBlocks = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"
        #expect(SHA256.hex(Data(twoBlocks.utf8)) == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        // Handed over in uneven pieces, the same digest.
        let stream = SHA256.Stream()
        let bytes = Array(twoBlocks.utf8)
        for piece in [bytes[0..<1], bytes[1..<40], bytes[40...]] { piece.withUnsafeBufferPointer { stream.update($0) } }
        #expect(stream.finish() == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(SHA256.hex(Data()) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
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
